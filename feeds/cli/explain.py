"""``feeds explain PATH...``: show what was parsed and how each story got its date.

The date resolver is only trustworthy if its reasoning can be read; this prints every
finding, which way it pointed, and the choice made, as text or JSON. The work is
``feeds.build.explanation.explain``, the build's own path up to the dates, with the options
``feeds build`` assembles (``feeds.build.options``); this module only renders it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime

from feeds.build.explanation import explain
from feeds.build.options import Flags, assemble
from feeds.dates import describe
from feeds.dates.context import parse_instant
from feeds.dates.resolve import OPEN_EARLIEST, OPEN_LATEST
from feeds.errors import FeedsError
from feeds.grammar.dates import WEEKDAY_FULL
from feeds.model import Article, DateEstimate, Evidence, Implies, Story


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "explain",
        help="show parsed fields and the date reasoning for captures",
        description="Parse captures, group them into stories and explain each story's date.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH", help="capture files, folders or globs")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--almanac", metavar="FILE", help="almanac of dated events (TOML)")
    p.add_argument("--dates", metavar="FILE", help="manual date overrides (TOML)")
    p.add_argument("--captured-at", metavar="ISO", type=_instant,
                   help="when the captures were taken")
    p.add_argument("--config", help="settings file (default: ./feeds.toml when present)")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="the output folder whose published record dates the stories as "
                   "the next build into it would (default: [build].output)")
    p.set_defaults(func=run)
    return p


def _instant(text: str) -> datetime:
    try:
        return parse_instant(text)
    except FeedsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _capture(a: Article) -> dict:
    return {
        "source": a.source, "site": a.site, "tagline": a.tagline, "banner": a.banner,
        "headline": a.headline, "dek": a.dek, "byline": a.byline, "dateline": a.dateline,
        "captured_at": _iso(a.captured_at), "url": a.url,
        # What was read as the article, in order: a user (or a scorer) sees every block.
        "blocks": [{"kind": b.kind.value, "text": b.text} for b in a.blocks],
        "related": len(a.related), "metadata": [list(kv) for kv in a.metadata],
    }


def _evidence(ev: Evidence) -> dict:
    return {
        "kind": ev.kind, "implies": ev.implies.value, "text": ev.text, "source": ev.source,
        "earliest": _iso(ev.earliest), "latest": _iso(ev.latest),
        "weekday": WEEKDAY_FULL[ev.weekday].capitalize() if ev.weekday is not None else None,
        "weight": ev.weight, "precision": ev.precision.value if ev.precision else None,
        "note": ev.note,
    }


def explain_story(story: Story, estimate: DateEstimate) -> dict:
    """Everything ``explain`` shows about one story, as plain data."""
    lo, hi = estimate.earliest.date(), estimate.latest.date()
    return {
        "id": story.id,
        "headline": story.article.headline,
        "captures": [_capture(a) for a in story.captures or (story.article,)],
        "date": {
            "value": estimate.value.isoformat(),
            "earliest": estimate.earliest.isoformat() if lo > OPEN_EARLIEST else None,
            "latest": estimate.latest.isoformat() if hi < OPEN_LATEST else None,
            "precision": estimate.precision.value,
            "confidence": estimate.confidence,
            "described": describe(estimate),
            "reason": estimate.reason,
            "evidence": [_evidence(ev) for ev in estimate.evidence],
        },
    }


def _implied(ev: dict) -> str:
    kind = ev["implies"]
    if kind == Implies.POINT:
        same = ev["earliest"] == ev["latest"]
        return f"point {ev['earliest']}" + ("" if same else f"..{ev['latest']}")
    if kind == Implies.LOWER:
        return f"on/after {ev['earliest']}"
    if kind == Implies.UPPER:
        return f"on/before {ev['latest']}"
    if kind == Implies.WEEKDAY:
        return f"weekday {ev['weekday']}"
    return "relative"


def render_text(explained: dict) -> str:
    """The human-readable form of ``explain_story``'s result."""
    d = explained["date"]
    lines = [f"== {explained['headline']}", f"   id: {explained['id']}"]
    for c in explained["captures"]:
        lines.append(f"   capture {c['source']}")
        if c.get("refused"):
            lines.append(f"     {'refused':<11} {c['refused']} (not published; dated below)")
        for key in ("site", "tagline", "banner", "byline", "dateline", "captured_at", "dek"):
            if c[key]:
                lines.append(f"     {key:<11} {c[key]}")
        lines.append(f"     {'body':<11} {len(c['blocks'])} blocks, {c['related']} related links")
        for key, value in c["metadata"]:
            lines.append(f"     meta        {key} = {value}")
    lines.append("   evidence:")
    for ev in d["evidence"]:
        lines.append(f"     - {ev['kind']:<12} {_implied(ev):<24} {ev['text']!r}")
        lines.append(f"       {ev['note']}  [{ev['source']}]")
    if not d["evidence"]:
        lines.append("     (none)")
    interval = f"{d['earliest'] or 'open'} .. {d['latest'] or 'open'}"
    lines += [
        f"   date: {d['described']}  (precision {d['precision']}, "
        f"confidence {d['confidence']:.2f})",
        f"   value {d['value']}; interval {interval}",
        f"   because {d['reason']}",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    options = assemble(Flags.of(args), debug=getattr(args, "debug", False))
    result = explain(options)
    explained = [explain_story(d.story, d.date) for d in result.stories]
    for refused in result.refused:  # not published, but the user sees its dates and why
        record = explain_story(refused.dated.story, refused.dated.date)
        record["captures"][0]["refused"] = refused.reason
        explained.append(record)
    if args.json:
        print(json.dumps(explained, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(render_text(e) for e in explained))
    for p in result.problems:
        print(f"{p.path}: error: {p.reason}", file=sys.stderr)
    return 1 if result.problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``explain`` alone (tests, and before the main CLI registers it)."""
    parser = argparse.ArgumentParser(prog="feeds")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["explain", *(argv or [])])
    try:
        return args.func(args)
    except FeedsError as exc:
        print(f"feeds: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
