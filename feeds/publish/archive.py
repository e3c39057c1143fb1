"""RFC 5005 paging: which items stay in the subscription feed and which go to archives.

The feed keeps the ``keep`` items this output published last. Older ones are laid out
oldest first in pages of a fixed size, numbered from 1, so a page only ever fills up:
when new items push older ones out of the feed, only the newest archive page changes (or
a new one starts), and a reader that has fetched an earlier page never needs it again.
Where each item sits is kept in the build state (``feeds.publish.ledger``); ``layout`` turns
those places into pages, ``paginate`` is the same for items published all at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from feeds.model import Entry
from feeds.publish import History
from feeds.publish.layout import archive_url

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    number: int  # 1 is the oldest page
    items: tuple[Entry, ...]  # newest first, as every feed lists them


@dataclass(frozen=True)
class Paging:
    current: tuple[Entry, ...]  # the subscription feed
    pages: tuple[Page, ...]  # oldest first


def paginate(items: Sequence[Entry], keep: int, page_size: int = PAGE_SIZE) -> Paging:
    """Split newest-first ``items`` into the feed and its archive pages."""
    if keep < 1 or page_size < 1:
        raise ValueError("keep and page_size must be at least 1")
    oldest_first = list(reversed(items[keep:]))
    pages = tuple(
        Page(n + 1, tuple(reversed(oldest_first[start : start + page_size])))
        for n, start in enumerate(range(0, len(oldest_first), page_size))
    )
    return Paging(current=tuple(items[:keep]), pages=pages)


def layout(items: Sequence[Entry], pages: Mapping[str, int], open_page: int = 0) -> Paging:
    """The feed and its archive pages from each item's page (0: in the feed), items
    newest first. ``open_page`` is listed even when empty, after a page that filled
    (so that page's ``next-archive`` link never has to be added later). A page whose
    items were all pruned is left out; the others keep their numbers."""
    current = tuple(i for i in items if not pages.get(i.id))
    by_page: dict[int, list[Entry]] = {}
    for item in items:
        n = pages.get(item.id, 0)
        if n:
            by_page.setdefault(n, []).append(item)
    if by_page and open_page > max(by_page):
        by_page[open_page] = []
    return Paging(current, tuple(Page(n, tuple(by_page[n])) for n in sorted(by_page)))


def current_history(paging: Paging, feed_root: str, kind: str) -> History:
    """The subscription feed: complete when nothing is archived, else a link to the newest page."""
    if not paging.pages:
        return History(complete=True)
    newest = paging.pages[-1].number
    return History(links=(("prev-archive", archive_url(feed_root, kind, newest)),))


def page_history(paging: Paging, page: Page, feed_url: str, feed_root: str, kind: str) -> History:
    """Links to the pages next to ``page`` in the chain (numbers may have gaps, where
    pruning emptied a page)."""
    links = [("current", feed_url)]
    numbers = [p.number for p in paging.pages]
    at = numbers.index(page.number)
    if at > 0:
        links.append(("prev-archive", archive_url(feed_root, kind, numbers[at - 1])))
    if at + 1 < len(numbers):
        links.append(("next-archive", archive_url(feed_root, kind, numbers[at + 1])))
    return History(archive=True, links=tuple(links))
