import dataclasses
from datetime import date

import pytest

from feeds.dates.evidence import metadata
from feeds.model import Implies
from tests.dates.helpers import article, story


@pytest.mark.parametrize("pairs, url, kind, implies, day", [
    ((("datePublished", "2023-04-04T10:00:00Z"),), None, "metadata", Implies.POINT,
     date(2023, 4, 4)),
    ((("article:published_time", "2021-06-01"),), None, "metadata", Implies.POINT,
     date(2021, 6, 1)),
    ((("itemprop:datePublished", "4 April 2023"),), None, "metadata", Implies.POINT,
     date(2023, 4, 4)),
    ((("dateModified", "2024-01-02T08:00:00+01:00"),), None, "modified", Implies.UPPER,
     date(2024, 1, 2)),
    ((("article:modified_time", "2024-01-02"),), None, "modified", Implies.UPPER,
     date(2024, 1, 2)),
    ((("time", "2020-02-29"),), None, "time-element", Implies.POINT, date(2020, 2, 29)),
    ((), "https://news.example/2019/07/22/storm-hits-coast/", "url", Implies.POINT,
     date(2019, 7, 22)),
    ((("url", "https://news.example/world/2018/03/budget-vote"),), None, "url", Implies.POINT,
     date(2018, 3, 1)),
])
def test_metadata_pairs(pairs, url, kind, implies, day):
    (ev,) = metadata.find(story(article("Text.", metadata=pairs, url=url)))
    assert (ev.kind, ev.implies) == (kind, implies)
    assert (ev.earliest if implies is Implies.POINT else ev.latest) == day


@pytest.mark.parametrize("pairs", [
    (("author", "Jane Doe"),),
    (("datePublished", "soon"),),
    (("url", "https://news.example/world/budget-vote-1234567"),),
])
def test_metadata_without_dates(pairs):
    assert metadata.find(story(article("Text.", metadata=pairs))) == ()


def test_published_time_keeps_the_instant():
    pairs = (("datePublished", "2023-04-04T22:30:00-04:00"),)
    (ev,) = metadata.find(story(article("x", metadata=pairs)))
    assert ev.earliest == date(2023, 4, 4) and ev.at is not None and ev.at.hour == 22


def test_several_time_elements_are_not_trusted():
    pairs = (("time", "2026-02-08"), ("time", "2023-04-04"), ("datePublished", "2023-04-04"))
    found = metadata.find(story(article("x", metadata=pairs)))
    assert [e.kind for e in found] == ["metadata"]


def test_date_elements_naming_different_days_are_a_list_not_the_date():
    events = (("date-element", "29.02.2020 18:00"), ("date-element", "04.04.2020 18:00"))
    found = metadata.find(story(article("x", metadata=(*events, ("meta:date", "2020-02-11")))))
    assert [e.kind for e in found] == ["metadata"]
    # with nothing stating the publication outright, the first is still heard
    (alone,) = metadata.find(story(article("x", metadata=events)))
    assert (alone.kind, alone.earliest) == ("date-element", date(2020, 2, 29))


def test_date_elements_naming_one_day_are_kept():
    pairs = (("date-element", "29.02.2020"), ("date-element", "Sa 29.02.2020"),
             ("meta:date", "2020-02-11"))
    kinds = [e.kind for e in metadata.find(story(article("x", metadata=pairs)))]
    assert kinds == ["date-element", "metadata"]


@pytest.mark.parametrize("url, language, day", [
    ("https://charity.example/news/releases/29-10-2021", None, date(2021, 10, 29)),
    ("https://ministry.example/press/detail/~02-01-2022-grants-paid", "de", date(2022, 1, 2)),
    ("https://city.example/news/02-01-2022-grants-paid", "en-US", date(2022, 2, 1)),
])
def test_a_day_month_year_with_dashes_in_the_url(url, language, day):
    page = dataclasses.replace(article("Text.", url=url), language=language)
    (ev,) = metadata.find(story(page))
    assert (ev.kind, ev.earliest, ev.latest) == ("url", day, day)


def test_an_ambiguous_dashed_url_date_on_a_page_of_unknown_order_is_left_out():
    page = article("Text.", url="https://city.example/news/02-01-2022-grants-paid")
    assert metadata.find(story(page)) == ()
