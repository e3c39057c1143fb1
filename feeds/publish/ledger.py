"""What this output has published, kept from build to build for as long as an item lives.

A feed is a promise to its subscribers. Once published, an item keeps its id, its feed and
its page URL when its captures are edited or re-captured; it is ordered by when this
output first published it, so a late capture of an old article still reaches the feed
window; once on an archive page it stays on that page (RFC 5005 §4: the entries of an
archive document should not change); and its date moves only when the evidence narrows.
The caches in the build state may be dropped whenever the code or the options change;
this record is kept.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from feeds.model import DateEstimate, Precision

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

_FINER_FIRST = (Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR,
                Precision.UNKNOWN)


@dataclass(frozen=True, slots=True)
class Published:
    """One published item."""

    id: str
    seq: int  # order of first publication by this output: higher is later
    site_slug: str
    slug: str
    page: int  # its RFC 5005 archive page; 0 while it is in the feed window
    first_seen: datetime  # the earliest time this output knew a capture of it
    date: DateEstimate | None  # the date published (no evidence)
    updated: datetime | None  # when that date last moved after publication
    page_key: str  # what its page was last written from ("" once the code changed)
    captures: tuple[str, ...]  # its captures' paths: an edited capture keeps the item


@dataclass(frozen=True, slots=True)
class Site:
    """One feed: its name and where its archive grows."""

    slug: str
    name: str
    open_page: int = 1  # the archive page that items leaving the feed go to next
    open_count: int = 0  # items ever placed on it: a page that filled takes no more


def instant(value: datetime) -> datetime:
    """The instant every format writes: UTC, whole seconds (RSS cannot say less)."""
    return value.astimezone(UTC).replace(microsecond=0)


def now() -> datetime:
    """The build's own time, for what only this build can know (when it first saw an
    undated capture, when a date moved): ``SOURCE_DATE_EPOCH`` when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return instant(datetime.now(UTC))


def keep_ids(stories: Sequence[tuple[str, Sequence[str]]],
             prior: Mapping[str, Published]) -> list[str]:
    """The id each story is published under, for ``(computed id, capture paths)`` pairs.

    A story keeps its computed id when it is already published or new. Otherwise it takes
    the id of the published item whose captures it holds (a corrected headline changes the
    computed id), unless that id belongs to another story. Stories are served in order
    of computed id and take the smallest free id, so the outcome does not depend on the
    order they come in.
    """
    owner = {path: rec.id for rec in prior.values() for path in rec.captures}
    reserved = {sid for sid, _ in stories}
    taken: set[str] = set()
    ids = [sid for sid, _ in stories]
    for n in sorted(range(len(stories)), key=lambda n: stories[n][0]):
        sid, paths = stories[n]
        if sid not in prior:
            free = sorted({owner[p] for p in paths if p in owner} - reserved - taken)
            if free:
                ids[n] = free[0]
                taken.add(free[0])
    return ids


Story = tuple[str, int, tuple[int, ...]]  # (computed id, best capture, member captures)


def keep_apart(stories: Sequence[Story], paths: Sequence[str],
               ranks: Sequence[SupportsRichComparison],
               prior: Mapping[str, Published]) -> list[Story]:
    """Split a story that holds captures of two or more published items back into them:
    an item leaves a feed only with ``--prune``, not because a new capture bridged two
    articles. Each capture goes with the item that published it; a new one with the item
    of the story's best capture (or of its best published capture). A part takes its
    item's id, unless another story computes that id; then the story stays whole."""
    owner = {path: rec.id for rec in prior.values() for path in rec.captures}
    computed = {sid for sid, _, _ in stories}
    out: list[Story] = []
    for sid, best, members in stories:
        owners = {owner[paths[i]] for i in members if paths[i] in owner}
        if len(owners) < 2 or owners & (computed - {sid}):
            out.append((sid, best, members))
            continue
        owned = [i for i in members if paths[i] in owner]
        home = owner[paths[best] if paths[best] in owner else paths[
            max(owned, key=lambda i: ranks[i])]]
        parts: dict[str, list[int]] = {}
        for i in members:
            parts.setdefault(owner.get(paths[i], home), []).append(i)
        for item_id, part in sorted(parts.items()):
            out.append((item_id, max(part, key=lambda i: ranks[i]), tuple(part)))
    return out


def _width(d: DateEstimate) -> float:
    return (d.latest - d.earliest).total_seconds()


def better(old: DateEstimate, new: DateEstimate) -> bool:
    """True when ``new`` says strictly more: a finer precision, or the same precision
    and a narrower interval."""
    a, b = _FINER_FIRST.index(old.precision), _FINER_FIRST.index(new.precision)
    return b < a or (b == a and _width(new) < _width(old))


def keep_date(published: DateEstimate | None, estimate: DateEstimate) -> DateEstimate:
    """The date to publish: the new estimate (whole seconds, no evidence) when nothing
    was published yet or when it is strictly better; else the published one."""
    fresh = replace(estimate, value=instant(estimate.value), evidence=())
    if published is None or better(published, fresh):
        return fresh
    return published


def first_seen(mtimes_ns: Sequence[int], now: datetime) -> datetime:
    """When this output first knew of a capture: its file's modification time (when it
    was saved; the same for a clean build of the same files), never after ``now`` and
    never before 1990 (a reset clock or a touched file says nothing)."""
    floor = datetime(1990, 1, 1, tzinfo=UTC).timestamp()
    times = [t / 1e9 for t in mtimes_ns if t / 1e9 >= floor]
    if not times:
        return instant(now)
    return instant(min(datetime.fromtimestamp(min(times), tz=UTC), now))


def sequence(fresh: Sequence[tuple[str, datetime]], start: int) -> dict[str, int]:
    """Numbers for the items first published by one build, ``(id, date)`` pairs: the
    oldest date gets the lowest, so they are listed newest first (ties by id)."""
    ordered = sorted(fresh, key=lambda t: (-t[1].timestamp(), t[0]))
    top = start + len(ordered) - 1
    return {sid: top - k for k, (sid, _) in enumerate(ordered)}


def place(site: Site, window: Sequence[tuple[str, int]], keep: int,
          page_size: int) -> tuple[Site, dict[str, int]]:
    """Move the oldest items of the feed window ``(id, seq)`` beyond ``keep`` onto the
    open archive page. A page that fills is closed and the next one opened at once (empty
    until items reach it), so the full page is written with its ``next-archive`` link
    and never changes again. Returns the site and each moved item's page."""
    if keep < 1 or page_size < 1:
        raise ValueError("keep and page_size must be at least 1")
    moved: dict[str, int] = {}
    newest_first = sorted(window, key=lambda t: -t[1])
    page, count = site.open_page, site.open_count
    for sid, _ in reversed(newest_first[keep:]):
        moved[sid] = page
        count += 1
        if count >= page_size:
            page, count = page + 1, 0
    return replace(site, open_page=page, open_count=count), moved
