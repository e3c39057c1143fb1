"""Dates as pages in many languages print them: names, numbers, CJK, two-digit years."""

from datetime import date

import pytest

from feeds.grammar.dates import find_dates, fit_century


@pytest.mark.parametrize("text, day", [
    ("VON MORITZ GATHMANN am 21. April 2020", date(2020, 4, 21)),
    ("Veröffentlicht am: 6. August 2009", date(2009, 8, 6)),
    ("Dienstag, 6. Mai 2014", date(2014, 5, 6)),
    ("jeudi 27 juin 2019, par la rédaction", date(2019, 6, 27)),
    ("Par Matthieu le 07 mai 2020", date(2020, 5, 7)),
    ("21 de abril de 2020", date(2020, 4, 21)),
    ("12 ottobre 2021", date(2021, 10, 12)),
    ("3 września 2019", date(2019, 9, 3)),
    ("5 марта 2021", date(2021, 3, 5)),
    ("14 Şubat 2020", date(2020, 2, 14)),
    ("Juli 12, 2017", date(2017, 7, 12)),
    ("Datum 28.01.2022", date(2022, 1, 28)),
    ("Bund 4.\u20092.\u20092022.", date(2022, 2, 4)),
    ("2023/11/02 22:27", date(2023, 11, 2)),
    ("新华网 2012年6月4日 09:20", date(2012, 6, 4)),
    ("２０２３年１１月２日", date(2023, 11, 2)),
    ("2023년 11월 2일", date(2023, 11, 2)),
    ("Veröffentlicht am 31. Oktober 2023Kommentar verfassen", date(2023, 10, 31)),
    # inline elements joined without a space: the author's name or a kicker, then the day
    ("Anna Berg22. Februar 2020", date(2020, 2, 22)),
    ("FINTECH20. Juni 2019", date(2019, 6, 20)),
    ("Aktualisiert14.10.2020 14:00", date(2020, 10, 14)),
])
def test_dates_in_many_languages(text, day):
    days = [m.span()[0] for m in find_dates(text) if m.day is not None and m.year is not None]
    assert days[:1] == [day]


def test_a_number_glued_to_a_word_is_a_day_only_with_its_dot():
    assert [(m.year, m.month, m.day) for m in find_dates("COVID19 March 2020")] == [(2020, 3, None)]


def test_a_weekday_name_before_the_date_is_checked_in_any_language():
    (good,) = find_dates("Mittwoch, 20. Februar 2019")
    (bad,) = find_dates("Donnerstag, 20. Februar 2019")
    assert good.weekday_agrees is True and bad.weekday_agrees is False


def test_a_word_that_is_no_weekday_is_not_part_of_the_date():
    (m,) = find_dates("Published 3 March 2025")
    assert m.text == "3 March 2025" and m.weekday is None


@pytest.mark.parametrize("text, dayfirst, day", [
    ("03/04/2025", True, date(2025, 4, 3)),
    ("03/04/2025", False, date(2025, 3, 4)),
])
def test_the_page_language_settles_day_and_month_order(text, dayfirst, day):
    (m,) = find_dates(text, dayfirst)
    assert m.span()[0] == day


def test_two_digit_years_take_the_century_the_capture_allows():
    (m,) = find_dates("Beitrag » 19.10.19 12:44")
    assert m.short_year and m.span()[0] == date(2019, 10, 19) and m.time == (12, 44, 0)
    assert fit_century(m, date(2020, 1, 1)).year == 2019
    assert fit_century(m, date(2019, 6, 1)).year == 1919  # after the capture: last century
    (old,) = find_dates("26/10/13, 03:48 pm", latest=date(2014, 1, 1))
    assert old.span()[0] == date(2013, 10, 26) and old.time == (15, 48, 0)


@pytest.mark.parametrize("text", [
    "version 1.2.3", "1.2.2022.5", "you may 2025 well", "am 3.4.19.",
])
def test_not_dates(text):
    found = [m for m in find_dates(text) if m.day is not None]
    assert found == []


@pytest.mark.parametrize("text, days, exact", [
    ("vor 2 Tagen", 2, True), ("il y a 3 heures", 0, True), ("hace 1 semana", 7, False),
    ("2 giorni fa", 2, True), ("gestern, 10:00", 1, True), ("5 dagen geleden", 5, True),
    ("há 2 dias", 2, True), ("Vor einer Stunde", 0, True), ("vor dem Rathaus", None, None),
])
def test_relative_stamps_in_several_languages(text, days, exact):
    from feeds.grammar.dates import find_ago

    ago = find_ago(text)
    assert ((ago.days, ago.exact) if ago else (None, None)) == (days, exact)
