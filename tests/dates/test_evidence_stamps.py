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
