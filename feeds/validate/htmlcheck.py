"""Does escaped HTML in a feed parse as HTML?

libxml2's HTML parser recovers from everything, so the check reads its error log: a
mismatched or stray end tag means readers will build a different tree than the author
meant (text swallowed into a link, a list closed early). Missing optional end tags and
unknown (HTML5) elements are fine and not reported.
"""

from __future__ import annotations

from lxml import etree


def html_problem(fragment: str) -> str | None:
    """The first parse complaint about an HTML fragment, or None if it parses cleanly."""
    if not fragment.strip():
        return None
    parser = etree.HTMLParser(recover=True, no_network=True)
    etree.fromstring(f"<div>{fragment}</div>", parser)
    for entry in parser.error_log:
        if entry.type == etree.ErrorTypes.ERR_TAG_NAME_MISMATCH:
            return entry.message.strip()
    return None
