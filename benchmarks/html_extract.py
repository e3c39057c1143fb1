"""Our HTML reader against trafilatura and readability-lxml: accuracy and time.

    pip install -e '.[bench]' && python -m benchmarks.html_extract [--rounds N]
    python -m benchmarks.html_extract --corpus DIR [--limit N] [--worst 10] [--json OUT]

Without ``--corpus``: the labelled pages in tests/fixtures/html (headline, author,
paragraph count, published day) against a trafilatura-based reader: trafilatura's XML
output (``output_format="xml"`` with formatting, images and metadata) mapped onto our
blocks, its ``title``/``author``/``date`` onto our fields.

With ``--corpus``: a folder of real pages laid out as ``truth.jsonl`` plus
``html/<id>.html.gz`` (rows with ``set: "body"`` carry a human-written article body,
rows with ``headline_source: "h1+og"`` a headline two markup signals agree on) and the
Zyte article-extraction benchmark's scorer ``zyte_evaluate.py``. Every reader runs in the
same process on the same pages: body F1 by the Zyte metric (4-word shingles), pages below
0.5, pages refused, headline exact match and the reader's time per 170 KB of HTML. The
reference tools are optional: a tool that is not installed is reported as missing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from benchmarks.labelled import NOTHING, Extracted, Truth, from_article, load_truth, report, score
from feeds.build import parse_capture
from feeds.build.scan import parse_or_problem
from feeds.errors import CaptureError
from feeds.model import Block, BlockKind
from feeds.sources import read_capture

_XML_KIND = {"p": BlockKind.PARAGRAPH, "head": BlockKind.HEADING, "item": BlockKind.LIST_ITEM,
             "quote": BlockKind.QUOTE}
PAGE_BYTES = 170_000  # the cost target is stated per page of this size


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


def labelled(args: argparse.Namespace) -> None:
    truths = [t for t in load_truth() if t.heldout or not args.heldout]
    for name, run in (("ours (feeds.parse.htmlparse)", ours),
                      ("trafilatura-based", trafilatura_based)):
        s = score(truths, run)
        per_page = timed(run, truths, args.rounds)
        print(f"{report(name, s)}; {per_page * 1000:.2f} ms/page")
        if args.misses:
            for miss in s.misses:
                print("   ", miss)


# --- real pages: the Zyte metric -------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """What one reader made of one page: body text, headline ("" for none), refusal."""

    body: str
    headline: str
    refused: str = ""  # the reason, when the reader gave no article


def read_ours(path: Path, data: bytes) -> Read:
    try:
        capture = read_capture(path)
    except CaptureError as exc:
        return Read("", "", str(exc))
    article = parse_or_problem(parse_capture, capture, debug=False)
    if isinstance(article, str):  # the reason the build would report
        return Read("", "", article)
    return Read("\n".join(b.text for b in article.blocks), article.headline)


def _html_text(fragment: str) -> str:
    """An HTML fragment's text, one line per block element."""
    from lxml import html

    if not fragment.strip():
        return ""
    root = html.fromstring(fragment)
    for el in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td",
                        "blockquote", "br", "tr", "figcaption", "pre"):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _trafilatura(precision: bool) -> Callable[[Path, bytes], Read]:
    def run(path: Path, data: bytes) -> Read:
        import trafilatura

        doc = trafilatura.bare_extraction(data, favor_precision=precision,
                                          include_comments=False, with_metadata=True)
        text = (doc.text if doc is not None else "") or ""  # the same text extract() gives
        title = (doc.title if doc is not None else "") or ""
        return Read(text, title, "" if text else "no text")
    return run


def read_readability(path: Path, data: bytes) -> Read:
    from readability import Document

    try:
        doc = Document(data)
        text = _html_text(doc.summary(html_partial=True))
        title = doc.short_title() or ""
    except Exception as exc:  # readability raises bare errors on pages it cannot read
        return Read("", "", f"{type(exc).__name__}")
    return Read(text, title, "" if text else "no text")


READERS: dict[str, tuple[str, Callable[[Path, bytes], Read]]] = {
    "ours": ("feeds", read_ours),
    "trafilatura": ("trafilatura", _trafilatura(False)),
    "trafilatura-precision": ("trafilatura", _trafilatura(True)),
    "readability": ("readability", read_readability),
}


def _installed(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def corpus(args: argparse.Namespace) -> dict:
    folder = Path(args.corpus)
    sys.path.insert(0, str(folder))
    from zyte_evaluate import metrics_from_tp_fp_fns, string_shingle_matching

    lines = (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    rows = sorted((json.loads(line) for line in lines if line.strip()),
                  key=lambda r: r["id"])[: args.limit or None]
    names = [n for n in args.readers.split(",") if n]
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="html-extract-") as tmp:
        pages = []
        for row in rows:
            data = gzip.decompress((folder / "html" / f"{row['id']}.html.gz").read_bytes())
            path = Path(tmp, f"{row['id']}.html")
            path.write_bytes(data)
            pages.append((row, path, data))
        for name in names:
            module, run = READERS[name]
            if not _installed(module):
                print(f"{name}: not installed (pip install -e '.[bench]')")
                continue
            scope = pages if name == "ours" else [p for p in pages if p[0]["set"] == "body"
                                                  or args.all_pages]
            got: dict[str, Read] = {}
            spent = 0.0
            size = 0
            run(*scope[0][1:])  # warm-up: imports and models load once, outside the timing
            for row, path, data in scope:
                start = time.process_time()  # one core's time, whatever else runs
                got[row["id"]] = run(path, data)
                spent += time.process_time() - start
                size += len(data)
            results[name] = _scores(rows, got, spent, size, metrics_from_tp_fp_fns,
                                    string_shingle_matching, args.worst)
            print(json.dumps({"reader": name, **{k: v for k, v in results[name].items()
                                                 if k not in ("worst", "refused_pages")}}))
            for line in results[name]["worst"]:
                print("   ", line)
            for line in results[name]["refused_pages"][: args.worst]:
                print("    refused", line)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return results


def _scores(rows, got, spent, size, metrics, shingles, worst) -> dict:
    body_rows = [r for r in rows if r["set"] == "body" and r["id"] in got]
    per_page = [(r, shingles(true=r["body"], pred=got[r["id"]].body)) for r in body_rows]
    try:
        m = metrics([tpfpfn for _, tpfpfn in per_page]) if per_page else {}
    except ZeroDivisionError:
        m = {"f1": 0.0, "precision": 0.0, "recall": 0.0}

    def f1(t: tuple[float, float, float]) -> float:
        tp, fp, fn = t
        return 2 * tp / max(2 * tp + fp + fn, 1e-9)

    heads = [r for r in rows if r["headline_source"] == "h1+og" and r["id"] in got]
    refused = [r for r in rows if r["id"] in got and got[r["id"]].refused]
    ranked = sorted(per_page, key=lambda p: f1(p[1]))[:worst]
    return {
        "body_f1": round(m.get("f1", 0.0), 4), "body_p": round(m.get("precision", 0.0), 4),
        "body_r": round(m.get("recall", 0.0), 4), "body_pages": len(per_page),
        "body_lt_0_5": sum(1 for _, t in per_page if f1(t) < 0.5),
        "headline_h1og": round(sum(_norm(got[r["id"]].headline) == _norm(r["headline"])
                                   for r in heads) / max(len(heads), 1), 4),
        "pages": len(got), "refused": len(refused),
        "cpu_ms_per_170kb": round(spent / max(size, 1) * PAGE_BYTES * 1000, 2),
        "cpu_ms_per_page": round(spent / max(len(got), 1) * 1000, 2),
        "worst": [f"{r['id']} f1={f1(t):.3f} {r['url'][:70]}" for r, t in ranked],
        "refused_pages": [f"{r['id']} {got[r['id']].refused} {r['url'][:70]}" for r in refused],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--misses", action="store_true", help="list every wrong field")
    ap.add_argument("--heldout", action="store_true",
                    help="only the pages written after the reader (truth.toml heldout)")
    ap.add_argument("--corpus", help="a folder of real pages (truth.jsonl, html/, "
                                     "zyte_evaluate.py): score bodies by the Zyte metric")
    ap.add_argument("--readers", default=",".join(READERS),
                    help="comma-separated, of: " + ", ".join(READERS))
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (by id)")
    ap.add_argument("--worst", type=int, default=10, help="list this many worst pages")
    ap.add_argument("--all-pages", action="store_true",
                    help="run the reference tools on every page, not only the body set")
    ap.add_argument("--json", help="write every figure and page list here")
    args = ap.parse_args()
    if args.corpus:
        corpus(args)
    else:
        labelled(args)


if __name__ == "__main__":
    main()
