"""The OPML 2.0 index: one subscription per site, its RSS feed.

Readers import every ``<outline type="rss">`` of an OPML file as a subscription, and
OPML 2.0 has that one type for every format: listing the RSS, Atom and JSON Feed of a
site subscribed each site three times, and readers without JSON Feed support could not
read a third of them. RSS 2.0 is the format every reader reads; the Atom and JSON
feeds are announced on the site's page (``htmlUrl``) by autodiscovery links and shown
there, for readers that prefer them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from lxml import etree

from feeds.textclean import xml_safe

# kind -> (media type, label shown to people)
FEED_KINDS = {
    "rss": ("application/rss+xml", "RSS"),
    "atom": ("application/atom+xml", "Atom"),
    "json": ("application/feed+json", "JSON Feed"),
}


@dataclass(frozen=True)
class FeedRef:
    title: str
    xml_url: str  # OPML's name for the feed's URL, whatever its format
    html_url: str
    kind: str  # a key of FEED_KINDS
    description: str = ""
    language: str = ""

    @property
    def media_type(self) -> str:
        return FEED_KINDS[self.kind][0]

    @property
    def label(self) -> str:
        return FEED_KINDS[self.kind][1]


def opml_bytes(title: str, feeds: Sequence[FeedRef], created: datetime) -> bytes:
    """The index of ``feeds`` (every format of every site): one outline per site."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = xml_safe(title)
    etree.SubElement(head, "dateCreated").text = format_datetime(created)
    etree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    for f in feeds:
        if f.kind != "rss":
            continue
        attrs = {"text": f.title, "title": f.title, "type": "rss", "version": "RSS2",
                 "xmlUrl": f.xml_url, "htmlUrl": f.html_url}
        if f.description:
            attrs["description"] = f.description
        if f.language:
            attrs["language"] = f.language
        # lxml escapes attribute values; it would refuse XML-illegal characters outright.
        etree.SubElement(body, "outline", {k: xml_safe(v) for k, v in attrs.items()})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
