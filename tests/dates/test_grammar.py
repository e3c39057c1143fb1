from datetime import date

import pytest

from feeds.grammar.dates import find_ago, find_dates, latest_on_or_before
from feeds.model import Precision


@pytest.mark.parametrize("text, first, last, precision", [
    ("Published 3 March 2025", date(2025, 3, 3), date(2025, 3, 3), Precision.DAY),
    ("March 3, 2025 10:42 GMT", date(2025, 3, 3), date(2025, 3, 3), Precision.DAY),
    ("Sunday, Feb 08, 2026", date(2026, 2, 8), date(2026, 2, 8), Precision.DAY),
    ("2023-04-04T10:00:00Z", date(2023, 4, 4), date(2023, 4, 4), Precision.DAY),
    ("on the 4th of April 2023", date(2023, 4, 4), date(2023, 4, 4), Precision.DAY),
    ("22.07.2019", date(2019, 7, 22), date(2019, 7, 22), Precision.DAY),
    ("14/11/2016", date(2016, 11, 14), date(2016, 11, 14), Precision.DAY),
    ("in September 2022", date(2022, 9, 1), date(2022, 9, 30), Precision.MONTH),
    ("late February 2024", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
])
def test_absolute_dates(text, first, last, precision):
    (m,) = find_dates(text)
    assert m.span() == (first, last)
    assert m.precision is precision


@pytest.mark.parametrize("text", [
    "03/04/2025",  # day-first and month-first readings differ
    "you may 2025 well",  # the verb, not the month
    "31 February 2024",
    "no dates here",
])
def test_not_dates(text):
    assert [m for m in find_dates(text) if m.year is not None] == []


def test_weekday_printed_with_a_date_is_checked():
    (good,) = find_dates("Tuesday, 4 April 2023")
    (bad,) = find_dates("Wednesday, 4 April 2023")
    assert good.weekday_agrees is True and bad.weekday_agrees is False


def test_yearless_date_takes_the_latest_year_not_after_the_limit():
    (m,) = find_dates("March 3")
    assert m.year is None and (m.month, m.day) == (3, 3)
    assert latest_on_or_before(date(2025, 3, 2), 3, 3) == date(2024, 3, 3)


@pytest.mark.parametrize("text, days, exact", [
    ("3 hours ago", 0, True), ("2 days ago", 2, True), ("Yesterday", 1, True),
    ("a week ago", 7, False), ("nothing", None, None),
])
def test_ago(text, days, exact):
    ago = find_ago(text)
    assert (ago.days, ago.exact) == (days, exact) if ago else days is None


@pytest.mark.parametrize("text, span", [
    ("By Jane Doe · 4 April 2023", "4 April 2023"),
    ("Von Anna Berg am 22. Februar 2020", "22. Februar 2020"),
    ("Par Luc Roy le 3 mai 2021, 10:00", "3 mai 2021, 10:00"),
    ("Posted 04/13/2023", "04/13/2023"),   # month first: a span all the same
    ("Posted 03/04/2023", "03/04/2023"),   # either order: a span all the same
    ("2016.12.01", "2016.12.01"),
])
def test_full_dates_find_the_date_a_byline_is_split_at(text, span):
    from feeds.grammar.dates import full_dates

    (m,) = full_dates(text)
    assert m.text == span


@pytest.mark.parametrize("text", ["Published 4 April", "April 2023", "10.12.19", "Top 10 of 2024"])
def test_full_dates_need_a_day_a_month_and_a_four_digit_year(text):
    from feeds.grammar.dates import full_dates

    assert full_dates(text) == ()


def test_without_dates_blanks_the_date_with_its_clock_and_zone():
    from feeds.grammar.dates import full_dates, without_dates

    text = "Kompas.com - 02/11/2023, 21:34 WIB"
    assert without_dates(text, full_dates(text)).split() == ["Kompas.com", "-"]


@pytest.mark.parametrize("text", ["the offer runs from 5 January", "Gültig ab 5. Januar"])
def test_a_yearless_date_after_a_long_word_is_found(text):
    """The month-name gate once took the word before the number ("from 5") and with it the
    number the month name needed ("5 January"), so the date was never looked for."""
    (m,) = find_dates(text)
    assert (m.month, m.day, m.year) == (1, 5, None)
