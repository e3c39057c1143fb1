"""Stage 1, the main process's side of the scan: which input files changed since the last
build, handing those to workers (``feeds.build.scan``) and keeping what a changed or vanished
file published."""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from feeds.build.clock import Clock, progress
from feeds.build.incremental import shortcut, state, store
from feeds.build.incremental.state import CaptureState, State
from feeds.build.options import BuildOptions
from feeds.build.scan import ScanTask, Seen, scan_chunk
from feeds.pool import Workers

if TYPE_CHECKING:
    from feeds.build.dask_executor import DaskWorkers

SCAN_CHUNK = 32  # captures per worker task (and per article pack): fixed, not per job


def stat_all(paths: Sequence[Path]) -> list[shortcut.Stat]:
    stats = []
    for path in paths:
        try:
            st = os.stat(path)
            stats.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            stats.append((str(path), -1, -1))
    return stats


def split_seen(stats: Sequence[shortcut.Stat], prior: State, store_dir: Path
          ) -> tuple[list[Seen], dict[str, CaptureState]]:
    """An input file with the size and mtime the last build saw (and whose stored
    articles are still there) is reused without being read; the others are read whole,
    every capture a web archive holds."""
    try:
        packs = set(os.listdir(store_dir))
    except OSError:
        packs = set()
    by_file: dict[str, dict[str, CaptureState]] = defaultdict(dict)
    for c in prior.captures.values():
        by_file[c.input][c.path] = c
    seen: list[Seen] = []
    reused: dict[str, CaptureState] = {}
    for key, size, mtime in stats:
        prev = by_file.get(key, {})
        if any(c.ref is not None and c.ref[0] not in packs for c in prev.values()):
            prev = {}  # a parsed article is lost: read and parse again
        if prev and size >= 0 and all(c.size == size and c.mtime_ns == mtime
                                      for c in prev.values()):
            reused.update(prev)
        else:
            seen.append(Seen(key, size, mtime, prev))
    return seen, reused


def scan_workers(options: BuildOptions, workers: Workers
                  ) -> contextlib.AbstractContextManager[Workers | DaskWorkers]:
    """The scan's executor: the local pool, or a Dask cluster (the later stages stay
    local: they are a fraction of the work and read the store this machine wrote)."""
    if options.executor == "dask":
        from feeds.build.dask_executor import DaskWorkers

        return DaskWorkers(options.jobs, options.scheduler)
    return contextlib.nullcontext(workers)


def scan(seen: list[Seen], reused: dict[str, CaptureState], options: BuildOptions,
          store_dir: Path, workers: Workers | DaskWorkers, clock: Clock
          ) -> tuple[dict[str, CaptureState], int]:
    tasks = (ScanTask(tuple(seen[i : i + SCAN_CHUNK]), store_dir, options.max_bytes,
                      options.dates.captured_at, options.debug)
             for i in range(0, len(seen), SCAN_CHUNK))
    captures = dict(reused)
    parsed = 0
    for done, result in enumerate(workers.map(scan_chunk, tasks,
                                              count=-(-len(seen) // SCAN_CHUNK)), start=1):
        progress(options, "read", min(done * SCAN_CHUNK, len(seen)), len(seen))
        for c in result.captures:
            captures[c.path] = state.compact(c)
        parsed += result.parsed
        clock.stages["read (in workers)"] += result.read_seconds
        clock.stages["parse (in workers)"] += result.parse_seconds
    return dict(sorted(captures.items())), parsed


def keep_published(captures: dict[str, CaptureState], prior: State, present: set[str],
                    store_dir: Path) -> None:
    """Without ``--prune``, a published item is not withdrawn: a capture gone from the
    inputs, or edited into one that cannot be used, keeps its last parsed article (if
    it was stored by other code, only when it still reads)."""
    for path, c in prior.captures.items():
        if c.key is None or c.ref is None:
            continue
        now = captures.get(path)
        if ((c.input not in present or (now is not None and now.key is None))
                and store.is_readable(store_dir, c.ref)
                and (not prior.foreign or _readable(store_dir, c.ref))):
            captures[path] = c
    ordered = sorted(captures.items())
    captures.clear()
    captures.update(ordered)


def _readable(store_dir: Path, ref: store.Ref) -> bool:
    try:
        store.read(store_dir, ref)
    except Exception:  # written by other code in a shape this code does not read
        return False
    return True
