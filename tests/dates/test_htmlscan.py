"""The markup scan: which date statements of a page are kept, and under which key."""

import pytest

from feeds.parse.htmldates import scan
from feeds.parse.htmldoc import parse


def _page(body: str, head: str = "", body_attrs: str = "") -> tuple[tuple[str, str], ...]:
    return scan(parse(f"<html><head>{head}</head><body {body_attrs}>{body}</body></html>"))


ARTICLE = "<p>" + "Words of the article run on for a while here. " * 4 + "</p>"


def test_time_is_judged_where_it_sits_not_by_the_body_class():
    html = (f"<article><h1>Title</h1><p>By Jo <time datetime='2021-06-03'>3 June</time></p>"
            f"{ARTICLE}</article>")
    assert ("time", "2021-06-03") in _page(html, body_attrs='class="page has-sidebar"')


def test_times_in_comments_and_sidebars_are_left_out():
    html = (f"<article><h1>T</h1>{ARTICLE}</article>"
            "<div class='comments'><time datetime='2020-01-01'>x</time></div>"
            "<div class='sidebar'><time datetime='2020-02-02'>y</time></div>")
    assert not [v for k, v in _page(html) if k.startswith("time")]


def test_an_updated_time_is_kept_as_a_change():
    html = (f"<article><h1>T</h1><p>Updated <time datetime='2021-06-04'>4 June</time></p>"
            f"{ARTICLE}</article>")
    assert ("time:updated", "2021-06-04") in _page(html)


@pytest.mark.parametrize("label", ["Updated", "Amended", "Aktualisiert am", "Zmieniono",
                                   "Обновлено"])
def test_the_scan_and_the_resolver_read_the_same_change_labels(label):
    """One list of change words serves both: a label the resolver reads as a change in a
    byline makes a <time> beside it a change in the markup too."""
    from feeds.dates.evidence.common import is_update

    html = (f"<article><h1>T</h1><p>{label} <time datetime='2021-06-04'>4 June</time></p>"
            f"{ARTICLE}</article>")
    assert is_update(f"{label} ")
    assert ("time:updated", "2021-06-04") in _page(html)


def test_date_meta_tags_htmldate_reads():
    head = ("<meta name='DC.date.issued' content='2020-04-21'>"
            "<meta name='parsely-pub-date' content='2020-04-22'>"
            "<meta name='sailthru.date' content='2020-04-23'>"
            "<meta name='lastmod' content='2020-05-01'>"
            "<meta name='robots' content='2020-01-01'>")
    found = _page(f"<h1>T</h1>{ARTICLE}", head)
    assert ("meta:dc.date.issued", "2020-04-21") in found
    assert ("meta:parsely-pub-date", "2020-04-22") in found
    assert ("meta:sailthru.date", "2020-04-23") in found
    assert ("meta:lastmod", "2020-05-01") in found
    assert not [k for k, _ in found if "robots" in k]


def test_only_the_first_of_a_repeated_meta_tag():
    head = ("<meta name='date' content='2021-11-19'>"
            "<meta name='date' content='2021-11-12'>")
    assert [v for k, v in _page("<h1>T</h1>", head) if k == "meta:date"] == ["2021-11-19"]


def test_the_dated_line_under_the_headline():
    html = (f"<div><h1>Titel</h1></div><div class='x'><p>VON JANE DOE am 21. April 2020</p>"
            f"</div>{ARTICLE}")
    assert ("near-headline", "VON JANE DOE am 21. April 2020") in _page(html)


def test_a_date_classed_element():
    html = f"<h1>T</h1>{ARTICLE}<span class='post-date'>Datum: 28.01.2022</span>"
    assert ("date-element", "Datum: 28.01.2022") in _page(html)


def test_the_first_dated_line_when_nothing_else_dates_the_page():
    html = (f"<div><p>{'Intro text ' * 30}</p>"
            "<p>Gespeichert von <a>rasos</a> am 24. Juli 2017</p></div>")
    assert ("dated-line", "Gespeichert von rasos am 24. Juli 2017") in _page(html)


def test_a_dated_line_in_the_articles_own_header_but_not_the_pages():
    inside = (f"<header><p>Menu</p></header><article><header><span>In the media</span> "
              f"<span>02.12.19</span></header>{ARTICLE}</article>")
    assert ("dated-line", "In the media 02.12.19") in _page(inside)
    page_header = f"<header><p>Heute: 02.12.2019</p></header><div>{ARTICLE}</div>"
    assert not [k for k, _ in _page(page_header) if k == "dated-line"]


def test_a_form_wrapping_the_whole_page_is_no_furniture():
    html = f"<form><div><p>{'Intro text ' * 30}</p><p>Beitrag vom 28.09.2019</p></div></form>"
    assert ("dated-line", "Beitrag vom 28.09.2019") in _page(html)


def test_a_date_word_inside_a_class_word():
    html = f"<h1>T</h1>{ARTICLE}<span class='article__pubdate'>28.01.2022</span>"
    assert ("date-element", "28.01.2022") in _page(html)
    html = f"<h1>T</h1>{ARTICLE}<span class='lastupdated'>Updated 29.01.2022</span>"
    assert ("date-element:updated", "Updated 29.01.2022") in _page(html)
