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
from pathlib import Path
from typing import Any

from feeds import codec
from feeds.model import Article, DateEstimate, Item, Problem, Story
from feeds.state import digest

Stat = tuple[str, int, int]  # path, size, mtime_ns


def inputs_digest(stats: Sequence[Stat], problems: Sequence[Problem], prune: bool) -> str:
    return digest(prune, [(p.path, p.reason) for p in problems], list(stats))


def tree_digest(out: Path) -> str:
    """Every file under ``out`` but the build's own state (``.feeds-*``)."""
    found: list[Stat] = []
    stack = [str(out)]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".feeds-"):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            else:
                st = entry.stat(follow_symlinks=False)
                found.append((entry.path, st.st_size, st.st_mtime_ns))
    return digest(sorted(found))


def result_rows(items: Sequence[Item], problems: Sequence[Problem],
                encode_date: Callable[[DateEstimate], Any] = codec.encode
                ) -> tuple[Iterator[list[Any]], list[list[str]]]:
    """What ``restore`` needs, item rows made one at a time as the state is written."""
    rows = ([i.id, i.story.article.headline, i.story.article.source, i.site, i.site_slug,
             i.slug, i.link, i.story.article.tagline, encode_date(i.date)] for i in items)
    return rows, [[p.path, p.reason] for p in problems]


def restore(row: list[Any]) -> tuple[list[Item], list[Problem]]:
    """The index items and problems the last build returned."""
    items = []
    dates: dict[str, DateEstimate] = {}  # thousands of items share a date: decode it once
    for sid, headline, source, site, sslug, slug, link, tagline, date in row[0]:
        article = Article(source=source, headline=headline, site=site, tagline=tagline)
        story = Story(id=sid, article=article, captures=(article,))
        text = repr(date)
        if text not in dates:
            dates[text] = codec.decode(DateEstimate, date)
        items.append(Item(story, dates[text], slug, site, sslug, link))
    return items, [Problem(path, reason) for path, reason in row[1]]


def written(items: Sequence[Item], out: Path) -> list[str]:
    """Every output path, in the order a build lists them."""
    root = str(out)  # os.path.join: a Path per file costs more than the rest of a no-op
    paths = [os.path.join(root, i.site_slug, f"{i.slug}.html")
             for i in sorted(items, key=lambda i: i.id)]
    for sslug in sorted({i.site_slug for i in items}):
        paths += [os.path.join(root, sslug, n) for n in ("index.html", "rss.xml", "atom.xml")]
    return paths + [os.path.join(root, "index.html"), os.path.join(root, "index.opml")]
