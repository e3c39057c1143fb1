"""What the text reader costs per 10 KB of capture, on one core.

    python -m benchmarks.textspeed [--captures 500] [--rounds 3] [--corpus DIR]

Times ``parse_text`` alone (the file is already read and decoded) over the synthetic
captures of ``benchmarks/corpus.py`` (the shapes the build meets: header-first pages,
byline blocks, reader views, hard-wrapped text) and, with ``--corpus``, over the real
full-page and reader-view captures of a development split (``text/`` and ``reader/``).
Prints milliseconds of CPU time (process time: on a shared machine wall time counts the
neighbours' work too) per 10 KB for each set: the best of ``--rounds`` passes, after a
warm-up pass, so a busy machine disturbs the figure as little as it can.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import generate
from feeds.errors import CaptureError
from feeds.parse.textreader import parse_text


def ms_per_10kb(texts: list[str], rounds: int) -> float:
    def one_pass() -> float:
        start = time.process_time()
        for text in texts:
            with contextlib.suppress(CaptureError):
                parse_text(text, "x")
        return time.process_time() - start

    one_pass()
    best = min(one_pass() for _ in range(rounds))
    size = sum(len(t.encode("utf-8")) for t in texts)
    return 1000 * best / (size / 10_000)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--captures", type=int, default=500)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--corpus", type=Path, help="a real-page split with text/ and reader/")
    args = p.parse_args(argv)
    sets: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.captures)
        sets["synthetic"] = [path.read_text(encoding="utf-8") for path in paths]
    if args.corpus:
        for kind in ("text", "reader"):
            files = sorted((args.corpus / kind).glob("*.txt"))
            sets[f"real {kind}"] = [f.read_text(encoding="utf-8") for f in files]
    for name, texts in sets.items():
        cost = ms_per_10kb(texts, args.rounds)
        print(f"{name:<12} {len(texts):>6} captures  {cost:7.3f} ms/10 KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
