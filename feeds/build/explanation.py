"""The build up to dates, kept for reading: what ``feeds explain`` prints.

``explain`` takes the options ``feeds build`` takes (``feeds.build.options``) and walks the
build's path as far as the dates: it reads and parses the captures as the build does,
groups them into stories, and dates each story with the build's fallback (when the
output first saw it, ``feeds.publish.ledger``) and the build's rule that a published date moves
only when the new one is strictly better. So the date it explains is the date the feeds
publish; it writes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from feeds.build import fingerprint, read_articles, story_mtimes
from feeds.build.incremental import state
from feeds.build.options import BuildOptions
from feeds.dates import resolve
from feeds.dates.salvage import dates_only
from feeds.merge import group_stories
from feeds.model import Capture, DateEstimate, Problem, Story
from feeds.publish import ledger
from feeds.sources import discover, iter_captures


@dataclass(frozen=True)
class Dated:
    """One story and its date, as the build publishes it."""

    story: Story
    date: DateEstimate  # the resolver's reasoning; its value is the published one


@dataclass(frozen=True)
class Refused:
    """A capture the readers refuse: not published, but its stated dates are shown."""

    dated: Dated  # a story holding only the capture's date statements
    reason: str


@dataclass(frozen=True)
class Explanation:
    stories: tuple[Dated, ...]
    problems: tuple[Problem, ...]  # unusable captures, reported as the build reports them
    refused: tuple[Refused, ...] = ()


def explain(options: BuildOptions) -> Explanation:
    """Read ``options.inputs`` and date every story as ``feeds build`` would into
    ``options.output`` (its record of what was published, when there is one)."""
    files, problems = discover(options.inputs)
    articles, failed, _ = read_articles(files, options)
    published = _published(options)
    now = ledger.now()
    owner = {path: rec.id for rec in published.values() for path in rec.captures}
    dated = tuple(_date(story, options, published, owner, now)
                  for story in group_stories(articles))
    return Explanation(dated, (*problems, *failed), _refused(failed, options, now))


def _refused(failed: Sequence[Problem], options: BuildOptions,
             now: datetime) -> tuple[Refused, ...]:
    """The refused captures read again for their date statements alone, dated with the
    options' context; where nothing dates them, by when their file was first seen, as an
    item would be (never a placeholder)."""
    reasons = {p.path: p.reason for p in failed}
    out = []
    for path in dict.fromkeys(Path(p.path) for p in failed if Path(p.path).is_file()):
        for found in iter_captures(path, max_bytes=options.max_bytes,
                                   captured_at=options.dates.captured_at):
            if isinstance(found, Capture) and found.path in reasons:
                article = dates_only(found)
                story = Story(id=f"refused:{found.path}", article=article, captures=(article,))
                seen = ledger.first_seen(story_mtimes(story), now)
                out.append(Refused(Dated(story, resolve(story, replace(options.dates,
                                                                       fallback=seen))),
                                   reasons[found.path]))
    return tuple(out)


def _published(options: BuildOptions) -> Mapping[str, ledger.Published]:
    """What the output folder has published, if it holds a build's state. Read only."""
    if not (options.output / state.FILE).is_file():
        return {}
    with contextlib.suppress(Exception):  # an unreadable state: as if nothing was published
        return state.load(options.output, fingerprint(options)).items
    return {}


def _record(story: Story, published: Mapping[str, ledger.Published],
            owner: Mapping[str, str]) -> ledger.Published | None:
    """The published item a story is, by its id or else by the captures it holds."""
    if story.id in published:
        return published[story.id]
    owners = {owner[c.source] for c in story.captures or (story.article,) if c.source in owner}
    return published[owners.pop()] if len(owners) == 1 else None


def _date(story: Story, options: BuildOptions, published: Mapping[str, ledger.Published],
          owner: Mapping[str, str], now: datetime) -> Dated:
    rec = _record(story, published, owner)
    seen = rec.first_seen if rec is not None else ledger.first_seen(story_mtimes(story), now)
    estimate = resolve(story, replace(options.dates, fallback=seen))
    kept = ledger.keep_date(rec.date if rec is not None else None, estimate)
    if kept.value != ledger.instant(estimate.value):  # the published date stands
        estimate = replace(kept, evidence=estimate.evidence,
                           reason=f"published earlier; now: {estimate.reason}")
    return Dated(story, estimate)
