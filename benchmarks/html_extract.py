"""Our HTML reader against a trafilatura-based one, on the labelled pages: accuracy and time.

    pip install -e '.[bench]' && python -m benchmarks.html_extract [--rounds N]

The trafilatura-based reader is what feeds would use if it adopted trafilatura: its XML
output (``output_format="xml"`` with formatting, images and metadata) mapped onto our
blocks, its ``title``/``author``/``date`` onto our fields.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from lxml import etree

from benchmarks.labelled import NOTHING, Extracted, Truth, from_article, load_truth, report, score
from feeds.build import parse_capture
from feeds.errors import CaptureError
from feeds.model import Block, BlockKind
from feeds.sources import read_capture

_XML_KIND = {"p": BlockKind.PARAGRAPH, "head": BlockKind.HEADING, "item": BlockKind.LIST_ITEM,
             "quote": BlockKind.QUOTE}


def ours(truth: Truth) -> Extracted:
    try:
        return from_article(parse_capture(read_capture(truth.path)))
    except CaptureError:
        return NOTHING


def trafilatura_blocks(xml: str) -> list[Block]:
    """trafilatura's XML body -> our blocks; nested markup is flattened to plain text."""
    doc = etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    blocks = []
    for el in (main.iter() if main is not None else ()):
        kind = _XML_KIND.get(el.tag)
        if el.tag == "graphic" and el.get("title"):
            blocks.append(Block(BlockKind.CAPTION, el.get("title")))
        if kind is None or (kind is BlockKind.PARAGRAPH and el.getparent().tag == "quote"):
            continue
        text = " ".join("".join(el.itertext()).split())
        if text:
            blocks.append(Block(kind, text))
    return blocks


def trafilatura_based(truth: Truth) -> Extracted:
    import trafilatura

    xml = trafilatura.extract(
        truth.path.read_bytes(), output_format="xml", include_formatting=True,
        include_images=True, include_comments=False, with_metadata=True,
    )
    if not xml:
        return NOTHING
    doc = etree.fromstring(xml.encode("utf-8"))
    blocks = trafilatura_blocks(xml)
    authors = [a.strip() for a in (doc.get("author") or "").split(";") if a.strip()]
    author = (", ".join(authors[:-1]) + " and " + authors[-1]) if len(authors) > 1 else (
        authors[0] if authors else None)
    return Extracted(
        headline=doc.get("title"),
        author=author,
        paragraphs=sum(1 for b in blocks if b.kind is BlockKind.PARAGRAPH),
        published=doc.get("date") or None,
    )


def timed(run: Callable[[Truth], Extracted], truths: list[Truth], rounds: int) -> float:
    """Mean seconds per page over ``rounds`` passes, after one warm-up pass."""
    for t in truths:
        run(t)
    start = time.perf_counter()
    for _ in range(rounds):
        for t in truths:
            run(t)
    return (time.perf_counter() - start) / (rounds * len(truths))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--misses", action="store_true", help="list every wrong field")
    ap.add_argument("--heldout", action="store_true",
                    help="only the pages written after the reader (truth.toml heldout)")
    args = ap.parse_args()
    truths = [t for t in load_truth() if t.heldout or not args.heldout]
    for name, run in (("ours (feeds.htmlparse)", ours),
                      ("trafilatura-based", trafilatura_based)):
        s = score(truths, run)
        per_page = timed(run, truths, args.rounds)
        print(f"{report(name, s)}; {per_page * 1000:.2f} ms/page")
        if args.misses:
            for miss in s.misses:
                print("   ", miss)


if __name__ == "__main__":
    main()
