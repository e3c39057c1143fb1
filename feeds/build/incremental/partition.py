"""The build state split by site, so that a build rewrites only the parts it changed.

Every record goes to the part of the site it belongs to: an item and a site's record by
their site slug, an output file by the site folder it sits in, a capture by the site of
the item it is part of (a capture in no item, by its own site name), a body overlap by
its first capture's part. Sites are spread over ``BUCKETS`` parts by a hash of their
slug: a build of 20 big sites rewrites a twentieth of the state when one capture
changed, and one of 900 small sites writes 64 files, not 900.

A part is unchanged when each of its records is the same as in the last build (identity
first, so the check is cheap); an unchanged part is not encoded again, and its file is
kept. A site's entries (the result a build with nothing to do returns) are made from its
records only, so they are unchanged with them and live in the same part.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from feeds.build.incremental.records import CaptureState, Output
from feeds.publish.ledger import Published, Site

BUCKETS = 64


@dataclass
class Part:
    """One part's records, each kind in the order the state file lists them."""

    captures: list[CaptureState] = field(default_factory=list)
    overlaps: list[tuple[str, float]] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    items: list[Published] = field(default_factory=list)
    outputs: list[tuple[str, Output]] = field(default_factory=list)


@cache
def bucket(key: str) -> int:
    """The part a site (its slug, or its name) belongs to: a stable hash, never
    Python's ``hash`` (salted per process)."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % BUCKETS


def output_bucket(rel: str) -> int:
    """An output file's part: its site folder's (the front page and OPML: "")."""
    head, sep, _ = rel.partition("/")
    return bucket(head if sep else "")


def split(captures: dict[str, CaptureState], overlaps: dict[str, float],
          sites: dict[str, Site], items: dict[str, Published],
          outputs: dict[str, Output]) -> dict[int, Part]:
    """Every record of a state in its part; records keep the state file's order."""
    parts: dict[int, Part] = defaultdict(Part)
    owner: dict[str, int] = {}  # capture path -> the part of the item holding it
    for sid in sorted(items):
        rec = items[sid]
        n = bucket(rec.site_slug)
        parts[n].items.append(rec)
        for path in rec.captures:
            owner[path] = n
    by_sha: dict[str, int] = {}
    for path in sorted(captures):
        c = captures[path]
        n = owner.get(path, -1)
        if n < 0:
            n = bucket(c.site)
        parts[n].captures.append(c)
        if c.sha256:
            by_sha.setdefault(c.sha256, n)
    for pair in sorted(overlaps):
        n = by_sha.get(pair.partition(" ")[0], bucket(""))
        parts[n].overlaps.append((pair, overlaps[pair]))
    for slug in sorted(sites):
        parts[bucket(slug)].sites.append(sites[slug])
    for rel in sorted(outputs):
        parts[output_bucket(rel)].outputs.append((rel, outputs[rel]))
    return dict(parts)


def changed(new: dict[int, Part], old: dict[int, Part]) -> list[int]:
    """The parts of ``new`` that differ from ``old`` (or are not in it), in order."""
    return [n for n in sorted(new) if n not in old or not _same(new[n], old[n])]


def _same(a: Part, b: Part) -> bool:
    # list equality compares by identity first: records a build kept cost no field reads
    return (a.captures == b.captures and a.items == b.items and a.outputs == b.outputs
            and a.overlaps == b.overlaps and a.sites == b.sites)
