"""What a refused capture still says about its date, so ``feeds explain`` can show it.

A page the reader refuses (no headline, no article text, a parser error) publishes
nothing, but the user asking why deserves to see the dates it states: its metadata, its
``<time>`` elements, its URL, its first dated line. Only those parts are read here.
"""

from __future__ import annotations

from feeds.grammar.dates import find_dates
from feeds.model import Article, Capture
from feeds.parse.htmldate_source import find_day, states_a_day
from feeds.parse.htmldates import scan

LINE_MAX = 150


def _text_line(text: str) -> tuple[tuple[str, str], ...]:
    for line in text.splitlines():
        line = " ".join(line.split())
        if line and len(line) <= LINE_MAX and any(
                m.year is not None and m.day is not None for m in find_dates(line)):
            return (("dated-line", line),)
    return ()


def dates_only(capture: Capture) -> Article:
    """An article holding nothing but the capture's date statements (no headline, no body);
    never raises on bad markup: what cannot be read is left out."""
    pairs: tuple[tuple[str, str], ...] = ()
    title = ""
    language = None
    if capture.kind == "html":
        from feeds.parse.htmldoc import parse, text_of
        from feeds.parse.htmlmeta import read_meta

        try:
            root = parse(capture.text)
            meta = read_meta(root)
            pairs = (*meta.dates, *scan(root, (meta.og_title, meta.title)))
            if not states_a_day((*pairs, ("url", capture.url or ""))):
                day = find_day(root, capture.captured_at)
                pairs += (("htmldate", day),) if day else ()
            title_el = root.find(".//title")
            title = text_of(title_el) if title_el is not None else ""
            language = meta.language or None
        except Exception:  # noqa: BLE001 - a page too broken to parse states no date
            pairs = ()
    else:
        pairs = _text_line(capture.text)
    if capture.url:
        pairs = (*pairs, ("url", capture.url))
    return Article(source=capture.path, headline=title, url=capture.url,
                   captured_at=capture.captured_at, language=language, metadata=pairs)
