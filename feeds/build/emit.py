"""Stages three and four, run in worker processes: date and write article pages, write
archive pages and feeds. A worker loads a story's captures from the article store, so
the build's main process never holds article text.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from feeds import publish
from feeds.build.incremental import store
from feeds.build.incremental.state import Output
from feeds.build.incremental.store import Ref
from feeds.dates import DateContext, resolve
from feeds.model import DateEstimate, Item
from feeds.publish import History, jsonfeed, layout, ledger, opml, render
from feeds.publish.outdir import write_many_inside


@dataclass(frozen=True, slots=True)
class Plan:
    """One item before its date is known: which captures, and where its page goes."""

    id: str
    refs: tuple[Ref, ...]  # member captures' articles, ordered by source
    site: str
    site_slug: str
    slug: str
    link: str
    page_key: str  # digest of everything the page is made from
    first_seen: datetime | None = None  # the date when nothing else dates it
    published: DateEstimate | None = None  # the date already published, if any
    updated: datetime | None = None  # when that date last moved

    @property
    def page(self) -> str:
        return layout.page(self.site_slug, self.slug)


@dataclass(frozen=True)
class Env:
    """What every worker task needs besides its own plans."""

    store: Path
    output: Path
    base_url: str
    language: str
    dates: DateContext

    def urls(self, site_slug: str) -> tuple[str, str, str, str]:
        return layout.Urls(self.base_url).feeds(site_slug)

    @property
    def opml_url(self) -> str:
        return layout.Urls(self.base_url).opml

    def refs(self, site: str, site_slug: str, description: str = "") -> list[opml.FeedRef]:
        """The site's feeds, RSS first: for autodiscovery, subscribe lines and OPML."""
        page, rss_url, atom_url, json_url = self.urls(site_slug)
        return [opml.FeedRef(site, url, page, kind, description, self.language)
                for url, kind in ((rss_url, "rss"), (atom_url, "atom"), (json_url, "json"))]


@dataclass(frozen=True)
class PageTask:
    env: Env
    plans: tuple[Plan, ...]


@dataclass(frozen=True)
class PageDone:
    date: DateEstimate  # evidence dropped: pages and feeds need only the estimate
    output: Output
    dates_seconds: float


@dataclass(frozen=True)
class FeedTask:
    env: Env
    channel: publish.Channel
    plans: tuple[Plan, ...]  # the newest items, newest first
    key: str
    rss_history: History
    atom_history: History
    dates: tuple[DateEstimate, ...] = ()  # the items' dates, already resolved for pages
    site_slug: str = ""


@dataclass(frozen=True)
class ArchiveTask:
    """One RFC 5005 archive page of a site, as RSS and Atom."""

    env: Env
    channel: publish.Channel  # with the page's own URLs and date
    plans: tuple[Plan, ...]  # the page's items, newest first (none on a page just opened)
    number: int
    key: str
    rss_history: History
    atom_history: History
    dates: tuple[DateEstimate, ...] = ()  # the items' dates, already resolved for pages
    site_slug: str = ""

    @property
    def files(self) -> tuple[str, str]:
        return archive_files(self.site_slug, self.number)


def archive_files(site_slug: str, number: int) -> tuple[str, str]:
    """An archive page's RSS and Atom files, relative to the output folder."""
    rss, atom = (layout.archive(site_slug, kind, number) for kind in layout.ARCHIVE_KINDS)
    return rss, atom


def load_item(plan: Plan, env: Env, date: DateEstimate | None = None) -> tuple[Item, float]:
    """The full item (story text, and ``date`` or the one to publish); also the seconds
    spent dating it. Feeds need only the date, which the page stage already found."""
    story = store.story(env.store, plan.id, plan.refs)
    if date is not None:
        return Item(story, date, plan.slug, plan.site, plan.site_slug, plan.link,
                    plan.updated), 0.0
    t0 = time.perf_counter()
    context = env.dates
    if plan.first_seen is not None:
        context = replace(context, fallback=plan.first_seen)
    estimate = ledger.keep_date(plan.published, resolve(story, context))
    spent = time.perf_counter() - t0
    return Item(story, estimate, plan.slug, plan.site, plan.site_slug, plan.link,
                plan.updated), spent


def write_pages(task: PageTask) -> list[PageDone]:
    files: list[tuple[Path, bytes]] = []
    dated: list[tuple[DateEstimate, float]] = []
    for plan in task.plans:
        item, spent = load_item(plan, task.env)
        refs = task.env.refs(plan.site, plan.site_slug)
        page = render.article_page(item, refs, task.env.opml_url, task.env.language)
        files.append((task.env.output / plan.page, page.encode("utf-8")))
        dated.append((item.date, spent))
    write_many_inside(task.env.output, files)
    return [PageDone(date, _stat(path, plan.page_key), spent)
            for (path, _), (date, spent), plan in zip(files, dated, task.plans, strict=True)]


def write_archives(tasks: tuple[ArchiveTask, ...]) -> list[tuple[Output, Output, float]]:
    """Archive pages, RSS then Atom for each, written as one batch."""
    files: list[tuple[str, bytes]] = []
    spent = []
    for task in tasks:
        loaded = _load(task.plans, task.dates, task.env)
        items = [i for i, _ in loaded]
        rss_rel, atom_rel = task.files
        html = [render.item_html(i.story.article) for i in items]
        files += [(rss_rel, publish.rss_bytes(task.channel, items, task.rss_history, html)),
                  (atom_rel, publish.atom_bytes(task.channel, items, task.atom_history, html))]
        spent.append(sum(s for _, s in loaded))
    outputs = _write_together(tasks, files)
    return [(rss, atom, s) for rss, atom, s in zip(outputs[::2], outputs[1::2], spent,
                                                    strict=True)]


def write_feeds(tasks: tuple[FeedTask, ...]) -> list[tuple[Output, Output, Output, float]]:
    """RSS, Atom and JSON Feed for each site, from the newest items only, written as one
    batch: a build of many small sites pays one flush per batch, not one per site."""
    files: list[tuple[str, bytes]] = []
    spent = []
    for task in tasks:
        loaded = _load(task.plans, task.dates, task.env)
        items = [i for i, _ in loaded]
        rss_name, atom_name, json_name = (layout.feed(task.site_slug, n)
                                          for n in layout.FEED_FILES)
        # One rendering per item: RSS, Atom and JSON Feed carry the same HTML content.
        html = [render.item_html(i.story.article) for i in items]
        files += [(rss_name, publish.rss_bytes(task.channel, items, task.rss_history, html)),
                  (atom_name, publish.atom_bytes(task.channel, items, task.atom_history, html)),
                  (json_name, jsonfeed.jsonfeed_bytes(task.channel, items, html))]
        spent.append(sum(s for _, s in loaded))
    outputs = _write_together(tasks, files)
    return [(rss, atom, feed, s) for rss, atom, feed, s in zip(
        outputs[::3], outputs[1::3], outputs[2::3], spent, strict=True)]


def _load(plans: tuple[Plan, ...], dates: tuple[DateEstimate, ...],
          env: Env) -> list[tuple[Item, float]]:
    if len(dates) == len(plans):
        return [load_item(p, env, d) for p, d in zip(plans, dates, strict=True)]
    return [load_item(p, env) for p in plans]


def _write_together(tasks: tuple[FeedTask, ...] | tuple[ArchiveTask, ...],
                    files: list[tuple[str, bytes]]) -> list[Output]:
    """The documents of a batch of feeds, each written whole, with a single flush to disk
    for all of them (``atomic.write_many``); each file's Output carries its task's key."""
    if not tasks:
        return []
    env = tasks[0].env
    per_task = len(files) // len(tasks)
    write_many_inside(env.output, [(env.output / rel, data) for rel, data in files])
    return [_stat(env.output / rel, tasks[n // per_task].key)
            for n, (rel, _) in enumerate(files)]


def _stat(path: Path, key: str) -> Output:
    st = os.stat(path)
    return Output(key, st.st_size, st.st_mtime_ns)


def unchanged(path: str | Path, output: Output | None, key: str) -> bool:
    """True when ``path`` is still the file written from ``key`` (a stat, no read)."""
    if output is None or output.key != key:
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    return st.st_size == output.size and st.st_mtime_ns == output.mtime_ns
