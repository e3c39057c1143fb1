"""Items -> RSS 2.0 and Atom 1.0 bytes. The only module that imports feedgen.

feedgen is given every value it would otherwise invent (build dates from the clock, the
channel link from whichever link came last), so the output depends on the items alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from feedgen.feed import FeedGenerator

from feeds import __version__
from feeds.merge import ID_NAMESPACE
from feeds.render import item_html
from feeds.textclean import xml_safe

GENERATOR_URI = "https://pypi.org/project/feeds/"


@dataclass(frozen=True)
class Channel:
    """What a feed says about itself."""

    site: str
    description: str
    page_url: str  # the site's HTML page (channel link)
    rss_url: str
    atom_url: str
    language: str
    updated: datetime  # newest item date, or SOURCE_DATE_EPOCH: never the wall clock

    @property
    def id(self) -> str:
        return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'site:' + self.site)}"


def rss_bytes(channel: Channel, items: Sequence) -> bytes:
    return _generator(channel, items, channel.rss_url, "application/rss+xml").rss_str(
        pretty=True
    )


def atom_bytes(channel: Channel, items: Sequence) -> bytes:
    return _generator(channel, items, channel.atom_url, "application/atom+xml").atom_str(
        pretty=True
    )


def _generator(channel: Channel, items: Sequence, self_url: str, self_type: str) -> FeedGenerator:
    # Every string goes through ``_x``: feedgen (lxml) refuses, or worse, characters XML
    # forbids; whatever the parser let through, none of them reaches a feed.
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.id(channel.id)
    fg.title(_x(channel.site))
    fg.subtitle(_x(channel.description))  # RSS <description>, Atom <subtitle>
    fg.author(name=_x(channel.site))
    # feedgen takes the RSS channel <link> from the last link added: self first, page last.
    fg.link(href=_x(self_url), rel="self", type=self_type)
    fg.link(href=_x(channel.page_url), rel="alternate", type="text/html")
    fg.language(_x(channel.language))
    fg.generator("feeds", version=__version__, uri=GENERATOR_URI)
    fg.updated(channel.updated)
    for item in items:  # already newest first
        a = item.story.article
        fe = fg.add_entry(order="append")
        fe.id(item.id)
        fe.guid(item.id, permalink=False)
        fe.title(_x(a.headline))
        fe.link(href=_x(item.link), rel="alternate", type="text/html")
        fe.published(item.date.value)
        fe.updated(item.date.value)
        summary = a.dek or next(iter(a.paragraphs), a.headline)
        fe.summary(_x(summary))  # Atom <summary> and RSS <description>
        fe.content(_x(item_html(a)), type="html")
        if a.byline:
            fe.dc.dc_creator(_x(a.byline))
            fe.author(name=_x(a.byline))
    return fg


def _x(text: str) -> str:
    return xml_safe(text)
