"""Compare two dumps of a reader's answers (one JSON line per capture): the check that a
speed-up or a move changed nothing, shared by ``textsame`` and ``datespeed``."""

from __future__ import annotations

import json
from pathlib import Path


def compare(new: Path, old: Path, key: str) -> int:
    """Print the captures (named by their ``key`` field) whose line differs; 1 if any does."""
    before = [json.loads(line) for line in old.open(encoding="utf-8")]
    after = [json.loads(line) for line in new.open(encoding="utf-8")]
    differ = [b[key] for a, b in zip(before, after, strict=False) if a != b]
    if len(before) != len(after):
        print(f"{len(before)} captures before, {len(after)} now")
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(after)} captures, {len(differ)} differ")
    return 1 if differ or len(before) != len(after) else 0
