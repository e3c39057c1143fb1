"""The OPML 2.0 index of every feed a build wrote."""

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
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = xml_safe(title)
    etree.SubElement(head, "dateCreated").text = format_datetime(created)
    etree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    for f in feeds:
        label = f"{f.title} ({f.label})"
        # OPML 2.0 has one subscription type, "rss", for every feed format.
        attrs = {"text": label, "title": label, "type": "rss", "xmlUrl": f.xml_url,
                 "htmlUrl": f.html_url}
        if f.kind == "rss":
            attrs["version"] = "RSS2"
        if f.description:
            attrs["description"] = f.description
        if f.language:
            attrs["language"] = f.language
        # lxml escapes attribute values; it would refuse XML-illegal characters outright.
        etree.SubElement(body, "outline", {k: xml_safe(v) for k, v in attrs.items()})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
