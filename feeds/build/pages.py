"""Stage 3, pages: the stories whose inputs changed are dated and their pages written in
workers (``feeds.build.emit``); what is published is recorded in the ledger, and the entries
for lists and indexes are made from the records, without the articles' text."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from feeds import language
from feeds.build import emit
from feeds.build.clock import Clock
from feeds.build.emit import Env, PageTask, Plan
from feeds.build.incremental import store
from feeds.build.incremental.state import CaptureState, State
from feeds.model import DateEstimate, Entry
from feeds.pool import Workers
from feeds.publish import ledger

PAGE_CHUNK = 64


def publish_pages(plans: list[Plan], members: dict[str, tuple[CaptureState, ...]], prior: State,
           new: State, env: Env, workers: Workers, now: datetime, clock: Clock,
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


def _entry(plan: Plan, group: tuple[CaptureState, ...], date: DateEstimate) -> Entry:
    """An entry for lists and indexes: headline, site, tagline and date, no text."""
    best = group[0] if len(group) == 1 else max(group, key=lambda c: c.merge_key.rank)
    tagline = next((c.tagline for c in group if c.tagline), None)
    languages = {c.language for c in group}
    return Entry(plan.id, best.merge_key.headline, best.path, date, plan.slug, plan.site,
                 plan.site_slug, plan.link, tagline, language.common(languages) or None,
                 plan.updated, plan.refs)


def relocate(captures: dict[str, CaptureState], entries: list[Entry],
             moved: dict[store.Ref, store.Ref]) -> list[Entry]:
    """Point captures at the compacted store; the entries, pointed there too."""
    for path, c in captures.items():
        if c.ref in moved:
            captures[path] = replace(c, ref=moved[c.ref])
    return [replace(e, refs=tuple(moved.get(r, r) for r in e.refs)) for e in entries]
