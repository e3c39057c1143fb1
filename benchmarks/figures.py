"""What the build benchmarks (``run.py``, ``realbuild.py``) share: each measured step runs
in a fresh process of its own script, so its imports, caches and peak RSS are its own;
the figures come back as a table for a reader and as JSON for comparing runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def child(script: str, *args: str, tail: int = 0) -> dict:
    """Run ``script --child ARGS`` and return the JSON its last printed line holds; a failed
    step stops the benchmark with its error output (the last ``tail`` characters, if set)."""
    proc = subprocess.run([sys.executable, script, "--child", *args], capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark step {args[0]} failed:\n{proc.stderr[-tail:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def aligned(rows: list[tuple[str, str]]) -> str:
    """Two columns, the names padded to the longest."""
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def report(figures: dict, table: str, path: Path | None) -> None:
    """Print ``table`` and ``figures`` as JSON; write the JSON to ``path`` too, if given."""
    print(table)
    text = json.dumps(figures, indent=2)
    print(text)
    if path:
        path.write_text(text + "\n")
