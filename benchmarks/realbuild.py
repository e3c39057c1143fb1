"""A full build of real HTML pages against what a user would script with trafilatura + feedgen.

    pip install -e '.[bench]' && python -m benchmarks.realbuild [--corpus DIR] [--limit N]

The pages of the real-page corpus (``../shared/corpus/html``, or ``--corpus``/``FEEDS_CORPUS``)
come from hundreds of sites, a few pages each: the shape where a build's per-site costs
(three feeds, archives, a site page, folders, flushes) show, which the benchmark corpus of
``run.py`` (20 big sites) hides. The pages are unpacked once into a temporary folder, then
two runs are measured, each in its own process, by CPU time (user + system, the process and
its children) and by wall time:

- ``feeds build -j 1`` into an empty output folder (``feeds.build.build``, imports excluded);
- the reference: ``trafilatura.bare_extraction`` on each page (metadata on, default
  settings), the pages grouped by the site trafilatura names (else its host name), and one
  feedgen RSS file per site, each entry with its title, link, date and text.

The reference does far less (no merging, no date evidence, no pages, no Atom, JSON Feed or
archives); the figure is how many times its pages/s the build reaches. The build also
writes its stage timings. The corpus is read in place and copied only to a temporary
folder; it is never part of the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from benchmarks.figures import aligned, child, report  # noqa: E402 - needs the path above


def corpus_dir(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FEEDS_CORPUS") or ROOT.parent / "shared" / "corpus")


def unpack(corpus: Path, folder: Path, limit: int) -> int:
    """The corpus's pages as ``<id>.html`` files, in id order (the first ``limit``)."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = sorted((corpus / "html").glob("*.html.gz"))[: limit or None]
    for path in pages:
        with gzip.open(path) as fh:
            (folder / path.name.removesuffix(".gz")).write_bytes(fh.read())
    return len(pages)


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


# -- measured in a child process ----------------------------------------------------------


def child_build(pages: str, out: str) -> dict:
    from feeds.build import BuildOptions, build

    options = BuildOptions(inputs=(pages,), output=Path(out),
                           base_url="http://bench.example/", jobs=1)
    cpu, t0 = _cpu(), time.perf_counter()
    result = build(options)
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": _cpu() - cpu,
            "items": len(result.items), "parsed": result.parsed,
            "sites": len({i.site_slug for i in result.items}),
            "files": len(result.written), "problems": len(result.problems),
            "stages": dict(result.timings)}


def child_reference(pages: str, out: str) -> dict:
    """trafilatura reads each page; feedgen writes one RSS file per site."""
    import re
    from datetime import UTC, datetime

    import trafilatura
    from feedgen.feed import FeedGenerator

    cpu, t0 = _cpu(), time.perf_counter()
    by_site: dict[str, list[tuple[str, dict]]] = {}
    for path in sorted(Path(pages).glob("*.html")):
        doc = trafilatura.bare_extraction(path.read_bytes(), with_metadata=True,
                                          as_dict=True)
        if not doc or not doc.get("text"):
            continue
        site = doc.get("sitename") or doc.get("hostname") or "unknown"
        by_site.setdefault(site, []).append((path.stem, doc))
    Path(out).mkdir(parents=True, exist_ok=True)
    for n, (site, docs) in enumerate(sorted(by_site.items())):
        fg = FeedGenerator()
        fg.id(f"urn:site:{n}")
        fg.title(site)
        fg.link(href=f"http://bench.example/{n}/", rel="alternate")
        fg.description(f"Pages from {site}")
        for name, doc in docs:
            fe = fg.add_entry(order="append")
            fe.id(f"urn:page:{name}")
            fe.title(doc.get("title") or name)
            fe.link(href=doc.get("url") or f"http://bench.example/{n}/{name}")
            try:
                day = datetime.fromisoformat(doc.get("date") or "").replace(tzinfo=UTC)
            except ValueError:
                day = datetime(2000, 1, 1, tzinfo=UTC)
            fe.published(day)
            fe.content(doc["text"], type="CDATA")
        fg.rss_file(str(Path(out) / f"{re.sub(r'[^a-z0-9]+', '-', site.lower())}-{n}.xml"),
                    pretty=True)
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": _cpu() - cpu,
            "items": sum(len(d) for d in by_site.values()), "sites": len(by_site)}


# -- the driver ---------------------------------------------------------------------------


_child = partial(child, __file__, tail=2000)


def run(corpus: Path, limit: int, work: Path) -> dict:
    pages = work / "pages"
    n = unpack(corpus, pages, limit)
    figures: dict = {"pages": n, "load_before": os.getloadavg()}
    figures["reference"] = _child("reference", str(pages), str(work / "reference"))
    figures["build"] = _child("build", str(pages), str(work / "out"))
    figures["load_after"] = os.getloadavg()
    ours, ref = figures["build"], figures["reference"]
    figures["ratios"] = {
        "build_pages_per_cpu_s": n / ours["cpu_seconds"],
        "reference_pages_per_cpu_s": n / ref["cpu_seconds"],
        "build_vs_reference_by_cpu": ref["cpu_seconds"] / ours["cpu_seconds"],
        "build_vs_reference_by_wall": ref["seconds"] / ours["seconds"],
    }
    return figures


def table(f: dict) -> str:
    b, r, x = f["build"], f["reference"], f["ratios"]
    rows = [
        ("pages", f"{f['pages']} real HTML pages; load {f['load_before'][0]:.1f} -> "
                  f"{f['load_after'][0]:.1f}"),
        ("feeds build -j 1", f"{b['cpu_seconds']:.2f} s CPU, {b['seconds']:.2f} s wall  "
                             f"({x['build_pages_per_cpu_s']:.0f} pages/s by CPU; "
                             f"{b['items']} items, {b['sites']} sites, {b['files']} files)"),
    ]
    rows += [(f"  {stage}", f"{seconds:.2f} s") for stage, seconds in b["stages"].items()]
    rows += [
        ("trafilatura + feedgen", f"{r['cpu_seconds']:.2f} s CPU, {r['seconds']:.2f} s wall  "
                                  f"({x['reference_pages_per_cpu_s']:.0f} pages/s by CPU; "
                                  f"{r['items']} items, {r['sites']} feeds)"),
        ("build / reference pages/s", f"{x['build_vs_reference_by_cpu']:.2f}x by CPU, "
                                      f"{x['build_vs_reference_by_wall']:.2f}x by wall "
                                      "(goal: >= 2x)"),
    ]
    return aligned(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        kind, pages, out = argv[1:]
        result = child_build(pages, out) if kind == "build" else child_reference(pages, out)
        print(json.dumps(result))
        return 0
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", help="the real-page corpus (default: ../shared/corpus)")
    p.add_argument("--limit", type=int, default=0, help="only the first N pages (by id)")
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args(argv)
    corpus = corpus_dir(args.corpus)
    if not (corpus / "html").is_dir():
        raise SystemExit(f"{corpus}: no html/ folder of real pages here")
    with tempfile.TemporaryDirectory(prefix="feeds-realbuild-") as tmp:
        figures = run(corpus, args.limit, Path(tmp))
    report(figures, table(figures), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
