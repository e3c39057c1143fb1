"""Publication dates: our resolver next to htmldate, on the same pages, in one run.

    pip install -e '.[bench]'
    python -m benchmarks.html_dates                      # the labelled pages in tests/
    python -m benchmarks.html_dates --corpus DIR [--limit N] [--misses]

Without ``--corpus``: ours is the first published-date value we record (JSON-LD, Open
Graph, microdata, ``<time>``, visible byline date, in that order); htmldate is asked for
the original publication date. A page that states no publication date is right only when
no date is given.

With ``--corpus DIR``: a folder of real pages laid out as ``truth.jsonl`` (rows with
``id``, ``set`` and a gold ``date``), ``html/<id>.html.gz`` and optionally
``text/<id>.txt`` (a browser's visible text of the same page). Every row of the "dates"
set is scored as htmldate's evaluation does: the exact day, no answer counts as wrong.
Printed: our resolver on the HTML and on the text captures (accuracy, the share of wrong
answers at confidence >= 0.8, milliseconds of date work per page: markup scan plus
resolver), htmldate extensive and fast (given the capture bounds as min/max date), and
our resolver without htmldate fast (which it asks only where the page states no day it
can read), and dateparser on the dated lines we find, against our grammar.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from benchmarks.labelled import Truth, load_truth, published_day
from feeds.build import parse_capture
from feeds.errors import CaptureError
from feeds.sources import read_capture


def ours(truth: Truth) -> str | None:
    try:
        return published_day(parse_capture(read_capture(truth.path)).metadata)
    except CaptureError:
        return None


def with_htmldate(truth: Truth) -> str | None:
    from htmldate import find_date

    text = read_capture(truth.path).text
    return find_date(text, original_date=True, extensive_search=True)


def labelled(args: argparse.Namespace) -> None:
    truths = [t for t in load_truth() if t.heldout or not args.heldout]
    if args.raw:
        for t in truths:
            meta = parse_capture(read_capture(t.path)).metadata
            dates = [(k, v) for k, v in meta if k not in ("image", "section", "keyword")]
            print(f"{t.file} (truth {t.published or 'none'}): {dates}")
    for name, run in (("ours (published-date metadata)", ours), ("htmldate", with_htmldate)):
        start = time.perf_counter()
        answers = [(t, run(t)) for t in truths]
        per_page = (time.perf_counter() - start) / len(truths)
        right = sum((got or "") == t.published for t, got in answers)
        print(f"{name}: published date {right}/{len(truths)} = {right / len(truths):.0%}; "
              f"{per_page * 1000:.2f} ms/page")
        if args.misses:
            for t, got in answers:
                if (got or "") != t.published:
                    print(f"    {t.file}: want {t.published!r}, got {got!r}")


# --- real pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    day: str | None
    confidence: float
    ms: float  # date work only: the markup scan and the resolver


def _resolve_page(path: Path, html_text: str | None) -> tuple[Answer, list[str]]:
    """Our date for one capture as ``feeds explain`` gives it (refused pages included; its
    value, as the real-page scorer reads it), and the dated lines the markup scan found."""
    from feeds.dates import DateContext, resolve
    from feeds.dates.salvage import dates_only
    from feeds.merge import group_stories
    from feeds.model import Story
    from feeds.parse.htmldate_source import find_day, states_a_day

    try:
        capture = read_capture(path)
    except CaptureError:  # an empty capture: nothing to date, an unanswered page
        return Answer(None, 0.0, 0.0), []
    try:
        article = parse_capture(capture)
        story = group_stories([article])[0]
    except Exception:  # noqa: BLE001 - a refused page is still dated, as explain does
        article = dates_only(capture)
        story = Story(id="refused", article=article, captures=(article,))
    scan_ms = 0.0
    if html_text is not None:  # the scan runs inside the reader: time it on its own too
        from feeds.parse.htmldates import scan
        from feeds.parse.htmldoc import parse
        from feeds.parse.htmlmeta import read_meta

        try:
            root = parse(html_text)
            meta = read_meta(root)
        except Exception:  # noqa: BLE001 - the reader's own failure; the scan never ran
            root = None
        if root is not None:
            start = time.perf_counter()
            stated = scan(root)
            if not states_a_day((*meta.dates, *stated, ("url", capture.url or ""))):
                find_day(root, capture.captured_at)
            scan_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    estimate = resolve(story, DateContext())
    ms = scan_ms + (time.perf_counter() - start) * 1000
    lines = [v for k, v in article.metadata
             if k.split(":")[0] in ("near-headline", "date-element", "dated-line")]
    return Answer(estimate.value.date().isoformat(), estimate.confidence, ms), lines


def _htmldate(text: str, fast: bool) -> tuple[str | None, float]:
    from htmldate import find_date

    start = time.perf_counter()
    try:
        if fast:  # our capture bounds: the plausible range, up to today for these pages
            got = find_date(text, extensive_search=False, original_date=True,
                            min_date=datetime(1990, 1, 1), max_date=datetime.now())
        else:
            got = find_date(text, extensive_search=True, original_date=True)
    except Exception:  # noqa: BLE001 - htmldate raising is an unanswered page
        got = None
    return got, (time.perf_counter() - start) * 1000


def _score(rows: list[dict], answers: dict[str, Answer]) -> str:
    n = len(rows)
    right = sum(answers[r["id"]].day == r["date"] for r in rows)
    sure = [r for r in rows if answers[r["id"]].confidence >= 0.8]
    wrong = sum(answers[r["id"]].day != r["date"] for r in sure)
    ms = sum(a.ms for a in answers.values()) / max(len(answers), 1)
    return (f"exact day {right}/{n} = {right / n:.3f}; wrong at confidence >= 0.8: "
            f"{wrong}/{len(sure)} = {wrong / max(len(sure), 1):.1%}; dates {ms:.2f} ms/page")


def _dateparser_check(lines: list[str]) -> str:
    """dateparser on the dated lines our scan found: agreement with our grammar, and cost."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return "dateparser: not installed"
    from feeds.grammar.dates import find_dates

    lines = lines[:300]
    start = time.perf_counter()
    theirs = []
    for line in lines:
        found = search_dates(line, settings={"RETURN_AS_TIMEZONE_AWARE": False})
        theirs.append(found[0][1].date() if found else None)
    dp_ms = (time.perf_counter() - start) * 1000 / max(len(lines), 1)
    start = time.perf_counter()
    mine = []
    for line in lines:
        days = [m for m in find_dates(line, True) if m.day and m.year]
        mine.append(days[0].span()[0] if days else None)
    our_ms = (time.perf_counter() - start) * 1000 / max(len(lines), 1)
    both = sum(a is not None and a == b for a, b in zip(theirs, mine, strict=True))
    only_dp = sum(a is not None and b is None for a, b in zip(theirs, mine, strict=True))
    only_us = sum(b is not None and a is None for a, b in zip(theirs, mine, strict=True))
    return (f"dateparser on {len(lines)} dated lines: same day {both}, only dateparser "
            f"{only_dp}, only ours {only_us}; {dp_ms:.2f} ms/line vs ours {our_ms:.3f}")


def corpus(args: argparse.Namespace) -> None:
    root = Path(args.corpus)
    rows = [json.loads(line) for line in (root / "truth.jsonl").read_text().splitlines()]
    rows = sorted((r for r in rows if r.get("set") == "dates" and r.get("date")),
                  key=lambda r: r["id"])[: args.limit or None]
    tmp = Path(args.workdir or tempfile.mkdtemp(prefix="feeds-html-dates-"))
    tmp.mkdir(parents=True, exist_ok=True)
    html_answers: dict[str, Answer] = {}
    text_answers: dict[str, Answer] = {}
    extensive: dict[str, Answer] = {}
    fast: dict[str, Answer] = {}
    without: dict[str, Answer] = {}
    lines: list[str] = []
    from feeds.parse import htmldate_source
    for r in rows:
        raw = gzip.decompress((root / "html" / f"{r['id']}.html.gz").read_bytes())
        page = tmp / f"{r['id']}.html"
        page.write_bytes(raw)
        text = read_capture(page).text
        html_answers[r["id"]], found = _resolve_page(page, text)
        lines += found
        htmldate_source.ENABLED = False
        without[r["id"]], _ = _resolve_page(page, text)
        htmldate_source.ENABLED = True
        got, ms = _htmldate(text, fast=False)
        extensive[r["id"]] = Answer(got, 0.0, ms)
        got, ms = _htmldate(text, fast=True)
        fast[r["id"]] = Answer(got, 0.0, ms)
        captured = root / "text" / f"{r['id']}.txt"
        if captured.is_file():
            text_answers[r["id"]], _ = _resolve_page(captured, None)
    print(f"{len(rows)} pages of the 'dates' set")
    print(f"ours, HTML:               {_score(rows, html_answers)}")
    if text_answers:
        print(f"ours, text captures:      {_score(rows, text_answers)}")
    print(f"htmldate extensive, HTML: {_score(rows, extensive)}")
    print(f"htmldate fast, HTML:      {_score(rows, fast)}")
    print(f"ours without htmldate:    {_score(rows, without)}")
    print(_dateparser_check(lines))
    if args.misses:
        for r in rows:
            a = html_answers[r["id"]]
            if a.day != r["date"]:
                print(f"    {r['id']}: want {r['date']}, got {a.day} ({a.confidence:.2f}); "
                      f"htmldate {extensive[r['id']].day}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every wrong date")
    ap.add_argument("--raw", action="store_true", help="print the date metadata of each page")
    ap.add_argument("--heldout", action="store_true",
                    help="only the pages written after the reader (truth.toml heldout)")
    ap.add_argument("--corpus", metavar="DIR", help="a folder of real pages (see above)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (by id)")
    ap.add_argument("--workdir", help="where the pages are unpacked (default: a temporary "
                    "folder)")
    args = ap.parse_args()
    if args.corpus:
        corpus(args)
    else:
        labelled(args)


if __name__ == "__main__":
    main()
