from datetime import date

import pytest

from feeds.dates.evidence import stamps
from feeds.model import Implies
from tests.dates.helpers import article, story


@pytest.mark.parametrize("block, expected", [
    ("First published on Mon 3 Mar 2025 10.42 GMT", ("stamp", Implies.POINT, date(2025, 3, 3))),
    ("Published: 3 March 2025", ("stamp", Implies.POINT, date(2025, 3, 3))),
    ("Posted 2019-07-22 08:15", ("stamp", Implies.POINT, date(2019, 7, 22))),
    ("Last modified on Tue 4 Mar 2025 09.00 GMT", ("updated", Implies.UPPER, date(2025, 3, 4))),
    ("Updated at 9:00 a.m. EST, 5 May 2024", ("updated", Implies.UPPER, date(2024, 5, 5))),
    ("Published on 3 March 2025, the report said exports fell.", None),
    ("Published in 2019", None),
    ("Updated 3 March 2025 and 4 March 2025", None),
])
def test_stamps(block, expected):
    found = stamps.find(story(article("Body text.", block)))
    got = [(e.kind, e.implies, e.earliest or e.latest) for e in found]
    assert got == ([expected] if expected else [])


@pytest.mark.parametrize("footer, implies, day", [
    ("This entry was posted on Monday, June 3rd, 2019 at 10:00 am and is filed under News.",
     Implies.POINT, date(2019, 6, 3)),
    ("Dieser Beitrag wurde am Samstag, 3. Dezember 2011 um 10:12 Uhr veröffentlicht und "
     "unter Cybercrime gespeichert.", Implies.POINT, date(2011, 12, 3)),
    ("Autor: kinra | Artikel veröffentlicht am 16.12.2012 Kategorien: Überwachung",
     Implies.POINT, date(2012, 12, 16)),
    ("Dieser Artikel ist ursprünglich am 27. Februar 2017 erschienen.",
     Implies.LOWER, date(2017, 2, 27)),  # first printed elsewhere: this page on or after
])
def test_a_posts_own_publication_line_under_it_is_a_stamp(footer, implies, day):
    page = article("The council voted on Tuesday.", "A second paragraph.", footer)
    (ev,) = stamps.find(story(page))
    assert (ev.kind, ev.implies, ev.earliest) == ("stamp", implies, day)


@pytest.mark.parametrize("paragraphs", [
    # a study's publication, in the story's own text
    ("The article, published in Science on 3 March 2025, found a link.", "More.", "End."),
    # the same footer high up in a long article: the post's line sits under it
    ("This entry was posted on 3 June 2019.", "Two.", "Three.", "Four."),
    # two dates: not one publication line
    ("x.", "This post was published on 3 June 2019 and updated on 5 June 2019.",),
])
def test_other_publication_sentences_are_not_the_posts_stamp(paragraphs):
    assert stamps.find(story(article(*paragraphs))) == ()
