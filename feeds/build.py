"""The build: captures -> articles -> stories -> dated items -> files in the output folder.

Stages, each timed:

0. nothing to do (``feeds.shortcut``): inputs and output as the last build left them;
1. scan (workers): read and parse the captures that changed since the last build; the
   parsed articles go to the article store, the main process keeps small merge keys;
2. merge (main): group captures into stories and plan every item's page; an item already
   published keeps its id, feed and page name (``feeds.ledger``);
3. pages (workers): date each story whose inputs changed (a published date moves only
   when the new one is strictly better) and write its page;
4. archives and feeds (workers): the ``max_items`` items each site published last as RSS,
   Atom and JSON Feed, older ones on the RFC 5005 archive page they were placed on (only
   changed pages are rewritten, and a full page does not change);
5. index (main): site pages, front page, OPML, then the state for the next build (the
   article store compacted when it is mostly dead).

Write order is pages, archives, feeds, indexes: a reader never sees an item whose page
or archive is not there yet. Output depends on the inputs and on what this output
published before (the state), never on ``jobs``; a build that only adds captures writes
the pages a clean one writes. Every file goes through a temp file and a rename, inside
the output folder (``feeds.outdir``), while the build holds the output folder's lock.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feeds import (
    __version__,
    archive,
    emit,
    language,
    layout,
    ledger,
    lock,
    merge,
    opml,
    publish,
    render,
    shortcut,
    sites,
    state,
    store,
)
from feeds.atomic import remove_stale_temps
from feeds.dates import resolve
from feeds.emit import ArchiveTask, Env, FeedTask, PageTask, Plan
from feeds.errors import FeedsError
from feeds.model import Article, BuildResult, DateEstimate, Entry, Item, Problem, Story
from feeds.options import BuildOptions
from feeds.outdir import write_inside
from feeds.pool import Workers
from feeds.scan import (
    ScanTask,
    Seen,
    internal_error,
    parse_capture,
    parse_or_problem,
    scan_chunk,
    site_name,
)
from feeds.slug import slugify, unique
from feeds.sources import discover, iter_captures
from feeds.state import CaptureState, Output, State

if TYPE_CHECKING:
    from feeds.dask_executor import DaskWorkers

__all__ = ["BuildOptions", "build", "build_time", "internal_error", "load_story", "make_items",
           "parse_capture", "read_articles", "site_name"]

SCAN_CHUNK = 32  # captures per worker task (and per article pack): fixed, not per job
PAGE_CHUNK = 64
PAIR_GROUP_MAX = 8  # key groups up to this size have their overlaps computed in workers
FEED_FILES = layout.FEED_FILES


def read_articles(
    paths: Iterable[Path], options: BuildOptions
) -> tuple[list[Article], list[Problem], list[Problem]]:
    """Articles, problems and warnings, all in memory (for tools and tests; ``build``
    reads in workers, see ``feeds.scan``). One bad capture never stops the others: even
    an unexpected exception becomes a problem, unless ``options.debug`` asks for it."""
    articles: list[Article] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path in paths:
        try:
            for found in iter_captures(path, max_bytes=options.max_bytes,
                                       captured_at=options.dates.captured_at):
                if isinstance(found, Problem):
                    problems.append(found)
                    continue
                warnings += (Problem(found.path, w) for w in found.warnings)
                article = parse_or_problem(parse_capture, found, options.debug)
                if isinstance(article, str):
                    problems.append(Problem(found.path, article))
                else:
                    articles.append(article)
        except Exception as exc:  # reading the file itself failed unexpectedly
            if options.debug:
                raise
            problems.append(Problem(str(path), internal_error(exc)))
    return articles, problems, warnings


def make_items(stories: Sequence[Story], options: BuildOptions) -> list[Item]:
    """Date every story and give it a page, in memory; newest first, ties broken by id.
    (``build`` does the same in stages, and remembers what it published: see ``_plan``,
    ``feeds.emit`` and ``feeds.ledger``.)"""
    now = ledger.now()
    taken: dict[str, set[str]] = defaultdict(set)
    site_slugs: dict[str, str] = {}
    used_site_slugs: set[str] = set()
    items = []
    names = sites.for_articles(c for s in stories for c in s.captures)
    for story in sorted(stories, key=lambda s: s.id):
        site = names.get(story.article.source) or site_name(story.article)
        sslug, slug = _slugs(site, story.id, story.article.headline, site_slugs,
                             used_site_slugs, taken)
        seen = ledger.first_seen(story_mtimes(story), now)
        estimate = ledger.keep_date(None, resolve(story, replace(options.dates, fallback=seen)))
        link = layout.Urls(options.base_url).page(sslug, slug)
        if options.link_to_original and story.article.url:
            link = story.article.url
        items.append(Item(story=story, date=estimate, slug=slug, site=site,
                          site_slug=sslug, link=link))
    items.sort(key=lambda i: (-i.date.value.timestamp(), i.id))
    return items


def story_mtimes(story: Story) -> list[int]:
    """The modification times of the files holding a story's captures."""
    times = []
    for capture in story.captures:
        with contextlib.suppress(OSError):
            times.append(os.stat(re.sub(r"#\d+$", "", capture.source)).st_mtime_ns)
    return times


def build_time(items: Sequence[Entry]) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set, else the newest item's date or change: never the
    clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    if items:
        return ledger.instant(max(i.modified for i in items))
    return datetime(2000, 1, 1, tzinfo=UTC)


def fingerprint(options: BuildOptions) -> str:
    """Everything besides the inputs that output depends on: the code and the options."""
    skip = {"inputs", "output", "jobs", "prune", "lock_timeout", "debug", "executor", "scheduler",
            "progress"}
    opts = [repr(getattr(options, f.name)) for f in fields(options) if f.name not in skip]
    return state.digest(_code_digest(), opts, os.environ.get("SOURCE_DATE_EPOCH", ""))


@cache
def _code_digest() -> str:
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class _Clock:
    def __init__(self) -> None:
        self.stages: dict[str, float] = defaultdict(float)
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] += now - self._last
        self._last = now


def build(options: BuildOptions) -> BuildResult:
    """Build under the output's lock: two builds never write the same folder at once."""
    with lock.hold(options.output, options.lock_timeout):
        remove_stale_temps(options.output)  # left by a killed build; safe under the lock
        return _build(options)


def _build(options: BuildOptions) -> BuildResult:
    clock = _Clock()
    out = options.output
    fp = fingerprint(options)
    paths, problems = discover(options.inputs)
    stats = _stat_all(paths)
    del paths  # a Path per capture is a few hundred bytes: 100,000 of them add up
    inputs = shortcut.inputs_digest(stats, problems, options.prune)
    clock.lap("discover")
    last = state.peek(out, fp)
    if (last is not None and last.inputs_digest == inputs
            and last.tree_digest == shortcut.tree_digest(out)):
        return _unchanged(last.result, out, clock)
    prior = state.load(out, fp, _code_digest())
    now = ledger.now()
    # What is loaded lives to the end of the build: the cyclic collector need not walk
    # it again and again (a second or more at 100,000 captures). Freed as usual after.
    gc.freeze()
    try:
        store_dir = out / state.STORE
        with Workers(options.jobs) as workers:
            seen, reused = _seen(stats, prior, store_dir)
            # A Dask client is closed before the pool forks for later stages: forking
            # a process that runs the client's event-loop thread is asking for a hang.
            with _scan_workers(options, workers) as scanner:
                captures, parsed = _scan(seen, reused, options, store_dir, scanner, clock)
            present = {s[0] for s in stats}
            del seen, reused, stats
            problems += [Problem(c.path, c.problem) for c in captures.values() if c.problem]
            warnings = [Problem(c.path, w) for c in captures.values() for w in c.warnings]
            if not options.prune:  # published items are not withdrawn because a file went
                _keep_published(captures, prior, present, store_dir)
            del present
            captures = sites.resolve(captures, prior.captures,  # captures naming no site
                                     {slug: site.name for slug, site in prior.sites.items()})
            clock.lap("scan")
            usable = sorted((c for c in captures.values() if c.key is not None),
                            key=lambda c: (c.merge_key.source, c.merge_key.headline))
            overlaps = _overlaps(usable, prior, store_dir, workers)
            plans, members = _plan(usable, overlaps, options, store_dir, prior, now)
            clock.lap("merge")
            env = Env(store_dir, out, options.base_url, options.language, options.dates)
            new_state = State(prior.fingerprint, captures, overlaps, code=prior.code)
            items, plans = _pages(plans, members, prior, new_state, env, workers, now, clock,
                                  lambda done, total: _progress(options, "pages", done, total))
            del members, usable
            clock.lap("pages")
            by_site: dict[str, list[Entry]] = defaultdict(list)
            for item in items:
                by_site[item.site_slug].append(item)
            page_keys = {p.id: p.page_key for p in plans}
            plan_of = {p.id: p for p in plans}
            refs: list[opml.FeedRef] = []
            feed_tasks: list[FeedTask] = []
            archive_tasks: list[ArchiveTask] = []
            archives: list[tuple[str, int]] = []
            for sslug in sorted(by_site):
                site_items = by_site[sslug]
                site_refs = _refs(site_items, env, _language(site_items, options))
                _site_page(site_items, site_refs, env, new_state)
                channel = _channel(site_items, options)
                paging = _place(site_items, sslug, prior, new_state, options.max_items)
                archives += [(sslug, page.number) for page in paging.pages]
                archive_tasks += _archive_tasks(channel, paging, page_keys, plan_of, env,
                                                prior, new_state, sslug)
                history = (archive.current_history(paging, channel.page_url, "rss"),
                           archive.current_history(paging, channel.page_url, "atom"))
                key = state.digest(repr(channel), repr(history),
                                   [_entry_key(page_keys[i.id], i) for i in paging.current])
                names = [layout.feed(sslug, f) for f in FEED_FILES]
                if not all(emit.unchanged(out / r, prior.outputs.get(r), key) for r in names):
                    feed_tasks.append(FeedTask(env, channel,
                                               tuple(plan_of[i.id] for i in paging.current),
                                               key, *history,
                                               tuple(i.date for i in paging.current), sslug))
                else:
                    for rel in names:
                        new_state.outputs[rel] = prior.outputs[rel]
                refs += site_refs
            del plans, plan_of, page_keys, by_site
            clock.lap("index")
            for n, (task, (rss, atom, spent)) in enumerate(zip(archive_tasks, workers.map(
                    emit.write_archive, archive_tasks), strict=True), start=1):
                _progress(options, "archives", n, len(archive_tasks))
                rss_rel, atom_rel = task.files
                new_state.outputs[rss_rel] = rss
                new_state.outputs[atom_rel] = atom
                clock.stages["dates (in workers)"] += spent
            clock.lap("archives")
            for n, (feed_task, (*outputs, spent)) in enumerate(zip(
                    feed_tasks, workers.map(emit.write_feeds, feed_tasks), strict=True), start=1):
                _progress(options, "feeds", n, len(feed_tasks))
                sslug = feed_task.site_slug
                for name, output in zip(FEED_FILES, outputs, strict=True):
                    new_state.outputs[layout.feed(sslug, name)] = output
                clock.stages["dates (in workers)"] += spent
            clock.lap("feeds")
            write_index(items, refs, options)
            for rel in (layout.INDEX, layout.OPML):
                new_state.outputs[rel] = Output("", 0, 0)
            _remove_stale(out, prior, new_state)
            moved = store.compact(store_dir, [c.ref for c in captures.values() if c.ref])
            if moved:
                _relocate(new_state.captures, moved)
                items = [replace(i, refs=tuple(moved.get(r, r) for r in i.refs))
                         for i in items]
            new_state = replace(new_state, inputs_digest=inputs,
                                tree_digest=shortcut.tree_digest(out))
            if not state.same(prior, new_state):
                state.save(out, new_state, prior, shortcut.result_rows(
                    items, problems, warnings, state.date_encoder(prior), archives))
            store.collect(store_dir, {c.ref[0] for c in new_state.captures.values() if c.ref})
            clock.lap("index")
        return BuildResult(items=tuple(items),
                           written=tuple(shortcut.written(items, out, archives)),
                           problems=tuple(problems), warnings=tuple(warnings),
                           parsed=parsed, timings=tuple(clock.stages.items()),
                           store=store_dir)
    finally:
        gc.unfreeze()


def _progress(options: BuildOptions, stage: str, done: int, total: int) -> None:
    if options.progress is not None:
        options.progress(stage, done, total)


def _keep_published(captures: dict[str, CaptureState], prior: State, present: set[str],
                    store_dir: Path) -> None:
    """Without ``--prune``, a published item is not withdrawn: a capture gone from the
    inputs, or edited into one that cannot be used, keeps its last parsed article (if
    it was stored by other code, only when it still reads)."""
    for path, c in prior.captures.items():
        if c.key is None or c.ref is None:
            continue
        now = captures.get(path)
        if ((c.input not in present or (now is not None and now.key is None))
                and store.is_readable(store_dir, c.ref)
                and (not prior.foreign or _readable(store_dir, c.ref))):
            captures[path] = c
    ordered = sorted(captures.items())
    captures.clear()
    captures.update(ordered)


def _readable(store_dir: Path, ref: store.Ref) -> bool:
    try:
        store.read(store_dir, ref)
    except Exception:  # written by other code in a shape this code does not read
        return False
    return True


def _relocate(captures: dict[str, CaptureState], moved: dict[store.Ref, store.Ref]) -> None:
    """Point captures at the compacted store."""
    for path, c in captures.items():
        if c.ref in moved:
            captures[path] = replace(c, ref=moved[c.ref])


def _place(items: Sequence[Entry], sslug: str, prior: State, new: State,
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


def _scan_workers(options: BuildOptions, workers: Workers
                  ) -> contextlib.AbstractContextManager[Workers | DaskWorkers]:
    """The scan's executor: the local pool, or a Dask cluster (the later stages stay
    local: they are a fraction of the work and read the store this machine wrote)."""
    if options.executor == "dask":
        from feeds.dask_executor import DaskWorkers

        return DaskWorkers(options.jobs, options.scheduler)
    return contextlib.nullcontext(workers)


def _stat_all(paths: Sequence[Path]) -> list[shortcut.Stat]:
    stats = []
    for path in paths:
        try:
            st = os.stat(path)
            stats.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            stats.append((str(path), -1, -1))
    return stats


def _seen(stats: Sequence[shortcut.Stat], prior: State, store_dir: Path
          ) -> tuple[list[Seen], dict[str, CaptureState]]:
    """An input file with the size and mtime the last build saw (and whose stored
    articles are still there) is reused without being read; the others are read whole,
    every capture a web archive holds."""
    try:
        packs = set(os.listdir(store_dir))
    except OSError:
        packs = set()
    by_file: dict[str, dict[str, CaptureState]] = defaultdict(dict)
    for c in prior.captures.values():
        by_file[c.input][c.path] = c
    seen: list[Seen] = []
    reused: dict[str, CaptureState] = {}
    for key, size, mtime in stats:
        prev = by_file.get(key, {})
        if any(c.ref is not None and c.ref[0] not in packs for c in prev.values()):
            prev = {}  # a parsed article is lost: read and parse again
        if prev and size >= 0 and all(c.size == size and c.mtime_ns == mtime
                                      for c in prev.values()):
            reused.update(prev)
        else:
            seen.append(Seen(key, size, mtime, prev))
    return seen, reused


def _scan(seen: list[Seen], reused: dict[str, CaptureState], options: BuildOptions,
          store_dir: Path, workers: Workers | DaskWorkers, clock: _Clock
          ) -> tuple[dict[str, CaptureState], int]:
    tasks = (ScanTask(tuple(seen[i : i + SCAN_CHUNK]), store_dir, options.max_bytes,
                      options.dates.captured_at, options.debug)
             for i in range(0, len(seen), SCAN_CHUNK))
    captures = dict(reused)
    parsed = 0
    for done, result in enumerate(workers.map(scan_chunk, tasks,
                                              count=-(-len(seen) // SCAN_CHUNK)), start=1):
        _progress(options, "read", min(done * SCAN_CHUNK, len(seen)), len(seen))
        for c in result.captures:
            captures[c.path] = state.compact(c)
        parsed += result.parsed
        clock.stages["read (in workers)"] += result.read_seconds
        clock.stages["parse (in workers)"] += result.parse_seconds
    return dict(sorted(captures.items())), parsed


def _pair(a: CaptureState, b: CaptureState) -> str:
    return " ".join(sorted((a.sha256, b.sha256)))


def _overlaps(usable: list[CaptureState], prior: State, store_dir: Path,
              workers: Workers) -> dict[str, float]:
    """Body overlaps of captures that share a headline or opening: reused from the last
    build when both contents are the same, else computed in workers."""
    groups: dict[tuple[str, str, str], list[CaptureState]] = defaultdict(list)
    for c in usable:
        key = c.merge_key
        groups[("h", key.site, key.head)].append(c)
        if key.opening is not None:
            groups[("p", key.site, key.opening)].append(c)
    found: dict[str, float] = {}
    todo: dict[str, tuple[store.Ref, store.Ref]] = {}
    for members in groups.values():
        if not 1 < len(members) <= PAIR_GROUP_MAX:
            continue
        for j, b in enumerate(members):
            for a in members[:j]:
                pair = _pair(a, b)
                if pair in prior.overlaps:
                    found[pair] = prior.overlaps[pair]
                elif pair not in found:
                    todo[pair] = (a.stored, b.stored)
    pairs = sorted(todo)
    chunks = [[(store_dir, *todo[p]) for p in pairs[i : i + 64]]
              for i in range(0, len(pairs), 64)]
    values = [v for chunk in workers.map(_overlap_chunk, chunks) for v in chunk]
    found.update(zip(pairs, values, strict=True))
    return found


def _overlap_chunk(pairs: list[tuple[Path, store.Ref, store.Ref]]) -> list[float]:
    return [merge.overlap(merge.shingles(store.read(d, a)), merge.shingles(store.read(d, b)))
            for d, a, b in pairs]


def _plan(usable: list[CaptureState], overlaps: dict[str, float], options: BuildOptions,
          store_dir: Path, prior: State, now: datetime
          ) -> tuple[list[Plan], dict[str, tuple[CaptureState, ...]]]:
    """Stories, ids, site slugs, page names and page keys, in id order. A published item
    keeps its id, feed and page name whatever its captures now say (``feeds.ledger``)."""
    keys = [c.merge_key for c in usable]

    def same(i: int, j: int, need: float) -> bool:
        pair = _pair(usable[i], usable[j])
        if pair not in overlaps:  # a large key group: computed here, on demand
            overlaps[pair] = _overlap_chunk([(store_dir, usable[i].stored, usable[j].stored)])[0]
        return overlaps[pair] >= need

    def body_of(i: int) -> str:
        return merge.body_key(store.read(store_dir, usable[i].stored))

    roots = merge.plan_groups(keys, same)
    stories = ledger.keep_apart(merge.plan_stories(keys, roots, body_of),
                                [c.path for c in usable], [k.rank for k in keys], prior.items)
    ids = ledger.keep_ids([(sid, [usable[i].path for i in indices])
                           for sid, _, indices in stories], prior.items)
    site_slugs = {site.name: slug for slug, site in prior.sites.items()}
    used_site_slugs: set[str] = set(prior.sites)
    taken: dict[str, set[str]] = defaultdict(set)
    for sid in ids:
        rec = prior.items.get(sid)
        if rec is not None:
            taken[rec.site_slug].add(rec.slug)
    plans: list[Plan] = []
    members: dict[str, tuple[CaptureState, ...]] = {}
    for sid, (_, best, indices) in sorted(zip(ids, stories, strict=True), key=lambda t: t[0]):
        head = usable[best]
        group = tuple(usable[i] for i in indices)
        rec = prior.items.get(sid)
        if rec is not None and rec.site_slug in prior.sites:
            site, sslug, slug = prior.sites[rec.site_slug].name, rec.site_slug, rec.slug
            seen = rec.first_seen
        else:
            site = head.site
            sslug, slug = _slugs(site, sid, head.merge_key.headline, site_slugs, used_site_slugs,
                                 taken)
            seen = ledger.first_seen([c.mtime_ns for c in group], now)
        link = layout.Urls(options.base_url).page(sslug, slug)
        url = _story_url(head, group)
        if options.link_to_original and url:
            link = url
        page_key = state.digest(sid, [(c.path, c.sha256) for c in group], slug, site, sslug,
                                link, options.language, seen.isoformat())
        plans.append(Plan(sid, tuple(c.stored for c in group), site, sslug, slug, link, page_key,
                          seen))
        members[sid] = group
    return plans, members


def _story_url(best: CaptureState, group: tuple[CaptureState, ...]) -> str | None:
    """The story's URL as ``merge.story`` fills it: the best capture's, else the first
    one found going down the ranks."""
    if best.url:
        return best.url
    ranked = sorted(group, key=lambda c: c.merge_key.rank, reverse=True)
    return next((c.url for c in ranked if c.url), None)


def _slugs(site: str, sid: str, headline: str, site_slugs: dict[str, str],
           used_site_slugs: set[str], taken: dict[str, set[str]]) -> tuple[str, str]:
    """(site slug, page slug) for a story; call in id order, so collisions resolve the
    same way on every run."""
    if site not in site_slugs:
        digest = hashlib.sha256(site.encode()).hexdigest()
        site_slugs[site] = unique(slugify(site, "site"), used_site_slugs, digest)
    sslug = site_slugs[site]
    digest = sid.rsplit(":", 1)[-1].replace("-", "")
    base = slugify(headline, "article")
    return sslug, unique(f"{base}-{digest[:6]}", taken[sslug], digest[6:])



def _pages(plans: list[Plan], members: dict[str, tuple[CaptureState, ...]], prior: State,
           new: State, env: Env, workers: Workers, now: datetime, clock: _Clock,
           progress: Callable[[int, int], None] = lambda done, total: None
           ) -> tuple[list[Entry], list[Plan]]:
    """Write the pages whose inputs changed and record what is published; every item,
    the last published first, and the plans with their items' ``updated``."""
    dates: dict[str, DateEstimate] = {}
    todo: list[Plan] = []
    shared: dict[DateEstimate, DateEstimate] = {}
    root = str(env.output)
    for plan in plans:
        rec = prior.items.get(plan.id)
        if (rec is not None and rec.date is not None and rec.page_key == plan.page_key
                and emit.unchanged(os.path.join(root, plan.page),
                                   prior.outputs.get(plan.page), plan.page_key)):
            dates[plan.id] = rec.date
            new.outputs[plan.page] = prior.outputs[plan.page]
        else:
            todo.append(replace(plan, published=None if rec is None else rec.date))
    tasks = [PageTask(env, tuple(todo[i : i + PAGE_CHUNK]))
             for i in range(0, len(todo), PAGE_CHUNK)]
    for n, (task, done) in enumerate(zip(tasks, workers.map(emit.write_pages, tasks),
                                         strict=True), start=1):
        progress(min(n * PAGE_CHUNK, len(todo)), len(todo))
        for plan, d in zip(task.plans, done, strict=True):
            dates[plan.id] = shared.setdefault(d.date, d.date)  # thousands share a date
            new.outputs[plan.page] = d.output
            clock.stages["dates (in workers)"] += d.dates_seconds
    _record(plans, members, dates, prior, new, now)
    plans = [p if p.updated == new.items[p.id].updated
             else replace(p, updated=new.items[p.id].updated) for p in plans]
    items = [_entry(p, members[p.id], dates[p.id]) for p in plans]
    items.sort(key=lambda i: -new.items[i.id].seq)
    return items, plans


def _record(plans: list[Plan], members: dict[str, tuple[CaptureState, ...]],
            dates: dict[str, DateEstimate], prior: State, new: State, now: datetime) -> None:
    """What is published after this build: items first published now are numbered after
    every earlier one; a date that moved moves ``updated`` (never before the date)."""
    start = max((r.seq for r in prior.items.values()), default=0) + 1
    seqs = ledger.sequence([(p.id, dates[p.id].value) for p in plans
                            if p.id not in prior.items], start)
    for plan in plans:
        paths = tuple(c.path for c in members[plan.id])
        date = dates[plan.id]
        rec = prior.items.get(plan.id)
        if rec is None:
            rec = ledger.Published(plan.id, seqs[plan.id], plan.site_slug, plan.slug, 0,
                                   plan.first_seen or now, date, None, plan.page_key, paths)
        elif (rec.date is not date or rec.page_key != plan.page_key or rec.captures != paths
              or (rec.site_slug, rec.slug) != (plan.site_slug, plan.slug)):
            updated = rec.updated
            if rec.date is not None and date is not rec.date and date != rec.date:
                updated = max(now, date.value)
            page = rec.page if rec.site_slug == plan.site_slug else 0  # (a lost site record)
            rec = ledger.Published(rec.id, rec.seq, plan.site_slug, plan.slug, page,
                                   rec.first_seen, date, updated, plan.page_key, paths)
        new.items[plan.id] = rec
        if plan.site_slug not in new.sites:
            new.sites[plan.site_slug] = prior.sites.get(
                plan.site_slug, ledger.Site(plan.site_slug, plan.site))


def _unchanged(row: list[Any], out: Path, clock: _Clock) -> BuildResult:
    """The last build's result, when nothing changed since it."""
    items, problems, warnings, archives = shortcut.restore(row)
    clock.lap("unchanged check")
    return BuildResult(items=tuple(items),
                       written=tuple(shortcut.written(items, out, archives)),
                       problems=tuple(problems), warnings=tuple(warnings), parsed=0,
                       timings=tuple(clock.stages.items()), store=out / state.STORE)


def load_story(result: BuildResult, entry: Entry) -> Story:
    """The whole story of one of ``result``'s entries (every capture, the merged article),
    read from the article store. Read it before a later build into the same folder
    collects the packs its captures no longer use."""
    if result.store is None:
        raise FeedsError(f"{entry.id}: the article store this build used is gone")
    return store.story(result.store, entry.id, entry.refs)


def _entry(plan: Plan, group: tuple[CaptureState, ...], date: DateEstimate) -> Entry:
    """An entry for lists and indexes: headline, site, tagline and date, no text."""
    best = group[0] if len(group) == 1 else max(group, key=lambda c: c.merge_key.rank)
    tagline = next((c.tagline for c in group if c.tagline), None)
    languages = {c.language for c in group}
    return Entry(plan.id, best.merge_key.headline, best.path, date, plan.slug, plan.site,
                 plan.site_slug, plan.link, tagline, language.common(languages) or None,
                 plan.updated, plan.refs)


def _channel(items: Sequence[Entry], options: BuildOptions) -> publish.Channel:
    first = items[0]
    page_url, rss_url, atom_url, json_url = layout.Urls(options.base_url).feeds(first.site_slug)
    return publish.Channel(site=first.site, description=_description(items),
                           page_url=page_url, rss_url=rss_url, atom_url=atom_url,
                           language=_language(items, options), updated=build_time(items),
                           json_url=json_url)


def _language(items: Sequence[Entry], options: BuildOptions) -> str:
    """The site's language: its articles', "" when they are of several, else the default."""
    return language.common((i.language for i in items), options.language)


def _site_page(items: Sequence[Entry], refs: Sequence[opml.FeedRef], env: Env,
               new: State) -> None:
    first = items[0]
    path = env.output / layout.site_index(first.site_slug)
    page = render.site_page(first.site, items, refs, env.opml_url, env.language)
    write_inside(env.output, path, page.encode("utf-8"))
    new.outputs[layout.site_index(first.site_slug)] = Output("", 0, 0)


def _archive_tasks(channel: publish.Channel, paging: archive.Paging,
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
                           [_entry_key(page_keys[i.id], i) for i in page.items])
        task = ArchiveTask(env, doc, tuple(plan_of[i.id] for i in page.items), n, key,
                           *history, tuple(i.date for i in page.items), sslug)
        if all(emit.unchanged(env.output / rel, prior.outputs.get(rel), key)
               for rel in task.files):
            for rel in task.files:
                new.outputs[rel] = prior.outputs[rel]
        else:
            tasks.append(task)
    return tasks


def _entry_key(page_key: str, item: Entry) -> str:
    """What a feed entry is made from: the page's inputs and the instants it carries
    (a published date outlives the captures that gave it)."""
    return f"{page_key} {item.date.value.timestamp()} {item.modified.timestamp()}"


def _remove_stale(out: Path, prior: State, new: State) -> None:
    """Files the last build wrote that this one did not (a renamed or pruned item)."""
    for rel in prior.outputs.keys() - new.outputs.keys():
        (out / rel).unlink(missing_ok=True)


def _refs(items: Sequence[Entry], env: Env, lang: str) -> list[opml.FeedRef]:
    return [replace(r, language=lang) for r in env.refs(items[0].site, items[0].site_slug,
                                                        _description(items))]


def _description(items: Sequence[Entry]) -> str:
    """The tagline of the site's first published item that has one: a new item does not
    change it, so full archive pages stay as they were."""
    for item in reversed(items):
        if item.tagline:
            return item.tagline
    return f"Articles captured from {items[0].site}"


def write_index(
    items: Sequence[Entry], refs: Sequence[opml.FeedRef], options: BuildOptions
) -> list[str]:
    path = options.output / layout.OPML
    write_inside(options.output, path, opml.opml_bytes(options.title, refs, build_time(items)))
    html_path = options.output / layout.INDEX
    page = render.index_page(options.title, refs, items[:50], options.language,
                             layout.Urls(options.base_url).opml)
    write_inside(options.output, html_path, page.encode("utf-8"))
    return [str(html_path), str(path)]
