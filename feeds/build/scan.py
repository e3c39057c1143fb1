"""Stage one, run in worker processes: read and parse a chunk of input files.

Each worker holds one capture's text at a time, stores the parsed articles (one pack per
chunk) and sends back only the small ``CaptureState`` merging needs. An input file may
hold several captures (a web archive); a capture whose content hash matches the
previous build's is not parsed again.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from pathlib import Path

from feeds.build.incremental import store
from feeds.build.incremental.state import CaptureState
from feeds.errors import CaptureError
from feeds.merge import merge_key, site_key
from feeds.model import Article, Capture, Problem
from feeds.parse.htmlparse import parse_html
from feeds.parse.textreader import parse_text
from feeds.sources import iter_captures
from feeds.textclean import from_filename
from feeds.uri import http_uri


@dataclass(frozen=True, slots=True)
class Seen:
    """An input file as found on disk this run, with what the last build knew of its
    captures (by capture path)."""

    path: str
    size: int
    mtime_ns: int
    prior: dict[str, CaptureState]


@dataclass(frozen=True)
class ScanTask:
    captures: tuple[Seen, ...]
    store: Path
    max_bytes: int
    captured_at: datetime | None
    debug: bool = False


@dataclass(frozen=True)
class ScanResult:
    captures: tuple[CaptureState, ...]
    parsed: int
    read_seconds: float
    parse_seconds: float


def site_name(article: Article) -> str:
    """The capture's own site name, else the folder it was filed under. A build then
    decides, with every capture in view, where captures naming no site go
    (``feeds.build.sites``); this is the answer for one capture on its own."""
    if article.site and site_key(article):  # "../../.." or "—" names no site
        return article.site
    source = re.sub(r"#\d+$", "", article.source)  # a record inside a web archive
    if os.path.islink(source):  # its folder is the link target's
        return from_filename(Path(source).resolve().parent.name) or "captures"
    return _folder_name(os.path.abspath(os.path.dirname(source))) or "captures"


@cache
def _folder_name(folder: str) -> str:
    """Resolving a path costs a system call per component: once per folder is enough."""
    return from_filename(Path(folder).resolve().name)


def parse_capture(capture: Capture) -> Article:
    """The capture's article; a URL it states is kept only as an absolute http(s) URI,
    in its URI (ASCII) form (``feeds.uri``), else the item links to its own page."""
    if capture.kind == "html":
        article = parse_html(capture)
    else:
        article = parse_text(capture.text, capture.path, capture.captured_at)
    url = http_uri(article.url)
    return article if url == article.url else replace(article, url=url)


def internal_error(exc: Exception) -> str:
    """A one-line reason for a bug met while handling one capture."""
    detail = " ".join(str(exc).split())[:200]
    return f"internal error: {type(exc).__name__}" + (f": {detail}" if detail else "")


def parse_or_problem(
    parse: Callable[[Capture], Article], capture: Capture, debug: bool
) -> Article | str:
    """The article, or the one-line reason it could not be had: one bad capture never
    stops the others, and a bug in a parser is reported, not raised, unless ``debug``."""
    try:
        return parse(capture)
    except CaptureError as exc:
        return str(exc)
    except Exception as exc:
        if debug:
            raise
        return internal_error(exc)


def scan_chunk(task: ScanTask) -> ScanResult:
    out: list[CaptureState] = []
    fresh: list[tuple[int, Article]] = []
    parse = parse_capture  # looked up when the task runs, so a test may swap the parser
    read_s = parse_s = 0.0
    parsed = 0
    for seen in task.captures:
        base = CaptureState(seen.path, "", seen.size, seen.mtime_ns)
        found = 0
        t0 = time.perf_counter()
        try:
            for capture in iter_captures(Path(seen.path), max_bytes=task.max_bytes,
                                         captured_at=task.captured_at):
                t1 = time.perf_counter()
                read_s += t1 - t0
                found += 1
                here = replace(base, path=capture.path,
                               file="" if capture.path == seen.path else seen.path)
                if isinstance(capture, Problem):
                    out.append(replace(here, problem=capture.reason))
                    t0 = time.perf_counter()
                    continue
                prior = seen.prior.get(capture.path)
                if prior is not None and prior.sha256 == capture.sha256:  # not changed
                    out.append(replace(prior, size=seen.size, mtime_ns=seen.mtime_ns))
                    t0 = time.perf_counter()
                    continue
                here = replace(here, sha256=capture.sha256, warnings=capture.warnings)
                parsed += 1
                article = parse_or_problem(parse, capture, task.debug)
                if isinstance(article, str):
                    out.append(replace(here, problem=article))
                else:
                    fresh.append((len(out), article))
                    key = replace(merge_key(article), source=capture.path)  # one string
                    out.append(replace(here, key=key, site=site_name(article),
                                       tagline=article.tagline, url=article.url,
                                       language=article.language or ""))
                t0 = time.perf_counter()
                parse_s += t0 - t1
        except Exception as exc:  # reading the file itself failed unexpectedly
            if task.debug:
                raise
            found += 1
            out.append(replace(base, problem=internal_error(exc)))
        if not found:  # nothing in it: remembered, so an unchanged file is not read again
            out.append(base)
    refs = store.write_pack(task.store, [a for _, a in fresh])
    for (index, _), ref in zip(fresh, refs, strict=True):
        out[index] = replace(out[index], ref=ref)
    return ScanResult(tuple(out), parsed, read_s, parse_s)
