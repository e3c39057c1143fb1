"""htmldate against our published-date metadata on the labelled pages.

    pip install -e '.[bench]' && python -m benchmarks.html_dates

Ours is the first published-date value we record (JSON-LD, Open Graph, microdata,
``<time>``, visible byline date, in that order); htmldate is asked for the original
publication date. A page that states no publication date is right only when no date is
given.
"""

from __future__ import annotations

import argparse
import time

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every wrong date")
    ap.add_argument("--raw", action="store_true", help="print the date metadata of each page")
    ap.add_argument("--heldout", action="store_true",
                    help="only the pages written after the reader (truth.toml heldout)")
    args = ap.parse_args()
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


if __name__ == "__main__":
    main()
