"""A one-line progress display for long builds, on a terminal only.

``feeds build`` on a large folder runs for a minute or more; on a terminal it shows the
stage, how far it is and the rate, redrawn in place at most ten times a second and
erased when the build ends. Piped or redirected (cron, CI, a log file) it shows nothing,
so logs hold only errors and the summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

UNITS = {"read": "files", "pages": "pages", "archives": "archive pages", "feeds": "feeds"}
_INTERVAL = 0.1  # seconds between redraws


class Progress:
    """Call as ``progress(stage, done, total)``; ``close()`` erases the line."""

    def __init__(self, stream: TextIO,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.stage = ""
        self.started = 0.0
        self.drawn = 0.0
        self.width = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        if stage != self.stage:
            self.stage, self.started, self.drawn = stage, now, 0.0
        elif now - self.drawn < _INTERVAL and done < total:
            return
        self.drawn = now
        self._draw(line(stage, done, total, now - self.started))

    def close(self) -> None:
        if self.width:
            self._draw("")
            self.stream.write("\r")
            self.stream.flush()

    def _draw(self, text: str) -> None:
        pad = " " * max(0, self.width - len(text))
        self.stream.write(f"\r{text}{pad}")
        self.stream.flush()
        self.width = len(text)


def line(stage: str, done: int, total: int, seconds: float) -> str:
    """``pages  1,204/10,000 pages  (35%, 812/s)``."""
    unit = UNITS.get(stage, "")
    share = f"{done * 100 // total}%" if total else "100%"
    rate = f", {done / seconds:,.0f}/s" if seconds > 0.5 and done else ""
    return f"{stage:<8} {done:,}/{total:,} {unit}  ({share}{rate})"


def for_stream(stream: TextIO, quiet: bool) -> Progress | None:
    """A display for ``stream`` when it is a terminal and output is wanted, else None."""
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    return Progress(stream) if interactive and not quiet else None
