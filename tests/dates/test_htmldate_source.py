"""htmldate as a fallback: asked only when the page states no day we can read."""

from datetime import UTC, datetime

from feeds.parse.htmldate_source import find_day, states_a_day


def test_a_stated_day_needs_no_fallback():
    assert states_a_day((("datePublished", "2021-06-03T09:00:00Z"),))
    assert states_a_day((("near-headline", "Von Jo am 21. April 2020"),))
    assert states_a_day((("url", "https://x.example/2020/04/21/story"),))


def test_change_dates_and_months_are_no_stated_day():
    assert not states_a_day((("dateModified", "2021-06-03"), ("time:updated", "2021-06-04"),
                             ("url", "https://x.example/2020/04/story")))


def test_the_first_dated_line_of_the_page_is_no_stated_day():
    # a guess by position alone (an edition stamp, a teaser): htmldate is asked as well
    assert not states_a_day((("dated-line", "Édition du 12 octobre 2020"),))


def test_htmldate_dates_a_page_within_the_capture_bounds():
    page = ("<html><head><title>t</title></head><body><div class='entry-date'>"
            "Posted on 2021-06-03</div><p>Text.</p></body></html>")
    assert find_day(page, datetime(2022, 1, 1, tzinfo=UTC)) == "2021-06-03"
    assert find_day(page, datetime(2021, 1, 1, tzinfo=UTC)) is None  # after the capture


def test_the_parsed_tree_gives_the_day_the_text_gives_and_is_left_as_it_was():
    """The reader hands htmldate the tree it parsed (no second parse); htmldate prunes a
    copy, so the tree the body reader reads next is untouched."""
    from lxml import etree

    from feeds.parse.htmldoc import parse

    page = ("<html><head><title>t</title><script>var x = 1;</script></head><body>"
            "<nav>Home</nav><div class='entry-date'>Posted on 2021-06-03</div>"
            "<p>Text.</p><footer>© 2019</footer></body></html>")
    root = parse(page)
    before = etree.tostring(root)
    captured = datetime(2022, 1, 1, tzinfo=UTC)
    assert find_day(root, captured) == find_day(page, captured) == "2021-06-03"
    assert etree.tostring(root) == before
