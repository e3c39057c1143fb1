"""Score the readers in-process on a real-page corpus, page by page: headline, site, body
F1 (Zyte metric), date — the text reader's development loop (``benchmarks/realpages.py``
scores the same corpus through ``feeds explain``, beside other tools).

    python -m benchmarks.textpages --corpus DIR [--kinds text,reader,html] [--limit N]
        [--dump FILE.jsonl] [--dates]

DIR is a development split laid out as ``html/<id>.html.gz``, ``text/<id>.txt``,
``reader/<id>.txt`` and ``truth.jsonl`` (gold ``body`` and ``date``, silver ``headline``
with its ``headline_source``, ``site`` from og:site_name), with the Zyte benchmark's
``zyte_evaluate.py`` beside them. Captures are read in-process exactly as the build reads
them (``read_capture`` + ``parse_capture``); dates, when asked, go through the resolver.
Headlines are scored on the ``h1+og`` rows (the trustworthy silver labels); on reader-view
captures, against the capture's first line (the title the reader view shows). Prints one
table; ``--dump`` writes every page's answer for reading failures one by one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from feeds.build import parse_capture
from feeds.build.scan import parse_or_problem
from feeds.errors import CaptureError
from feeds.model import Article, Capture
from feeds.sources import read_capture


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _site_key(text: str | None) -> str:
    return re.sub(r"\W+", "", (text or "").casefold())


def load_rows(corpus: Path, limit: int = 0) -> list[dict]:
    rows = [json.loads(line) for line in (corpus / "truth.jsonl").open(encoding="utf-8")]
    rows.sort(key=lambda r: r["id"])
    return rows[: limit or None]


def _capture(corpus: Path, kind: str, pid: str, tmp: Path) -> Capture:
    if kind == "html":
        path = tmp / f"{pid}.html"
        with gzip.open(corpus / "html" / f"{pid}.html.gz") as fh:
            path.write_bytes(fh.read())
        return read_capture(path)
    return read_capture(corpus / kind / f"{pid}.txt")


def read_all(
    corpus: Path, kind: str, rows: list[dict]
) -> tuple[dict[str, Article | str], float]:
    """Every page's article (or the reason it was refused) and the seconds spent parsing."""
    out: dict[str, Article | str] = {}
    spent = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for r in rows:
            try:
                capture = _capture(corpus, kind, r["id"], Path(tmp))
            except CaptureError as exc:  # an empty capture is refused before parsing
                out[r["id"]] = str(exc)
                continue
            start = time.perf_counter()
            # As the build does: a page the reader fails on is reported, not raised.
            out[r["id"]] = parse_or_problem(parse_capture, capture, debug=False)
            spent += time.perf_counter() - start
    return out, spent


def _dates(articles: dict[str, Article | str]) -> dict[str, str]:
    from feeds.dates import context_from_env, resolve
    from feeds.model import Story

    ctx = context_from_env()
    got = {}
    for pid, a in articles.items():
        if isinstance(a, Article):
            story = Story(id=pid, article=a, captures=(a,))
            got[pid] = resolve(story, ctx).value.date().isoformat()
    return got


def score(corpus: Path, kind: str, rows: list[dict], with_dates: bool) -> tuple[dict, list[dict]]:
    sys.path.insert(0, str(corpus))
    from zyte_evaluate import metrics_from_tp_fp_fns, string_shingle_matching

    articles, spent = read_all(corpus, kind, rows)
    per_page = []
    for r in rows:
        a = articles[r["id"]]
        ok = isinstance(a, Article)
        if kind == "reader":
            text = (corpus / "reader" / f"{r['id']}.txt").read_text(encoding="utf-8")
            first = text.split("\n", 1)[0].strip()
            gold_head = first or None
            head_row = bool(first)
        else:
            gold_head = r["headline"]
            head_row = r["headline_source"] == "h1+og"
        rec = {
            "id": r["id"], "set": r["set"], "lang": r["lang"], "refused": None if ok else a,
            "headline": a.headline if ok else None, "gold_headline": gold_head,
            "head_row": head_row, "site": a.site if ok else None, "gold_site": r["site"],
            "byline": a.byline if ok else None, "dateline": a.dateline if ok else None,
            "body": "\n".join(b.text for b in a.blocks) if ok else "",
        }
        rec["head_ok"] = _norm(rec["headline"]) == _norm(gold_head)
        rec["site_ok"] = bool(r["site"]) and _site_key(rec["site"]) == _site_key(r["site"])
        if r["set"] == "body":
            tp, fp, fn = string_shingle_matching(true=r["body"], pred=rec["body"])
            rec["tp_fp_fn"] = (tp, fp, fn)
            rec["f1"] = 2 * tp / max(2 * tp + fp + fn, 1e-9)
        per_page.append(rec)
    heads = [p for p in per_page if p["head_row"]]
    sites = [p for p in per_page if p["gold_site"]]
    bodies = [p for p in per_page if "tp_fp_fn" in p]
    m = metrics_from_tp_fp_fns([p["tp_fp_fn"] for p in bodies])
    chars = sum(len((corpus / kind / f"{r['id']}.txt").read_text(encoding="utf-8"))
                for r in rows) if kind != "html" else 0
    res = {
        "kind": kind, "pages": len(rows),
        "answered": sum(1 for p in per_page if p["refused"] is None),
        "headline": round(sum(p["head_ok"] for p in heads) / max(len(heads), 1), 3),
        "site": (round(sum(p["site_ok"] for p in sites) / max(len(sites), 1), 3)
                 if kind != "reader" else None),
        "body_f1": round(m["f1"], 3), "body_p": round(m["precision"], 3),
        "body_r": round(m["recall"], 3), "body_lt_0.5": sum(1 for p in bodies if p["f1"] < 0.5),
        "ms_per_10kb": round(1000 * spent / max(chars / 10_000, 1e-9), 3) if chars else None,
    }
    if with_dates:
        got = _dates(articles)
        dated = [r for r in rows if r["set"] == "dates" and r["date"]]
        right = sum(got.get(r["id"]) == r["date"] for r in dated)
        res["date"] = round(right / max(len(dated), 1), 3)
    return res, per_page


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", required=True, type=Path)
    p.add_argument("--kinds", default="text,reader,html")
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--dates", action="store_true", help="also resolve and score dates")
    p.add_argument("--dump", type=Path, help="write every page's answer here (JSON lines)")
    args = p.parse_args(argv)
    rows = load_rows(args.corpus, args.limit)
    results, dump = [], []
    for kind in args.kinds.split(","):
        res, per_page = score(args.corpus, kind, rows, args.dates)
        results.append(res)
        dump += [dict(x, kind=kind) for x in per_page]
    cols = ["kind", "pages", "answered", "headline", "site", "body_f1", "body_p", "body_r",
            "body_lt_0.5", "ms_per_10kb"] + (["date"] if args.dates else [])
    print(" ".join(f"{c:>11}" for c in cols))
    for res in results:
        print(" ".join(f"{'-' if res.get(c) is None else res[c]!s:>11}" for c in cols))
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for rec in dump:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
