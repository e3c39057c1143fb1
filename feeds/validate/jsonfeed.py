"""JSON Feed 1.1 checks: the fields the spec requires, ids, dates and absolute URLs.

Feed readers drop a JSON feed whose version or items are wrong without saying why, so the
same care goes here as into the XML formats.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
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


_WS = re.compile(r"[ \t\n\r]*")


def _skip(text: str, pos: int) -> int:
    """Past the JSON white space at ``pos`` (the pattern matches everywhere, even empty)."""
    found = _WS.match(text, pos)
    return found.end() if found else pos


_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class Lines:
    """Where things are in a JSON Feed's text: json.loads keeps no positions."""

    keys: dict[str, int]  # top-level member -> line of its name
    items: tuple[dict[str, int], ...]  # per item: member -> line; "" -> the item itself

    def key(self, name: str) -> int:
        return self.keys.get(name, 1)

    def item(self, n: int, name: str = "") -> int:
        if n >= len(self.items):
            return self.key("items")
        members = self.items[n]
        return members.get(name, members.get("", 1))


def _members(text: str, pos: int, line: Callable[[int], int]) -> tuple[dict[str, int], int, int]:
    """The object at ``pos``: its members' lines, where "items" starts, and its end."""
    found: dict[str, int] = {}
    items_at = -1
    pos = _skip(text, pos + 1)  # past "{"
    while text[pos] != "}":
        key, pos = scanstring(text, pos + 1)
        found[key] = line(pos)
        pos = _skip(text, _skip(text, pos) + 1)  # past ":"
        if key == "items":
            items_at = pos
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    return found, items_at, pos + 1


def locate(text: str) -> Lines:
    """Lines of the top-level members and of each item's members; best effort."""
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line(pos: int) -> int:
        return bisect.bisect_left(newlines, pos) + 1

    try:
        keys, items_at, _ = _members(text, _skip(text, 0), line)
        items: list[dict[str, int]] = []
        if items_at >= 0 and text[items_at] == "[":
            pos = _skip(text, items_at + 1)
            while text[pos] != "]":
                start = pos
                if text[pos] == "{":
                    members, _, pos = _members(text, pos, line)
                    items.append({**members, "": line(start)})
                else:
                    _, pos = _DECODER.raw_decode(text, pos)
                    items.append({"": line(start)})
                pos = _skip(text, pos)
                if text[pos] == ",":
                    pos = _skip(text, pos + 1)
        return Lines(keys, tuple(items))
    except (ValueError, IndexError):
        return Lines({}, ())


def load(data: bytes) -> tuple[dict[str, Any] | None, list[Finding]]:
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [finding("jsonfeed-not-json", line, f"not UTF-8: {exc}")]
    except json.JSONDecodeError as exc:
        return None, [finding("jsonfeed-not-json", exc.lineno, f"not JSON: {exc.msg}",
                              exc.colno)]
    if not isinstance(doc, dict):
        return None, [finding("jsonfeed-not-json", 1, "the top level is not a JSON object")]
    return doc, []


def check_jsonfeed(doc: dict[str, Any], lines: Lines | None = None) -> list[Finding]:
    """The feed's findings, each at the line of the member it is about."""
    at = lines or Lines({}, ())
    found: list[Finding] = []
    if doc.get("version") not in VERSIONS:
        found.append(finding("jsonfeed-bad-version", at.key("version"),
                             f"version {doc.get('version')!r} is not {VERSIONS[0]!r}"))
    if not isinstance(doc.get("title"), str) or not doc.get("title"):
        found.append(finding("jsonfeed-missing-field", at.key("title"), "the feed has no title"))
    for key in ("home_page_url", "feed_url"):
        if key in doc and not _absolute(doc[key]):
            found.append(finding("jsonfeed-relative-url", at.key(key),
                                 f"{key} {doc[key]!r} is not absolute"))
        elif key in doc and (problem := uri_problem(doc[key])):
            found.append(finding("jsonfeed-bad-url", at.key(key), f"{key} {doc[key]!r} {problem}"))
    items = doc.get("items")
    if not isinstance(items, list):
        found.append(finding("jsonfeed-missing-field", at.key("items"),
                             "the feed has no items array"))
        return found
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        where = f"item {n}"
        here = at.item(n - 1)
        if not isinstance(item, dict):
            found.append(finding("jsonfeed-missing-field", here, f"{where} is not an object"))
            continue
        ident = item.get("id")
        if not isinstance(ident, str) or not ident:
            found.append(finding("jsonfeed-missing-field", at.item(n - 1, "id"),
                                 f"{where} has no string id"))
        elif ident in seen:
            found.append(finding("jsonfeed-id-duplicate", at.item(n - 1, "id"),
                                 f"{where} repeats id {ident!r}"))
        else:
            seen.add(ident)
        if not any(isinstance(item.get(k), str) for k in ("content_html", "content_text")):
            found.append(finding("jsonfeed-item-no-content", here,
                                 f"{where} has neither content_html nor content_text"))
        for key in ("date_published", "date_modified"):
            if key in item and parse_rfc3339(str(item[key])) is None:
                found.append(finding("jsonfeed-bad-date", at.item(n - 1, key),
                                     f"{where} {key} {item[key]!r} is not RFC 3339"))
        if "url" in item and not _absolute(item["url"]):
            found.append(finding("jsonfeed-relative-url", at.item(n - 1, "url"),
                                 f"{where} url {item['url']!r} is not absolute"))
        elif "url" in item and (problem := uri_problem(item["url"])):
            found.append(finding("jsonfeed-bad-url", at.item(n - 1, "url"),
                                 f"{where} url {item['url']!r} {problem}"))
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
