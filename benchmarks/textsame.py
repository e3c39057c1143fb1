"""Does a change to a reader leave its answers as they were? Dump, then compare.

    python -m benchmarks.textsame --out FILE [--corpus DIR] [--captures 500]
        [--kinds text,reader,html]
    python -m benchmarks.textsame --out NEW --compare OLD

Parses the synthetic captures of ``benchmarks/corpus.py`` and, with ``--corpus``, every
capture of a development split of the kinds asked (``text/`` and ``reader/`` with
``parse_text``; ``html/`` read and parsed as a build reads and parses it), and writes
every field of every ``Article`` (or the error it raised) as one JSON line per capture.
With ``--compare`` it prints the captures whose answer differs from an earlier dump and
exits 1 if any does: a speed-up must not change a single field.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks import dumps
from benchmarks.corpus import generate
from feeds.build import parse_capture
from feeds.errors import CaptureError
from feeds.parse.textreader import parse_text
from feeds.sources import read_capture


def answer(text: str) -> dict:
    try:
        article = parse_text(text, "x")
    except CaptureError as exc:
        return {"error": str(exc)}
    return json.loads(json.dumps(dataclasses.asdict(article), default=str))


def html_answer(page: Path) -> dict:
    """An HTML page as a build reads and parses it; its source path left out (the page
    is unpacked to a new folder each run)."""
    try:
        article = parse_capture(read_capture(page))
    except CaptureError as exc:
        return {"error": str(exc)}
    return json.loads(json.dumps(dataclasses.asdict(article), default=str).replace(
        json.dumps(str(page))[1:-1], page.name))


def captures(corpus: Path | None, count: int,
             kinds: tuple[str, ...] = ("text", "reader")) -> list[tuple[str, str]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in generate(Path(tmp), count):
            out.append((f"synthetic/{path.name}", path.read_text(encoding="utf-8")))
    if corpus:
        for kind in ("text", "reader"):
            if kind in kinds:
                for f in sorted((corpus / kind).glob("*.txt")):
                    out.append((f"{kind}/{f.name}", f.read_text(encoding="utf-8")))
    return out


def html_answers(corpus: Path) -> Iterator[tuple[str, dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        for f in sorted((corpus / "html").glob("*.html.gz")):
            page = Path(tmp) / f.name.removesuffix(".gz")  # read by its kind: unpacked
            page.write_bytes(gzip.decompress(f.read_bytes()))
            yield f"html/{page.name}", html_answer(page)
            page.unlink()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--corpus", type=Path)
    p.add_argument("--captures", type=int, default=500)
    p.add_argument("--kinds", default="text,reader",
                   help="which of the corpus's captures: text, reader, html")
    p.add_argument("--compare", type=Path, help="an earlier dump to compare with")
    args = p.parse_args(argv)
    kinds = tuple(args.kinds.split(","))
    with args.out.open("w", encoding="utf-8") as fh:
        for name, text in captures(args.corpus, args.captures, kinds):
            fh.write(json.dumps({"name": name, "article": answer(text)}, sort_keys=True) + "\n")
        for name, article in html_answers(args.corpus) if args.corpus and "html" in kinds else ():
            fh.write(json.dumps({"name": name, "article": article}, sort_keys=True) + "\n")
    if not args.compare:
        return 0
    return dumps.compare(args.out, args.compare, "name")


if __name__ == "__main__":
    sys.exit(main())
