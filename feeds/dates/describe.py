"""Human wording for an estimate, saying no more than its precision allows."""

from __future__ import annotations

from datetime import date

from feeds.model import DateEstimate, Precision


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _bound(d: date, *, lower: bool) -> str:
    """A bound at the granularity it was probably stated in (1 January -> the year)."""
    if lower and (d.month, d.day) == (1, 1):
        return str(d.year)
    if lower and d.day == 1:
        return f"{d:%B %Y}"
    return f"{d.day} {d:%b %Y}"


def describe(estimate: DateEstimate) -> str:
    """"4 April 2023", "April 2023", "2023", or "between 2022 and 8 Feb 2026"."""
    from feeds.dates.resolve import OPEN_EARLIEST, OPEN_LATEST

    value = estimate.value.date()
    if estimate.precision is Precision.DAY:
        return _day(value)
    if estimate.precision is Precision.WEEK:
        return f"week of {_day(estimate.earliest.date())}"
    if estimate.precision is Precision.MONTH:
        return f"{value:%B %Y}"
    if estimate.precision is Precision.YEAR:
        return str(value.year)
    lo, hi = estimate.earliest.date(), estimate.latest.date()
    has_lo, has_hi = lo > OPEN_EARLIEST, hi < OPEN_LATEST
    if has_lo and has_hi:
        return f"between {_bound(lo, lower=True)} and {_bound(hi, lower=False)}"
    if has_hi:
        return f"on or before {_bound(hi, lower=False)}"
    if has_lo:
        return f"on or after {_bound(lo, lower=True)}"
    return "date unknown"
