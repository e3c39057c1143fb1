"""Stage 2, merge: captures grouped into stories (overlaps of captures that share a
headline or an opening are measured in workers), and every story's id, feed and page name
planned. A published item keeps its id, feed and page name (``feeds.publish.ledger``)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from feeds import merge
from feeds.build.emit import Plan
from feeds.build.incremental import state, store
from feeds.build.incremental.state import CaptureState, State
from feeds.build.options import BuildOptions
from feeds.pool import Workers
from feeds.publish import layout, ledger
from feeds.slug import slugify, unique

PAIR_GROUP_MAX = 8  # key groups up to this size have their overlaps computed in workers


def _pair(a: CaptureState, b: CaptureState) -> str:
    return " ".join(sorted((a.sha256, b.sha256)))


def measure_overlaps(usable: list[CaptureState], prior: State, store_dir: Path,
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


def plan_stories(usable: list[CaptureState], overlaps: dict[str, float], options: BuildOptions,
          store_dir: Path, prior: State, now: datetime
          ) -> tuple[list[Plan], dict[str, tuple[CaptureState, ...]]]:
    """Stories, ids, site slugs, page names and page keys, in id order. A published item
    keeps its id, feed and page name whatever its captures now say (``feeds.publish.ledger``)."""
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
            sslug, slug = slugs(site, sid, head.merge_key.headline, site_slugs, used_site_slugs,
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


def slugs(site: str, sid: str, headline: str, site_slugs: dict[str, str],
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
