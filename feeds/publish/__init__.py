"""Items -> RSS 2.0 and Atom 1.0 bytes. The only module that imports feedgen.

feedgen is given every value it would otherwise invent (build dates from the clock, the
channel link from whichever link came last), so the output depends on the items alone.
RFC 5005 paging (``fh:`` elements, archive links in RSS) is written by a small feedgen
extension, so feedgen stays the only writer of every feed document.

The publish stage: this module writes the RSS and Atom documents; ``jsonfeed``, ``opml``
and ``render`` (pages) the other files, ``archive`` the RFC 5005 pages, ``layout`` every
path and URL, ``ledger`` what this output has published, ``outdir`` where writes may go.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from feedgen.feed import FeedGenerator
from lxml import etree

from feeds import __version__
from feeds.merge import ID_NAMESPACE
from feeds.model import Article
from feeds.publish.ledger import instant
from feeds.publish.render import item_html
from feeds.textclean import xml_safe

GENERATOR_URI = "https://pypi.org/project/feeds/"
ATOM_NS = "http://www.w3.org/2005/Atom"
FH_NS = "http://purl.org/syndication/history/1.0"


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
    json_url: str = ""

    @property
    def id(self) -> str:
        return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'site:' + self.site)}"


@dataclass(frozen=True)
class History:
    """Where one feed document sits in its RFC 5005 archive chain."""

    complete: bool = False  # fh:complete: this document holds every item of the feed
    archive: bool = False  # fh:archive: an archive document, which should never change
    links: tuple[tuple[str, str], ...] = ()  # (rel, href): prev-archive, next-archive, current


NO_HISTORY = History()


class HistoryExtension:
    """feedgen extension for RFC 5005. feedgen calls it before it writes the entries.

    feedgen writes Atom links itself but only the self link in RSS, so the archive links
    of an RSS channel are written here as ``atom:link`` elements.
    """

    def __init__(self) -> None:
        self.history = NO_HISTORY
        self.link_type = ""

    def extend_ns(self) -> dict[str, str]:
        return {"fh": FH_NS}

    def extend_atom(self, feed: etree._Element) -> etree._Element:
        self._markers(feed)
        return feed

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        channel = feed.find("channel")
        if channel is None:  # feedgen always writes one
            raise ValueError("an RSS document without <channel>")
        for rel, href in self.history.links:
            etree.SubElement(channel, f"{{{ATOM_NS}}}link", href=href, rel=rel,
                             type=self.link_type)
        self._markers(channel)
        return feed

    def _markers(self, parent: etree._Element) -> None:
        if self.history.archive:
            etree.SubElement(parent, f"{{{FH_NS}}}archive")
        if self.history.complete:
            etree.SubElement(parent, f"{{{FH_NS}}}complete")


def summary_text(article: Article) -> str:
    """RSS <description>, Atom <summary>, JSON Feed summary: the dek, else the opening."""
    return article.dek or next(iter(article.paragraphs), article.headline)


def rss_bytes(channel: Channel, items: Sequence, history: History = NO_HISTORY,
              contents: Sequence[str] | None = None) -> bytes:
    """``contents``: each item's ``item_html``, when the caller rendered it once for every
    format of the feed; otherwise it is rendered here."""
    fg = _generator(channel, items, channel.rss_url, "application/rss+xml", history, contents)
    return fg.rss_str(pretty=True)


def atom_bytes(channel: Channel, items: Sequence, history: History = NO_HISTORY,
               contents: Sequence[str] | None = None) -> bytes:
    fg = _generator(channel, items, channel.atom_url, "application/atom+xml", history, contents)
    return fg.atom_str(pretty=True)


def _generator(
    channel: Channel, items: Sequence, self_url: str, self_type: str, history: History,
    contents: Sequence[str] | None = None,
) -> FeedGenerator:
    # Every string goes through ``_x``: feedgen (lxml) refuses, or worse, characters XML
    # forbids; whatever the parser let through, none of them reaches a feed.
    fg = FeedGenerator()
    # What load_extension("dc") registers, without its failed import of a "dc_entry"
    # module on every call (a search of sys.path per feed document).
    fg.register_extension("dc", *_dc())
    fg.register_extension("fh", HistoryExtension, atom=True, rss=True)
    fg.fh.history = history
    fg.fh.link_type = self_type
    fg.id(channel.id)
    fg.title(_x(channel.site))
    fg.subtitle(_x(channel.description))  # RSS <description>, Atom <subtitle>
    fg.author(name=_x(channel.site))
    # feedgen takes the RSS channel <link> from the last link added: self first, page last.
    fg.link(href=_x(self_url), rel="self", type=self_type)
    for rel, href in history.links:  # RSS ignores these: HistoryExtension writes them
        fg.link(href=_x(href), rel=rel, type=self_type)
    fg.link(href=_x(channel.page_url), rel="alternate", type="text/html")
    fg.language(_x(channel.language))
    fg.generator("feeds", version=__version__, uri=GENERATOR_URI)
    fg.updated(instant(channel.updated))
    if contents is None:
        contents = [item_html(item.story.article) for item in items]
    for item, html in zip(items, contents, strict=True):  # already newest first
        a = item.story.article
        fe = fg.add_entry(order="append")
        fe.id(item.id)
        fe.guid(item.id, permalink=False)
        fe.title(_x(a.headline))
        fe.link(href=_x(item.link), rel="alternate", type="text/html")
        fe.published(instant(item.date.value))  # whole seconds, as RSS and JSON Feed
        fe.updated(instant(item.modified))
        fe.summary(_x(summary_text(a)))  # Atom <summary> and RSS <description>
        fe.content(html, type="html")  # render.escape made every text in it XML-safe
        if a.byline:
            fe.dc.dc_creator(_x(a.byline))
            fe.author(name=_x(a.byline))
    return fg


@cache
def _dc() -> tuple[type, type]:
    # Imported here: feedgen.ext.dc needs lxml.etree, which only feedgen.feed imports.
    from feedgen.ext.dc import DcEntryExtension, DcExtension

    return DcExtension, DcEntryExtension


def _x(text: str) -> str:
    return xml_safe(text)
