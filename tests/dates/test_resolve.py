from datetime import UTC, date, datetime

import pytest

from feeds.dates import DateContext, describe, resolve
from feeds.dates.config import AlmanacEntry, Dated, Override
from feeds.dates.resolve import width_precision
from feeds.model import Precision
from tests.dates.helpers import article, story

CTX = DateContext()


def est(*captures, context=CTX):
    return resolve(story(*captures), context)


def test_dateline_is_the_point_and_the_banner_only_bounds():
    e = est(article("Officials met on Monday.", dateline="Published 3 March 2025",
                    banner="Friday, 7 March 2025"))
    assert e.value.date() == date(2025, 3, 3) and e.precision is Precision.DAY
    assert e.confidence >= 0.8


def test_banner_alone_is_never_a_publication_day():
    e = est(article("Ministers met on Tuesday.", banner="Sunday, Feb 08, 2026"))
    assert e.precision is not Precision.DAY
    assert e.latest.date() == date(2026, 2, 8)


def test_earliest_capture_bounds_all():
    a = article("x", source="a", banner="9 March 2024")
    b = article("x", source="b", captured_at=datetime(2024, 3, 2, tzinfo=UTC))
    assert est(a, b).latest.date() == date(2024, 3, 2)


def test_dateline_after_the_capture_is_set_aside_and_costs_confidence():
    e = est(article("x", dateline="Published 10 June 2020", banner="Saturday, June 6, 2020"))
    assert e.latest.date() <= date(2020, 6, 6)
    assert e.precision is not Precision.DAY and e.confidence < 0.5
    assert any("CONFLICT" in ev.note for ev in e.evidence)


def test_body_date_with_agreeing_weekday_pins_the_day_but_not_confidently():
    e = est(article("The court ruled on 12 January 2023 that the ban was lawful.",
                    "The judges sat on Thursday."))
    assert e.value.date() == date(2023, 1, 12) and e.precision is Precision.DAY
    assert e.confidence < 0.8
    assert e.earliest.date() == date(2023, 1, 12)  # the interval keeps only hard bounds


def test_disagreeing_weekday_leaves_a_range():
    e = est(article("The court ruled on 12 January 2023 that the ban was lawful.",
                    "The judges sat on Monday."), context=DateContext(
        captured_at=datetime(2023, 3, 1, tzinfo=UTC)))
    assert e.precision is not Precision.DAY
    assert e.earliest.date() == date(2023, 1, 12) and e.latest.date() == date(2023, 3, 1)


def test_weekday_snaps_inside_a_short_interval():
    e = est(article("The strike began on 6 May 2024 and was called off on Wednesday.",
                    banner="Thursday 9 May 2024"))
    assert e.value.date() == date(2024, 5, 8) and e.precision is Precision.WEEK


def test_almanac_event_and_weekday_agree():
    entry = AlmanacEntry(__import__("re").compile("the lock gates reopened", 2),
                         Dated(date(2022, 9, 13), date(2022, 9, 13), Precision.DAY))
    e = est(article("Barges moved again on Tuesday, the day the lock gates reopened."),
            context=DateContext(almanac=(entry,)))
    assert e.value.date() == date(2022, 9, 13) and e.precision is Precision.DAY
    assert "weekday" in e.reason


def test_override_always_wins():
    o = Override("story-1", Dated(date(2001, 2, 3), date(2001, 2, 3), Precision.DAY))
    e = est(article("x", dateline="Published 3 March 2025"), context=DateContext(overrides=(o,)))
    assert e.value.date() == date(2001, 2, 3) and e.confidence == 1.0
    assert "override" in e.reason


def test_no_evidence_falls_back():
    e = est(article("Nothing dated."))
    assert e.value == CTX.fallback and e.precision is Precision.UNKNOWN and e.confidence < 0.1


def test_capture_only_falls_back_to_the_capture_date():
    at = datetime(2024, 5, 1, 9, tzinfo=UTC)
    e = est(article("Nothing dated."), context=DateContext(captured_at=at))
    assert e.value.date() == date(2024, 5, 1) and e.precision is Precision.UNKNOWN


def test_month_dateline_is_month_precision():
    e = est(article("x", dateline="Published 3 March 2025"))
    assert e.precision is Precision.DAY
    e = est(article("The scheme launched in March 2025 and was praised by residents.",
                    banner="31 March 2025"))
    assert e.precision is Precision.MONTH


def test_deterministic():
    caps = (article("Talks failed on 3 May 2021, officials said on Monday.", source="a"),
            article("x", source="b", banner="9 May 2021"))
    assert resolve(story(*caps), CTX) == resolve(story(*caps), CTX)


@pytest.mark.parametrize("lo, hi, precision", [
    (date(2023, 4, 4), date(2023, 4, 4), Precision.DAY),
    (date(2023, 4, 4), date(2023, 4, 10), Precision.WEEK),
    (date(2023, 4, 1), date(2023, 4, 30), Precision.MONTH),
    (date(2023, 1, 1), date(2023, 12, 31), Precision.YEAR),
    (date(2022, 1, 1), date(2026, 2, 8), Precision.UNKNOWN),
    (None, date(2026, 2, 8), Precision.UNKNOWN),
])
def test_width_precision(lo, hi, precision):
    assert width_precision(lo, hi) is precision


@pytest.mark.parametrize("captures, text", [
    ((article("x", dateline="4 April 2023"),), "4 April 2023"),
    ((article("The plan was approved in April 2023 by the board.", banner="28 April 2023"),),
     "April 2023"),
    ((article("It was built in 2022 and opened to crowds.", banner="30 December 2022"),), "2022"),
    ((article("It was built in 2022 and opened to crowds.", banner="Sunday, Feb 08, 2026"),),
     "between 2022 and 8 Feb 2026"),
    ((article("Nothing.", banner="Sunday, Feb 08, 2026"),), "on or before 8 Feb 2026"),
    ((article("Nothing."),), "date unknown"),
])
def test_describe(captures, text):
    assert describe(est(*captures)) == text


def test_a_stated_instant_stays_inside_the_interval():
    pairs = (("datePublished", "2023-04-04T22:30:00-04:00"),)
    e = est(article("x", metadata=pairs))
    assert e.earliest <= e.value <= e.latest
    assert e.value.date() == date(2023, 4, 4) and e.precision is Precision.DAY


def _meta(*pairs, url=None):
    return est(article("The board met again.", metadata=pairs, url=url))


def test_a_byline_date_the_metadata_gives_as_the_last_change_outranks_the_creation_date():
    e = _meta(("datePublished", "2017-08-21T13:09:00+02:00"),
              ("dateModified", "2019-04-03T08:04:01+02:00"), ("near-headline", "03.04.2019"))
    assert e.value.date() == date(2019, 4, 3) and e.precision is Precision.DAY


def test_a_creation_date_the_page_repeats_keeps_its_place():
    e = _meta(("datePublished", "2017-08-21T13:09:00+02:00"),
              ("dateModified", "2019-04-03T08:04:01+02:00"), ("near-headline", "03.04.2019"),
              url="https://news.example/2017/08/21/seven-jobs")
    assert e.value.date() == date(2017, 8, 21)


def test_htmldate_outranks_the_first_dated_line_of_the_page():
    e = _meta(("dated-line", "Édition du 12 octobre 2020"), ("htmldate", "2020-05-07"))
    assert e.value.date() == date(2020, 5, 7)
    assert e.confidence < 0.8


def test_a_dated_line_beside_the_headline_outweighs_a_bare_date_meta_tag():
    e = _meta(("meta:date", "2020-02-12"), ("above-headline", "05.02.2020 - Redaktion: Eva Ruf"))
    assert e.value.date() == date(2020, 2, 5)
    e = _meta(("datePublished", "2020-02-12"), ("above-headline", "05.02.2020"))
    assert e.value.date() == date(2020, 2, 12)  # a published time still outweighs it
