"""``feeds build`` as a user and a cron job meet it: arguments, exit status, output."""

import io
import os
import shutil
from pathlib import Path

import pytest

from feeds import progress
from feeds.cli import main, parser

from .conftest import SEEDS

BASE = "https://feeds.example/"


def _inputs(tmp_path: Path, broken: bool = True) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    if broken:
        (folder / "empty.txt").write_bytes(b"")  # unusable: reported as an error
        (folder / "latin.txt").write_bytes(
            (SEEDS / "000_a6ec30e27da27f0e.txt").read_text().replace("’", "'")
            .replace("Kyiv", "Kyïv").encode("cp1252", errors="replace"))  # a warning
    return folder


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file, dot files included, with its size and mtime."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_cron_errors_are_reported_once_then_an_unchanged_build_is_silent(tmp_path, capsys):
    inputs, out = _inputs(tmp_path), tmp_path / "out"
    cron = ["build", str(inputs), "-o", str(out), "--base-url", BASE, "--quiet"]
    assert main(cron) == 1  # a capture was lost in this run: said once, with exit 1
    first = capsys.readouterr()
    assert first.out == ""
    assert first.err == f"{inputs / 'empty.txt'}: error: empty\n"  # no warnings with --quiet
    before = _tree(out)
    assert main(cron) == 0
    assert capsys.readouterr() == ("", "")
    assert _tree(out) == before  # touches no file, not even its state or lock
    assert main(cron + ["--strict"]) == 1  # --strict: any unusable capture fails
    assert capsys.readouterr().err == f"{inputs / 'empty.txt'}: error: empty\n"
    assert _tree(out) == before


def test_a_new_error_is_reported_in_the_build_that_meets_it(tmp_path, capsys):
    inputs, out = _inputs(tmp_path), tmp_path / "out"
    args = ["build", str(inputs), "-o", str(out), "--base-url", BASE]
    assert main(args) == 1
    capsys.readouterr()
    (inputs / "binary.txt").write_bytes(b"%PDF-1.4 \x00\x01\x02")
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.err == f"{inputs / 'binary.txt'}: error: binary\n"
    assert "2 captures skipped (1 reported by an earlier build; --strict lists them)" in (
        captured.out)
    assert main(args) == 0  # nothing new
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "2 captures skipped (2 reported by an earlier build" in captured.out


def test_a_clean_build_prints_its_summary_and_exits_0(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(_inputs(tmp_path, broken=False)), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # not a terminal: no progress display
    assert captured.out == f"1 items in 1 site feeds written to {out}/\n"


@pytest.mark.parametrize("url", ["notaurl", "example.org/feeds", "ftp://example.org/",
                                 "https://", "/feeds/", "https://exa mple.org/",
                                 "https://example.org/?x=1"])
def test_base_url_must_be_absolute_http(tmp_path, capsys, url):
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "-o", str(out), "--base-url", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("feeds: error: --base-url must be an absolute http(s) URL")
    assert not out.exists()


def test_base_url_from_the_settings_file_is_checked_too(tmp_path, capsys):
    config = tmp_path / "feeds.toml"
    config.write_text('[build]\nbase_url = "feeds.example"\n')
    assert main(["build", str(SEEDS), "-o", str(tmp_path / "o"), "--config", str(config)]) == 2
    assert "[build].base_url must be an absolute http(s) URL" in capsys.readouterr().err


def test_base_url_gets_its_trailing_slash(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "-o", str(out), "--base-url",
                 "https://feeds.example/news"]) == 0
    assert 'xmlUrl="https://feeds.example/news/london-daily/rss.xml"' in (
        out / "index.opml").read_text()


def test_output_that_is_a_file_is_not_a_folder(tmp_path, capsys):
    target = tmp_path / "passwd"
    target.write_text("root:x:0:0\n")
    assert main(["build", str(SEEDS), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"feeds: error: {target}: not a folder\n"
    assert main(["build", str(SEEDS), "-o", str(target / "out")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert target.read_text() == "root:x:0:0\n"


def test_build_help_names_every_format():
    text = parser()._subparsers._group_actions[0].choices["build"].format_help()
    for name in ("RSS 2.0", "Atom 1.0", "JSON Feed", "--quiet", "--strict", "Exit status"):
        assert name in " ".join(text.split()), name


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only():
    assert progress.for_stream(io.StringIO(), quiet=False) is None
    assert progress.for_stream(_Terminal(), quiet=True) is None
    term = _Terminal()
    ticks = iter([0.0, 0.01, 2.0, 2.0, 2.0])
    display = progress.Progress(term, clock=lambda: next(ticks))
    display("read", 0, 100)
    display("read", 10, 100)  # 10 ms later: not redrawn
    display("read", 100, 100)
    display("pages", 5, 5)
    display.close()
    frames = term.getvalue().split("\r")
    assert frames[1].startswith("read     0/100 files  (0%)")
    assert frames[2].startswith("read     100/100 files  (100%, 50/s)")
    assert frames[3].startswith("pages    5/5 pages  (100%)")
    assert frames[-2].strip() == "" and len(frames) == 6


def test_a_build_on_a_terminal_shows_its_stages(tmp_path, monkeypatch, capsys):
    term = _Terminal()
    monkeypatch.setattr("sys.stderr", term)
    assert main(["build", str(_inputs(tmp_path, broken=False)), "-o",
                 str(tmp_path / "out")]) == 0
    shown = term.getvalue()
    assert "read " in shown and "pages " in shown and shown.endswith("\r")
    assert os.linesep not in shown  # drawn in place, then erased


def test_a_reader_that_stops_reading_is_not_an_error(tmp_path):
    """``feeds explain ... | head -1``: the pipe closes early, and feeds says nothing."""
    import subprocess
    import sys

    for n in range(16):  # about 120 KB of JSON: more than a pipe holds
        shutil.copy(SEEDS / "000_a6ec30e27da27f0e.txt", tmp_path / f"copy{n}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "feeds", "explain", str(tmp_path), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err == ""
