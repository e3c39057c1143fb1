from datetime import date

import pytest

from feeds.dates import DateContext, resolve
from feeds.dates.evidence import common, lead
from feeds.model import Article, Block, BlockKind, Implies
from tests.dates.helpers import article, story

BODY = " Der Gemeinderat hat am Abend über den neuen Haushalt beraten und abgestimmt."


@pytest.mark.parametrize("opening, day", [
    ("Karlsruhe, (12.11.2021).", date(2021, 11, 12)),
    ("(18.01.2018)", date(2018, 1, 18)),
    ("01.02.2022 „", date(2022, 2, 1)),
    ("WASHINGTON, March 3, 2025 —", date(2025, 3, 3)),
    ("31. Oktober 2023.", date(2023, 10, 31)),
])
def test_a_date_opening_the_first_paragraph_is_the_filing_day(opening, day):
    (ev,) = lead.find(story(article(opening + BODY, "Second paragraph.")))
    assert (ev.kind, ev.implies, ev.earliest, ev.latest) == ("lead", Implies.POINT, day, day)


@pytest.mark.parametrize("first", [
    "Am 19. Oktober 2019 gastiert Borussia Mönchengladbach in Dortmund.",  # an event
    "The council met on 3 March 2025 to vote." + BODY,  # a date inside the sentence
    "Im März 2022 begann der Umbau." + BODY,  # no day
    "A long opening clause that runs on, 3 March 2025, to a date." + BODY,  # past the place
])
def test_a_date_inside_or_after_words_is_no_lead(first):
    assert lead.find(story(article(first))) == ()


def test_only_the_first_paragraph_is_read():
    page = Article(source="x", headline="H", blocks=(
        Block(BlockKind.HEADING, "12.11.2021 Termine"),
        Block(BlockKind.PARAGRAPH, "Der Rat tagte lange." + BODY),
        Block(BlockKind.PARAGRAPH, "(12.11.2021) Weitere Punkte."),
    ))
    assert lead.find(story(page)) == ()


def test_the_lead_dates_a_page_that_states_nothing_else():
    estimate = resolve(story(article("(18.01.2018)" + BODY)), DateContext())
    assert estimate.value.date() == date(2018, 1, 18)
    assert 0.7 <= estimate.confidence < 0.8  # one finding, below a byline's date


def test_update_labels_read_the_noun_too():
    assert common.is_update("Letzte Aktualisierung: ")
    assert common.is_update("Aktualisiert am ")
    assert not common.is_update("Veröffentlicht am ")


@pytest.mark.parametrize("opening, found", [
    ("Frankfurt am Main, 3. März 2025:", True),
    ("NEW YORK, March 3, 2025 —", True),
    ("The regulator said yesterday, 14 February 2020,", False),  # a clause, not a place
    ("Officials in the city, 3 March 2025,", False),
])
def test_only_a_place_name_may_stand_before_the_lead(opening, found):
    assert bool(lead.find(story(article(opening + BODY)))) is found

