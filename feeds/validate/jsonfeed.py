"""JSON Feed 1.1 checks: the fields the spec requires, ids, dates and absolute URLs.

Feed readers drop a JSON feed whose version or items are wrong without saying why, so the
same care goes here as into the XML formats.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from feeds.validate.dates import parse_rfc3339
from feeds.validate.report import Finding, finding
from feeds.validate.values import uri_problem

VERSIONS = ("https://jsonfeed.org/version/1.1", "https://jsonfeed.org/version/1")


FEED_NAMES = ("feed.json",)  # what feeds (and most generators) call a JSON Feed


def might_be_json(head: bytes) -> bool:
    """Cheap first look: the file starts with a JSON object."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def is_jsonfeed(data: bytes, path: Path) -> bool:
    """A JSON Feed by name (``feed.json``, ``*.json`` named on its own is decided by the
    caller) or by content: a JSON object whose version is a jsonfeed.org URL. The whole
    file is parsed, so a large feed whose keys put version last is still found."""
    if path.name.lower() in FEED_NAMES:
        return True
    if not might_be_json(data[:64]):
        return False
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return False
    version = doc.get("version") if isinstance(doc, dict) else None
    return isinstance(version, str) and "jsonfeed.org/version" in version


def load(data: bytes) -> tuple[dict[str, Any] | None, list[Finding]]:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [finding("jsonfeed-not-json", 1, f"not UTF-8 JSON: {exc}")]
    if not isinstance(doc, dict):
        return None, [finding("jsonfeed-not-json", 1, "the top level is not a JSON object")]
    return doc, []


def check_jsonfeed(doc: dict[str, Any]) -> list[Finding]:
    found: list[Finding] = []
    if doc.get("version") not in VERSIONS:
        found.append(finding("jsonfeed-bad-version", 1,
                             f"version {doc.get('version')!r} is not {VERSIONS[0]!r}"))
    if not isinstance(doc.get("title"), str) or not doc.get("title"):
        found.append(finding("jsonfeed-missing-field", 1, "the feed has no title"))
    for key in ("home_page_url", "feed_url"):
        if key in doc and not _absolute(doc[key]):
            found.append(finding("jsonfeed-relative-url", 1, f"{key} {doc[key]!r} is not absolute"))
        elif key in doc and (problem := uri_problem(doc[key])):
            found.append(finding("jsonfeed-bad-url", 1, f"{key} {doc[key]!r} {problem}"))
    items = doc.get("items")
    if not isinstance(items, list):
        found.append(finding("jsonfeed-missing-field", 1, "the feed has no items array"))
        return found
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        where = f"item {n}"
        if not isinstance(item, dict):
            found.append(finding("jsonfeed-missing-field", 1, f"{where} is not an object"))
            continue
        ident = item.get("id")
        if not isinstance(ident, str) or not ident:
            found.append(finding("jsonfeed-missing-field", 1, f"{where} has no string id"))
        elif ident in seen:
            found.append(finding("jsonfeed-id-duplicate", 1, f"{where} repeats id {ident!r}"))
        else:
            seen.add(ident)
        if not any(isinstance(item.get(k), str) for k in ("content_html", "content_text")):
            found.append(finding("jsonfeed-item-no-content", 1,
                                 f"{where} has neither content_html nor content_text"))
        for key in ("date_published", "date_modified"):
            if key in item and parse_rfc3339(str(item[key])) is None:
                found.append(finding("jsonfeed-bad-date", 1,
                                     f"{where} {key} {item[key]!r} is not RFC 3339"))
        if "url" in item and not _absolute(item["url"]):
            found.append(finding("jsonfeed-relative-url", 1,
                                 f"{where} url {item['url']!r} is not absolute"))
        elif "url" in item and (problem := uri_problem(item["url"])):
            found.append(finding("jsonfeed-bad-url", 1, f"{where} url {item['url']!r} {problem}"))
    return found


def item_ids(doc: dict[str, Any] | None) -> list[str]:
    items = doc.get("items") if doc else None
    if not isinstance(items, list):
        return []
    return [i.get("id", "") for i in items if isinstance(i, dict)]


def _absolute(url: object) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return bool(parts.scheme and parts.netloc)
