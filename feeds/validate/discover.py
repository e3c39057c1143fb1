"""Find the feeds to check: XML by its root element, JSON Feeds by parsing them (or by
the name ``feed.json``); other files in a folder are skipped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from feeds.validate.jsonfeed import is_jsonfeed, might_be_json

_SNIFF_BYTES = 64 * 1024
# Skip a BOM, the XML declaration, comments, processing instructions and a DOCTYPE
# (with its internal subset), then read the root element's local name.
_PROLOG = re.compile(
    rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*"
    rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)",
    re.DOTALL,
)
_KINDS = {b"rss": "rss", b"feed": "atom", b"opml": "opml"}


def sniff(data: bytes) -> str | None:
    """'rss', 'atom' or 'opml' from the root element's name; None for anything else.

    A UTF-16 feed is still a feed (one the UTF-8 rule will reject), so it is found too.
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "replace").encode("utf-8")
    m = _PROLOG.match(head)
    return _KINDS.get(m[1]) if m else None


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts):
            yield path


def _jsonfeed(file: Path) -> bool:
    try:
        return is_jsonfeed(file.read_bytes(), file)
    except OSError:
        return False


def candidates(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to check: a named file whatever it holds, a folder's files if they sniff as
    RSS, Atom or OPML or are JSON Feeds (article pages, other JSON and the rest are
    skipped)."""
    for path in paths:
        if path.is_dir():
            for file in _walk(path):
                try:
                    with file.open("rb") as fh:
                        head = fh.read(_SNIFF_BYTES)
                except OSError:
                    continue
                maybe_json = might_be_json(head) or file.suffix == ".json"
                if sniff(head) or (maybe_json and _jsonfeed(file)):
                    yield file
        else:
            yield path
