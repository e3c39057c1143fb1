"""Stage one, run in worker processes: read and parse a chunk of captures.

Each worker holds one capture's text at a time, stores the parsed article (one pack per
chunk) and sends back only the small ``CaptureState`` merging needs. A capture whose
content hash matches the previous build's is not parsed again.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from pathlib import Path

from feeds import store
from feeds.errors import CaptureError
from feeds.merge import merge_key
from feeds.model import Article, Capture
from feeds.sources import read_capture
from feeds.state import CaptureState
from feeds.textparse import parse_text


@dataclass(frozen=True, slots=True)
class Seen:
    """A capture as found on disk this run, with what the last build knew of it."""

    path: str
    size: int
    mtime_ns: int
    prior: CaptureState | None


@dataclass(frozen=True)
class ScanTask:
    captures: tuple[Seen, ...]
    store: Path
    max_bytes: int
    captured_at: datetime | None


@dataclass(frozen=True)
class ScanResult:
    captures: tuple[CaptureState, ...]
    parsed: int
    read_seconds: float
    parse_seconds: float


def site_name(article: Article) -> str:
    """The capture's own site line, else the folder it was filed under."""
    if article.site:
        return article.site
    if os.path.islink(article.source):  # its folder is the link target's
        return Path(article.source).resolve().parent.name or "captures"
    return _folder_name(os.path.abspath(os.path.dirname(article.source))) or "captures"


@cache
def _folder_name(folder: str) -> str:
    """Resolving a path costs a system call per component: once per folder is enough."""
    return Path(folder).resolve().name


def parse_capture(capture: Capture) -> Article:
    return parse_text(capture.text, capture.path, capture.captured_at)


def scan_chunk(task: ScanTask) -> ScanResult:
    out: list[CaptureState] = []
    fresh: list[tuple[int, Article]] = []
    read_s = parse_s = 0.0
    for seen in task.captures:
        base = CaptureState(seen.path, "", seen.size, seen.mtime_ns)
        t0 = time.perf_counter()
        try:
            capture = read_capture(Path(seen.path), max_bytes=task.max_bytes,
                                   captured_at=task.captured_at)
        except CaptureError as exc:
            read_s += time.perf_counter() - t0
            out.append(replace(base, problem=str(exc)))
            continue
        t1 = time.perf_counter()
        read_s += t1 - t0
        prior = seen.prior
        if prior is not None and prior.sha256 == capture.sha256:  # touched, not changed
            out.append(replace(prior, size=seen.size, mtime_ns=seen.mtime_ns))
            continue
        base = replace(base, sha256=capture.sha256)
        try:
            article = parse_capture(capture)
        except CaptureError as exc:
            out.append(replace(base, problem=str(exc)))
        else:
            fresh.append((len(out), article))
            key = replace(merge_key(article), source=seen.path)  # one string, not two
            out.append(replace(base, key=key, site=site_name(article), tagline=article.tagline))
        parse_s += time.perf_counter() - t1
    refs = store.write_pack(task.store, [a for _, a in fresh])
    for (index, _), ref in zip(fresh, refs, strict=True):
        out[index] = replace(out[index], ref=ref)
    return ScanResult(tuple(out), len(fresh) + sum(1 for c in out if c.problem and c.sha256),
                      read_s, parse_s)
