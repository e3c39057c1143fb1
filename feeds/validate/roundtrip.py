"""What a reader sees: feedparser must accept each feed, and a folder's RSS and Atom
feeds must tell the same story (same items, titles, ids and dates).
"""

from __future__ import annotations

import calendar
import io
import time
from typing import Any

import feedparser
from feedparser.util import FeedParserDict

from feeds.validate.report import Finding, finding


def parse(data: bytes) -> Any:
    """feedparser's view of a feed; a file object, so it never goes to the network.

    Its HTML sanitizer and relative-URI resolution are off: they cost most of its time,
    play no part in the bozo flag, and both sides of a comparison are read the same way.
    """
    try:
        return feedparser.parse(io.BytesIO(data), sanitize_html=False,
                                resolve_relative_uris=False)
    except Exception as err:  # noqa: BLE001 - its loose parser fails on some broken feeds
        return FeedParserDict(bozo=1, bozo_exception=err, entries=[])


def bozo(parsed: Any, data: bytes) -> list[Finding]:
    if not parsed.get("bozo"):
        return []
    exc = parsed.get("bozo_exception")
    line = getattr(exc, "getLineNumber", lambda: 1)() or 1
    if not data.removeprefix(b"\xef\xbb\xbf").startswith(b"<?xml"):
        line = max(1, line - 1)  # feedparser prepends an XML declaration line first
    what = str(exc) if hasattr(exc, "getLineNumber") else f"{type(exc).__name__}: {exc}"
    return [finding("roundtrip-bozo", line, f"feedparser rejects the feed: {what}")]


def _epoch(entry: Any) -> int | None:
    stamp: time.struct_time | None = entry.get("published_parsed")
    return calendar.timegm(stamp) if stamp else None


def _show(epoch: int | None) -> str:
    if epoch is None:
        return "(none)"
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _describe(entries: list[Any]) -> dict[str, tuple[str, int | None]]:
    return {e.get("id", ""): (e.get("title", ""), _epoch(e)) for e in entries}


def compare(rss: Any, atom: Any, atom_name: str, item_lines: list[int]) -> list[Finding]:
    """Findings for the RSS file: where it disagrees with its sibling Atom feed."""
    found: list[Finding] = []
    r_entries, a_entries = list(rss.entries), list(atom.entries)
    first = item_lines[0] if item_lines else 1
    if len(r_entries) != len(a_entries):
        found.append(finding("roundtrip-mismatch", first,
                             f"{len(r_entries)} items here, {len(a_entries)} entries in "
                             f"{atom_name}"))
    theirs = _describe(a_entries)
    for index, entry in enumerate(r_entries):
        line = item_lines[index] if index < len(item_lines) else first
        key = entry.get("id", "")
        if key not in theirs:
            found.append(finding("roundtrip-mismatch", line,
                                 f"guid {key!r} has no entry with that id in {atom_name}"))
            continue
        title, stamp = theirs[key]
        if entry.get("title", "") != title:
            found.append(finding("roundtrip-mismatch", line,
                                 f"title {entry.get('title', '')!r} is {title!r} in {atom_name}"))
        if _epoch(entry) != stamp:
            found.append(finding("roundtrip-mismatch", line,
                                 f"pubDate {_show(_epoch(entry))} of {key!r} is published "
                                 f"{_show(stamp)} in {atom_name}"))
    ours = {e.get("id", "") for e in r_entries}
    for key in sorted(theirs.keys() - ours):
        found.append(finding("roundtrip-mismatch", first,
                             f"entry {key!r} of {atom_name} has no item with that guid here"))
    return found
