"""The resolver against labelled captures it was not tuned on one by one.

Each case in ``fixtures/dates/cases.toml`` names its capture files, the true publication
date, and whether the evidence in them determines the day. Figures are printed (run with
``-s``) and asserted: the truth inside [earliest, latest] for at least 95% of cases, the
exact day wherever the evidence determines it, and nothing wrong with confidence >= 0.8.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from feeds.build.scan import parse_capture
from feeds.dates import DateContext, load_almanac, resolve
from feeds.merge import group_stories
from feeds.model import DateEstimate, Precision
from feeds.parse.textreader import parse_text
from feeds.sources import read_capture

HERE = Path(__file__).resolve().parent.parent / "fixtures" / "dates"
CASES = tomllib.loads((HERE / "cases.toml").read_text())["case"]


@dataclass(frozen=True)
class Outcome:
    name: str
    truth: date
    day: bool
    estimate: DateEstimate

    @property
    def inside(self) -> bool:
        return self.estimate.earliest.date() <= self.truth <= self.estimate.latest.date()

    @property
    def exact(self) -> bool:
        return (self.estimate.precision is Precision.DAY
                and self.estimate.value.date() == self.truth)

    @property
    def wrong(self) -> bool:
        """Outside the interval, or a stated day, month or year that is not the truth's."""
        v, t = self.estimate.value.date(), self.truth
        return not self.inside or {
            Precision.DAY: v != t,
            Precision.MONTH: (v.year, v.month) != (t.year, t.month),
            Precision.YEAR: v.year != t.year,
        }.get(self.estimate.precision, False)


def _read(name: str):
    """Text captures through the text reader, HTML pages through the HTML reader."""
    if name.endswith(".html"):
        return parse_capture(read_capture(HERE / name))
    return parse_text((HERE / name).read_text(), name)


def run_case(case: dict) -> Outcome:
    articles = [_read(f) for f in case["files"]]
    stories = group_stories(articles)
    assert len(stories) == 1, f"{case['files']} did not group into one story"
    at = case.get("captured_at")
    context = DateContext(
        captured_at=at,
        almanac=load_almanac(HERE / "almanac.toml") if case.get("almanac") else (),
    )
    return Outcome(case["files"][0], case["truth"], case["day"], resolve(stories[0], context))


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    results = [run_case(c) for c in CASES]
    for o in results:
        e = o.estimate
        flag = "ok " if o.inside and (o.exact or not o.day) else "MISS"
        print(f"{flag} {o.name:<34} truth {o.truth}  value {e.value.date()} "
              f"{e.precision.value:<7} conf {e.confidence:.2f}  "
              f"[{e.earliest.date()} .. {e.latest.date()}]")
    n = len(results)
    inside = sum(o.inside for o in results)
    days = [o for o in results if o.day]
    print(f"interval hit rate {inside}/{n} = {inside / n:.1%}; exact days "
          f"{sum(o.exact for o in days)}/{len(days)}; confident-wrong "
          f"{sum(o.wrong and o.estimate.confidence >= 0.8 for o in results)}; wrong at "
          f"lower confidence {sum(o.wrong and o.estimate.confidence < 0.8 for o in results)}")
    return results


def test_enough_cases():
    assert len(CASES) >= 40


def test_truth_inside_the_interval_for_95_percent(outcomes):
    missed = [o.name for o in outcomes if not o.inside]
    assert len(missed) <= 0.05 * len(outcomes), missed


def test_exact_day_wherever_the_evidence_determines_it(outcomes):
    assert [o.name for o in outcomes if o.day and not o.exact] == []


def test_nothing_wrong_is_confident(outcomes):
    assert [o.name for o in outcomes if o.wrong and o.estimate.confidence >= 0.8] == []
