"""Combine evidence into one estimate, treating each finding as a constraint.

Bounds and points are intersected strongest first; a finding that contradicts what is
already accepted is set aside as a conflict and costs confidence. The point reported is the
strongest accepted point; failing that, the latest dated event when a weekday mention
confirms it; failing that, a value inside the interval, with the precision the interval's
width allows — never a day the evidence does not single out.

Longer than most modules here: the combining steps (agreement, conflicts, the point, the
precision) are one procedure, read in order.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from feeds.dates.context import DateContext
from feeds.dates.evidence import collect
from feeds.dates.evidence.body import anchor_relative
from feeds.model import DateEstimate, Evidence, Implies, Precision, Story

OPEN_EARLIEST = date(1900, 1, 1)  # reported when nothing bounds the date from below
OPEN_LATEST = date(2999, 12, 31)  # reported when nothing bounds it from above
CONFLICT_PENALTY = 0.8  # confidence multiplier per finding set aside
EVENT_KINDS = ("almanac", "body-date")
INFERRED_CAP = 0.79  # a day inferred from events is never "confident"
RANGE_CONFIDENCE = {
    Precision.DAY: 0.6, Precision.WEEK: 0.45, Precision.MONTH: 0.35,
    Precision.YEAR: 0.25, Precision.UNKNOWN: 0.15,
}
_KIND_RANK = ("override", "capture", "banner", "metadata", "dateline", "page-dateline", "stamp",
              "lead", "url", "modified", "updated", "almanac", "body-anchor", "time-element",
              "body-date", "body-month", "year")


@dataclass(frozen=True)
class Bounds:
    lo: date | None = None
    hi: date | None = None

    def narrow(self, lo: date | None, hi: date | None) -> Bounds | None:
        """The intersection with [lo, hi], or None when it is empty."""
        new_lo = max(d for d in (self.lo, lo) if d is not None) if (self.lo or lo) else None
        new_hi = min(d for d in (self.hi, hi) if d is not None) if (self.hi or hi) else None
        if new_lo is not None and new_hi is not None and new_lo > new_hi:
            return None
        return Bounds(new_lo, new_hi)


def _limits(ev: Evidence) -> tuple[date | None, date | None] | None:
    if ev.implies is Implies.POINT:
        return ev.earliest, ev.latest
    if ev.implies is Implies.LOWER:
        return ev.earliest, None
    if ev.implies is Implies.UPPER:
        return None, ev.latest
    return None


def _order(ev: Evidence) -> tuple:
    rank = _KIND_RANK.index(ev.kind) if ev.kind in _KIND_RANK else len(_KIND_RANK)
    return (-ev.weight, rank, ev.earliest or date.min, ev.latest or date.max, ev.text, ev.source)


AGREE_BONUS = 0.05  # per other kind of finding naming the same day
# One visible date line, however it was found; one set of structured metadata, whether it
# names the publication or the last change.
_GROUP = {"date-element": "dateline", "page-dateline": "dateline", "modified": "metadata"}
# Points chosen among many candidates (the date line a text reader picked by content on a
# full-page capture): alone they are never "confident"; agreeing evidence lifts the cap.
DOUBTFUL_POINTS = ("page-dateline",)
DOUBTFUL_CAP = 0.75


def _day(ev: Evidence) -> date | None:
    if ev.implies is Implies.POINT and ev.earliest is not None and ev.earliest == ev.latest:
        return ev.earliest
    return None


def _agreement(evidence: tuple[Evidence, ...]) -> dict[date, int]:
    """How many kinds of finding name each day: independent sources that agree (a URL and
    a ``<time>``) outrank one stronger source alone.

    A modification stamp names its day too: a byline date that the metadata gives as the
    last change is the article's own date as the publisher now shows it (a republished or
    refreshed piece), not a teaser's or a comment's, so it outranks a creation date that
    nothing visible repeats.
    """
    kinds: dict[date, set[str]] = {}
    for ev in evidence:
        day = _day(ev) if ev.kind != "modified" else ev.latest
        if day is not None:
            kinds.setdefault(day, set()).add(_GROUP.get(ev.kind, ev.kind))
    return {day: len(k) - 1 for day, k in kinds.items()}


def intersect(evidence: tuple[Evidence, ...]) -> tuple[Bounds, list[Evidence], list[Evidence]]:
    """Accept constraints strongest first; return the bounds, accepted and set-aside."""
    bounds, accepted, rejected = Bounds(), [], []
    agree = _agreement(evidence)
    named: dict[date, int] = {}
    for e in evidence:
        if (day := _day(e)) is not None:
            named[day] = named.get(day, 0) + 1

    def order(ev: Evidence) -> tuple:
        day = _day(ev)
        bonus = AGREE_BONUS * agree.get(day, 0) if day is not None else 0.0
        # equal strength: the day more findings name first (JSON-LD and Open Graph agreeing
        # against one microdata value), then the usual order
        return (-round(ev.weight + bonus, 6), -named.get(day, 0) if day else 0,
                *_order(ev)[1:])

    limited = [(e, limits) for e in evidence if (limits := _limits(e)) is not None]
    for ev, limits in sorted(limited, key=lambda pair: order(pair[0])):
        narrowed = bounds.narrow(*limits)
        if narrowed is None:
            rejected.append(ev)
        else:
            bounds = narrowed
            accepted.append(ev)
    return bounds, accepted, rejected


def width_precision(lo: date | None, hi: date | None) -> Precision:
    """The finest precision an interval supports on its own."""
    if lo is None or hi is None:
        return Precision.UNKNOWN
    if lo == hi:
        return Precision.DAY
    if (hi - lo).days < 7:
        return Precision.WEEK
    if (lo.year, lo.month) == (hi.year, hi.month):
        return Precision.MONTH
    return Precision.YEAR if lo.year == hi.year else Precision.UNKNOWN


def _start(d: date) -> datetime:
    return datetime.combine(d, time.min, UTC)


def _end(d: date) -> datetime:
    return datetime.combine(d, time(23, 59, 59), UTC)


@dataclass(frozen=True)
class _Choice:
    value: datetime
    lo: date | None
    hi: date | None
    precision: Precision
    confidence: float
    reason: str


def _from_point(point: Evidence, accepted: list[Evidence], bounds: Bounds) -> _Choice:
    day = bounds.lo or point.first_day
    value = point.at if point.at is not None and point.precision is Precision.DAY else _start(day)
    agree = {(e.kind, e.source) for e in accepted
             if e is not point and e.implies is Implies.POINT and e.earliest == point.earliest}
    confidence = min(0.98, point.weight + 0.05 * len(agree))
    if point.kind in DOUBTFUL_POINTS and not agree:
        confidence = min(confidence, DOUBTFUL_CAP)
    precision = point.precision or Precision.DAY
    if width_precision(bounds.lo, bounds.hi) is Precision.DAY:
        precision = Precision.DAY
    reason = f"{point.kind} {point.text!r} is the strongest consistent point"
    if agree:
        reason += f", confirmed by {len(agree)} more"
    return _Choice(value, bounds.lo, bounds.hi, precision, confidence, reason)


def _from_event(event: Evidence, others: list[Evidence], bounds: Bounds) -> _Choice:
    """The reported day, when a dated event falls on the weekday the text names.

    That the weekday and the event are the same day is an inference (the text may mean
    a later week's Thursday), so it sets the value, not the interval: the interval stays
    what the hard bounds allow.
    """
    day = event.first_day
    same_day = {e.kind for e in others if e is not event and e.earliest == day}
    confidence = (0.7 if event.kind == "almanac" else 0.6) + 0.05 * len(same_day)
    reason = (f"{event.kind} {event.text!r} dates the reported day {day:%A %d %B %Y}, "
              f"and a weekday mention agrees ({day:%A})")
    return _Choice(_start(day), day, bounds.hi, Precision.DAY, min(INFERRED_CAP, confidence),
                   reason)


def _from_range(bounds: Bounds, events: list[Evidence], weekdays: set[int],
                context: DateContext) -> _Choice:
    lo, hi = bounds.lo, bounds.hi
    precision = width_precision(lo, hi)
    if lo is None and hi is None:
        return _Choice(context.fallback, None, None, Precision.UNKNOWN, 0.05,
                       "no date evidence: fallback")
    if events:
        value, why = events[0].first_day, f"the latest dated event {events[0].text!r}"
    elif lo is not None and hi is not None:
        value, why = lo + (hi - lo) // 2, "the middle of the interval"
    elif hi is not None:
        value, why = hi, "the capture bound (nothing bounds it from below)"
    else:
        assert lo is not None  # both None returned above
        fb = context.fallback.date()
        value, why = max(lo, fb), "the fallback, kept inside the lower bound"
    if lo is not None and hi is not None and (hi - lo).days < 7 and weekdays:
        snaps = [lo + timedelta(days=n) for n in range((hi - lo).days + 1)
                 if (lo + timedelta(days=n)).weekday() in weekdays]
        if snaps:
            value, why = snaps[-1], f"the stated weekday in the interval ({snaps[-1]:%A})"
    confidence = RANGE_CONFIDENCE[precision] if (lo and hi) else 0.1
    reason = f"only a range is supported ({precision.value}); value is {why}"
    return _Choice(_start(value), lo, hi, precision, confidence, reason)


def _relative_meaning(text: str, choice: _Choice) -> str:
    """A relative phrase read against the estimate, or against both ends of its range."""
    if choice.precision is not Precision.UNKNOWN:
        return anchor_relative(text, choice.value.date())
    if choice.lo is None or choice.hi is None:
        return ""
    first, last = anchor_relative(text, choice.lo), anchor_relative(text, choice.hi)
    return first if first == last else (f"between {first} and {last}" if first else "")


def _annotate(evidence: tuple[Evidence, ...], rejected: list[Evidence],
              choice: _Choice) -> tuple[Evidence, ...]:
    """Say, on each finding, how it fared: set aside, agreeing, or what it means here."""
    value, precision = choice.value.date(), choice.precision
    out = []
    for ev in evidence:
        if any(ev is r for r in rejected):
            ev = dataclasses.replace(ev, note=f"{ev.note}; CONFLICT: set aside, contradicts "
                                              "stronger evidence")
        elif ev.implies is Implies.WEEKDAY and precision is Precision.DAY:
            verdict = ("AGREES with" if value.weekday() == ev.weekday
                       else "does not name the weekday of")
            ev = dataclasses.replace(ev, note=f"{ev.note}; {verdict} {value:%A %d %B %Y}")
        elif ev.implies is Implies.RELATIVE:
            meaning = _relative_meaning(ev.text, choice)
            if meaning:
                ev = dataclasses.replace(ev, note=f"{ev.note}; here: {meaning}")
        out.append(ev)
    return tuple(out)


_UTC_STATED = re.compile(r"(?:\d(?:Z|[+-]00:?00)|\b(?:UTC|GMT))$")
_LOCAL_KINDS = ("dateline", "page-dateline", "date-element", "url", "time-element", "stamp",
                "lead")
UTC_BEHIND, UTC_AHEAD = timedelta(hours=12), timedelta(hours=14)


def _local(ev: Evidence, others: tuple[Evidence, ...]) -> Evidence:
    """A timestamp stated in UTC, read on the day the page itself shows for it.

    The publication day is the day in the publisher's zone. When a page states an instant in
    UTC and elsewhere prints a date within the zones' reach of it (a byline date, a URL),
    that printed day is the local one; with a printed time the zone is recovered exactly.
    """
    at = ev.at
    if at is None or at.utcoffset() != timedelta(0) or ev.kind not in ("metadata",
                                                                        "time-element"):
        return ev
    lo, hi = (at - UTC_BEHIND).date(), (at + UTC_AHEAD).date()
    local = [o for o in others if o.kind in _LOCAL_KINDS and (d := _day(o)) is not None
             and lo <= d <= hi and not _UTC_STATED.search(o.text)]
    days = {_day(o) for o in local}
    if len(days) != 1 or at.date() in days:
        return ev
    day = days.pop()
    shifted = None
    for o in local:
        if o.at is None:
            continue
        wall = o.at.replace(tzinfo=UTC)
        offset = wall - at
        if abs(offset) <= UTC_AHEAD and offset.total_seconds() % 900 == 0:
            shifted = at.astimezone(timezone(offset))
            break
    return dataclasses.replace(
        ev, earliest=day, latest=day, at=shifted if shifted and shifted.date() == day else None,
        note=f"{ev.note}; stated in UTC, read on the page's own day {day}")


def local_days(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    return tuple(_local(ev, evidence) for ev in evidence)


def resolve(story: Story, context: DateContext) -> DateEstimate:
    """The publication date of ``story``; deterministic in its inputs."""
    evidence = collect(story, context)
    override = next((e for e in evidence if e.kind == "override"), None)
    if override is not None:
        value = override.at or _start(override.first_day)
        return DateEstimate(value, _start(override.first_day), _end(override.last_day),
                            override.precision or Precision.DAY, 1.0, evidence,
                            f"manual override for {override.text!r}")
    evidence = local_days(evidence)
    bounds, accepted, rejected = intersect(evidence)
    conflicts = len(rejected)
    weekdays = {e.weekday for e in evidence
                if e.implies is Implies.WEEKDAY and e.weekday is not None}
    points = [e for e in accepted if e.implies is Implies.POINT]
    events = sorted((e for e in accepted if e.kind in EVENT_KINDS
                     and e.precision is Precision.DAY and e.earliest is not None),
                    key=lambda e: (-e.first_day.toordinal(), _order(e)))
    if points and (points[0].precision or Precision.DAY) is Precision.DAY:
        choice = _from_point(points[0], accepted, bounds)
    elif events and weekdays and events[0].first_day.weekday() in weekdays:
        choice = _from_event(events[0], events, bounds)
    else:
        if points:
            choice = _from_point(points[0], accepted, bounds)
            choice = dataclasses.replace(
                choice, precision=min(choice.precision, width_precision(bounds.lo, bounds.hi),
                                      key=_PRECISION_ORDER.index))
        else:
            choice = _from_range(bounds, events, weekdays, context)
    confidence = round(choice.confidence * CONFLICT_PENALTY ** conflicts, 3)
    reason = choice.reason + (f"; {conflicts} conflict(s) lowered confidence" if conflicts else "")
    lo = choice.lo or OPEN_EARLIEST
    hi = choice.hi or OPEN_LATEST
    notes = _annotate(evidence, rejected, choice)
    # A stated instant in the publisher's zone can fall outside the UTC day it names.
    earliest, latest = min(_start(lo), choice.value), max(_end(hi), choice.value)
    return DateEstimate(choice.value, earliest, latest, choice.precision, confidence, notes,
                        reason)


_PRECISION_ORDER = (Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR,
                    Precision.UNKNOWN)
