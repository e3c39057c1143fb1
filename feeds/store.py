"""Parsed articles kept on disk between and during builds.

Holding every article in memory does not scale (100,000 captures are over a gigabyte of
text), and parsing again is what incremental builds avoid. Articles are written in packs
(one file per chunk of captures, so the store costs a handful of file writes, not one per
capture) and read back one at a time by reference. Packs are named by their content; a
pack no capture refers to any more is deleted at the end of a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from feeds import codec, merge
from feeds.model import Article, Item, Story

Ref = tuple[str, int, int]  # pack file name, byte offset, length


def write_pack(folder: Path, articles: Sequence[Article]) -> list[Ref]:
    """Store ``articles`` in one pack; returns a reference for each, in order."""
    if not articles:
        return []
    # Paths may hold undecodable bytes (lone surrogates): kept through the round trip.
    lines = [json.dumps(codec.encode(a), ensure_ascii=False).encode("utf-8", "surrogatepass")
             for a in articles]
    data = b"\n".join(lines) + b"\n"
    name = hashlib.sha256(data).hexdigest()[:24] + ".jsonl"
    path = folder / name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        # A cache, not output: a rename keeps it whole; no fsync (a lost pack is re-parsed).
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    refs: list[Ref] = []
    offset = 0
    for line in lines:
        refs.append((name, offset, len(line)))
        offset += len(line) + 1
    return refs


def read(folder: Path, ref: Ref) -> Article:
    name, offset, length = ref
    with open(folder / name, "rb") as handle:
        handle.seek(offset)
        data = handle.read(length)
    return codec.decode(Article, json.loads(data.decode("utf-8", "surrogatepass")))


def is_readable(folder: Path, ref: Ref) -> bool:
    try:
        return (folder / ref[0]).stat().st_size >= ref[1] + ref[2]
    except OSError:
        return False


def collect(folder: Path, keep: Iterable[str]) -> None:
    """Delete packs (and stray temp files) that no reference in ``keep`` names."""
    wanted = set(keep)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name not in wanted:
            (folder / name).unlink(missing_ok=True)


class StoredStory(Story):
    """A story whose text stays in the article store until it is first asked for.

    ``build`` returns its items with these: callers see whole stories (every capture,
    the full article) while the build itself never holds the text of 100,000 of them.
    The text is read on first access: read it before a later build into the same folder
    collects packs its captures no longer use.
    """

    def __init__(self, sid: str, store_dir: Path, refs: Sequence[Ref]) -> None:
        object.__setattr__(self, "id", sid)
        object.__setattr__(self, "_where", (store_dir, tuple(refs)))

    def __getattr__(self, name: str) -> object:
        if name not in ("article", "captures"):
            raise AttributeError(name)
        store_dir, refs = self.__dict__["_where"]
        full = merge.story(self.id, [read(store_dir, r) for r in refs])
        object.__setattr__(self, "article", full.article)
        object.__setattr__(self, "captures", full.captures)
        return getattr(full, name)

    def __reduce__(self) -> tuple[object, ...]:
        return (Story, (self.id, self.article, self.captures))


def relocated(items: Sequence[Item], folder: Path | None) -> tuple[Item, ...]:
    """``items`` whose stored stories are read from ``folder`` (the store moved there);
    with ``None``, loaded now (the store is about to go)."""
    out = []
    for item in items:
        story = item.story
        if isinstance(story, StoredStory):
            if folder is None:
                story = Story(story.id, story.article, story.captures)
            else:
                story = StoredStory(story.id, folder, story.__dict__["_where"][1])
            item = replace(item, story=story)
        out.append(item)
    return tuple(out)
