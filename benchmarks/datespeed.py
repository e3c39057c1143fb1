"""What the date stage costs per real page, on one core; and whether a change moved a date.

    python -m benchmarks.datespeed --corpus DIR [--limit N] [--rounds 3] [--kinds html,text]
    python -m benchmarks.datespeed --corpus DIR --dump NEW [--compare OLD]
    python -m benchmarks.datespeed --synthetic 2000 [--corpus DIR ...]

Reads a real-page split in place (``html/<id>.html.gz``, ``text/<id>.txt``,
``reader/<id>.txt``, ``truth.jsonl``)
and times the date work alone, in CPU time (process time: on a shared machine wall time
counts the neighbours' work too):

* per HTML page — the markup scan (``feeds.parse.htmldates``), the check whether the page
  states a day, htmldate's fast mode where it does not, and the resolver;
* per text capture (``--kinds text``, or ``reader`` for the reader-view captures) — the
  resolver;
* with ``--synthetic N``, per capture of ``benchmarks/corpus.py``'s realistic corpus (the
  one ``benchmarks/run.py`` builds) — the resolver.

Each page is parsed once, untimed; its date work then runs ``--rounds`` times and the
fastest run counts, so a busy machine disturbs the figure as little as it can. Printed:
milliseconds per page for each stage and in all.

``--dump FILE`` writes what ``feeds explain --json`` shows of every capture (its parsed
fields, the metadata the scan recorded, every finding and the chosen date) as one JSON
line per capture; ``--compare OLD`` prints the captures whose line differs from an earlier
dump and exits 1 if any does: a speed-up must not move a single date or finding.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import dumps
from feeds.build import parse_capture
from feeds.cli.explain import explain_story
from feeds.dates import DateContext, resolve
from feeds.dates.evidence import common
from feeds.dates.salvage import dates_only
from feeds.errors import CaptureError
from feeds.grammar import dates as grammar
from feeds.merge import group_stories
from feeds.model import Capture, Story
from feeds.parse.htmldate_source import find_day, states_a_day
from feeds.parse.htmldates import scan
from feeds.parse.htmldoc import heading, parse
from feeds.parse.htmlheadline import TITLE_SEPARATORS
from feeds.parse.htmlmeta import read_meta
from feeds.sources import read_capture


def clear_cache() -> None:
    """Forget what an earlier run worked out: the grammar's scanned texts and the page
    order kept for the last capture (a build asks each capture once). A build from before
    either was kept has nothing to forget."""
    getattr(grammar, "clear_cache", lambda: None)()
    getattr(common, "forget", lambda: None)()


def fastest(work: Callable[[], object], rounds: int) -> float:
    """The least CPU time, in milliseconds, of ``rounds`` runs of ``work``, each from a
    cold start: what an earlier run (or the untimed parse) scanned is forgotten first."""
    best = float("inf")
    for _ in range(rounds):
        clear_cache()
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best * 1000


def story_of(capture: Capture) -> Story:
    """The capture's story as ``feeds explain`` builds it; a refused page keeps only its
    date statements (``feeds.dates.salvage``)."""
    try:
        return group_stories([parse_capture(capture)])[0]
    except Exception:  # noqa: BLE001 - a refused page is still dated, as explain does
        article = dates_only(capture)
        return Story(id=f"refused:{capture.path}", article=article, captures=(article,))


def markup_work(capture: Capture) -> Callable[[], object] | None:
    """The reader's date work on the page's markup (the tree is parsed and its headings
    read beforehand, as the reader does for everything else), or None when the page does
    not parse."""
    try:
        root = parse(capture.text)
        meta = read_meta(root)
    except Exception:  # noqa: BLE001 - the reader's own failure; the scan never runs
        return None
    segments = TITLE_SEPARATORS.split(meta.title)
    titles = (meta.og_title, meta.ld_headline, meta.item_headline, meta.title,
              max(segments, key=len))
    # the headings, which the reader reads for its headline choice and hands to the scan
    read = {h: heading(h) for h in root.iter("h1", "h2", "h3", "h4")}

    def work() -> object:
        stated = scan(root, titles, read)
        if not states_a_day((*meta.dates, *stated, ("url", capture.url or ""))):
            return find_day(root, capture.captured_at)
        return stated

    return work


def measure(paths: list[Path], kind: str, rounds: int, dump) -> dict[str, float]:
    totals = {"scan": 0.0, "resolve": 0.0}
    context = DateContext()
    for path in paths:
        try:
            capture = read_capture(path)
        except CaptureError:
            continue  # an empty capture: nothing to date
        story = story_of(capture)
        if kind == "html":
            work = markup_work(capture)
            if work is not None:
                totals["scan"] += fastest(work, rounds)
        totals["resolve"] += fastest(lambda story=story: resolve(story, context), rounds)
        if dump is not None:
            shown = explain_story(story, resolve(story, context))
            shown["id"] = f"{kind}/{path.name}"
            line = json.dumps(shown, sort_keys=True, default=str)
            # the pages are unpacked to a new folder each run: name them by file alone
            dump.write(line.replace(f"{path.parent}/", "") + "\n")
    return totals


def corpus_paths(root: Path, kind: str, limit: int, tmp: Path) -> list[Path]:
    rows = [json.loads(line) for line in (root / "truth.jsonl").read_text().splitlines()]
    ids = sorted(r["id"] for r in rows)[: limit or None]
    if kind in ("text", "reader"):  # the full-page capture, or the reader view's
        return [p for i in ids if (p := root / kind / f"{i}.txt").is_file()]
    out = []
    for i in ids:  # a capture is read from a file named for its kind: unpack, never copy
        page = tmp / f"{i}.html"
        page.write_bytes(gzip.decompress((root / "html" / f"{i}.html.gz").read_bytes()))
        out.append(page)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, help="a real-page split (see above)")
    p.add_argument("--synthetic", type=int, default=0, metavar="N",
                   help="also N captures of the realistic synthetic corpus")
    p.add_argument("--kinds", default="html,text")
    p.add_argument("--limit", type=int, default=0, help="only the first N pages (by id)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--dump", type=Path, help="write every capture's explained date here")
    p.add_argument("--compare", type=Path, help="an earlier dump to compare with")
    args = p.parse_args(argv)
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    with tempfile.TemporaryDirectory() as tmp:
        sets = [(kind, corpus_paths(args.corpus, kind, args.limit, Path(tmp)))
                for kind in (args.kinds.split(",") if args.corpus else ())]
        if args.synthetic:
            from benchmarks.corpus import generate

            sets.append(("synthetic", generate(Path(tmp) / "synthetic", args.synthetic)))
        for kind, paths in sets:
            totals = measure(paths, kind, args.rounds, dump)
            n = max(len(paths), 1)
            parts = "  ".join(f"{k} {v / n:.3f}" for k, v in totals.items() if v)
            print(f"{kind:<5} {len(paths):>4} pages  dates {sum(totals.values()) / n:.3f} "
                  f"ms/page  ({parts})")
    if dump is not None:
        dump.close()
    if args.compare and args.dump:
        return dumps.compare(args.dump, args.compare, "id")
    return 0


if __name__ == "__main__":
    sys.exit(main())
