"""Date statements read from real-page shapes: new metadata keys, URLs, timestamps, the
publisher's own day, the plausible range, and refused pages in explain."""

from datetime import UTC, date, datetime

import pytest

from feeds.dates import DateContext, resolve
from feeds.dates.evidence import collect, metadata
from feeds.model import Implies
from tests.dates.helpers import article, story


@pytest.mark.parametrize("url, day, precision", [
    ("https://x.example/Reden/2003/03/20030331_Rede2.html", date(2003, 3, 31), "day"),
    ("https://x.example/bericht_vom_22.04.2020_worauf", date(2020, 4, 22), "day"),
    ("https://x.example/2013/10/blog-post.html", date(2013, 10, 1), "month"),
    ("https://archive.example/web/20130307194448/http://b.example/2008/05/p.html",
     date(2008, 5, 1), "month"),
])
def test_dates_in_urls(url, day, precision):
    (ev,) = metadata.find(story(article("x", url=url)))
    assert (ev.kind, ev.earliest, ev.precision.value) == ("url", day, precision)


@pytest.mark.parametrize("url", [
    "https://x.example/2019-4-ways-to-save",  # a count in a slug, not a month
    "https://x.example/article/123456789012",
])
def test_no_date_in_urls(url):
    assert metadata.find(story(article("x", url=url))) == ()


def test_unix_timestamp_in_metadata():
    (ev,) = metadata.find(story(article("x", metadata=(("meta:timestamp", "1587470400"),))))
    assert ev.kind == "metadata" and ev.earliest == date(2020, 4, 21)


def test_a_visible_byline_date_outweighs_a_bare_date_meta_tag():
    pairs = (("meta:date", "2020-04-30"), ("near-headline", "29.04.2020, 12:01 Uhr"))
    est = resolve(story(article("x", metadata=pairs)), DateContext())
    assert est.value.date() == date(2020, 4, 29)


def test_an_update_label_on_a_line_makes_it_a_bound():
    pairs = (("near-headline", "Aktualisiert: 05.03.2021"),)
    (ev,) = metadata.find(story(article("x", metadata=pairs)))
    assert (ev.kind, ev.implies, ev.latest) == ("updated", Implies.UPPER, date(2021, 3, 5))


def test_a_utc_instant_is_read_on_the_day_the_page_shows():
    pairs = (("datePublished", "2023-11-09T04:30:00Z"),
             ("near-headline", "November 8, 2023 at 11:30 p.m."))
    est = resolve(story(article("x", metadata=pairs)), DateContext())
    assert est.value.date() == date(2023, 11, 8)
    assert est.value.utcoffset().total_seconds() == -5 * 3600  # the zone, recovered


def test_a_stated_offset_keeps_its_own_day():
    pairs = (("article:published_time", "2023-11-08T23:30:00-05:00"),)
    est = resolve(story(article("x", metadata=pairs)), DateContext())
    assert est.value.date() == date(2023, 11, 8)


def test_independent_kinds_that_agree_outrank_one_alone():
    pairs = (("time", "2016-04-15T08:12:12+02:00"), ("meta:date", "2016-04-15"),
             ("date-element", "4. März 2017"))
    est = resolve(story(article("x", metadata=pairs, url="https://b.example/2016-04-15/x")),
                  DateContext())
    assert est.value.date() == date(2016, 4, 15)


def test_nothing_outside_the_plausible_range():
    old = story(article("Posted 19.10.1912.", metadata=(("datePublished", "1912-10-19"),)))
    assert not [e for e in collect(old, DateContext()) if e.earliest == date(1912, 10, 19)]
    archive = DateContext(earliest=date(1900, 1, 1))
    assert [e for e in collect(old, archive) if e.kind == "metadata"]
    ahead = story(article("x", metadata=(("datePublished", "2031-01-01"),),
                          captured_at=datetime(2024, 5, 1, tzinfo=UTC)))
    assert not [e for e in collect(ahead, DateContext()) if e.kind == "metadata"]


def test_a_two_digit_year_in_the_century_the_capture_allows():
    capture = article("x", dateline="Beitrag von kette » 19.10.19 12:44",
                      captured_at=datetime(2020, 2, 1, tzinfo=UTC))
    est = resolve(story(capture), DateContext())
    assert est.value.date() == date(2019, 10, 19)


def test_a_short_dated_line_in_a_text_capture():
    capture = article("Von Anna Becker | 21. April 2020",
                      "Der Stadtrat hat am Montag eine neue Linie beschlossen, hieß es.")
    est = resolve(story(capture), DateContext())
    assert est.value.date() == date(2020, 4, 21)


def test_a_sentence_is_not_a_dated_line():
    capture = article("Jurors retired to consider their verdicts on 27 November 2023.")
    assert not [e for e in collect(story(capture), DateContext()) if e.kind == "dateline"]


def test_a_refused_page_is_dated_in_explain(tmp_path, capsys):
    import json

    from feeds.cli.explain import main

    page = tmp_path / "refused.html"
    page.write_text("<html><head><title>Menu</title>"
                    "<meta property='article:published_time' content='2022-01-28T10:00:00+01:00'>"
                    "</head><body><nav><a href='/'>Home</a></nav></body></html>")
    assert main([str(tmp_path), "--json"]) == 1  # still an error for the build
    out = json.loads(capsys.readouterr().out)
    (record,) = out
    assert record["captures"][0]["refused"]
    assert record["date"]["value"].startswith("2022-01-28")


def test_an_undated_refused_page_shows_when_it_was_first_seen_not_a_placeholder(
        tmp_path, capsys):
    import json
    import os

    from feeds.cli.explain import main

    page = tmp_path / "refused.html"
    page.write_text("<html><head><title>Menu</title></head>"
                    "<body><nav><a href='/'>Home</a></nav></body></html>")
    seen = 1_700_000_000  # 2023-11-14T22:13:20Z: the file's time is when it was first seen
    os.utime(page, (seen, seen))
    assert main([str(tmp_path), "--json"]) == 1
    (record,) = json.loads(capsys.readouterr().out)
    assert record["captures"][0]["refused"]
    assert record["date"]["value"].startswith("2023-11-14")


def test_the_earliest_plausible_day_is_set_in_feeds_toml(tmp_path):
    import argparse

    from feeds import config
    from feeds.cli import date_context

    toml = tmp_path / "feeds.toml"
    toml.write_text('[build]\nearliest_date = "1970-01-01"\n')
    args = argparse.Namespace(almanac=None, dates=None, captured_at=None)
    assert date_context(args, config.load(str(toml))).earliest == date(1970, 1, 1)
    assert date_context(args, config.Settings()).earliest == date(1990, 1, 1)


def test_a_banner_labelled_as_the_publication_date_is_a_point():
    capture = article("Text of the story.", banner="Published: November 2, 2023 6.55pm SAST")
    est = resolve(story(capture), DateContext())
    assert (est.value.date(), est.precision.value) == (date(2023, 11, 2), "day")


def test_a_user_name_before_a_forum_date_is_no_sentence():
    capture = article("Gespeichert von rasos am 24. Juli 2017 - 18:55",
                      "Die Diskussion geht weiter, schrieb ein anderer Nutzer darunter.")
    assert resolve(story(capture), DateContext()).value.date() == date(2017, 7, 24)


def test_equal_sources_the_day_more_of_them_name_wins():
    pairs = (("datePublished", "2020-02-19T18:37:32+01:00"),
             ("article:published_time", "2020-02-19T18:37:32+01:00"),
             ("itemprop:datePublished", "2020-02-18T18:12:26+01:00"))
    est = resolve(story(article("x", metadata=pairs)), DateContext())
    assert est.value.date() == date(2020, 2, 19)


def test_htmldate_is_weaker_than_any_date_we_read():
    pairs = (("htmldate", "2021-06-03"),)
    (ev,) = metadata.find(story(article("x", metadata=pairs)))
    assert (ev.kind, ev.earliest) == ("htmldate", date(2021, 6, 3))
    both = pairs + (("near-headline", "4. Juni 2021"),)
    assert resolve(story(article("x", metadata=both)), DateContext()).value.date() == date(
        2021, 6, 4)


def test_without_a_language_the_pages_own_numeric_dates_set_the_order():
    from feeds.dates.evidence.common import dayfirst

    assert dayfirst(article("Posted 08/11/2023", "Earlier: 25/10/2023")) is True
    assert dayfirst(article("Posted 08/11/2023", "Earlier: 10/25/2023")) is False
    assert dayfirst(article("Posted 08/11/2023")) is None
    capture = article("Words by Jo · 08/11/2023", "Earlier coverage from 25/10/2023 is here.")
    assert resolve(story(capture), DateContext()).value.date() == date(2023, 11, 8)
