"""Where every output file goes, and the URL it is served at: one place.

The build writes these files, the no-change build lists them, the archives link them and
``serve`` types them; each asks here, so they cannot drift apart. Paths are relative to
the output folder, with ``/``; URLs are the base URL plus the path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Each site's subscription feeds, by kind, in the order they are written and listed.
FEEDS = (("rss", "rss.xml"), ("atom", "atom.xml"), ("json", "feed.json"))
FEED_FILES = tuple(name for _, name in FEEDS)
ARCHIVE_KINDS = ("rss", "atom")  # RFC 5005 archives exist for these feeds only
INDEX = "index.html"  # the front page, and each site's page
OPML = "index.opml"


def page(site_slug: str, slug: str) -> str:
    """An item's page."""
    return f"{site_slug}/{slug}.html"


def site_index(site_slug: str) -> str:
    return f"{site_slug}/{INDEX}"


def feed(site_slug: str, name: str) -> str:
    """One of a site's ``FEED_FILES``."""
    return f"{site_slug}/{name}"


def archive_in_site(kind: str, number: int) -> str:
    """``archive/<kind>/<n>.xml`` below the site: RSS and Atom archives side by side."""
    return f"archive/{kind}/{number}.xml"


def archive(site_slug: str, kind: str, number: int) -> str:
    return f"{site_slug}/{archive_in_site(kind, number)}"


def written(site_slugs_by_item: Iterable[tuple[str, str, str]],
            archives: Sequence[tuple[str, int]]) -> list[str]:
    """Every output path, in the order a build writes them: pages, site pages, archives,
    feeds, indexes. ``site_slugs_by_item`` holds ``(id, site slug, slug)``."""
    items = sorted(site_slugs_by_item)
    paths = [page(sslug, slug) for _, sslug, slug in items]
    sites = sorted({sslug for _, sslug, _ in items})
    paths += [site_index(sslug) for sslug in sites]
    for sslug, n in archives:
        paths += [archive(sslug, kind, n) for kind in ARCHIVE_KINDS]
    for sslug in sites:
        paths += [feed(sslug, name) for name in FEED_FILES]
    return [*paths, INDEX, OPML]


@dataclass(frozen=True)
class Urls:
    """The served URLs of the output folder at ``base_url`` (ends in a slash)."""

    base_url: str

    def site(self, site_slug: str) -> str:
        return f"{self.base_url}{site_slug}/"

    def feeds(self, site_slug: str) -> tuple[str, str, str, str]:
        """The site's page and its RSS, Atom and JSON Feed URLs."""
        root = self.site(site_slug)
        return (root, *(f"{root}{name}" for name in FEED_FILES))  # type: ignore[return-value]

    def page(self, site_slug: str, slug: str) -> str:
        return f"{self.base_url}{page(site_slug, slug)}"

    @property
    def opml(self) -> str:
        return f"{self.base_url}{OPML}"


def archive_url(feed_root: str, kind: str, number: int) -> str:
    """An archive page's URL below its site's URL ``feed_root``."""
    return f"{feed_root}{archive_in_site(kind, number)}"
