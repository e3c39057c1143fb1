"""One build at a time per output folder: an advisory ``flock`` on ``OUT/.feeds.lock``.

Each file is already written atomically, but two builds interleaving their writes could
leave feeds from one and pages from the other. The lock is released by the kernel when
the process ends, however it ends, so a killed build never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from feeds.errors import FeedsError

LOCK_NAME = ".feeds.lock"
DEFAULT_TIMEOUT = 30.0
EX_TEMPFAIL = 75  # sysexits.h: try again later


class OutputBusy(FeedsError):
    """Another build held the output folder for longer than we were willing to wait."""

    exit_status = EX_TEMPFAIL


@contextmanager
def hold(output: Path, timeout: float = DEFAULT_TIMEOUT, poll: float = 0.05) -> Iterator[Path]:
    """Hold the output folder's lock for the ``with`` block; wait at most ``timeout`` s."""
    output.mkdir(parents=True, exist_ok=True)
    path = output / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise OutputBusy(
                        f"{output}: another build is writing here (lock {path} held); "
                        f"gave up after {timeout:g} s"
                    ) from None
                time.sleep(min(poll, left))
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the lock
