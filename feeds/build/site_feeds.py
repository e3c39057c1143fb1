"""Stage 4, every site's feeds: site pages, the feed window and archive pages each item
sits on, and the RSS, Atom and JSON Feed documents, written in workers. A document whose
inputs did not change (its key) and whose file is untouched is not written again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC
from pathlib import Path
from typing import TypeVar

from feeds import language, publish
from feeds.build import emit
from feeds.build.clock import Clock, progress
from feeds.build.emit import ArchiveTask, Env, FeedTask, Plan
from feeds.build.identity import build_time
from feeds.build.incremental import state
from feeds.build.incremental.state import Output, State
from feeds.build.options import BuildOptions
from feeds.model import Entry
from feeds.pool import Workers
from feeds.publish import archive, layout, ledger, opml, render
from feeds.publish.outdir import write_many_inside

FEED_FILES = layout.FEED_FILES
T = TypeVar("T", FeedTask, ArchiveTask)


@dataclass
class SitePlans:
    """What stage 4 writes: each site's feed refs (for the OPML and the index), the feed
    and archive documents that changed, and every archive page that exists."""

    refs: list[opml.FeedRef] = field(default_factory=list)
    feed_tasks: list[FeedTask] = field(default_factory=list)
    archive_tasks: list[ArchiveTask] = field(default_factory=list)
    archives: list[tuple[str, int]] = field(default_factory=list)


def plan_sites(items: Sequence[Entry], plans: Sequence[Plan], prior: State, new: State,
               env: Env, options: BuildOptions) -> SitePlans:
    """Write each site's page and place its items; the feeds and archives to write."""
    by_site: dict[str, list[Entry]] = defaultdict(list)
    for item in items:
        by_site[item.site_slug].append(item)
    page_keys = {p.id: p.page_key for p in plans}
    plan_of = {p.id: p for p in plans}
    out = SitePlans()
    pages = SitePages(env.output)
    for sslug in sorted(by_site):
        site_items = by_site[sslug]
        site_refs = feed_refs(site_items, env, site_language(site_items, options))
        pages.add(site_items, site_refs, env, new)
        channel = channel_of(site_items, options)
        paging = place(site_items, sslug, prior, new, options.max_items)
        out.archives += [(sslug, page.number) for page in paging.pages]
        out.archive_tasks += archive_tasks_of(channel, paging, page_keys, plan_of, env,
                                              prior, new, sslug)
        history = (archive.current_history(paging, channel.page_url, "rss"),
                   archive.current_history(paging, channel.page_url, "atom"))
        key = state.digest(repr(channel), repr(history),
                           [entry_key(page_keys[i.id], i) for i in paging.current])
        names = [layout.feed(sslug, f) for f in FEED_FILES]
        if not all(emit.unchanged(env.output / r, prior.outputs.get(r), key) for r in names):
            out.feed_tasks.append(FeedTask(env, channel,
                                           tuple(plan_of[i.id] for i in paging.current),
                                           key, *history,
                                           tuple(i.date for i in paging.current), sslug))
        else:
            for rel in names:
                new.outputs[rel] = prior.outputs[rel]
        out.refs += site_refs
    pages.flush()
    return out


def write_archives(tasks: Sequence[ArchiveTask], workers: Workers, new: State, clock: Clock,
                   options: BuildOptions) -> None:
    chunks = batches(tasks)
    done = 0
    for chunk, results in zip(chunks, workers.map(emit.write_archives, chunks), strict=True):
        for task, (rss, atom, spent) in zip(chunk, results, strict=True):
            done += 1
            progress(options, "archives", done, len(tasks))
            rss_rel, atom_rel = task.files
            new.outputs[rss_rel] = rss
            new.outputs[atom_rel] = atom
            clock.stages["dates (in workers)"] += spent


def write_feeds(tasks: Sequence[FeedTask], workers: Workers, new: State, clock: Clock,
                options: BuildOptions) -> None:
    chunks = batches(tasks)
    done = 0
    for chunk, results in zip(chunks, workers.map(emit.write_feeds, chunks), strict=True):
        for task, (*outputs, spent) in zip(chunk, results, strict=True):
            done += 1
            progress(options, "feeds", done, len(tasks))
            for name, output in zip(FEED_FILES, outputs, strict=True):
                new.outputs[layout.feed(task.site_slug, name)] = output
            clock.stages["dates (in workers)"] += spent


BATCH_ITEMS = 64  # feed entries per worker task (a batch is one flush to disk)


def batches(tasks: Sequence[T]) -> list[tuple[T, ...]]:
    """Consecutive tasks in batches of about ``BATCH_ITEMS`` entries: many small sites'
    feeds share a worker task and a flush; a big site's feed is a batch of its own."""
    out: list[tuple[T, ...]] = []
    start = size = 0
    for n, task in enumerate(tasks, start=1):
        size += max(1, len(task.plans))
        if size >= BATCH_ITEMS:
            out.append(tuple(tasks[start:n]))
            start, size = n, 0
    if start < len(tasks):
        out.append(tuple(tasks[start:]))
    return out


def place(items: Sequence[Entry], sslug: str, prior: State, new: State,
           keep: int) -> archive.Paging:
    """The feed window and archive pages of one site: where each item already sits,
    and the window's oldest beyond ``keep`` moved onto the open archive page."""
    site = new.sites[sslug]
    window = [(i.id, new.items[i.id].seq) for i in items if not new.items[i.id].page]
    site, moved = ledger.place(site, window, keep, archive.PAGE_SIZE)
    new.sites[sslug] = site
    for sid, page in moved.items():
        new.items[sid] = replace(new.items[sid], page=page)
    return archive.layout(items, {i.id: new.items[i.id].page for i in items},
                          site.open_page if site.open_count == 0 else 0)


def channel_of(items: Sequence[Entry], options: BuildOptions) -> publish.Channel:
    first = items[0]
    page_url, rss_url, atom_url, json_url = layout.Urls(options.base_url).feeds(first.site_slug)
    return publish.Channel(site=first.site, description=description(items),
                           page_url=page_url, rss_url=rss_url, atom_url=atom_url,
                           language=site_language(items, options), updated=build_time(items),
                           json_url=json_url)


def site_language(items: Sequence[Entry], options: BuildOptions) -> str:
    """The site's language: its articles', "" when they are of several, else the default."""
    return language.common((i.language for i in items), options.language)


class SitePages:
    """Each site's page, written in batches (``atomic.write_many``): one flush to disk per
    batch, not one per site, for an output of hundreds of small sites."""

    LIMIT = 4 << 20  # bytes held before a batch is written

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[tuple[Path, bytes]] = []
        self.size = 0

    def add(self, items: Sequence[Entry], refs: Sequence[opml.FeedRef], env: Env,
            new: State) -> None:
        first = items[0]
        page = render.site_page(first.site, items, refs, env.opml_url, env.language)
        data = page.encode("utf-8")
        self.files.append((env.output / layout.site_index(first.site_slug), data))
        new.outputs[layout.site_index(first.site_slug)] = Output("", 0, 0)
        self.size += len(data)
        if self.size >= self.LIMIT:
            self.flush()

    def flush(self) -> None:
        write_many_inside(self.root, self.files)
        self.files, self.size = [], 0


def archive_tasks_of(channel: publish.Channel, paging: archive.Paging,
                   page_keys: dict[str, str], plan_of: dict[str, Plan], env: Env,
                   prior: State, new: State, sslug: str) -> list[ArchiveTask]:
    """RSS and Atom archive pages; each depends only on its items and its neighbours,
    so a page whose key is unchanged (and whose files are untouched) is not rewritten."""
    tasks: list[ArchiveTask] = []
    root = channel.page_url
    for page in paging.pages:
        n = page.number
        updated = channel.updated
        if page.items:
            updated = max(i.modified for i in page.items).astimezone(UTC)
        doc = replace(channel, rss_url=layout.archive_url(root, "rss", n),
                      atom_url=layout.archive_url(root, "atom", n), updated=updated)
        history = (archive.page_history(paging, page, channel.rss_url, root, "rss"),
                   archive.page_history(paging, page, channel.atom_url, root, "atom"))
        key = state.digest(repr(doc), repr(history),
                           [entry_key(page_keys[i.id], i) for i in page.items])
        task = ArchiveTask(env, doc, tuple(plan_of[i.id] for i in page.items), n, key,
                           *history, tuple(i.date for i in page.items), sslug)
        if all(emit.unchanged(env.output / rel, prior.outputs.get(rel), key)
               for rel in task.files):
            for rel in task.files:
                new.outputs[rel] = prior.outputs[rel]
        else:
            tasks.append(task)
    return tasks


def entry_key(page_key: str, item: Entry) -> str:
    """What a feed entry is made from: the page's inputs and the instants it carries
    (a published date outlives the captures that gave it)."""
    return f"{page_key} {item.date.value.timestamp()} {item.modified.timestamp()}"


def feed_refs(items: Sequence[Entry], env: Env, lang: str) -> list[opml.FeedRef]:
    return [replace(r, language=lang) for r in env.refs(items[0].site, items[0].site_slug,
                                                        description(items))]


def description(items: Sequence[Entry]) -> str:
    """The tagline of the site's first published item that has one: a new item does not
    change it, so full archive pages stay as they were."""
    for item in reversed(items):
        if item.tagline:
            return item.tagline
    return f"Articles captured from {items[0].site}"
