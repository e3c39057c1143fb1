"""Does a change to the text reader leave its answers as they were? Dump, then compare.

    python -m benchmarks.textsame --out FILE [--corpus DIR] [--captures 500]
    python -m benchmarks.textsame --out NEW --compare OLD

Parses the synthetic captures of ``benchmarks/corpus.py`` and, with ``--corpus``, every
full-page and reader-view capture of a development split (``text/`` and ``reader/``) with
``parse_text``, and writes every field of every ``Article`` (or the error it raised) as
one JSON line per capture. With ``--compare`` it prints the captures whose answer differs
from an earlier dump and exits 1 if any does: a speed-up must not change a single field.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from pathlib import Path

from benchmarks import dumps
from benchmarks.corpus import generate
from feeds.errors import CaptureError
from feeds.parse.textreader import parse_text


def answer(text: str) -> dict:
    try:
        article = parse_text(text, "x")
    except CaptureError as exc:
        return {"error": str(exc)}
    return json.loads(json.dumps(dataclasses.asdict(article), default=str))


def captures(corpus: Path | None, count: int) -> list[tuple[str, str]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in generate(Path(tmp), count):
            out.append((f"synthetic/{path.name}", path.read_text(encoding="utf-8")))
    if corpus:
        for kind in ("text", "reader"):
            for f in sorted((corpus / kind).glob("*.txt")):
                out.append((f"{kind}/{f.name}", f.read_text(encoding="utf-8")))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--corpus", type=Path)
    p.add_argument("--captures", type=int, default=500)
    p.add_argument("--compare", type=Path, help="an earlier dump to compare with")
    args = p.parse_args(argv)
    with args.out.open("w", encoding="utf-8") as fh:
        for name, text in captures(args.corpus, args.captures):
            fh.write(json.dumps({"name": name, "article": answer(text)}, sort_keys=True) + "\n")
    if not args.compare:
        return 0
    return dumps.compare(args.out, args.compare, "name")


if __name__ == "__main__":
    sys.exit(main())
