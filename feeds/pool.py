"""Run a function over tasks, in worker processes when more than one job is asked for.

Results come back in task order whatever the number of jobs, so output never depends on
scheduling. With one job (or too little work to pay for a worker) everything runs in
this process, which is also what profiles and tests see.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Workers:
    """A process pool opened on first use and shared by every stage of one build."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._pool: Any = None

    def map(self, func: Callable[[Any], Any], tasks: Iterable[Any],
            count: int | None = None) -> Iterator[Any]:
        """``func`` over ``tasks``, in order; ``count`` is the number of tasks when they
        come from a generator (made as workers take them, not all held at once)."""
        n = len(tasks) if count is None else count  # type: ignore[arg-type]
        if self.jobs == 1 or n < 2:
            return map(func, tasks)
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ctx.Pool(self.jobs)
        return self._pool.imap(func, tasks)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None and self._pool is not None:
            self._pool.terminate()
        self.close()
