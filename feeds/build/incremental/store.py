"""Parsed articles kept on disk between and during builds.

Holding every article in memory does not scale (100,000 captures are over a gigabyte of
text), and parsing again is what incremental builds avoid. Articles are written in packs
(one file per chunk of captures, so the store costs a handful of file writes, not one per
capture) and read back one at a time by reference. Packs are named by their content; a
pack no capture refers to any more is deleted at the end of a build. A pack that is
still used may hold articles that are not (a capture parsed again, an item pruned):
when the store holds more dead bytes than live ones, or many more packs than its live
bytes need, ``compact`` copies the live articles into fresh packs, so the store stays
proportional to what the output publishes however many builds ran.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from feeds import merge
from feeds.build.incremental import codec
from feeds.model import Article, Ref, Story

__all__ = ["Ref", "collect", "compact", "is_readable", "read", "story", "write_pack"]


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


PACK_BYTES = 1 << 20  # a compacted pack's size (each is whole articles, so a bit over)
SPARE_PACKS = 8  # packs allowed beyond what the live bytes need


def compact(folder: Path, refs: Iterable[Ref]) -> dict[Ref, Ref]:
    """Copy the live articles ``refs`` into fresh packs when the store is mostly dead
    or too scattered; returns each moved reference's new one (empty: nothing moved).
    The bytes are copied as they are, in reference order, so the result is the same
    whatever order the references came in."""
    live = sorted(set(refs))
    names = {r[0] for r in live}
    try:
        sizes = {e.name: e.stat().st_size for e in os.scandir(folder)
                 if e.name in names and e.is_file()}
    except OSError:
        return {}
    if len(sizes) < len(names):
        return {}  # a pack is missing: the next build parses those captures again
    live_bytes = sum(r[2] + 1 for r in live)
    dead = sum(sizes.values()) - live_bytes
    if dead <= live_bytes and len(sizes) <= live_bytes // PACK_BYTES + 1 + SPARE_PACKS:
        return {}
    moved: dict[Ref, Ref] = {}
    batch: list[tuple[Ref, bytes]] = []
    size = 0
    handles: dict[str, BinaryIO] = {}
    try:
        for ref in live:
            handle = handles.get(ref[0])
            if handle is None:
                handle = handles[ref[0]] = open(folder / ref[0], "rb")  # noqa: SIM115
            handle.seek(ref[1])
            batch.append((ref, handle.read(ref[2])))
            size += ref[2] + 1
            if size >= PACK_BYTES:
                moved.update(_rewrite(folder, batch))
                batch, size = [], 0
        moved.update(_rewrite(folder, batch))
    finally:
        for handle in handles.values():
            handle.close()
    return moved


def _rewrite(folder: Path, batch: list[tuple[Ref, bytes]]) -> dict[Ref, Ref]:
    if not batch:
        return {}
    data = b"\n".join(line for _, line in batch) + b"\n"
    name = hashlib.sha256(data).hexdigest()[:24] + ".jsonl"
    if not (folder / name).exists():
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, folder / name)
    moved: dict[Ref, Ref] = {}
    offset = 0
    for ref, line in batch:
        moved[ref] = (name, offset, len(line))
        offset += len(line) + 1
    return moved


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


def story(folder: Path, sid: str, refs: Sequence[Ref]) -> Story:
    """The whole story ``sid`` (every capture, merged) from its stored articles."""
    return merge.story(sid, [read(folder, r) for r in refs])
