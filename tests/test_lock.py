"""One build per output folder: a second build waits a bounded time, then exits 75."""

import fcntl
import os
import subprocess
import sys
import time
from contextlib import contextmanager

from feeds.cli import main
from feeds.lock import EX_TEMPFAIL, LOCK_NAME, hold

from .conftest import ROOT, SEEDS


@contextmanager
def held(out):
    """Hold the output lock the way another build would: flock on OUT/.feeds.lock."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(fd)


def test_second_build_waits_then_exits_75(tmp_path, capsys):
    out = tmp_path / "out"
    with held(out):
        start = time.monotonic()
        code = main(["build", str(SEEDS), "-o", str(out), "--lock-timeout", "0.4"])
        waited = time.monotonic() - start
    assert code == EX_TEMPFAIL == 75
    assert 0.4 <= waited < 10
    err = capsys.readouterr().err
    assert "another build is writing here" in err and "gave up after 0.4 s" in err
    assert not (out / "index.html").exists()  # nothing was written
    assert main(["build", str(SEEDS), "-o", str(out)]) == 0  # free again: builds


def test_second_build_process_exits_75(tmp_path):
    out = tmp_path / "out"
    with held(out):
        proc = subprocess.run(
            [sys.executable, "-m", "feeds", "build", str(SEEDS), "-o", str(out),
             "--lock-timeout", "0.2"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
    assert proc.returncode == 75, proc.stderr
    assert proc.stderr.startswith("feeds: error: ") and LOCK_NAME in proc.stderr


def test_waiting_build_goes_on_when_the_lock_is_released(tmp_path):
    out = tmp_path / "out"
    with held(out):
        proc = subprocess.Popen(
            [sys.executable, "-m", "feeds", "build", str(SEEDS), "-o", str(out),
             "--lock-timeout", "30"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        time.sleep(0.5)
        assert proc.poll() is None  # still waiting
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert (out / "london-daily" / "rss.xml").is_file()


def test_lock_is_released_after_a_build_and_on_error(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "-o", str(out)]) == 0
    with held(out):  # would raise BlockingIOError if the build still held it
        pass
    try:
        with hold(out, timeout=0):
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with held(out):
        pass
