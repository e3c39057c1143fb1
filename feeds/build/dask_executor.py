"""Run the scan stage on a Dask cluster: a drop-in for ``Workers`` with the same ``map``.

Large archives outgrow one machine's cores; the scan (read + parse per capture) is the
stage that scales with the corpus, so it is the one sent out. Tasks carry paths, never
page bytes: workers read their own files and write the article store themselves, so the
inputs and the output folder must be on storage every worker sees under the same paths.

Only as many tasks are in flight as the cluster has threads, and results are handed back
in task order (a few finished ones wait in this process for an earlier one): the caller
merges exactly as with the local pool, so output never depends on arrival order, and
neither a worker nor this process ever holds all the results at once.

Dask is imported here only when asked for, so the core install does not need it.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from feeds.errors import FeedsError

MISSING = "--executor dask needs Dask: pip install 'feeds[dask]'"
CONNECT_TIMEOUT = 10  # seconds to reach a scheduler
WAIT_FOR_WORKERS = 60  # seconds a scheduler may take to have a first worker
BUFFER_PER_THREAD = 4  # finished results kept waiting for an earlier one, per thread


def require() -> Any:
    """The ``distributed`` module, or a one-line error naming the extra to install."""
    try:
        import distributed
    except ImportError as exc:
        raise FeedsError(MISSING) from exc
    return distributed


class DaskWorkers:
    """A Dask client (and, without a scheduler address, a ``LocalCluster`` of ``jobs``
    single-threaded worker processes on loopback) opened on first use."""

    def __init__(self, jobs: int, scheduler: str | None = None) -> None:
        self._dd = require()
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self._cluster: Any = None
        self._client: Any = None

    def client(self) -> Any:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Any:
        dd = self._dd
        if self.scheduler is None:
            self._cluster = dd.LocalCluster(
                n_workers=self.jobs, threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            return dd.Client(self._cluster)
        try:
            client = dd.Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:  # ValueError: a bad address
            raise FeedsError(f"cannot reach the Dask scheduler at {self.scheduler}: "
                             f"{exc}") from exc
        try:
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError as exc:
            client.close()
            raise FeedsError(f"the Dask scheduler at {self.scheduler} has no workers") from exc
        return client

    def threads(self) -> int:
        return max(1, sum(self.client().nthreads().values()))

    def map(self, func: Callable[[Any], Any], tasks: Iterable[Any],
            count: int | None = None) -> Iterator[Any]:
        """``func`` over ``tasks`` on the cluster, results in task order; ``count`` is
        ignored (tasks are taken from the iterable as slots free up). No tasks (a rebuild
        with nothing to read) start no cluster."""
        tasks = iter(tasks)
        first = next(tasks, _END)
        if first is _END:
            return iter(())
        return self._ordered(func, itertools.chain((first,), tasks))

    def _ordered(self, func: Callable[[Any], Any], tasks: Iterator[Any]) -> Iterator[Any]:
        client = self.client()
        slots = self.threads()
        limit = slots * BUFFER_PER_THREAD
        running: dict[Any, int] = {}  # future -> task index
        finished: dict[int, Any] = {}  # index -> result, waiting for an earlier one
        done = self._dd.as_completed()
        submitted = wanted = 0
        exhausted = False
        try:
            while True:
                while (not exhausted and len(running) < slots
                       and len(running) + len(finished) < limit):
                    task = next(tasks, _END)
                    if task is _END:
                        exhausted = True
                        break
                    future = client.submit(func, task, pure=False)
                    running[future] = submitted
                    done.add(future)
                    submitted += 1
                if wanted in finished:
                    yield finished.pop(wanted)
                    wanted += 1
                    continue
                if not running:
                    return
                future = next(done)
                index = running.pop(future)
                finished[index] = future.result()  # raises the task's own error
                future.release()
        finally:
            for future in running:
                future.cancel()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_END = object()
