"""``feeds explain`` is the build's own path up to the dates: it dates every story as the
feeds publish it, with the same options (flags, ``feeds.toml``, environment)."""

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.cli import main

from .conftest import FIXTURES, ROOT, SEEDS

ALMANAC = ROOT / "examples" / "almanac.toml"
INPUTS = {"seeds": SEEDS, "captures": FIXTURES / "captures"}

BANNER_AND_UPDATED = """Harbour Times

The port city's daily paper
Sunday, 1 March 2026

Ferry timetable changes from spring

The harbour authority will run fewer crossings at night.

By Jane Doe
Updated 4 March

The harbour authority said on Monday that the night ferries would run every two hours \
instead of every hour from April.

Passenger numbers after midnight have fallen by a third since the bridge opened.

Operators will add crossings at weekends during the summer season.
"""


def _config(tmp_path: Path, almanac: bool) -> Path:
    path = tmp_path / "feeds.toml"
    line = f"almanac = {json.dumps(str(ALMANAC))}\n" if almanac else ""
    path.write_text(f"[build]\nmax_items = 1000\n{line}", encoding="utf-8")
    return path


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC).replace(
        microsecond=0)


def _explained(capsys, inputs: Path, config: Path, out: Path, *extra: str) -> dict:
    capsys.readouterr()
    main(["explain", str(inputs), "--json", "--config", str(config), "-o", str(out), *extra])
    return {s["id"]: s for s in json.loads(capsys.readouterr().out)}


def _published(capsys, inputs: Path, config: Path, out: Path, *extra: str) -> dict:
    capsys.readouterr()
    assert main(["build", str(inputs), "-o", str(out), "--config", str(config), "-q",
                 *extra]) in (0, 1)
    capsys.readouterr()
    return {item["id"]: _instant(item["date_published"])
            for feed in sorted(out.glob("*/feed.json"))
            for item in json.loads(feed.read_text(encoding="utf-8"))["items"]}


def _agree(explained: dict, published: dict) -> None:
    assert explained.keys() == published.keys()
    got = {sid: _instant(s["date"]["value"]) for sid, s in explained.items()}
    assert got == published


@pytest.mark.parametrize("almanac", [False, True], ids=["plain", "almanac"])
@pytest.mark.parametrize("name", sorted(INPUTS))
def test_explain_gives_the_dates_the_feeds_publish(tmp_path, capsys, name, almanac):
    inputs = tmp_path / name
    shutil.copytree(INPUTS[name], inputs)  # copied: first-seen dates come from mtimes
    config, out = _config(tmp_path, almanac), tmp_path / "out"
    before = _explained(capsys, inputs, config, out)  # no output folder yet
    published = _published(capsys, inputs, config, out)
    _agree(before, published)
    _agree(_explained(capsys, inputs, config, out), published)  # with the build's record


def test_an_almanac_in_feeds_toml_dates_explain_as_it_dates_the_build(tmp_path, capsys):
    config, out = _config(tmp_path, almanac=True), tmp_path / "out"
    explained = _explained(capsys, SEEDS, config, out)
    kinds = {ev["kind"] for s in explained.values() for ev in s["date"]["evidence"]}
    assert "almanac" in kinds
    _agree(explained, _published(capsys, SEEDS, config, out))


def test_captured_at_reaches_explain_as_it_reaches_the_build(tmp_path, capsys):
    inputs = tmp_path / "captures"
    inputs.mkdir()
    (inputs / "harbour.txt").write_text(BANNER_AND_UPDATED, encoding="utf-8")
    config, out = _config(tmp_path, almanac=False), tmp_path / "out"
    flag = ("--captured-at", "2026-06-01")
    explained = _explained(capsys, inputs, config, out, *flag)
    (story,) = explained.values()
    # The capture carries the bound, as the build's captures do: one road, not two.
    assert story["captures"][0]["captured_at"] == "2026-06-01T00:00:00+00:00"
    bounds = [ev for ev in story["date"]["evidence"] if ev["kind"] == "capture"]
    assert [ev["source"] for ev in bounds] == [str(inputs / "harbour.txt")]
    _agree(explained, _published(capsys, inputs, config, out, *flag))


def test_an_undated_story_is_explained_with_the_build_s_first_seen_date(tmp_path, capsys):
    inputs = tmp_path / "captures"
    inputs.mkdir()
    capture = inputs / "undated.txt"
    capture.write_text("Quiet Times\n\nNothing dated here\n\nA story with no date at all "
                       "in it, told at length so it reads as an article.\n\nAnother "
                       "paragraph that names no day, month or year anywhere.\n",
                       encoding="utf-8")
    seen = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC).timestamp()
    os.utime(capture, (seen, seen))
    config, out = _config(tmp_path, almanac=False), tmp_path / "out"
    (story,) = _explained(capsys, inputs, config, out).values()
    assert story["date"]["value"].startswith("2024-05-06")  # not the 2000-01-01 fallback
    published = _published(capsys, inputs, config, out)
    _agree({story["id"]: story}, published)
    capture.touch()  # a later mtime: the build's record keeps the first-seen date
    (again,) = _explained(capsys, inputs, config, out).values()
    assert again["date"]["value"] == story["date"]["value"]


def test_a_published_date_that_new_evidence_does_not_narrow_is_explained(tmp_path, capsys):
    inputs = tmp_path / "captures"
    inputs.mkdir()
    capture = inputs / "ledger.txt"
    dated = (FIXTURES / "captures" / "byline_published_updated.txt").read_text(encoding="utf-8")
    capture.write_text(dated, encoding="utf-8")
    config, out = _config(tmp_path, almanac=False), tmp_path / "out"
    first = _published(capsys, inputs, config, out)
    # The dates are edited out of the capture: the feed keeps the date it published.
    capture.write_text("\n".join(line for line in dated.splitlines()
                                 if not line.startswith(("Published", "Updated"))),
                       encoding="utf-8")
    explained = _explained(capsys, inputs, config, out)
    assert [_instant(s["date"]["value"]) for s in explained.values()] == list(first.values())
    assert all(s["date"]["reason"].startswith("published earlier") for s in explained.values())
    _agree(explained, _published(capsys, inputs, config, out))
