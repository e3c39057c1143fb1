"""Stage timings and progress reports: what ``feeds build`` prints with ``--timings`` and a
terminal's progress line, kept apart so every stage can report without knowing the others."""

from __future__ import annotations

import time
from collections import defaultdict

from feeds.build.options import BuildOptions


class Clock:
    """Seconds spent per stage; a stage run in workers adds the workers' own seconds."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = defaultdict(float)
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] += now - self._last
        self._last = now


def progress(options: BuildOptions, stage: str, done: int, total: int) -> None:
    """Tell the caller's progress hook, if it has one, how far a stage is."""
    if options.progress is not None:
        options.progress(stage, done, total)
