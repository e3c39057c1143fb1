"""The site's name on full-page captures: candidates from the places a page names its
publisher, ranked by the shipped model; None when the page does not say."""

from feeds import textsite


def _page(top, bottom, middle=()):
    filler = [f"Paragraph {i} of the story goes on with several more words here." for i in range(8)]
    return [*top, *middle, *filler, *bottom]


def test_candidates_come_from_every_place_a_page_names_itself():
    lines = _page(
        ["Skip to main content", "Menu", "Search"],
        ["Contact Harbour Gazette", "© 2021 Harbour Gazette Ltd. All rights reserved."],
        ["Storm closes the harbour road | Harbour Gazette", "Follow Tideline Review"],
    )
    names, rows = textsite.candidates(lines, 3)
    assert len(rows) == len(names)
    assert all(len(r) == len(textsite.FEATURES) for r in rows)
    for name in ("Harbour Gazette", "Harbour Gazette Ltd", "Tideline Review"):
        assert name in names
    for word in ("Skip to main content", "Menu", "Search"):
        assert word not in names  # interface words are never candidates


def test_contact_us_is_not_a_name():
    names, _ = textsite.candidates(_page(["Contact Us", "About Us"], []), 2)
    assert "Us" not in names


def test_legal_form_is_dropped_for_a_second_candidate():
    names, _ = textsite.candidates(
        _page([], ["© 2020 Lindqvist Verlag GmbH. Alle Rechte vorbehalten."]), 0)
    assert "Lindqvist Verlag GmbH" in names and "Lindqvist Verlag" in names


def test_capital_runs_find_names_inside_longer_lines():
    runs = textsite._capital_runs("Subscribe to Harbour Gazette on YouTube for more")
    assert "Harbour Gazette" in runs and "YouTube" in runs
    assert "Bank of England" in textsite._capital_runs("a report by the Bank of England today")
    assert "Gazette.com" in textsite._capital_runs("Redaktion Gazette.com:")


def test_name_printed_in_many_places_is_chosen():
    lines = _page(
        ["Skip to main content", "Harbour Gazette", "News", "Sport", "Opinion"],
        ["Contact Harbour Gazette", "About Harbour Gazette",
         "© 2021 Harbour Gazette. All rights reserved."],
        ["Storm closes the harbour road | Harbour Gazette"],
    )
    assert textsite.site_name(lines, 5) == "Harbour Gazette"


def test_page_that_does_not_say_gives_none():
    lines = _page(["Skip to main content", "Menu", "News", "Sport", "Opinion", "Sign in"], [])
    assert textsite.site_name(lines, 6) is None


def test_a_section_label_repeated_in_a_menu_is_not_the_name():
    menu = ["Menu", "Home", "World", "Science", "Health", "Culture", "Sport", "Sign in"]
    lines = _page([*menu, "Science"], ["More from Science", "Privacy Policy", "Cookies"])
    assert textsite.site_name(lines, len(menu) + 1) is None
