"""Parsed articles kept on disk between and during builds.

Holding every article in memory does not scale (100,000 captures are over a gigabyte of
text), and parsing again is what incremental builds avoid. Articles are written in packs
(one file per chunk of captures, so the store costs a handful of file writes, not one per
capture) and read back one at a time by reference. Packs are named by their content; a
pack no capture refers to any more is deleted at the end of a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from feeds import codec
from feeds.model import Article

Ref = tuple[str, int, int]  # pack file name, byte offset, length


def write_pack(folder: Path, articles: Sequence[Article]) -> list[Ref]:
    """Store ``articles`` in one pack; returns a reference for each, in order."""
    if not articles:
        return []
    lines = [json.dumps(codec.encode(a), ensure_ascii=False).encode() for a in articles]
    data = b"\n".join(lines) + b"\n"
    name = hashlib.sha256(data).hexdigest()[:24] + ".jsonl"
    path = folder / name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        # A cache, not output: a rename keeps it whole; no fsync (a lost pack is re-parsed).
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    refs: list[Ref] = []
    offset = 0
    for line in lines:
        refs.append((name, offset, len(line)))
        offset += len(line) + 1
    return refs


def read(folder: Path, ref: Ref) -> Article:
    name, offset, length = ref
    with open(folder / name, "rb") as handle:
        handle.seek(offset)
        data = handle.read(length)
    return codec.decode(Article, json.loads(data))


def is_readable(folder: Path, ref: Ref) -> bool:
    try:
        return (folder / ref[0]).stat().st_size >= ref[1] + ref[2]
    except OSError:
        return False


def collect(folder: Path, keep: Iterable[str]) -> None:
    """Delete packs (and stray temp files) that no reference in ``keep`` names."""
    wanted = set(keep)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name not in wanted:
            (folder / name).unlink(missing_ok=True)
