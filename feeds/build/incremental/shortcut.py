"""A build with nothing to do: same code and options, same inputs, untouched output.

Checking that costs a stat of every input and every output file and reading two lines
of the state; loading the whole state, merging and planning would cost several times
more. The inputs are compared by (path, size, mtime), as the per-capture check does;
the output folder by the (path, size, mtime) of every file in it, so a deleted or edited
output file sends the build down the normal path, which repairs it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
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
    """Every file under ``out`` but the build's own state (``.feeds-*``, the lock), fed
    to the hash folder by folder in name order: never a list of every file (200,000 of
    them at 100,000 captures, held while the whole build is still in memory)."""
    h = hashlib.blake2b(digest_size=16)
    stack = [str(out)]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith(".feeds-") or entry.name == ".feeds.lock":
                continue
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(entry.path)
            else:
                st = entry.stat(follow_symlinks=False)
                h.update(f"{entry.path}\x1f{st.st_size}\x1f{st.st_mtime_ns}\x1e".encode(
                    "utf-8", "surrogatepass"))
        h.update(b"\x1d")  # a folder's end: the same files in other folders differ
        stack.extend(reversed(subfolders))  # depth first, in name order
    return h.hexdigest()


Archives = list[tuple[str, int]]  # (site slug, archive page number)


def entry_row(encode_date: Callable[[DateEstimate], Any] = codec.encode
              ) -> Callable[[Entry], list[Any]]:
    """What ``restore`` needs of an entry, as a row (made one at a time as the state is
    written); the date last, as it may be Raw JSON."""
    def row(i: Entry) -> list[Any]:
        return [i.id, i.headline, i.source, i.site, i.site_slug, i.slug, i.link, i.tagline,
                i.language, [list(r) for r in i.refs],
                None if i.updated is None else i.updated.isoformat(), encode_date(i.date)]
    return row


def result_tail(problems: Sequence[Problem], warnings: Sequence[Problem] = (),
                archives: Sequence[tuple[str, int]] = ()) -> list[Any]:
    return [[[p.path, p.reason] for p in problems], [[w.path, w.reason] for w in warnings],
            [list(a) for a in archives]]


def restore(parts: Iterable[list[list[Any]]], tail: list[Any]
            ) -> tuple[list[Entry], list[Problem], list[Problem], Archives]:
    """The entries (from each part's rows, ``[seq, *entry_row]``: one part's rows in
    memory at a time), problems, warnings and archive pages the last build returned,
    the last published first."""
    numbered: list[tuple[int, Entry]] = []
    dates: dict[str, DateEstimate] = {}  # thousands of items share a date: decode it once
    for rows in parts:
        for (seq, sid, headline, source, site, sslug, slug, link, tagline, lang, where,
             updated, date) in rows:
            text = repr(date)
            if text not in dates:
                dates[text] = codec.decode(DateEstimate, date)
            numbered.append((-seq, Entry(
                sid, headline, source, dates[text], slug, site, sslug, link, tagline, lang,
                None if updated is None else datetime.fromisoformat(updated),
                tuple((r[0], r[1], r[2]) for r in where))))
    numbered.sort(key=lambda pair: pair[0])
    items = [entry for _, entry in numbered]
    problems, warnings, archives = tail
    return (items, [Problem(path, reason) for path, reason in problems],
            [Problem(path, reason) for path, reason in warnings],
            [(a[0], a[1]) for a in archives])


def written(items: Sequence[Entry], out: Path, archives: Archives) -> list[str]:
    """Every output path, in the order a build writes them: pages, archives, feeds,
    indexes."""
    root = str(out)  # os.path.join: a Path per file costs more than the rest of a no-op
    rows = ((i.id, i.site_slug, i.slug) for i in items)
    return [os.path.join(root, rel) for rel in layout.written(rows, archives)]
