"""Failures never cost output: a failed write leaves the previous build in place, and a
bug met on one capture is reported on one line while the others are built."""

import errno
import os
import shutil

import pytest

from feeds import atomic, publish
from feeds.build import scan
from feeds.cli import main

from .conftest import FIXTURES, SEEDS

BASE = "https://news.example.org/feeds/"
EXTRA = FIXTURES / "captures" / "byline_dateline.txt"


def snapshot(root):
    """Every output file; not the incremental-build state (.feeds-state.json, .feeds-store/),
    which is a cache that ``feeds serve`` never serves."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).parts[0].startswith(".feeds-")
    }


def run(out, *inputs, debug=False):
    return main([*(["--debug"] if debug else []), "build", *inputs, "-o", str(out),
                 "--base-url", BASE])


def fail_on_write(monkeypatch, nth):
    """Make the nth file write fail the way a full disk does. Article pages are written
    in batches with one flush (``atomic.write_many``): a batch counts as one write."""
    calls = {"n": 0}
    real, real_flush = atomic.os.fsync, atomic.flush_batch

    def fail() -> bool:
        calls["n"] += 1
        return calls["n"] == nth

    def fsync(fd):
        if fail():
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    def flush(fds):
        if fail():
            raise OSError(errno.ENOSPC, "No space left on device")
        real_flush(fds)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic, "flush_batch", flush)


def test_failed_first_write_leaves_previous_output_untouched(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert run(out, str(SEEDS)) == 0
    before = snapshot(out)
    fail_on_write(monkeypatch, 1)
    assert run(out, str(SEEDS), str(EXTRA)) == 3
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    assert snapshot(out) == before  # no half file, no temp file, nothing removed


@pytest.mark.parametrize("nth", [2, 3, 4])
def test_failed_later_write_leaves_only_whole_files(tmp_path, monkeypatch, nth):
    """Every file is the old version or the complete new one; feeds are written last, so
    the previous feeds still stand."""
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert run(out, str(SEEDS)) == 0
    assert run(fresh, str(SEEDS), str(EXTRA)) == 0
    old, new = snapshot(out), snapshot(fresh)
    fail_on_write(monkeypatch, nth)
    assert run(out, str(SEEDS), str(EXTRA)) == 3
    now = snapshot(out)
    assert set(old) <= set(now)
    for name, data in now.items():
        assert data in (old.get(name), new.get(name)), name
    assert now["index.opml"] == old["index.opml"]


def test_a_bug_on_one_capture_is_one_line_and_the_rest_is_built(tmp_path, monkeypatch, capsys):
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    shutil.copy(EXTRA, inputs / "trigger.txt")
    real = scan.parse_capture

    def parse(capture):
        if capture.path.endswith("trigger.txt"):
            raise RuntimeError("boom\nsecond line")
        return real(capture)

    monkeypatch.setattr(scan, "parse_capture", parse)
    assert run(tmp_path / "out", str(inputs)) == 1
    err = capsys.readouterr().err
    assert f"{inputs / 'trigger.txt'}: error: internal error: RuntimeError: boom second line" in err
    assert "Traceback" not in err
    assert (tmp_path / "out" / "london-daily" / "rss.xml").is_file()
    with pytest.raises(RuntimeError, match="boom"):
        run(tmp_path / "out2", str(inputs), debug=True)


def test_a_bug_outside_any_capture_is_one_line_without_debug(tmp_path, monkeypatch, capsys):
    def explode(*args):
        raise ValueError("feedgen said no")

    monkeypatch.setattr(publish, "rss_bytes", explode)
    assert run(tmp_path / "out", str(SEEDS)) == 3
    err = capsys.readouterr().err
    assert err.startswith("feeds: internal error: ValueError: feedgen said no")
    assert len(err.splitlines()) == 1
    with pytest.raises(ValueError):
        run(tmp_path / "out", str(SEEDS), debug=True)


def test_hostile_file_names_are_printed_escaped(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "evil\x1b[2J\nname.txt").write_bytes(b"")
    assert run(tmp_path / "out", str(inputs), str(SEEDS)) == 1
    err = capsys.readouterr().err
    assert "evil\\x1b[2J\\nname.txt: error: empty" in err
    assert "\x1b" not in err


def test_folder_names_that_are_not_text_still_name_a_feed(tmp_path, capsys):
    """A capture without a site line is filed under its folder's name, which may hold
    undecodable bytes or control characters."""
    for raw in (b"caf\xe9", b"ev\x1bil\nname"):
        # Two different articles: captures with the same opening paragraph are one story.
        body = (f"\n\nThe first paragraph of story {len(raw)} is long enough prose."
                "\n\nSecond paragraph is here too.\n")
        folder = os.path.join(os.fsencode(tmp_path / "in"), raw)
        os.makedirs(folder)
        with open(os.path.join(folder, b"x.txt"), "w") as handle:
            handle.write(f"Headline filed under {len(raw)}" + body)
    assert run(tmp_path / "out", str(tmp_path / "in")) == 0
    opml = (tmp_path / "out" / "index.opml").read_text(encoding="utf-8")
    assert 'title="caf\ufffd"' in opml and 'title="evil name"' in opml
