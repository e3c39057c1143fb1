"""The text reader on the shapes of real captures: full pages, reader views, explain."""

import json

import pytest

from feeds.chrome import is_comments_heading
from feeds.cli import main
from feeds.model import BlockKind
from feeds.parse.textreader import parse_text

from .conftest import FIXTURES, SEEDS


def test_explain_json_prints_every_block_and_the_byline(capsys):
    seed = SEEDS / "000_a6ec30e27da27f0e.txt"
    assert main(["explain", str(seed), "--json"]) == 0
    capture = json.loads(capsys.readouterr().out)[0]["captures"][0]
    article = parse_text(seed.read_text(encoding="utf-8"), str(seed))
    assert capture["blocks"] == [{"kind": b.kind.value, "text": b.text} for b in article.blocks]
    assert {"kind": "heading", "text": "Assistance instead of membership"} in capture["blocks"]
    assert "byline" in capture and "dateline" in capture


def test_explain_text_counts_the_blocks(capsys):
    seed = SEEDS / "000_a6ec30e27da27f0e.txt"
    assert main(["explain", str(seed)]) == 0
    article = parse_text(seed.read_text(encoding="utf-8"), str(seed))
    assert f"{len(article.blocks)} blocks, 50 related links" in capsys.readouterr().out


READER = (
    "Why ferries stopped running to the outer islands\n\n"
    "Transport\n\n"
    "Why ferries stopped running to the outer islands\n\n"
    "By Ana Ruiz\n\n"
    "The last boat left the harbour on Friday, and none has sailed since.\n\n"
    "Crews say the company owes them three months of wages.\n\n"
    "What happens next\n\n"
    "The council will meet the operator on Monday.\n"
)


def test_reader_view_first_line_is_the_headline_and_every_block_is_kept():
    a = parse_text(READER, "r.txt")
    assert a.headline == "Why ferries stopped running to the outer islands"
    assert a.site is None
    assert a.byline == "Ana Ruiz"
    assert [b.text for b in a.blocks] == [
        "Transport",
        "The last boat left the harbour on Friday, and none has sailed since.",
        "Crews say the company owes them three months of wages.",
        "What happens next",
        "The council will meet the operator on Monday.",
    ]
    headings = [b.text for b in a.blocks if b.kind is BlockKind.HEADING]
    assert headings == ["Transport", "What happens next"]


@pytest.mark.parametrize("second", [
    "Erstellt von Fabian am Dienstag 6. Mai 2014",  # a byline with its date
    "3. August 2015 · Filed under Garden notes",  # a dateline
    "von lupa am 26/10/13, 03:48 pm",  # a forum post's stamp
    "Lesezeit: 1 min",  # a reading time
    "Dear members and friends of the club,",  # the opening of a letter
])
def test_a_reader_view_title_over_a_meta_line_is_the_headline_not_the_site(second):
    """A reader view prints the page's title first. A short title over a byline, a
    dateline, a reading time or a sentence is that title, not a site name over a
    headline: such a line is never a headline, and a title never names a feed."""
    text = (f"Podcasts in Plex\n\n{second}\n\n"
            "I have used the media server for years to keep films and music in order.\n\n"
            "Until now it had no way to add podcasts, so I wrote a small workaround.\n")
    a = parse_text(text, "r.txt")
    assert a.headline == "Podcasts in Plex"
    assert a.site is None


def test_a_reader_view_site_line_over_a_headline_is_still_read_as_one():
    text = ("The Wide Times\n\nCouncil approves the harbour plan after a long debate\n\n"
            "The council met on Monday evening and voted to approve the plan.\n\n"
            "Residents said they had waited years for a decision.\n")
    a = parse_text(text, "r.txt")
    assert (a.site, a.headline) == ("The Wide Times",
                                    "Council approves the harbour plan after a long debate")


def test_reader_view_of_a_title_alone_is_kept():
    a = parse_text("A page whose article did not survive the reader view\n\n\n", "t.txt")
    assert a.headline == "A page whose article did not survive the reader view"
    assert a.blocks == ()


def _fixture(name):
    from .conftest import FIXTURES

    path = FIXTURES / "captures" / name
    return parse_text(path.read_text(encoding="utf-8"), str(path))


def test_full_page_keeps_menus_teasers_comments_and_footer_out():
    a = _fixture("long_menu_comments.txt")
    body = a.body_text
    for chrome in ("Football", "Jane Smith", "fantastic project", "Reply",
                   "Why bees are waking up earlier in spring", "More from Science"):
        assert chrome not in body
    b = _fixture("skip_link_masthead_footer.txt")
    for chrome in ("Skip to main content", "Most read", "Bus route 12", "Privacy Policy",
                   "All rights reserved"):
        assert chrome not in b.body_text


def test_site_is_never_a_menu_or_skip_word():
    a = _fixture("skip_link_masthead_footer.txt")
    assert a.site == "Valley Courier"
    assert _fixture("long_menu_comments.txt").site is None  # the page does not say


def test_dates_in_any_script_are_datelines():
    from feeds.parse.textparse import byline_parts

    assert byline_parts("2024年6月3日 08:40") == (None, "2024年6月3日 08:40")
    assert byline_parts("٣ يونيو ٢٠٢٤") == (None, "٣ يونيو ٢٠٢٤")
    assert byline_parts("Oscars 2024") == (None, None)
    assert byline_parts("Top 10 films of 2024") == (None, None)


def test_standfirst_printed_again_is_not_the_first_paragraph():
    a = _fixture("byline_published_updated.txt")
    assert a.dek is not None
    assert a.paragraphs[0] != a.dek
    assert "Updated 5 June 2024" not in a.body_text


def test_a_kicker_ending_in_a_colon_joins_the_title_under_it():
    from feeds.parse.textpage import join_kicker

    lines = ["Menu", "Strike at the plant:", "Talks break down after two days", "By Ana"]
    assert join_kicker(lines, 1) == (2, "Strike at the plant: Talks break down after two days")
    assert join_kicker(lines, 2) == (2, "Talks break down after two days")
    assert join_kicker(["Update:", "The road reopened on Monday."], 0) == (0, "Update:")


def test_a_kicker_ending_in_a_colon_above_the_headline_opens_it():
    from feeds.parse.textpage import kicker_above

    lines = ["Menu", "Strike at the plant:", "Talks break down after two days", "By Ana"]
    assert kicker_above(lines, 2) == "Strike at the plant: Talks break down after two days"
    # a field label or a list's label is no kicker
    for label in ("Search for:", "Up next:", "You may also like:"):
        assert kicker_above(["Menu", label, "Talks break down after two days"], 2) == (
            "Talks break down after two days")
    assert kicker_above(["Talks break down after two days"], 0) == (
        "Talks break down after two days")


def test_a_cookie_notice_before_the_menus_does_not_refuse_the_page():
    menu = "\n".join(["Home", "News", "Sport", "Business", "Culture", "Weather"])
    text = (
        "We use cookies and other tracking technologies to improve your browsing experience "
        "on our site and to show personalised content and targeted adverts.\n\n"
        "By choosing I Accept, you consent to our use of cookies.\n\n" + menu + "\n\n"
        + (open_fixture_body())
    )
    a = parse_text(text, "c.txt")
    assert a.headline == "Scientists map the seabed of the North Sea in record detail"
    assert "cookies" not in a.body_text


def open_fixture_body():
    from .conftest import FIXTURES

    lines = (FIXTURES / "captures" / "long_menu_comments.txt").read_text().split("\n")
    return "\n".join(lines[lines.index("Sign in") + 1:])


def test_a_date_line_above_a_share_bar_and_kicker_is_the_dateline():
    """A full page with no byline block next to the headline: the date line printed
    several lines above it (before a share bar and the section kicker) is the article's
    date line, and no body text."""
    from .conftest import FIXTURES

    lines = (FIXTURES / "captures" / "long_menu_comments.txt").read_text().split("\n")
    lines.remove("Published 12 March 2024")
    at = lines.index("Science", lines.index("Sign in"))
    bar = ["12 March 2024", "Share", "Facebook", "X", "WhatsApp", "Email", "Copy link"]
    a = parse_text("\n".join(lines[:at] + bar + lines[at:]), "d.txt")
    assert a.headline == "Scientists map the seabed of the North Sea in record detail"
    assert a.dateline == "12 March 2024"
    assert "12 March 2024" not in a.body_text


@pytest.mark.parametrize("line", ["Stand: 12.03.2024 von Ann Lee",
                                  "Pubblicato il: 12 marzo 2024", "12.03.24, 10:00 Uhr"])
def test_a_date_line_in_any_language_is_the_dateline_of_a_full_page(line):
    """The byline rules know English labels; a short line the date grammar reads as a full
    date, in any language, is a date line too (never a sentence that mentions a date)."""
    from .conftest import FIXTURES

    text = (FIXTURES / "captures" / "long_menu_comments.txt").read_text()
    a = parse_text(text.replace("Published 12 March 2024", line), "d.txt")
    assert a.headline == "Scientists map the seabed of the North Sea in record detail"
    assert a.dateline == line


@pytest.mark.parametrize("line, who, when", [
    ("Von Anna Berg am 22. Februar 2020", "Anna Berg", "22. Februar 2020"),
    ("Par Luc Roy le 3 mai 2021 à 11h46", "Luc Roy", "3 mai 2021 à 11h46"),
    ("By Cheryl Baehr on Wed, Nov 8, 2023 at 1:02 pm", "Cheryl Baehr",
     "Wed, Nov 8, 2023 at 1:02 pm"),
    ("By Mike Wall 2019-11-18T20:51:19Z Science", "Mike Wall", "2019-11-18T20:51:19Z Science"),
    ("Von Max Roth Veröffentlicht 3. Februar 2022", "Max Roth", "3. Februar 2022"),
    ("von Redaktion, 24. Januar 2022", "Redaktion", "24. Januar 2022"),  # one word, a comma
])
def test_a_byline_in_any_language_splits_at_its_date(line, who, when):
    """The byline is split at a full date of the shared grammar, in any language; the
    word joining the name to the date ("on", "am", "le", "Veröffentlicht") is neither."""
    from feeds.parse.textparse import byline_parts

    assert byline_parts(line) == (who, when)


@pytest.mark.parametrize("line", ["Von Trier dreht wieder einen Film", "Par Avion Express",
                                  "Von Mainz, über Köln nach Paris"])
def test_a_foreign_by_word_without_a_date_is_no_byline(line):
    """"Von", "Par", "Da" also open names and titles: without a date, the line is not
    taken as a byline."""
    from feeds.parse.textparse import byline_parts

    assert byline_parts(line) == (None, None)


def test_a_byline_under_the_lead_paragraph_still_dates_the_article():
    """A byline line the body leaves out (here below the lead paragraph) is read as the
    byline and the date line, not dropped with its date."""
    text = (FIXTURES / "captures" / "long_menu_comments.txt").read_text()
    lead = text.split("\n")[34]
    text = text.replace("Published 12 March 2024\n", "")
    text = text.replace(lead + "\n", lead + "\n\nPor Ana Gil 12 de marzo de 2024\n")
    a = parse_text(text, "d.txt")
    assert a.headline == "Scientists map the seabed of the North Sea in record detail"
    assert (a.byline, a.dateline) == ("Ana Gil", "12 de marzo de 2024")
    assert "Ana Gil" not in a.body_text


def test_a_page_whose_article_states_no_date_keeps_its_first_dated_line_as_a_guess():
    """As the HTML reader does: the first short dated line outside the article text and
    the banner (the capture's day) is kept for the resolver, marked as a guess."""
    from feeds.model import Article, Block, BlockKind
    from feeds.parse.textreader import with_page_date

    lines = ["Valley Times", "Friday 14 June 2024", "Headline of the story",
             "Body text that says 3 March 2024.", "Zuletzt geändert am 29. Januar 2020", "Kontakt"]
    article = Article(source="x.txt", headline="Headline of the story", banner=lines[1],
                      blocks=(Block(BlockKind.PARAGRAPH, lines[3]),))
    assert with_page_date(article, lines).metadata == (("dated-line", lines[4]),)
    dated = Article(source="x.txt", headline="Headline of the story", dateline="2 May 2021")
    assert with_page_date(dated, lines) is dated
    undated = Article(source="x.txt", headline="Headline of the story")
    assert with_page_date(undated, ["Headline of the story", "Kontakt"]) is undated


def test_a_sentence_that_mentions_a_date_is_no_date_line():
    from feeds.parse.textpage import states_a_date

    assert states_a_date("Stand: 26.10.2023 von Silke Becker")
    assert not states_a_date("The council met on 12 March 2024 to discuss the plan.")
    assert not states_a_date("Oscars 2024")


SHORT_HEADER = (
    "Search\n"
    "Recipes / BAKING\n\n"
    "Dresden's stollen festival, where centuries of tradition meet fine craft\n"
    "+ 10\n"
    "By Julia Stone - October 25, 2023\n"
    "6 minutes - 1200 words\n\n"
    "Can you imagine Christmas without a good stollen? We cannot. The famous loaf from "
    "Dresden has been baked for more than six hundred years, and every December the city "
    "holds a festival in its honour.\n\n"
    "Contents\n\n"
    "When did the festival begin?\n\n"
    "The first festival was held in 1730, when the king ordered a giant stollen that "
    "weighed almost two tonnes and fed the whole court.\n\n"
    "Today the festival starts with a parade through the old town, and the giant loaf is "
    "cut with a silver knife in front of the crowds.\n\n"
    "Every year the bakers choose a stollen girl who leads the parade and hands out the "
    "first slices to the visitors.\n\n"
    + "".join(f"{item}\n" for item in (
        "Share", "Print", "Newsletter", "About us", "Contact", "Jobs", "Advertise",
        "Privacy", "Imprint", "Terms of use", "Cookie settings", "Accessibility",
    ))
)


def test_a_short_header_whose_last_line_is_a_byline_is_read_by_content():
    # Too short a header for a full page, so the header rules read it first; they take the
    # reading-time line above the prose for the headline, which the content reader
    # overrules (the page's menus and footer say it is a real page).
    a = parse_text(SHORT_HEADER, "p.txt")
    assert a.headline.startswith("Dresden's stollen festival")
    assert a.blocks[0].text.startswith("Can you imagine Christmas")
    assert a.byline == "Julia Stone"
    assert "6 minutes - 1200 words" not in [b.text for b in a.blocks]


def test_a_full_page_keeps_its_list_of_other_headlines_apart():
    page = (FIXTURES / "captures" / "long_menu_comments.txt").read_text(encoding="utf-8")
    more = page.rstrip("\n") + (
        "\n3 hours ago\nCouncil votes to reopen the old harbour baths\nJohn Smith\n"
    )
    a = parse_text(more, "p.txt")
    assert a.related == (
        "Why bees are waking up earlier in spring",
        "The telescope that will look for a second Earth",
        "Council votes to reopen the old harbour baths",
    )
    assert not set(a.related) & {b.text for b in a.blocks}
    # Two titles under a label are no list (the fixture itself).
    assert parse_text(page, "p.txt").related == ()


def test_a_lead_paragraph_parted_from_the_rest_by_a_share_bar_is_kept():
    page = (FIXTURES / "captures" / "long_menu_comments.txt").read_text(encoding="utf-8")
    lead = (
        "A three-year survey has produced the most detailed map yet of the floor of the "
        "North Sea, showing thousands of shipwrecks and the valleys of rivers that flowed "
        "there during the last ice age."
    )
    more = (
        " The survey teams say that it has also found a number of wrecks that nobody had "
        "recorded before, and that some of them are older than any that were known.\n\n"
        "Share on Facebook\nShare on X\nShare by email\nListen to this article\n4 min read\n"
    )
    a = parse_text(page.replace(lead + "\n", lead + more), "p.txt")
    assert a.blocks[0].text == lead + more.split("\n")[0]
    assert len(a.paragraphs) == 4


def test_a_comment_thread_under_its_heading_is_not_the_body():
    page = (FIXTURES / "captures" / "long_menu_comments.txt").read_text(encoding="utf-8")
    article, _, _ = page.partition("Comments\n12 comments\n")
    thread = (
        "2 responses to “Scientists map the seabed of the North Sea in record detail”\n\n"
        "I have sailed across the North Sea for thirty years, and I never knew how many "
        "wrecks were lying under the boat. It is a remarkable piece of work, and I hope they "
        "carry on with it.\n\n"
        "The article says the data will be open, but it does not say where it will be "
        "published, so I wrote to the survey team and they told me it will be on their "
        "website in the summer.\n\n"
    )
    a = parse_text(article + thread, "p.txt")
    assert len(a.paragraphs) == 4
    assert a.blocks[-1].text.startswith("The data will be published openly")


@pytest.mark.parametrize("form", [
    ("Leave a Reply\n\nYour email address will not be published. Required fields are marked "
     "*\n\nComment\n\nName *\n\n"),
    ("Gib hier deinen Kommentar ein ...\n\nTrage deine Daten unten ein oder klicke ein Icon um "
     "dich einzuloggen:\n\nDu kommentierst mit Deinem WordPress.com-Konto. ( Abmelden / "
     "Ändern )\n\nBenachrichtigung bei weiteren Kommentaren per E-Mail senden.\n\n"),
])
def test_a_comment_form_under_the_article_ends_the_body(form):
    """A blog's comment form opens its comments section: its prompts, and what the page
    prints under them (a disclaimer, the footer's sentences), are not the article."""
    page = (FIXTURES / "captures" / "long_menu_comments.txt").read_text(encoding="utf-8")
    article, _, _ = page.partition("Comments\n12 comments\n")
    footer = ("The survey team does not give advice on fishing rights, and nothing on this "
              "site should be read as such.\n")
    a = parse_text(article + form + footer, "p.txt")
    assert len(a.paragraphs) == 4
    assert a.blocks[-1].text.startswith("The data will be published openly")


@pytest.mark.parametrize("line", [
    "34 responses to “We needed to win this game”", "[ 167 comments ]", "Top Rated Comments",
    "12 comments", "Kommentare (3)", "3 Kommentare zu „Ein Titel“", "1 Comment",
    "3 réponses à « Le titre »", "Kommentare",
    "Milan Griffes on September 12, 2018 at 4:47 pm said:", "Anna am 3. Mai 2020 um 10:12 sagt:",
    "Your email address will not be published. Required fields are marked *",
    "Deine E-Mail-Adresse wird nicht veröffentlicht.", "Gib hier deinen Kommentar ein ...",
    "Du kommentierst mit Deinem WordPress.com-Konto. ( Abmelden / Ändern )",
])
def test_a_comment_thread_heading_is_recognised(line):
    assert is_comments_heading(line)


@pytest.mark.parametrize("line", [
    "Comment", "Antworten", '"Comment": {', "200 comments were left on the petition",
    "The comments section of the site", "Speaking on Tuesday at 10:30, the minister said:",
    "He said:",
])
def test_a_section_name_a_button_or_a_sentence_is_no_comment_thread_heading(line):
    assert not is_comments_heading(line)


def test_a_clean_header_first_capture_is_not_read_twice(monkeypatch):
    # Only a capture with a real page's menus and buttons is read again by content: the
    # seeds and other clean captures cost one reading.
    from feeds.parse import textlines

    def no_second_reading(*args, **kwargs):
        raise AssertionError("read by content")

    monkeypatch.setattr(textlines, "content_probabilities", no_second_reading)
    clean = FIXTURES / "captures" / "bullets_copyright_footer.txt"
    assert parse_text(clean.read_text(encoding="utf-8"), str(clean)).headline
    with pytest.raises(AssertionError, match="read by content"):
        parse_text(SHORT_HEADER, "p.txt")


def test_a_comment_count_beside_the_byline_does_not_end_the_body():
    page = (FIXTURES / "captures" / "long_menu_comments.txt").read_text(encoding="utf-8")
    a = parse_text(page.replace("Published 12 March 2024\n", "Published 12 March 2024\n"
                                "12 comments\n"), "p.txt")
    assert len(a.paragraphs) == 4


def test_a_numbered_list_the_article_leads_into_is_kept():
    page = (FIXTURES / "captures" / "long_menu_comments.txt").read_text(encoding="utf-8")
    para = "The researchers used sonar mounted on ferries and fishing boats, which collected " \
        "readings on their ordinary journeys."
    items = ["1. HMS Pathfinder, 1914", "2) SS Northern Star, 1921", "3. A Viking longship",
             "4. Two fishing boats"]
    listed = page.replace(para + "\n", para + "\n\nThe wrecks it charted include these:\n"
                          + "\n".join(items) + "\n")
    a = parse_text(listed, "p.txt")
    for item in items:
        assert item.split(" ", 1)[1] in a.body_text  # a date in an item is no dateline
    assert len(a.blocks) == len(parse_text(page, "p.txt").blocks) + len(items)


def test_a_numbered_list_after_the_article_is_not_kept():
    page = (FIXTURES / "captures" / "long_menu_comments.txt").read_text(encoding="utf-8")
    most_read = ["Most read", "1. Council votes to reopen the old harbour baths",
                 "2. Storm closes the coast road", "3. Ferry fares to rise in May"]
    a = parse_text(page.rstrip("\n") + "\n" + "\n".join(most_read) + "\n", "p.txt")
    for line in most_read:
        assert line not in a.body_text


def test_a_headline_set_in_capitals_takes_the_case_the_page_prints_elsewhere():
    from feeds.parse.textpage import own_case

    caps = "PICKLED CUCUMBERS IN AN AFTERNOON"
    lines = ["Home › Food › Pickled cucumbers in an afternoon", caps]
    assert own_case(caps, lines) == "Pickled cucumbers in an afternoon"
    # printed only in capitals, or only in lower case inside a sentence: kept as printed
    assert own_case("NATO MEETS", ["NATO MEETS", "Why nato meets today"]) == "NATO MEETS"
    assert own_case("NATO MEETS", ["NATO MEETS", "why nato meets today"]) == "NATO MEETS"
    assert own_case("Mixed Case Title", ["mixed case title"]) == "Mixed Case Title"
    assert own_case("ONEWORD", ["Oneword"]) == "ONEWORD"  # a word alone may be an acronym


@pytest.mark.parametrize("line", [
    "Zur Hauptnavigation springen Zur Suche springen Zum Inhalt springen",
    "Wechseln zu: Navigation, Suche", "Skip to content | Skip to navigation",
    "Aller au contenu principal", "Saltar al contenido", "Naar inhoud springen",
    "Schreibe eine Antwort", "Suche nach:", "Über uns", "Laisser un commentaire",
    "Ähnliche Beiträge", "Datenschutzerklärung (3)", "In den Warenkorb",
    "« Fünf Gedanken zum Pokal-Aus", "Nachdenken über das Nachrufen →", "↓ Zu den Kommentaren",
    "Sie befinden sich hier >", "You are here: HomeNewsBusinessMarkets", "Deutsch", "English",
    "Filed under: Alltag, Bücher", "Schlagworte: Garten, Wetter", "Suche nach: Suche",
    "Klicken, um auf Facebook zu teilen (Wird in neuem Fenster geöffnet)", "Share on Twitter",
    "Veröffentlicht am 17. Dezember 2019 von Simon Dückert", "Posted by admin",
    "Milan Griffes on September 12, 2018 at 4:47 pm said:", "Impressum und Datenschutz",
    "Deprecated: Assigning the return value of new by reference is deprecated in /www/x.php",
    "Foto: dpa", "Text & Fotos: Ivan Valetny", "Scroll to top",
])
def test_interface_lines_in_several_languages_are_recognised(line):
    from feeds.chrome import is_interface

    assert is_interface(line)


@pytest.mark.parametrize("line", [
    "Zur Navigation von Schiffen auf dem Rhein", "Über uns wird viel geredet",
    "Skip to the good part: the budget", "Suche nach den Vermissten geht weiter", "",
    "»Haltet unsere Gewässer sauber!«", "« Le poids de la géographie ». Sur les migrations",
    "Von Sprachregeln und «ganz normalem Deutsch»", "Youth are here to stay", "A < B",
    "Share on the rise", "Warning: storms expected in Bavaria", "Published works of Kafka",
    "Tagesschau: Neue Regeln", "Impressum and more", "Categories of risk in banking",
    "Photos: Storm damage across the region",
])
def test_a_headline_that_starts_like_the_interface_is_not_interface(line):
    from feeds.chrome import is_interface

    assert not is_interface(line)


@pytest.mark.parametrize("line, check", [
    ("Zur Hauptnavigation springen Zur Suche springen Zum Inhalt springen", "is_interface"),
    ("Home / Essays / 2017 / January / Notes", "is_nav"),  # a breadcrumb trail
])
def test_skip_links_and_trails_are_never_the_headline(monkeypatch, line, check):
    """A ranker that favours the line furthest above the article would take the skip links
    or the breadcrumb trail printed at the top of the page: they are passed over for the
    next candidate."""
    from feeds import chrome
    from feeds.parse import textlines

    far = textlines.HEAD_FEATURES.index("distance")
    monkeypatch.setattr(textlines, "tree_scorer", lambda trees: lambda row: row[far])
    text = line + "\n\n" + open_fixture_body()
    assert parse_text(text, "p.txt").headline != line
    monkeypatch.setattr(chrome, check, lambda line: False)  # the check is what acts
    assert parse_text(text, "p.txt").headline == line


def test_a_short_header_capture_ends_its_body_at_the_comment_form():
    """The header-first reader cuts the body where the comments begin, as the full-page
    reader does: the form's prompts and the thread under them are not the article."""
    text = ("The Harbour Post\n\nCouncil approves the harbour plan after a long debate\n\n"
            "By Ann Lee\n\n"
            "The council met on Monday evening and voted to approve the plan.\n\n"
            "Residents said they had waited years for a decision and welcomed it.\n\n"
            "Gib hier deinen Kommentar ein ...\n\n"
            "Trage deine Daten unten ein oder klicke ein Icon um dich einzuloggen:\n\n"
            "Du kommentierst mit Deinem WordPress.com-Konto. ( Abmelden / Ändern )\n\n"
            "I was at the meeting, and it went on far longer than anyone expected.\n")
    a = parse_text(text, "h.txt")
    assert a.headline == "Council approves the harbour plan after a long debate"
    assert [b.text for b in a.blocks] == [
        "The council met on Monday evening and voted to approve the plan.",
        "Residents said they had waited years for a decision and welcomed it.",
    ]


def test_share_and_like_buttons_are_left_out_of_the_body_but_sentences_stay():
    """Interface lines the readers keep while reading (share and like buttons, list and
    ad labels) are not the body a feed shows; a sentence that opens like one, a caption
    and a dated line stay."""
    text = ("The Harbour Post\n\nCouncil approves the harbour plan after a long debate\n\n"
            "By Ann Lee\n\n"
            "The council met on Monday evening and voted to approve the plan.\n\n"
            "Anzeige\n\n"
            "Posted on social media by the harbour master, the vote drew wide praise.\n\n"
            "Published on 3 June 2024\n\n"
            "Click to share on Facebook (Opens in new window)\n\n"
            "Gefällt mir:\n\nGefällt mir Wird geladen...\n\nVIDEO\n\nRelated coverage\n\n"
            "Residents said they had waited years for a decision and welcomed it.\n")
    a = parse_text(text, "h.txt")
    assert [b.text for b in a.blocks] == [
        "The council met on Monday evening and voted to approve the plan.",
        "Posted on social media by the harbour master, the vote drew wide praise.",
        "Published on 3 June 2024",
        "Residents said they had waited years for a decision and welcomed it.",
    ]


def test_a_comment_count_beside_a_short_header_byline_is_neither_headline_nor_body_end():
    """A comment count printed with the byline ("12 comments") is no title and no start
    of the thread: the header-first reader keeps the headline and the body under it."""
    text = ("The Harbour Post\n\nCouncil approves the harbour plan after a long debate\n\n"
            "By Ann Lee\n\n3 June 2024\n\n12 comments\n\n"
            "The council met on Monday evening and voted to approve the plan.\n\n"
            "Residents said they had waited years for a decision and welcomed it.\n")
    a = parse_text(text, "h.txt")
    assert (a.site, a.headline) == ("The Harbour Post",
                                    "Council approves the harbour plan after a long debate")
    assert (a.byline, a.dateline) == ("Ann Lee", "3 June 2024")
    assert [b.text for b in a.blocks] == [
        "The council met on Monday evening and voted to approve the plan.",
        "Residents said they had waited years for a decision and welcomed it.",
    ]
