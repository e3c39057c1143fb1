from datetime import date

import pytest

from feeds.dates.evidence import body
from feeds.model import Implies
from tests.dates.helpers import article, story


def found(text: str) -> list[tuple]:
    out = []
    for e in body.find(story(article(text))):
        value = e.weekday if e.implies is Implies.WEEKDAY else e.earliest
        out.append((e.kind, e.implies, value))
    return out


@pytest.mark.parametrize("text, expected", [
    ("The council voted on 3 March 2025 to close the depot.",
     [("body-date", Implies.LOWER, date(2025, 3, 3))]),
    ("The plant opened in March 2021 after years of delay.",
     [("body-month", Implies.LOWER, date(2021, 3, 1))]),
    ("NATO pledged in 2008 that Ukraine would eventually join.",
     [("year", Implies.LOWER, date(2008, 1, 1))]),
    ("The bridge will reopen on 5 November 2024.", []),
    ("The law takes effect in 2027.", []),
    ("Sales are expected to reach 2030 units.", []),
    ("Turnout rose to 2031 people this time.", []),
    ("Ministers met their counterpart on Tuesday.", [("weekday", Implies.WEEKDAY, 1)]),
    ("Friday's vote was close.", [("weekday", Implies.WEEKDAY, 4)]),
    ("The talks will resume on Thursday.", []),
    ("The shop is closed until Monday.", []),
    ("The minister said yesterday, 14 February 2020, that talks had failed.",
     [("body-date", Implies.LOWER, date(2020, 2, 14)),
      ("body-anchor", Implies.POINT, date(2020, 2, 15)),
      ("relative", Implies.RELATIVE, None)]),
    ("The council voted on 3 May 2025 to close the depot.",  # "May" the month, not a modal
     [("body-date", Implies.LOWER, date(2025, 3, 3).replace(month=5))]),
    ("Scientists said sea levels could rise sharply in 2050.", []),
    ("The plan, approved in 2019, runs to 2030.", [("year", Implies.LOWER, date(2019, 1, 1))]),
    ("Parliament approved a ban from 2027.", []),
    ("Ministers moved the vote to 5 June 2025.", []),
    ("The dispute dates back to 1998 and was never settled.",
     [("year", Implies.LOWER, date(1998, 1, 1))]),
    ("Fast forward to 2022, when Russia launched an invasion.",
     [("year", Implies.LOWER, date(2022, 1, 1))]),
    ("The hearing was adjourned until 12 June 2024.", []),
    ("The trial was set for 4 March 2024, lawyers said.", []),
    ("Last modified on Tue 4 Mar 2025 09.00 GMT", []),  # a stamp: see test_evidence_stamps
    ("Published on 3 March 2025, the report said exports fell in 2024 and again in 2025.",
     [("body-date", Implies.LOWER, date(2025, 3, 3)), ("year", Implies.LOWER, date(2024, 1, 1)),
      ("year", Implies.LOWER, date(2025, 1, 1))]),
    ("Kyiv requested accession in September last year.",
     [("relative", Implies.RELATIVE, None)]),
    ("On Thursday, 5 April 2023 it was sunny.",  # weekday wrong for the date: trust neither
     []),
])
def test_body_expressions(text, expected):
    assert sorted(found(text), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize("phrase, published, meaning", [
    ("September last year", date(2023, 4, 4), "September 2022"),
    ("last year", date(2023, 4, 4), "2022"),
    ("last month", date(2023, 1, 10), "December 2022"),
    ("yesterday", date(2023, 3, 1), "2023-02-28"),
])
def test_relative_phrases_are_read_against_the_estimate(phrase, published, meaning):
    assert body.anchor_relative(phrase, published) == meaning


def test_related_headlines_are_not_read():
    a = article("Nothing dated here.")
    a = a.__class__(**{**a.__dict__, "related": ("Election held on 3 May 2021",)})
    assert body.find(story(a)) == ()
