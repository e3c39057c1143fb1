"""Score the readers and the date resolver on the real-page corpus, next to the tools people know.

    pip install -e '.[bench]' && python -m benchmarks.realpages [--limit N] [--tools] [--worst F]

The corpus (``../shared/corpus`` beside the repository, or ``--corpus``/``FEEDS_CORPUS``) holds
real pages as HTML, as full-page text captures and as reader-view captures, with gold dates,
gold bodies and silver headlines; its README says how each figure is scored, and this script
scores the same way. Our figures come from ``feeds explain --json`` over a folder of each
kind — the build's own path, as a user runs it — so what is measured is what is published.

With ``--tools`` the same pages are also read by htmldate (dates, extensive and fast),
trafilatura (``favor_precision``; body and title) and readability-lxml (body and title),
when they are installed, so every row of the table comes from one run on one set of pages.
The corpus is read in place and copied only to a temporary folder; it is never part of
the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("html", "text", "reader")


def corpus_dir(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FEEDS_CORPUS") or ROOT.parent / "shared" / "corpus")


@dataclass
class Guess:
    """What one reader said about one page; None where it said nothing."""

    headline: str | None = None
    date: str | None = None
    confidence: float | None = None
    site: str | None = None
    body: str | None = None


@dataclass
class Row:
    name: str
    guesses: dict[str, Guess] = field(default_factory=dict)
    seconds: float = 0.0
    scores: dict[str, object] = field(default_factory=dict)


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def site_key(text: str | None) -> str:
    return re.sub(r"\W+", "", (text or "").casefold())


def load_rows(corpus: Path, limit: int) -> list[dict]:
    with open(corpus / "truth.jsonl", encoding="utf-8") as fh:
        rows = sorted((json.loads(line) for line in fh), key=lambda r: r["id"])
    return rows[: limit or None]


def html_bytes(corpus: Path, pid: str) -> bytes:
    with gzip.open(corpus / "html" / f"{pid}.html.gz") as fh:
        return fh.read()


def stage(corpus: Path, rows: list[dict], kind: str, tmp: Path) -> Path:
    """The pages of one kind in a folder of their own, named as explain reports them."""
    folder = tmp / kind
    folder.mkdir()
    for r in rows:
        if kind == "html":
            (folder / f"{r['id']}.html").write_bytes(html_bytes(corpus, r["id"]))
        else:
            (folder / f"{r['id']}.txt").write_bytes((corpus / kind / f"{r['id']}.txt").read_bytes())
    return folder


def ours(folder: Path) -> tuple[dict[str, Guess], float]:
    """`feeds explain --json` over the folder: headline, site, blocks and date per capture
    (a refused capture prints no blocks: its body is empty)."""
    feeds = Path(sys.executable).with_name("feeds")
    cmd = [str(feeds)] if feeds.exists() else [sys.executable, "-m", "feeds"]
    start = time.perf_counter()
    proc = subprocess.run([*cmd, "explain", str(folder), "--json"], capture_output=True,
                          text=True, check=False)
    seconds = time.perf_counter() - start
    try:
        records = json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.exit(f"explain failed (exit {proc.returncode}): {proc.stderr[-500:]}")
    got: dict[str, Guess] = {}
    for rec in records:
        d = rec.get("date") or {}
        for c in rec.get("captures", []):
            pid = Path(c.get("source", "")).name.split(".")[0]
            blocks = c.get("blocks")
            body = None if not isinstance(blocks, list) else "\n".join(
                b["text"] if isinstance(b, dict) else b[1] for b in blocks)
            got[pid] = Guess(headline=c.get("headline") or rec.get("headline"),
                             date=(d.get("value") or "")[:10] or None,
                             confidence=d.get("confidence"), site=c.get("site"), body=body)
    return got, seconds


def per_page(run: Callable[[bytes], Guess], corpus: Path, rows: list[dict],
             ) -> tuple[dict[str, Guess], float]:
    got, start = {}, time.perf_counter()
    for r in rows:
        try:
            got[r["id"]] = run(html_bytes(corpus, r["id"]))
        except Exception:  # a reference tool's crash is a page it did not read
            got[r["id"]] = Guess()
    return got, time.perf_counter() - start


def htmldate_run(extensive: bool) -> Callable[[bytes], Guess]:
    from htmldate import find_date

    def run(page: bytes) -> Guess:
        return Guess(date=find_date(page, original_date=True, extensive_search=extensive))
    return run


def trafilatura_run(page: bytes) -> Guess:
    import trafilatura

    doc = trafilatura.bare_extraction(page, favor_precision=True, with_metadata=True,
                                      include_comments=False)
    if doc is None:
        return Guess(body="")
    return Guess(headline=doc.title, body=doc.text or "", site=doc.sitename, date=doc.date)


def readability_run(page: bytes) -> Guess:
    from lxml import html
    from readability import Document

    doc = Document(page)
    summary = html.fromstring(doc.summary(html_partial=True))
    blocks = [" ".join(el.text_content().split()) for el in summary.iter(
        "p", "h1", "h2", "h3", "h4", "li", "blockquote", "figcaption", "td", "pre")]
    return Guess(headline=doc.short_title(), body="\n".join(b for b in blocks if b))


def score(row: Row, rows: list[dict], corpus: Path, kind: str) -> None:
    sys.path.insert(0, str(corpus))
    from zyte_evaluate import metrics_from_tp_fp_fns, string_shingle_matching

    got = row.guesses
    s = row.scores
    dated = [r for r in rows if r["set"] == "dates" and r["date"]]
    if any(g.date for g in got.values()):
        s["date"] = sum(1 for r in dated if getattr(got.get(r["id"]), "date", None) == r["date"]
                        ) / max(len(dated), 1)
        sure = [r for r in dated if (getattr(got.get(r["id"]), "confidence", None) or 0) >= 0.8]
        if sure:
            wrong = sum(1 for r in sure if got[r["id"]].date != r["date"])
            s["sure_wrong"] = f"{wrong}/{len(sure)}"
    if kind == "reader":  # the reader view's first line is the headline it shows
        heads = {r["id"]: first_line(corpus / "reader" / f"{r['id']}.txt") for r in rows}
    else:
        heads = {r["id"]: r["headline"] for r in rows if r["headline_source"] == "h1+og"}
    heads = {k: v for k, v in heads.items() if v}
    if any(g.headline for g in got.values()):
        def right(pid: str, want: str) -> bool:
            return norm(getattr(got.get(pid), "headline", None)) == norm(want)

        s["headline"] = sum(1 for pid, h in heads.items() if right(pid, h)) / max(len(heads), 1)
        by_id = {r["id"]: r for r in rows}
        fair = {pid: h for pid, h in heads.items() if not label_names_site(by_id[pid], h)}
        s["headline_fair"] = sum(1 for pid, h in fair.items() if right(pid, h)) / max(len(fair), 1)
    named = [r for r in rows if r.get("site")]
    if named and any(g.site for g in got.values()):
        s["site"] = sum(1 for r in named if site_key(getattr(got.get(r["id"]), "site", None))
                        == site_key(r["site"])) / len(named)
    bodied = [r for r in rows if r["set"] == "body"]
    if bodied and any(g.body is not None for g in got.values()):
        counts = [string_shingle_matching(true=r["body"],
                                          pred=getattr(got.get(r["id"]), "body", None) or "")
                  for r in bodied]
        try:
            m = metrics_from_tp_fp_fns(counts)
        except ZeroDivisionError:  # every prediction empty
            m = {"f1": 0.0, "precision": 0.0, "recall": 0.0}
        s.update(body_f1=m["f1"], body_p=m["precision"], body_r=m["recall"])
        s["below_0_5"] = sum(1 for tp, fp, fn in counts if 2 * tp < 0.5 * (2 * tp + fp + fn))
        s["_page_f1"] = {r["id"]: (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)
                         for r, (tp, fp, fn) in zip(bodied, counts, strict=True)}
    s["answered"] = f"{sum(1 for g in got.values() if g.headline or g.body or g.date)}/{len(rows)}"
    s["ms_page"] = 1000 * row.seconds / max(len(rows), 1)


def label_names_site(row: dict, label: str) -> bool:
    """True when a silver headline is the site's own name, which a headline must never be.

    The corpus derives its label from an ``<h1>`` that agrees with ``og:title`` or ``<title>``;
    on blogs whose logo is the page's ``<h1>`` the label becomes the blog's name. Such a label
    is recognised from the page's own markup, never from our answer: it equals the page's
    ``og:site_name`` or the name in its URL's host.
    """
    key = site_key(label)
    host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://([^/:]+).*", r"\1", row.get("url") or "",
                                        flags=re.I))
    names = {site_key(row.get("site")), site_key(host), site_key(host.split(".")[0])} - {""}
    return bool(key) and key in names


def first_line(path: Path) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.readline().strip()


COLUMNS = (("date", "date", "{:.3f}"), ("sure_wrong", "wrong@0.8", "{}"),
           ("headline", "headline", "{:.3f}"), ("headline_fair", "head≠site", "{:.3f}"),
           ("site", "site", "{:.3f}"),
           ("body_f1", "body F1", "{:.3f}"), ("body_p", "P", "{:.3f}"), ("body_r", "R", "{:.3f}"),
           ("below_0_5", "<0.5", "{}"), ("answered", "answered", "{}"),
           ("ms_page", "ms/page", "{:.1f}"))


def table(rows: list[Row]) -> str:
    head = ["reader"] + [title for _, title, _ in COLUMNS]
    lines = [head]
    for row in rows:
        lines.append([row.name] + [fmt.format(row.scores[key]) if key in row.scores else "-"
                                   for key, _, fmt in COLUMNS])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True))
                     for line in lines)


def worst(row: Row, rows: list[dict], field_name: str, n: int) -> list[str]:
    """The pages a row got wrong on one field, worst first where there is a score."""
    out = []
    if field_name == "body":
        f1 = row.scores.get("_page_f1", {})
        for pid, value in sorted(f1.items(), key=lambda kv: kv[1])[:n]:
            out.append(f"{pid} body F1 {value:.2f}")
        return out
    for r in rows:
        g = row.guesses.get(r["id"], Guess())
        want = r["date"] if field_name == "date" else r["headline"] if field_name == "headline" \
            else r.get("site")
        have = getattr(g, field_name)
        if want and (field_name != "headline" or r["headline_source"] == "h1+og") and \
                norm(have) != norm(want) and not (field_name == "site"
                                                  and site_key(have) == site_key(want)):
            mark = " (label is the site's name)" if field_name == "headline" and \
                label_names_site(r, want) else ""
            out.append(f"{r['id']} want {want!r} got {have!r}{mark}")
    return out[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="the corpus folder (default ../shared/corpus)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages by id")
    ap.add_argument("--kinds", default=",".join(KINDS), help="html,text,reader")
    ap.add_argument("--tools", action="store_true",
                    help="also htmldate, trafilatura and readability-lxml on the HTML pages")
    ap.add_argument("--worst", metavar="FIELD", choices=("date", "headline", "site", "body"),
                    help="list our misses on one field, per kind")
    ap.add_argument("-n", type=int, default=10, help="how many misses --worst lists")
    ap.add_argument("--json", help="write the figures here as well")
    args = ap.parse_args()
    corpus = corpus_dir(args.corpus)
    if not (corpus / "truth.jsonl").exists():
        sys.exit(f"no corpus at {corpus} (set --corpus or FEEDS_CORPUS)")
    rows = load_rows(corpus, args.limit)
    kinds = [k for k in args.kinds.split(",") if k in KINDS]
    results: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="realpages-") as tmp:
        for kind in kinds:
            got, seconds = ours(stage(corpus, rows, kind, Path(tmp)))
            row = Row(f"feeds {kind}", got, seconds)
            score(row, rows, corpus, kind)
            results.append(row)
    if args.tools:
        tools: list[tuple[str, Callable[[bytes], Guess]]] = []
        for name, make in (("htmldate extensive", lambda: htmldate_run(True)),
                           ("htmldate fast", lambda: htmldate_run(False)),
                           ("trafilatura precision", lambda: trafilatura_run),
                           ("readability-lxml", lambda: readability_run)):
            try:
                tools.append((name, make()))
            except ImportError:
                print(f"({name} is not installed: pip install -e '.[bench]')", file=sys.stderr)
        for name, run in tools:
            got, seconds = per_page(run, corpus, rows)
            row = Row(name + " html", got, seconds)
            score(row, rows, corpus, "html")
            results.append(row)
    print(f"{len(rows)} pages of {corpus}")
    print(table(results))
    if args.worst:
        for row in results[: len(kinds)]:
            print(f"\n{row.name}: worst on {args.worst}")
            for line in worst(row, rows, args.worst, args.n):
                print("  ", line)
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{"name": r.name, **{k: v for k, v in r.scores.items() if not k.startswith("_")}}
             for r in results], indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
