"""Inputs -> ``Capture`` records: walk folders, expand globs, read and decode bytes.

A text or HTML file is one capture; a web archive (``.warc``, ``.warc.gz``) holds many, so
``iter_captures`` yields a stream. Every failure becomes a ``Problem`` naming the file (or
the archive record) and the reason; it never stops the build. Reading is the only I/O the
parsing stages depend on.

The sources stage: this module reads files and folders; ``warc`` reads web archives and
``charset`` decides how a page's bytes are decoded.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from feeds import textclean
from feeds.errors import CaptureError
from feeds.model import Capture, Problem
from feeds.sources import warc

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
                for sub in sorted(_walk(path), key=str):  # order only for ties: list sorted below
                    found.setdefault(str(sub), sub)
            elif path.is_file():
                found.setdefault(str(path), path)
            elif path.exists():  # a FIFO, socket or device: never read
                problems.append(Problem(match, "not a regular file"))
            else:
                problems.append(Problem(match, "no such file or folder"))
    return [found[k] for k in sorted(found)], problems


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            # The suffix test on the bare name: a Path per file in large folders is slow.
            if not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES):
                yield Path(dirpath, name)


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
    """Read and decode one file. Raises ``CaptureError`` with a short reason.

    The size is checked before anything is read, and the read itself is bounded, so a
    huge file (or one that grows while it is read) is never loaded.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise CaptureError(f"unreadable ({exc.strerror})") from exc
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block the build, a device never end
        raise CaptureError("not a regular file")
    size = info.st_size
    if size > max_bytes:
        raise CaptureError(_too_large(size, max_bytes))
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise CaptureError(f"unreadable ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise CaptureError(_too_large(len(data), max_bytes))
    kind = kind_of(path)
    if kind == "archive":
        raise CaptureError("a web archive holds many captures: use iter_captures")
    warnings: list[str] = []
    if kind == "html":  # the page declares its charset
        text, found = warc.html_text(data)
        warnings += found
    else:
        decoded = decode_bytes(data)
        text, repaired = textclean.repair_mojibake(decoded.text)
        warnings += decoded.warnings
        if repaired:
            warnings.append(textclean.MOJIBAKE_REPAIRED)
        unsafe = textclean.count_unsafe(text)  # removed by the text reader
        if unsafe:
            warnings.append(f"{unsafe} control or non-XML characters removed")
    return Capture(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        kind=kind,
        captured_at=captured_at,
        warnings=tuple(warnings),
    )


def _too_large(size: int, limit: int) -> str:
    return f"too large ({size / 1e6:.1f} MB > {limit / 1e6:.1f} MB limit)"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes) -> str:
    """Bytes -> text; see ``decode_bytes``."""
    return decode_bytes(data).text


def decode_bytes(data: bytes) -> Decoded:
    """Decode a capture, saying how. Raises ``CaptureError`` (empty, binary, undecodable).

    Order: a byte-order mark wins; then strict UTF-8; then UTF-8 with a few bad bytes
    replaced, when the rest is clearly UTF-8; then a guess, which is reported.
    """
    data = data.removeprefix(b"\xef\xbb\xbf")  # UTF-8 with a BOM is decoded like UTF-8
    if not data.strip():
        raise CaptureError("empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise CaptureError(f"undecodable (bad {codec.upper()})") from exc
            return Decoded(_not_empty(text), codec)
    if _is_binary(data):
        raise CaptureError("binary")
    try:
        return Decoded(_not_empty(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    return _guess(data)


_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
# File signatures of formats that are never text captures.
_MAGIC = (
    b"%PDF-", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
    b"\x7fELF", b"7z\xbc\xaf", b"\xfd7zXZ", b"\xd0\xcf\x11\xe0", b"SQLite format 3",
    b"OggS", b"\x00asm", b"MZ\x90\x00",
)
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")
BINARY_CONTROL_RATIO = 0.05
# Mostly-UTF-8 text (at least as many valid multi-byte characters as broken sequences)
# stays UTF-8: legacy single-byte text almost never forms valid UTF-8 sequences.
MAX_BAD_PER_VALID_UTF8 = 1.0
# Below this mess ratio (charset-normalizer's measure) Windows-1252 is taken as right.
CP1252_MAX_MESS = 0.1


_NOT_CONTROL = bytes(b for b in range(256) if 32 <= b != 127 or b in (9, 10, 12, 13))


def _not_empty(text: str) -> str:
    if not text.strip():
        raise CaptureError("empty")
    return text


def _is_binary(data: bytes) -> bool:
    """A known binary signature, or more control bytes than any text has.

    A few stray NUL or control bytes in otherwise readable text do not make it binary:
    they are removed later and reported as a warning.
    """
    if data.startswith(_MAGIC):
        return True
    sample = data[:8192]
    controls = len(sample.translate(None, _NOT_CONTROL))  # what is left: control bytes
    return controls / len(sample) > BINARY_CONTROL_RATIO


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken sequences (a truncated tail, a stray legacy byte)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = len(_NON_ASCII.findall(text))
    if valid_multibyte == 0 or bad > MAX_BAD_PER_VALID_UTF8 * valid_multibyte:
        return None
    return Decoded(_not_empty(text), "utf-8", (f"{bad} invalid UTF-8 byte sequences replaced",))


def _guess(data: bytes) -> Decoded:
    """Legacy encodings, guessed with charset-normalizer, and reported as a guess.

    On short Western text charset-normalizer often prefers a rarer code page whose
    decoding looks just as clean to it (cp775 for "café"), so Windows-1252 (what
    browsers assume for unlabelled Western pages) is tried first and kept when
    charset-normalizer's own mess measure finds its decoding clean.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and mess_ratio(text[:65536], 1.0) <= CP1252_MAX_MESS:
        return Decoded(_not_empty(text), "cp1252", ("encoding guessed as cp1252",))
    best = from_bytes(data).best()
    if best is None:
        raise CaptureError("undecodable (not UTF-8, encoding not recognised)")
    return Decoded(
        _not_empty(str(best)), best.encoding, (f"encoding guessed as {best.encoding}",)
    )
