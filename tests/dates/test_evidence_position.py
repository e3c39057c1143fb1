from datetime import UTC, date, datetime

import pytest

from feeds.dates.context import DateContext
from feeds.dates.evidence import position
from feeds.model import Implies
from tests.dates.helpers import article, story

CTX = DateContext()


@pytest.mark.parametrize("dateline, expected", [
    ("Published 3 March 2025", [("dateline", Implies.POINT, date(2025, 3, 3))]),
    ("4 April 2023", [("dateline", Implies.POINT, date(2023, 4, 4))]),
    ("March 3, 2025 10:42 GMT", [("dateline", Implies.POINT, date(2025, 3, 3))]),
    ("Published 3 March 2025 · Updated 4 March 2025",
     [("dateline", Implies.POINT, date(2025, 3, 3)), ("updated", Implies.UPPER, date(2025, 3, 4))]),
    ("Updated 5 May 2024", [("updated", Implies.UPPER, date(2024, 5, 5))]),
    ("Updated 6 May 2024, first published 5 May 2024",
     [("updated", Implies.UPPER, date(2024, 5, 6)), ("dateline", Implies.POINT, date(2024, 5, 5))]),
    ("03/04/2025", []),
    # the update labels of other languages, as the other evidence collectors read them
    ("Aktualisiert am 19.02.2020", [("updated", Implies.UPPER, date(2020, 2, 19))]),
    ("zuletzt bearbeitet: 04.02.2022, 08:27 Uhr",
     [("updated", Implies.UPPER, date(2022, 2, 4))]),
    ("Mis à jour le 5 mai 2024", [("updated", Implies.UPPER, date(2024, 5, 5))]),
    ("Veröffentlicht am 3. März 2025, aktualisiert am 4. März 2025",
     [("dateline", Implies.POINT, date(2025, 3, 3)), ("updated", Implies.UPPER, date(2025, 3, 4))]),
])
def test_dateline(dateline, expected):
    found = position.find(story(article("x", dateline=dateline)), CTX)
    got = [(e.kind, e.implies, e.earliest if e.implies is Implies.POINT else e.latest)
           for e in found]
    assert got == expected


@pytest.mark.parametrize("dateline, captured, day", [
    ("2 days ago", datetime(2024, 5, 10, 9, tzinfo=UTC), date(2024, 5, 8)),
    ("Yesterday", datetime(2024, 5, 10, 9, tzinfo=UTC), date(2024, 5, 9)),
    ("March 3 10:42 GMT", datetime(2025, 3, 5, tzinfo=UTC), date(2025, 3, 3)),
])
def test_relative_and_yearless_datelines_use_the_capture_day(dateline, captured, day):
    (ev,) = position.find(story(article("x", dateline=dateline, captured_at=captured)), CTX)
    assert (ev.kind, ev.implies, ev.earliest) == ("dateline", Implies.POINT, day)


def test_relative_dateline_without_capture_day_says_nothing():
    assert position.find(story(article("x", dateline="2 days ago")), CTX) == ()


@pytest.mark.parametrize("banner, day", [
    ("Sunday, Feb 08, 2026", date(2026, 2, 8)),
    ("Thu 12 Oct 2023", date(2023, 10, 12)),
])
def test_banner_is_an_upper_bound_not_a_point(banner, day):
    (ev,) = position.find(story(article("x", banner=banner)), CTX)
    assert (ev.kind, ev.implies, ev.latest, ev.earliest) == ("banner", Implies.UPPER, day, None)


def test_a_dateline_whose_weekday_does_not_fit_is_weaker():
    (good,) = position.find(story(article("x", dateline="Tuesday 4 April 2023")), CTX)
    (bad,) = position.find(story(article("x", dateline="Wednesday 4 April 2023")), CTX)
    assert bad.weight < 0.8 <= good.weight
    assert "weekday does not fit" in bad.note


def test_a_date_line_chosen_by_content_is_a_point_but_not_a_sure_one():
    """On a full-page text capture the reader picks the date line among many dated lines
    (menus, teasers, comments): the day is taken, its confidence stays below 0.8 alone."""
    from feeds.dates import resolve

    chosen = article("x", dateline="3 March 2025", metadata=(("read-as", "full-page"),))
    found = position.find(story(chosen), CTX)
    assert [(e.kind, e.earliest) for e in found] == [("page-dateline", date(2025, 3, 3))]
    sure = resolve(story(article("x", dateline="3 March 2025")), CTX)
    guessed = resolve(story(chosen), CTX)
    assert guessed.value == sure.value and guessed.value.date() == date(2025, 3, 3)
    assert sure.confidence >= 0.8 > guessed.confidence
