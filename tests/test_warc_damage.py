"""Damaged web archives: every loss is reported with the archive's name, where the
damage starts and how many records were kept; nothing damaged is passed on as a page.

Property tests cut archives at random points and flip random bytes, in plain ``.warc``
and in ``.warc.gz`` files (deterministic examples; FEEDS_HYPOTHESIS_EXAMPLES for more).
"""

import hashlib
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator

from feeds.cli import main
from feeds.model import Capture, Problem
from feeds.sources.warc import iter_captures

from .test_html_input import SITE, page, write_warc

EXAMPLES = int(os.environ.get("FEEDS_HYPOTHESIS_EXAMPLES", "0") or 0)
DAMAGED = re.compile(r"damaged at byte (\d+) after record (\d+) \((.+)\); (\d+) records? kept$")
RECORDS = 10  # response records, each after its request record


def _archive(folder: Path, name: str) -> Path:
    return write_warc(folder / name, [
        (f"{SITE}/news/{i}", f"2024-05-{1 + i:02d}T10:00:00Z",
         page(f"Story number {i} about the harbour", "harbour"), "text/html; charset=utf-8")
        for i in range(RECORDS)
    ])


def _layout(path: Path) -> list[tuple[int, int, str]]:
    """(offset, end, type) of every record as the intact file holds it."""
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        found = []
        for record in records:
            kind = record.rec_type
            records.read_to_end()
            offset, length = records.get_record_offset(), records.get_record_length()
            found.append((offset, offset + length, kind))
    return found


@pytest.fixture(scope="module", params=["crawl.warc", "crawl.warc.gz"])
def intact(request, tmp_path_factory):
    path = _archive(tmp_path_factory.mktemp("warc"), request.param)
    data = path.read_bytes()
    shas = {c.sha256 for c in iter_captures(path, max_bytes=10**6)}
    assert len(shas) == RECORDS
    return path.name, data, _layout(path), shas


def _read(name: str, data: bytes) -> list[Capture | Problem]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, name)
        path.write_bytes(data)
        found = list(iter_captures(path, max_bytes=10**6))
    for f in found:  # every problem names the archive or one of its records
        assert f.path.startswith(str(path))
    return found


def _damage(found: list[Capture | Problem]) -> list[re.Match]:
    return [m for f in found if isinstance(f, Problem) and (m := DAMAGED.search(f.reason))]


@settings(max_examples=EXAMPLES or 150, derandomize=not EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0.0, 1.0, exclude_max=True))
def test_a_cut_archive_keeps_every_whole_record_and_says_where_it_ends(intact, cut):
    name, data, layout, shas = intact
    at = int(cut * len(data))
    found = _read(name, data[:at])
    captures = [f for f in found if isinstance(f, Capture)]
    assert {c.sha256 for c in captures} <= shas  # nothing cut short passes as a page
    whole = [r for r in layout if r[1] <= at]
    assert len(captures) == sum(kind == "response" for *_, kind in whole)
    broken = [r for r in layout if r[0] < at < r[1]]
    damage = _damage(found)
    if broken:  # a record was lost: said once, with where it starts and what was kept
        assert len(damage) == 1 and found[-1].reason == damage[0].group(0)
        offset, after, _, kept = damage[0].groups()
        assert int(offset) == broken[0][0]
        assert int(after) == int(kept) == len(whole)
    else:  # cut between records: nothing lost, nothing to say
        assert damage == []


@settings(max_examples=EXAMPLES or 150, derandomize=not EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.floats(0.0, 1.0, exclude_max=True), st.integers(1, 255)),
                      min_size=1, max_size=3))
def test_flipped_bytes_never_pass_unnoticed(intact, flips):
    name, data, layout, shas = intact
    damaged = bytearray(data)
    for where, mask in flips:
        damaged[int(where * len(data))] ^= mask
    found = _read(name, bytes(damaged))
    captures = [f for f in found if isinstance(f, Capture)]
    problems = [f for f in found if isinstance(f, Problem)]
    if name.endswith(".gz") or len(flips) == 1:
        # gzip CRCs, or one flip against the WARC block digests: no altered page passes
        assert {c.sha256 for c in captures} <= shas
    if {c.sha256 for c in captures} != shas:  # a page went missing: it was reported
        assert problems
    for match in _damage(found):
        assert int(match.group(2)) == int(match.group(4)) <= len(layout)


def test_cut_in_half_reports_the_loss_and_the_build_fails(tmp_path, capsys):
    path = _archive(tmp_path, "archive.warc.gz")
    data = path.read_bytes()
    middle = _layout(path)[len(_layout(path)) // 2]  # (half the file would end between
    path.write_bytes(data[: (middle[0] + middle[1]) // 2])  # members now and then)
    out = tmp_path / "out"
    assert main(["build", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr()
    line = next(x for x in err.err.splitlines() if "damaged" in x)
    assert line.startswith(f"{path}: error: damaged at byte ")
    assert "(cut short)" in line and line.endswith("records kept")
    assert "1 capture skipped" in err.out or "1 captures skipped" in err.out


def test_corrupted_bytes_in_the_middle_are_named_not_printed_bare(tmp_path, capsys):
    path = _archive(tmp_path, "archive.warc.gz")
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 2048] = bytes((b * 7 + 3) % 256 for b in range(2048))
    path.write_bytes(bytes(data))
    assert main(["build", str(path), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert all(line.startswith(f"{path}") for line in err.splitlines())  # no bare zlib lines
    assert re.search(r": error: damaged at byte \d+ after record \d+ \((corrupted: .*|not "
                     r"gzip data)\); \d+ records kept", err)


def test_an_uncompressed_archive_with_a_broken_length_is_damaged(tmp_path):
    path = _archive(tmp_path, "archive.warc")
    data = path.read_bytes()
    layout = _layout(path)
    third = layout[5]  # a response record: its Content-Length line garbled
    head = data[third[0] : third[1]]
    index = third[0] + head.index(b"Content-Length: ") + len(b"Content-Length: ")
    path.write_bytes(data[:index] + b"x" + data[index + 1 :])
    found = list(iter_captures(path, max_bytes=10**6))
    match = _damage(found)[0]
    assert int(match.group(1)) == third[0] and int(match.group(2)) == 5


def test_a_target_uri_that_is_not_http_is_reported(tmp_path):
    path = write_warc(tmp_path / "odd.warc.gz", [
        (f"{SITE}/news/a", "2024-05-01T10:00:00Z", page("First story of the day here", "a"),
         "text/html"),
        ("xhttps://harbourtimes.example/news/b", "2024-05-01T10:00:00Z",
         page("Second story of the day here", "b"), "text/html"),
    ])
    found = list(iter_captures(path, max_bytes=10**6))
    assert [type(f) for f in found] == [Capture, Problem]
    assert found[1].path == f"{path}#4"
    assert found[1].reason == ("target URI is not an http(s) URL "
                               "(xhttps://harbourtimes.example/news/b)")


def test_content_that_does_not_match_its_digest_is_reported(tmp_path):
    path = _archive(tmp_path, "archive.warc")
    data = path.read_bytes()
    index = data.index(b"Story number 3")
    path.write_bytes(data[:index] + b"Glory" + data[index + 5 :])
    found = list(iter_captures(path, max_bytes=10**6))
    assert sum(isinstance(f, Capture) for f in found) == RECORDS - 1
    bad = [f for f in found if isinstance(f, Problem)]
    assert len(bad) == 1 and "does not match its WARC digest" in bad[0].reason
    assert hashlib.sha256(b"").hexdigest() not in {getattr(f, "sha256", "") for f in found}


def test_an_empty_archive_is_reported(tmp_path):
    for name, data in (("empty.warc", b""), ("empty.warc.gz", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        assert [(f.path, f.reason) for f in iter_captures(path, max_bytes=10**6)] == [
            (str(path), "empty")]


def test_a_large_member_is_read_in_linear_time(tmp_path):
    """A 40 MB record (a video, say) in a .warc.gz: passed over, not quadratic."""
    import time

    big = b"<html>" + b"x" * (40 << 20) + b"</html>"
    path = write_warc(tmp_path / "big.warc.gz", [
        (f"{SITE}/video", "2024-05-01T10:00:00Z", big, "video/mp4"),
        (f"{SITE}/news/a", "2024-05-01T10:00:00Z", page("A story after the video here", "a"),
         "text/html"),
    ])
    started = time.monotonic()
    found = list(iter_captures(path, max_bytes=10**6))
    assert [type(f) for f in found] == [Capture]
    assert time.monotonic() - started < 20


def test_control_characters_in_a_page_never_reach_the_reader(tmp_path):
    def damaged(headline: str, topic: str) -> bytes:  # (a NUL makes HTML "binary")
        return page(headline, topic).replace(b"<p>", b"<p>\x01\x08<br>\x1b[31m\x0c", 2)

    html = damaged("Harbour channel to be dredged", "harbour")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_bytes(html)
    warc = write_warc(tmp_path / "in" / "crawl.warc.gz", [
        (f"{SITE}/news/other", "2024-05-01T10:00:00Z",
         damaged("Ferry timetable cut for winter", "ferry"), "text/html")])
    found = [next(iter_captures(warc, max_bytes=10**6))]
    assert found[0].warnings == ("6 control or non-XML characters removed",)
    assert not re.search("[\x01\x08\x0c\x1b]", found[0].text)
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "in"), "-o", str(out)]) == 0
    assert len(list(out.glob("harbour-times/*.html"))) == 3  # two articles and the list
