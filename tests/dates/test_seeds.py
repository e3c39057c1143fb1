"""The two sample captures of one article: a banner that is a capture, not a dateline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from feeds.cli.explain import main
from feeds.dates import DateContext, describe, load_almanac, resolve
from feeds.merge import group_stories
from feeds.model import Implies, Precision
from feeds.parse.textreader import parse_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ALMANAC = ROOT / "examples" / "almanac.toml"


@pytest.fixture(scope="module")
def story():
    articles = [parse_text(p.read_text(), str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    (only,) = group_stories(articles)
    return only


def test_without_almanac_the_banner_is_only_a_capture_bound(story):
    e = resolve(story, DateContext())
    (banner,) = [ev for ev in e.evidence if ev.kind == "banner"]
    assert banner.implies is Implies.UPPER and banner.latest == date(2026, 2, 8)
    assert not any(ev.implies is Implies.POINT for ev in e.evidence)
    assert e.earliest.date() <= date(2023, 4, 4) <= e.latest.date()
    assert e.latest.date() <= date(2026, 2, 8)
    assert e.precision is not Precision.DAY
    assert e.value.date() != date(2026, 2, 8)
    assert describe(e) == "between 2022 and 8 Feb 2026"
    (relative,) = [ev for ev in e.evidence if ev.kind == "relative"]
    assert relative.note.endswith("here: between September 2021 and September 2025")


def test_with_the_example_almanac_the_day_is_pinned(story):
    e = resolve(story, DateContext(almanac=load_almanac(ALMANAC)))
    assert e.value.date() == date(2023, 4, 4) and e.precision is Precision.DAY
    assert e.earliest.date() <= date(2023, 4, 4) <= e.latest.date() <= date(2026, 2, 8)
    assert describe(e) == "4 April 2023"
    (relative,) = [ev for ev in e.evidence if ev.kind == "relative"]
    assert relative.note.endswith("here: September 2022")


def test_explain_shows_the_weekday_agreement(capsys):
    assert main([str(SEEDS), "--almanac", str(ALMANAC)]) == 0
    out = capsys.readouterr().out
    assert "banner" in out and "on/before 2026-02-08" in out
    assert "AGREES with Tuesday 04 April 2023" in out
    assert "date: 4 April 2023  (precision day" in out


def test_explain_json(capsys):
    assert main([str(SEEDS), "--json", "--captured-at", "2026-03-01T00:00:00Z"]) == 0
    (story,) = json.loads(capsys.readouterr().out)
    assert len(story["captures"]) == 2
    assert story["date"]["precision"] != "day"
    kinds = {ev["kind"] for ev in story["date"]["evidence"]}
    assert {"banner", "capture", "weekday", "year"} <= kinds


def test_explain_reports_bad_config(tmp_path, capsys):
    bad = tmp_path / "almanac.toml"
    bad.write_text("[[event]]\n")
    assert main([str(SEEDS), "--almanac", str(bad)]) == 2
    assert "needs 'pattern' and 'date'" in capsys.readouterr().err


def test_explain_is_a_subcommand_of_the_main_cli(capsys):
    from feeds import cli

    assert cli.main(["explain", str(SEEDS), "--almanac", str(ALMANAC)]) == 0
    assert "AGREES with Tuesday 04 April 2023" in capsys.readouterr().out


def test_build_with_almanac_dates_the_seed_item_exactly(tmp_path):
    from lxml import etree

    from feeds import cli

    out = tmp_path / "out"
    assert cli.main(["build", str(SEEDS), "-o", str(out), "--almanac", str(ALMANAC)]) == 0
    pub = etree.parse(str(out / "london-daily" / "atom.xml")).findtext(
        "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}published"
    )
    assert pub.startswith("2023-04-04")
    page = next((out / "london-daily").glob("nato-*.html")).read_text()
    assert "4 April 2023" in page


def test_build_without_almanac_shows_a_range_not_a_day(tmp_path):
    from feeds import cli

    out = tmp_path / "out"
    assert cli.main(["build", str(SEEDS), "-o", str(out)]) == 0
    page = next((out / "london-daily").glob("nato-*.html")).read_text()
    assert "between 2022 and 8 Feb 2026" in page
    assert "precision" in page
