"""``feeds validate``: a corpus of broken feeds, each naming the rule it must trip.

Every file (or folder) under fixtures/invalid/ states its expected rule ids in a first-line
comment ``<!-- expect: rule-id ... -->`` or, where nothing may precede the XML declaration,
in a sidecar ``STEM.expect``. fixtures/valid/ is feedgen output and must pass untouched.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.cli.validate import main, register, run
from feeds.validate import RULES, validate_paths
from feeds.validate.dates import parse_rfc822, parse_rfc3339
from feeds.validate.discover import sniff
from tests.test_validate_suite import SUITE_RULES

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"
WARNINGS = FIXTURES / "warnings"
VALID = FIXTURES / "valid"
BASE_URL = "https://feeds.example.org/"
_EXPECT = re.compile(rb"<!--\s*expect:\s*([\w\s-]+?)\s*-->")


def expected_rules(case: Path) -> list[str]:
    sidecar = case.with_suffix(".expect")  # rss.xml -> rss.expect; a folder -> folder.expect
    if sidecar.exists():
        return sidecar.read_text().split()
    first_line = case.read_bytes().split(b"\n", 1)[0]
    m = _EXPECT.match(first_line)
    assert m, f"{case.name}: no expect comment on line 1 and no {sidecar.name}"
    return m[1].decode().split()


def cases(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix != ".expect")


def reported(out: str, level: str) -> set[str]:
    return set(re.findall(rf"^\S+?:\d+(?::\d+)?: {level} ([a-z0-9-]+) ", out, re.MULTILINE))


@pytest.mark.parametrize("case", cases(INVALID), ids=lambda p: p.name)
def test_invalid_fixture_reports_its_rule(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Under --strict every expected rule is an error; by default each is reported at the
    level the rule table gives it, and the run fails only if one of them is an error."""
    status = main(["--strict", str(case)])
    out = capsys.readouterr().out
    missing = set(expected_rules(case)) - reported(out, "error")
    assert not missing, f"expected {sorted(missing)} as errors in:\n{out}"
    assert status == 1
    status = main([str(case)])
    out = capsys.readouterr().out
    for rule in expected_rules(case):
        assert rule in reported(out, RULES[rule].level), f"{rule} at its level in:\n{out}"
    assert status == (1 if reported(out, "error") else 0)


@pytest.mark.parametrize("case", cases(WARNINGS), ids=lambda p: p.name)
def test_warning_fixture_warns_and_passes(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main([str(case)])
    out = capsys.readouterr().out
    assert set(expected_rules(case)) <= reported(out, "warning"), out
    assert not reported(out, "error"), out
    assert status == 0


def test_every_rule_has_a_fixture() -> None:
    every = [c for folder in (INVALID, WARNINGS) for c in cases(folder)]
    covered = {rule for case in every for rule in expected_rules(case)}
    # file-unreadable has no committed fixture (root reads anything); see its own test.
    # The rules listed in test_validate_suite are exercised by the conformance cases.
    # internal-error cannot have a fixture either (a file that crashes the validator is a
    # bug to fix); test_a_checker_bug_is_reported_not_raised makes one.
    assert set(RULES) - covered - SUITE_RULES == {"file-unreadable", "internal-error"}
    assert covered <= set(RULES)


def test_valid_output_folder_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--strict", str(VALID)]) == 0  # the house rules hold for our own output
    capsys.readouterr()
    assert main([str(VALID)]) == 0
    lines = capsys.readouterr().out.splitlines()
    feeds = sorted(p for p in VALID.rglob("*") if p.suffix in (".xml", ".opml"))
    assert sorted(lines) == sorted(f"{p}: OK" for p in feeds)
    assert len(lines) == 5  # the article pages (.html) are sniffed out, not reported


@pytest.mark.parametrize(
    "feed", sorted(p for p in VALID.rglob("*") if p.suffix in (".xml", ".opml")),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_each_valid_file_passes_alone(feed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(feed)]) == 0
    assert capsys.readouterr().out.strip() == f"{feed}: OK"


def test_base_url_maps_xmlurls_onto_the_output(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    shutil.copytree(VALID / "out", out)
    assert main(["--base-url", BASE_URL, str(out)]) == 0
    (out / "harbour-gazette" / "rss.xml").unlink()
    assert main([str(out / "index.opml")]) == 0  # without --base-url the URLs are external
    capsys.readouterr()
    assert main(["--base-url", BASE_URL.rstrip("/"), str(out / "index.opml")]) == 1
    assert "error opml-broken-xmlurl" in capsys.readouterr().out


def test_opml_named_alone_validates_the_feeds_it_lists(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(VALID / "out", out)
    rss = out / "london-daily" / "rss.xml"
    rss.write_text(rss.read_text().replace("<title>London Daily</title>", "", 1))
    report = validate_paths([out / "index.opml"], base_url=BASE_URL)
    by_path = {Path(f.path).name if f.kind == "opml" else f.path: f for f in report.files}
    assert [f.rule for f in by_path["index.opml"].findings] == ["opml-xmlurl-invalid"]
    assert any(f.rule == "rss-missing-title" for f in by_path[str(rss)].findings)


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    case = INVALID / "rss-bad-date.xml"
    assert main(["--format", "json", "--strict", str(case), str(VALID)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert (doc["ok"], doc["errors"], doc["warnings"]) == (False, 1, 0)
    first = doc["files"][0]
    assert (first["path"], first["kind"], first["ok"]) == (str(case), "rss", False)
    assert first["problems"] == [{
        "line": 14, "level": "error", "rule": "rss-date-form",
        "message": first["problems"][0]["message"],
    }]
    assert all(f["ok"] and f["problems"] == [] for f in doc["files"][1:])
    assert len(doc["files"]) == 6


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-such-option", str(VALID)]) == 2
    capsys.readouterr()


def test_folder_without_feeds_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "page.html").write_text("<!DOCTYPE html><html><body>hi</body></html>")
    assert main([str(tmp_path)]) == 1
    assert "no RSS, Atom, OPML or JSON Feed files found" in capsys.readouterr().err


def test_folders_are_sniffed_by_root_element_not_name(tmp_path: Path) -> None:
    shutil.copy(INVALID / "rss-missing-title.xml", tmp_path / "feed.txt")
    (tmp_path / "page.xml").write_text("<!DOCTYPE html>\n<html><body/></html>")
    (tmp_path / "data.xml").write_text('{"rss": "json, not xml"}')
    report = validate_paths([tmp_path])
    assert [(Path(f.path).name, f.kind) for f in report.files] == [("feed.txt", "rss")]
    assert sniff(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<a:feed xmlns:a="x"/>') == "atom"
    assert sniff("<!DOCTYPE opml [<!ENTITY a 'b'>]><opml/>".encode("utf-16")) == "opml"


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "rss.xml"
    shutil.copy(VALID / "out" / "london-daily" / "rss.xml", feed)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert main([str(feed)]) == 1
    assert f"{feed}:1: error file-unreadable Permission denied" in capsys.readouterr().out


def test_rules_are_listed_and_documented(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-rules"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == list(RULES)
    docs = (Path(__file__).parent.parent / "docs" / "validate.md").read_text()
    assert [rule for rule in RULES if f"| `{rule}` |" not in docs] == []
    for rule in RULES.values():  # each row states the level and what --strict makes of it
        assert f"| `{rule.id}` | {rule.level} | {rule.strict or 'same'} |" in docs, rule.id


def test_register_adds_the_subcommand() -> None:
    parser = argparse.ArgumentParser(prog="feeds")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["validate"])
    assert (args.paths, args.format, args.base_url, args.func) == (["out"], "text", None, run)


@pytest.mark.parametrize("text", ["Tue, 03 Feb 2026 09:30:00 +0000", "3 Feb 2026 09:30 GMT",
                                  "Tue, 03 Feb 2026 04:30:00 EST"])
def test_rfc822_accepts(text: str) -> None:
    assert parse_rfc822(text) is not None


@pytest.mark.parametrize("text", ["Tue, 03 Feb 26 09:30:00 +0000", "Wed, 03 Feb 2026 09:30:00 GMT",
                                  "Tue, 03 Feb 2026 09:30:00", "2026-02-03T09:30:00Z",
                                  "Tue, 31 Feb 2026 09:30:00 +0000"])
def test_rfc822_rejects(text: str) -> None:
    assert parse_rfc822(text) is None


def test_rfc3339_needs_a_zone() -> None:
    assert parse_rfc3339("2026-02-03T09:30:00.25Z") is not None
    assert parse_rfc3339("2026-02-03T09:30:00+01:00") is not None
    assert parse_rfc3339("2026-02-03T09:30:00") is None
    assert parse_rfc3339("2026-02-30T09:30:00Z") is None
    assert parse_rfc3339("2016-12-31T23:59:60Z") is not None  # a leap second (RFC 3339 §5.7)
    assert parse_rfc3339("2016-12-31T23:59:61Z") is None


def test_parser_expands_no_entities(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    feed = tmp_path / "rss.xml"
    feed.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE rss [\n'
                    f'  <!ENTITY x SYSTEM "{secret.as_uri()}">\n]>\n'
                    '<rss version="2.0"><channel><title>&x;</title></channel></rss>\n')
    assert main(["--strict", str(feed)]) == 1
    out = capsys.readouterr().out
    assert "TOP-SECRET" not in out
    assert "warning xml-doctype" in out and "error rss-blank-element <channel><title>" in out


def test_house_rules_are_errors_only_under_strict(capsys: pytest.CaptureFixture[str]) -> None:
    """A feed without a self link is legal RSS 2.0 (a warning); --strict makes it fail."""
    case = INVALID / "rss-missing-self-link.xml"
    assert main([str(case)]) == 0
    assert "warning rss-missing-self-link" in capsys.readouterr().out
    assert main(["--strict", str(case)]) == 1
    assert "error rss-missing-self-link" in capsys.readouterr().out
    assert main(["--warnings-as-errors", str(case)]) == 1
    assert "warning rss-missing-self-link" in capsys.readouterr().out


def test_folder_check_counts_each_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(VALID)]) == 0
    err = capsys.readouterr().err
    assert "checked 2 RSS, 2 Atom, 1 OPML file(s): 0 error(s), 0 warning(s)" in err


def test_large_json_feed_in_a_folder_is_found(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Keys sorted put "version" last: a JSON Feed over 64 KB is still recognised."""
    items = [{"id": f"i{n}", "content_text": "x" * 200} for n in range(400)]
    broken = {"items": items + [{"id": "i1"}], "title": "T",
              "version": "https://jsonfeed.org/version/1.1"}
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "data.json").write_text(json.dumps(broken, sort_keys=True))
    assert (tmp_path / "site" / "data.json").stat().st_size > 64 * 1024
    (tmp_path / "feed.json").write_text("{not json")  # found by name, reported broken
    (tmp_path / "other.json").write_text('{"a": 1}')  # plain JSON: not a feed
    assert main([str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "error jsonfeed-id-duplicate" in captured.out
    assert "error jsonfeed-not-json" in captured.out
    assert "other.json" not in captured.out
    assert "checked 2 JSON Feed file(s)" in captured.err


@pytest.mark.parametrize("link,rule", [
    ("https://example.org/\u0645\u0642\u0627\u0644", "rss-bad-uri"),
    ("https://example.org/a b", "rss-bad-uri"),
    ("/relative/path", "rss-relative-link"),
])
def test_rss_links_must_be_uris(tmp_path: Path, link: str, rule: str,
                                capsys: pytest.CaptureFixture[str]) -> None:
    """RFC 3987 §3.1: a raw non-ASCII character (or a space) is not allowed in a URI."""
    feed = tmp_path / "rss.xml"
    feed.write_text('<rss version="2.0"><channel><title>t</title>'
                    "<link>https://example.org/</link><description>d</description>\n"
                    f"<item><title>a</title><link>{link}</link></item></channel></rss>",
                    encoding="utf-8")
    assert main([str(feed)]) == 1
    assert re.search(rf":2:\d+: error {rule} <item><link>", capsys.readouterr().out)


def test_atom_iri_with_raw_non_ascii_is_a_warning_and_strict_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "atom.xml"
    shutil.copy(VALID / "out" / "london-daily" / "atom.xml", feed)
    text = feed.read_text()
    feed.write_text(text.replace('rel="alternate"', 'rel="alternate" hreflang="ar"', 1)
                    .replace("/london-daily/", "/london-daily/\u0645\u0642\u0627\u0644/", 1))
    assert main([str(feed)]) == 0
    assert "warning atom-iri-not-uri" in capsys.readouterr().out
    assert main(["--strict", str(feed)]) == 1
    assert "error atom-iri-not-uri" in capsys.readouterr().out


def test_a_thousand_feeds_take_under_ten_seconds_of_cpu(tmp_path: Path) -> None:
    """One core's worth of time: CPU seconds of this process, not wall time on a busy box."""
    import time

    site = VALID / "out" / "london-daily"
    for n in range(500):
        folder = tmp_path / f"site-{n:03d}"
        folder.mkdir()
        shutil.copy(site / "rss.xml", folder / "rss.xml")
        shutil.copy(site / "atom.xml", folder / "atom.xml")
    start = time.process_time()
    report = validate_paths([tmp_path], strict=True)
    spent = time.process_time() - start
    assert report.counts() == {"rss": 500, "atom": 500} and report.ok
    assert spent < 10, f"{spent:.1f} s"


def test_json_feed_findings_are_at_the_member_they_name(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads((INVALID / "jsonfeed-id-duplicate.json").read_text())
    feed = tmp_path / "feed.json"
    text = json.dumps(doc, indent=2)
    feed.write_text(text)
    second_id = [n for n, line in enumerate(text.splitlines(), 1) if '"id"' in line][1]
    assert main([str(feed)]) == 1
    assert f"{feed}:{second_id}: error jsonfeed-id-duplicate" in capsys.readouterr().out


def test_a_checker_bug_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import feeds.validate as validate

    def broken(*args: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(validate, "check_rss", broken)
    case = INVALID / "rss-bad-date.xml"
    assert main([str(case)]) == 1
    assert f"{case}:1: error internal-error could not be checked: RuntimeError: boom" in (
        capsys.readouterr().out)


@pytest.mark.parametrize("text", ["Tue, 03 Feb 26 09:30:00 +0000", "tue,03 feb 2026 09:30 gmt",
                                  "Tue, 03 Feb 2026 09:30:00 A", "03 Feb 2026 09:30 (c) +0000",
                                  "Tue(sday), 03 Feb 2026 09:30:00 EST"])
def test_rfc822_any_accepts_every_legal_form(text: str) -> None:
    from feeds.validate.dates import parse_rfc822_any

    assert parse_rfc822_any(text) is not None
    assert parse_rfc822(text) is None  # ... which the house form does not


@pytest.mark.parametrize("text", ["Wed, 03 Feb 2026 09:30:00 GMT", "2026-02-03T09:30:00Z",
                                  "Tue, 03 Feb 2026 09:30:00", "Tue, 31 Feb 2026 09:30 +0000",
                                  "Tue, 03 Feb 2026 09:30:00 J"])
def test_rfc822_any_rejects(text: str) -> None:
    from feeds.validate.dates import parse_rfc822_any

    assert parse_rfc822_any(text) is None


@pytest.mark.parametrize("value,ok", [
    ("editor@example.org", True), ("editor@example.org (Ed Itor)", True),
    ("Ed Itor <editor@example.org>", True), ("mailto:editor%40example.org", True),
    ("editor@localhost", True), ("Ed Itor", False), ("editor@", False), ("@example.org", False),
])
def test_email_addresses(value: str, ok: bool) -> None:
    from feeds.validate.values import email_problem

    assert (email_problem(value) is None) is ok
    assert email_problem("Ed <editor@example.org>", bare=True) is not None  # atom:email


@pytest.mark.parametrize("value,ok", [("en", True), ("en-US", True), ("zh-Hant-TW", True),
                                      ("epo", True), ("x-klingon", True), ("en_US", False),
                                      ("english", False), ("qq", False), ("", False)])
def test_language_codes(value: str, ok: bool) -> None:
    from feeds.validate.values import language_problem

    assert (language_problem(value) is None) is ok


@pytest.mark.parametrize("value,iri,problem", [
    ("https://example.org/a?b=c&d=%20#f", False, None),
    ("https://example.org/\u0645", False, "raw character"),
    ("https://example.org/\u0645", True, None),
    ("https://example.org/a b", True, "white space"),
    ("https://example.org/a%2", False, "% not followed"),
    ("https://example.org/<a>", True, "cannot hold"),
    ("http:///path", False, "without a host"),
])
def test_uri_characters(value: str, iri: bool, problem: str | None) -> None:
    from feeds.validate.values import uri_problem

    found = uri_problem(value, iri=iri)
    assert (found is None) if problem is None else (found is not None and problem in found)


_FEEDS = sorted(p for p in VALID.rglob("*") if p.suffix in (".xml", ".opml", ".json"))
_SPLICES = [b"<", b"&", b"\x00", b"\xff", "\u0645".encode(), b"]]>", b"<!--", b"</item>",
            b"<entry>", b'"', b'<?xml version="1.0" encoding="\x00"?>']


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.data())
def test_damaged_feeds_never_crash_the_validator(tmp_path_factory: pytest.TempPathFactory,
                                                 data: st.DataObject) -> None:
    """Flipped, cut and spliced bytes: findings, never an internal error or a traceback."""
    source = data.draw(st.sampled_from(_FEEDS))
    raw = bytearray(source.read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw) - 1))
        kind = data.draw(st.sampled_from(["flip", "cut", "splice"]))
        if kind == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif kind == "cut":
            del raw[at:at + data.draw(st.integers(1, 60))]
        else:
            raw[at:at] = data.draw(st.sampled_from(_SPLICES))
        if not raw:
            raw = bytearray(b"<")
    feed = tmp_path_factory.mktemp("damaged") / source.name
    feed.write_bytes(bytes(raw))
    report = validate_paths([feed])
    assert [f.message for f in report.files[0].findings if f.rule == "internal-error"] == []


def test_atom_elements_in_rss_follow_rfc_4287(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "rss.xml"
    feed.write_text('<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
                    "<title>t</title><link>https://example.org/</link><description>d"
                    "</description>\n<item><title>a</title>"
                    "<atom:updated>2026-02-03</atom:updated>\n<atom:id>not an iri</atom:id>"
                    "</item></channel></rss>")
    assert main([str(feed)]) == 1
    out = capsys.readouterr().out
    assert re.search(r":2:\d+: error ext-bad-value <atom:updated>", out)
    assert re.search(r":3:\d+: error ext-bad-value <atom:id>", out)


def test_atom_content_must_not_be_a_composite_type(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "atom.xml"
    text = (VALID / "out" / "london-daily" / "atom.xml").read_text()
    feed.write_text(text.replace('<content type="html">', '<content type="multipart/mixed">', 1))
    assert main([str(feed)]) == 1
    assert "error atom-bad-mime-type atom:content type 'multipart/mixed' is a composite" in (
        capsys.readouterr().out)
