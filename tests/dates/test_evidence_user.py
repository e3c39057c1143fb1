"""Almanac and override collectors, and their TOML loaders."""

from datetime import date
from pathlib import Path

import pytest

from feeds.dates.config import load_almanac, load_overrides
from feeds.dates.context import DateContext
from feeds.dates.evidence import almanac, override
from feeds.errors import FeedsError
from feeds.model import Implies, Precision
from tests.dates.helpers import article, story

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

ALMANAC = """
[[event]]
label = "harbour tunnel opens"
pattern = 'the day the harbou?r tunnel (?:opened|reopened)'
date = 2019-06-14

[events]
'first snow of the (?:winter|season)' = "2021-12"
"""


@pytest.fixture
def entries(tmp_path):
    path = tmp_path / "almanac.toml"
    path.write_text(ALMANAC)
    return load_almanac(path)


@pytest.mark.parametrize("text, expected", [
    ("Traffic eased on the day the harbor tunnel opened.",
     [(date(2019, 6, 14), date(2019, 6, 14), Precision.DAY)]),
    ("Roads closed after the first snow of the season.",
     [(date(2021, 12, 1), date(2021, 12, 31), Precision.MONTH)]),
    ("Nothing the almanac knows.", []),
])
def test_almanac_matches_are_lower_bounds(entries, text, expected):
    found = almanac.find(story(article(text)), DateContext(almanac=entries))
    assert all(e.implies is Implies.LOWER and e.kind == "almanac" for e in found)
    assert [(e.earliest, e.latest, e.precision) for e in found] == expected


@pytest.mark.parametrize("content, message", [
    ("[[event]]\npattern = 'x'\n", "needs 'pattern' and 'date'"),
    ("[[event]]\npattern = '('\ndate = 2020-01-01\n", "bad pattern"),
    ("[events]\n'x' = 'soon'\n", "not a date"),
    ("not toml =", "invalid TOML"),
])
def test_bad_almanac_files_are_reported(tmp_path, content, message):
    path = tmp_path / "a.toml"
    path.write_text(content)
    with pytest.raises(FeedsError, match=message):
        load_almanac(path)


def test_example_almanac_loads():
    assert len(load_almanac(EXAMPLES / "almanac.toml")) >= 3


@pytest.mark.parametrize("key, headline, sid, hit", [
    ("story-1", "Anything", "story-1", True),
    ("Council  approves BUDGET", "Council approves budget", "other", True),
    ("Something else", "Council approves budget", "other", False),
])
def test_override_matches_id_or_headline(tmp_path, key, headline, sid, hit):
    path = tmp_path / "dates.toml"
    path.write_text(f'[dates]\n"{key}" = 2020-05-01\n')
    ctx = DateContext(overrides=load_overrides(path))
    found = override.find(story(article("x", headline=headline), id=sid), ctx)
    expected = [("override", date(2020, 5, 1))] if hit else []
    assert [(e.kind, e.earliest) for e in found] == expected


def test_example_overrides_load():
    entries = load_overrides(EXAMPLES / "dates.toml")
    assert [e.when.precision for e in entries] == [Precision.DAY, Precision.MONTH]
