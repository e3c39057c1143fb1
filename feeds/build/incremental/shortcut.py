"""A build with nothing to do: same code and options, same inputs, untouched output.

Checking that costs a stat of every input and every output file and reading two lines
of the state; loading the whole state, merging and planning would cost several times
more. The inputs are compared by (path, size, mtime), as the per-capture check does;
the output folder by the (path, size, mtime) of every file in it, so a deleted or edited
output file sends the build down the normal path, which repairs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from feeds.build.incremental import codec
from feeds.build.incremental.state import digest
from feeds.model import DateEstimate, Entry, Problem
from feeds.publish import layout

Stat = tuple[str, int, int]  # path, size, mtime_ns


def inputs_digest(stats: Sequence[Stat], problems: Sequence[Problem], prune: bool) -> str:
    return digest(prune, [(p.path, p.reason) for p in problems], list(stats))


def tree_digest(out: Path) -> str:
    """Every file under ``out`` but the build's own state (``.feeds-*``, the lock)."""
    found: list[Stat] = []
    stack = [str(out)]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".feeds-") or entry.name == ".feeds.lock":
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            else:
                st = entry.stat(follow_symlinks=False)
                found.append((entry.path, st.st_size, st.st_mtime_ns))
    return digest(sorted(found))


Archives = list[tuple[str, int]]  # (site slug, archive page number)


def result_rows(items: Sequence[Entry], problems: Sequence[Problem],
                warnings: Sequence[Problem] = (),
                encode_date: Callable[[DateEstimate], Any] = codec.encode,
                archives: Sequence[tuple[str, int]] = ()
                ) -> tuple[Iterator[list[Any]], list[Any]]:
    """What ``restore`` needs, entry rows made one at a time as the state is written."""
    rows = ([i.id, i.headline, i.source, i.site, i.site_slug, i.slug, i.link, i.tagline,
             i.language, [list(r) for r in i.refs],
             None if i.updated is None else i.updated.isoformat(),
             encode_date(i.date)] for i in items)  # the date last: it may be Raw JSON
    return rows, [[[p.path, p.reason] for p in problems],
                  [[w.path, w.reason] for w in warnings], [list(a) for a in archives]]


def restore(row: list[Any]) -> tuple[list[Entry], list[Problem], list[Problem], Archives]:
    """The entries, problems, warnings and archive pages the last build returned."""
    items = []
    dates: dict[str, DateEstimate] = {}  # thousands of items share a date: decode it once
    for (sid, headline, source, site, sslug, slug, link, tagline, lang, where, updated,
         date) in row[0]:
        text = repr(date)
        if text not in dates:
            dates[text] = codec.decode(DateEstimate, date)
        items.append(Entry(sid, headline, source, dates[text], slug, site, sslug, link,
                           tagline, lang,
                           None if updated is None else datetime.fromisoformat(updated),
                           tuple((r[0], r[1], r[2]) for r in where)))
    problems, warnings, archives = row[1]
    return (items, [Problem(path, reason) for path, reason in problems],
            [Problem(path, reason) for path, reason in warnings],
            [(a[0], a[1]) for a in archives])


def written(items: Sequence[Entry], out: Path, archives: Archives) -> list[str]:
    """Every output path, in the order a build writes them: pages, archives, feeds,
    indexes."""
    root = str(out)  # os.path.join: a Path per file costs more than the rest of a no-op
    rows = ((i.id, i.site_slug, i.slug) for i in items)
    return [os.path.join(root, rel) for rel in layout.written(rows, archives)]
