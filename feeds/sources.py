"""Inputs -> ``Capture`` records: walk folders, expand globs, read and decode bytes.

A text or HTML file is one capture; a web archive (``.warc``, ``.warc.gz``) holds many, so
``iter_captures`` yields a stream. Every failure becomes a ``Problem`` naming the file (or
the archive record) and the reason; it never stops the build. Reading is the only I/O the
parsing stages depend on.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from feeds import warc
from feeds.charset import decode_html
from feeds.errors import CaptureError
from feeds.model import Capture, Problem

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ARCHIVE_SUFFIXES = warc.SUFFIXES
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + ARCHIVE_SUFFIXES
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def discover(inputs: Iterable[str]) -> tuple[list[Path], list[Problem]]:
    """Expand folders (walked, sorted) and globs into a sorted, de-duplicated file list."""
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    for raw in inputs:
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            problems.append(Problem(raw, "no file matches this pattern"))
        for match in matches:
            path = Path(match)
            if path.is_dir():
                for sub in sorted(_walk(path)):
                    found.setdefault(str(sub), sub)
            elif path.is_file():
                found.setdefault(str(path), path)
            else:
                problems.append(Problem(match, "no such file or folder"))
    return [found[k] for k in sorted(found)], problems


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(dirpath, name)
            if not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES):
                yield path


def kind_of(path: Path) -> str:
    """"archive", "html" or "text", from the file name; anything else is read as text."""
    name = path.name.lower()
    if name.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    return "html" if name.endswith(HTML_SUFFIXES) else "text"


def iter_captures(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, captured_at: datetime | None = None
) -> Iterator[Capture | Problem]:
    """Every capture one input holds, in order; a record that fails is a ``Problem`` and
    the ones after it are still read."""
    if kind_of(path) == "archive":
        yield from warc.iter_captures(path, max_bytes=max_bytes, captured_at=captured_at)
        return
    try:
        yield read_capture(path, max_bytes=max_bytes, captured_at=captured_at)
    except CaptureError as exc:
        yield Problem(str(path), str(exc))


def read_capture(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, captured_at: datetime | None = None
) -> Capture:
    """Read and decode one file. Raises ``CaptureError`` with a short reason."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CaptureError(f"unreadable ({exc.strerror})") from exc
    if size > max_bytes:
        raise CaptureError(f"too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CaptureError(f"unreadable ({exc.strerror})") from exc
    kind = kind_of(path)
    if kind == "archive":
        raise CaptureError("a web archive holds many captures: use iter_captures")
    text = decode_html(data) if kind == "html" else decode(data)
    return Capture(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        kind=kind,
        captured_at=captured_at,
    )


def decode(data: bytes) -> str:
    if not data.strip():
        raise CaptureError("empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise CaptureError("undecodable (bad UTF-16)") from exc
    if b"\x00" in data[:8192] or _control_ratio(data[:8192]) > 0.05:
        raise CaptureError("binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaptureError(f"undecodable (not UTF-8 at byte {exc.start})") from exc


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(sample), 1)
