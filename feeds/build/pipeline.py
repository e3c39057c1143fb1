"""The build: captures -> articles -> stories -> dated items -> files in the output folder.

Stages, each timed, each a module of this package:

0. nothing to do (``incremental.shortcut``): inputs and output as the last build left them;
1. scan (``read``; workers run ``feeds.build.scan``): read and parse the captures that changed
   since the last build; the parsed articles go to the article store, the main process
   keeps small merge keys;
2. merge (``plan``): group captures into stories and plan every item's page; an item
   already published keeps its id, feed and page name (``feeds.publish.ledger``);
3. pages (``pages``; workers run ``feeds.build.emit``): date each story whose inputs changed (a
   published date moves only when the new one is strictly better) and write its page;
4. archives and feeds (``site_feeds``; in workers): the ``max_items`` items each site
   published last as RSS, Atom and JSON Feed, older ones on the RFC 5005 archive page they
   were placed on (only changed pages are rewritten, and a full page does not change);
5. index (``index``): site pages, front page, OPML, then the state for the next build (the
   article store compacted when it is mostly dead).

Write order is pages, archives, feeds, indexes: a reader never sees an item whose page
or archive is not there yet. Output depends on the inputs and on what this output
published before (the state), never on ``jobs``; a build that only adds captures writes
the pages a clean one writes. Every file goes through a temp file and a rename, inside
the output folder (``feeds.publish.outdir``), while the build holds the output folder's lock.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from feeds import lock
from feeds.atomic import remove_stale_temps
from feeds.build import identity, sites
from feeds.build.clock import Clock, progress
from feeds.build.emit import Env
from feeds.build.incremental import shortcut, state, store
from feeds.build.incremental.state import Output, State
from feeds.build.index import remove_stale, write_index
from feeds.build.options import BuildOptions
from feeds.build.pages import publish_pages, relocate
from feeds.build.plan import measure_overlaps, plan_stories
from feeds.build.read import keep_published, scan, scan_workers, split_seen, stat_all
from feeds.build.site_feeds import plan_sites, write_archives, write_feeds
from feeds.model import BuildResult, Problem
from feeds.pool import Workers
from feeds.publish import layout, ledger
from feeds.sources import discover


def build(options: BuildOptions) -> BuildResult:
    """Build under the output's lock: two builds never write the same folder at once."""
    with lock.hold(options.output, options.lock_timeout):
        remove_stale_temps(options.output)  # left by a killed build; safe under the lock
        return _build(options)


def _build(options: BuildOptions) -> BuildResult:
    clock = Clock()
    out = options.output
    fp = identity.fingerprint(options)
    paths, problems = discover(options.inputs)
    stats = stat_all(paths)
    del paths  # a Path per capture is a few hundred bytes: 100,000 of them add up
    inputs = shortcut.inputs_digest(stats, problems, options.prune)
    clock.lap("discover")
    last = state.peek(out, fp)
    if (last is not None and last.inputs_digest == inputs
            and last.tree_digest == shortcut.tree_digest(out)):
        with contextlib.suppress(OSError, ValueError):  # a part lost: build as usual
            return _unchanged(state.entries(out, last), last.result[1], out, clock)
    prior = state.load(out, fp, identity.code_digest())
    now = ledger.now()
    # What is loaded lives to the end of the build: the cyclic collector need not walk
    # it again and again (a second or more at 100,000 captures). Freed as usual after.
    gc.freeze()
    try:
        store_dir = out / state.STORE
        with Workers(options.jobs) as workers:
            # 1. scan
            seen, reused = split_seen(stats, prior, store_dir)
            # A Dask client is closed before the pool forks for later stages: forking
            # a process that runs the client's event-loop thread is asking for a hang.
            with scan_workers(options, workers) as scanner:
                captures, parsed = scan(seen, reused, options, store_dir, scanner, clock)
            present = {s[0] for s in stats}
            del seen, reused, stats
            problems += [Problem(c.path, c.problem) for c in captures.values() if c.problem]
            warnings = [Problem(c.path, w) for c in captures.values() for w in c.warnings]
            if not options.prune:  # published items are not withdrawn because a file went
                keep_published(captures, prior, present, store_dir)
            del present
            captures = sites.resolve(captures, prior.captures,  # captures naming no site
                                     {slug: site.name for slug, site in prior.sites.items()})
            clock.lap("scan")
            # 2. merge
            usable = sorted((c for c in captures.values() if c.key is not None),
                            key=lambda c: (c.merge_key.source, c.merge_key.headline))
            overlaps = measure_overlaps(usable, prior, store_dir, workers)
            plans, members = plan_stories(usable, overlaps, options, store_dir, prior, now)
            clock.lap("merge")
            # 3. pages
            env = Env(store_dir, out, options.base_url, options.language, options.dates)
            new_state = State(prior.fingerprint, captures, overlaps, code=prior.code)
            items, plans = publish_pages(
                plans, members, prior, new_state, env, workers, now, clock,
                lambda done, total: progress(options, "pages", done, total))
            del members, usable
            clock.lap("pages")
            # 4. archives and feeds
            todo = plan_sites(items, plans, prior, new_state, env, options)
            del plans
            clock.lap("index")
            write_archives(todo.archive_tasks, workers, new_state, clock, options)
            clock.lap("archives")
            write_feeds(todo.feed_tasks, workers, new_state, clock, options)
            clock.lap("feeds")
            # 5. index, then the state the next build starts from
            write_index(items, todo.refs, options)
            for rel in (layout.INDEX, layout.OPML):
                new_state.outputs[rel] = Output("", 0, 0)
            remove_stale(out, prior, new_state)
            moved = store.compact(store_dir, [c.ref for c in captures.values() if c.ref])
            if moved:
                items = relocate(new_state.captures, items, moved)
            new_state = replace(new_state, inputs_digest=inputs,
                                tree_digest=shortcut.tree_digest(out))
            if not state.same(prior, new_state):
                state.save(out, new_state, prior, items,
                           shortcut.entry_row(state.date_encoder(prior)),
                           shortcut.result_tail(problems, warnings, todo.archives))
            store.collect(store_dir, {c.ref[0] for c in new_state.captures.values() if c.ref})
            clock.lap("index")
            archives = todo.archives
            # Freed before the list of every written path is made: at 100,000 captures
            # the two states and the captures are what a build's peak memory is made of.
            del prior, new_state, captures, overlaps, todo
        return BuildResult(items=tuple(items),
                           written=tuple(shortcut.written(items, out, archives)),
                           problems=tuple(problems), warnings=tuple(warnings),
                           parsed=parsed, timings=tuple(clock.stages.items()),
                           store=store_dir)
    finally:
        gc.unfreeze()


def _unchanged(parts: Iterable[list[Any]], tail: list[Any], out: Path,
               clock: Clock) -> BuildResult:
    """The last build's result, when nothing changed since it."""
    items, problems, warnings, archives = shortcut.restore(parts, tail)
    clock.lap("unchanged check")
    return BuildResult(items=tuple(items),
                       written=tuple(shortcut.written(items, out, archives)),
                       problems=tuple(problems), warnings=tuple(warnings), parsed=0,
                       timings=tuple(clock.stages.items()), store=out / state.STORE)
