"""Web archives (WARC, ISO 28500) -> one ``Capture`` per archived HTML page.

Every ``response`` record with a successful HTML body is a capture: ``WARC-Target-URI``
is its URL and ``WARC-Date`` the moment it was taken. Other records (requests, metadata,
revisits, images, redirects, error pages) hold no article and are passed over silently.
A record that cannot be used (too large, a target URI that is not an http(s) URL, an
unknown record type, content that does not match its WARC digest) becomes a ``Problem``
and the records after it are still read.

A damaged archive (cut short, corrupted bytes, garbage between records) keeps the
records read whole before the damage and ends with one ``Problem`` saying where:
``damaged at byte N after record K (reason); K records kept``, N being the offset in
the file where the first record that could not be read whole starts (for a ``.gz``,
the start of its gzip member: ``head -c N`` keeps every good record). warcio reads
records but passes over damage (it stops at a truncated gzip member or prints a zlib
error and carries on), so the gzip members are decompressed and checked here, each
member's data handed on only once its CRC has been checked, and every record's
length is checked against what was read.

Longer than most modules here: the gzip member checks and the record reader are one pass
over the file's bytes, and the offsets they report must agree.
"""

from __future__ import annotations

import hashlib
import zlib
from bisect import bisect_right
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from feeds import textclean
from feeds.errors import CaptureError
from feeds.model import Capture, Problem
from feeds.sources.charset import decode_html
from feeds.uri import http_uri

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b"
_BLOCK = 1 << 16
# A gzip member is handed on only once complete and checked, so garbage from corrupted
# bytes never reaches the reader; past this size (a video record, never a page) its
# data is streamed and checked as it comes.
_MEMBER_BUFFER = 32 << 20


class Damaged(Exception):
    """The archive cannot be read past ``offset`` (a byte offset in the file)."""

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


class _Records(ArchiveIterator):
    # warcio prints a warning when a record is not followed by its blank lines (a wrong
    # Content-Length); the count it keeps (err_count) is reported as damage instead.
    INC_RECORD = ""


def iter_captures(
    path: Path, *, max_bytes: int, captured_at: datetime | None = None
) -> Iterator[Capture | Problem]:
    """Yield a ``Capture`` per HTML response, a ``Problem`` per unusable record, and a
    last ``Problem`` when the archive is damaged. ``captured_at`` stands in for a record
    without a readable ``WARC-Date``."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below; the iterator reads lazily
    except OSError as exc:
        yield Problem(str(path), f"unreadable ({exc.strerror})")
        return
    with raw:
        try:
            gzipped = raw.read(2) == _GZIP_MAGIC
            raw.seek(0)
        except OSError as exc:
            yield Problem(str(path), f"unreadable ({exc.strerror})")
            return
        stream = _Members(raw) if gzipped else _Counted(raw)
        yield from _read(path, stream, max_bytes, captured_at)


def _read(path: Path, stream: _Counted, max_bytes: int,
          fallback: datetime | None) -> Iterator[Capture | Problem]:
    records = _Records(stream, check_digests=True)
    kept = 0  # records read whole
    start = 0  # where the record being read starts, in the decompressed stream
    try:
        for number, record in enumerate(records, start=1):
            start = records.offset
            where = f"{path}#{number}"
            if not isinstance(record.length, int) or record.length < 0:
                raise ValueError("a record without a valid Content-Length")
            found = _use(record, where, max_bytes, fallback)
            _drain(record)
            if (record.rec_type == "response" and not isinstance(found, Problem)
                    and getattr(record.digest_checker, "passed", None) is False):
                found = _record_problem(record, where, "damaged: content does not match "
                                        "its WARC digest")
            after = _next_record(records)  # damage right after a whole record
            kept = number
            if found is not None:
                yield found
            if after is not None:
                raise after
            start = records.offset
        if stream.position > records.offset:  # warcio ends quietly in a cut record
            raise ValueError("cut short")
        if stream.position == 0:
            yield Problem(str(path), "empty")
    except Damaged as exc:
        yield _damaged(path, exc.offset, kept, exc.reason)
    except Exception as exc:  # warcio on damaged input: anything may come up
        reason = "not a web archive record" if isinstance(exc, ArchiveLoadFailed) else _short(exc)
        yield _damaged(path, stream.file_offset(start), kept, reason)


_RECORD_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata",
                           "revisit", "conversion", "continuation"})


def _use(record: ArcWarcRecord, where: str, max_bytes: int,
         fallback: datetime | None) -> Capture | Problem | None:
    """A capture, a problem with this record alone, or None for a record with no page."""
    if record.rec_type not in _RECORD_TYPES:
        return _record_problem(record, where, f"unknown record type {record.rec_type!r:.40}")
    if record.rec_type != "response":
        return None
    target = record.rec_headers.get_header("WARC-Target-URI")
    if target and http_uri(target) is None:
        return _record_problem(record, where, "target URI is not an http(s) URL")
    try:
        return _capture(record, where, max_bytes, fallback)
    except CaptureError as exc:
        return _record_problem(record, where, str(exc))


def _record_problem(record: ArcWarcRecord, where: str, reason: str) -> Problem:
    uri = record.rec_headers.get_header("WARC-Target-URI") or "no URI"
    return Problem(where, f"{reason} ({uri})")


def _drain(record: ArcWarcRecord) -> None:
    """Read the rest of a record; raise when it is shorter than its Content-Length."""
    stream = record.raw_stream
    while stream.read(_BLOCK):
        pass
    missing = getattr(stream, "limit", 0)
    if missing > 0:
        raise ValueError(f"record cut short, {missing} bytes missing")


def _next_record(records: ArchiveIterator) -> Damaged | None:
    """Read up to the next record: the damage found there, if any; raise when the
    record just read is not followed by its blank lines (a wrong Content-Length)."""
    errors = records.err_count
    try:
        records.read_to_end()
    except Damaged as exc:
        return exc
    if records.err_count > errors:
        raise ValueError("a record's length does not match its content")
    return None


def _damaged(path: Path, offset: int, kept: int, reason: str) -> Problem:
    plural = "record" if kept == 1 else "records"
    return Problem(str(path), f"damaged at byte {offset} after record {kept} ({reason}); "
                              f"{kept} {plural} kept")


def _capture(record: ArcWarcRecord, where: str, max_bytes: int,
             fallback: datetime | None) -> Capture | None:
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    if status is not None and not str(status).startswith("2"):
        return None
    content_type = (http.get_header("Content-Type") if http is not None else None) or ""
    if content_type and content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        raise CaptureError(f"too large (> {max_bytes / 1e6:.1f} MB limit)")
    if not content_type and not _looks_html(data):
        return None
    text, warnings = html_text(data, content_type)
    return Capture(
        path=where,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        warnings=warnings,
        kind="html",
        captured_at=_warc_date(record.rec_headers.get_header("WARC-Date")) or fallback,
        url=http_uri(record.rec_headers.get_header("WARC-Target-URI")),
    )


# Whitespace to an HTML parser, illegal in XML: a space keeps the words apart.
_HTML_SPACES = ("\x0b", "\x0c", "\x85")


def html_text(data: bytes, transport: str | None = None) -> tuple[str, tuple[str, ...]]:
    """An HTML capture's text, decoded (``transport``: the HTTP Content-Type, when
    known), mojibake repaired and made safe (``safe_html_text``), with what was done."""
    text, repaired = textclean.repair_mojibake(decode_html(data, transport))
    text, removed = safe_html_text(text)
    return text, ((textclean.MOJIBAKE_REPAIRED,) if repaired else ()) + removed


def safe_html_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Decoded HTML without the characters XML 1.0 forbids (controls, lone surrogates,
    non-characters, terminal escapes), and a warning saying how many went. lxml refuses
    them in any text set on a tree, so they never reach the HTML reader."""
    cleaned = textclean.xml_safe(_spaced(text))
    if cleaned == text:
        return text, ()
    unsafe = textclean.count_unsafe(text)  # line-breaking controls are not counted
    return cleaned, (f"{unsafe} control or non-XML characters removed",) if unsafe else ()


def _spaced(text: str) -> str:
    """``_HTML_SPACES`` as spaces. A ``str.replace`` per character, not ``str.translate``
    with a table: translate looks up every character of the page in Python (~15 ms for a
    70 KB page, a quarter of a real page's build), replace scans in C (microseconds)."""
    for char in _HTML_SPACES:
        if char in text:
            text = text.replace(char, " ")
    return text


class _Counted:
    """An uncompressed archive: the file itself, offsets unchanged."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position

    def file_offset(self, offset: int) -> int:
        return offset


class _Members(_Counted):
    """A ``.warc.gz``: its gzip members decompressed one after the other, each member's
    data handed on once its CRC and length are checked. Raises ``Damaged`` at the start
    of a member that is cut short, corrupted or not gzip at all."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__(raw)
        self.buffer = memoryview(b"")
        self.at = 0  # how much of ``buffer`` was read
        self.pending = b""  # compressed bytes read but not yet decompressed
        self.consumed = 0  # compressed bytes taken from the file
        self.starts: list[tuple[int, int]] = []  # (decompressed offset, file offset)
        self.chunks = self._chunks()

    def read(self, size: int = -1) -> bytes:
        if self.at >= len(self.buffer):
            self.buffer, self.at = memoryview(next(self.chunks, b"")), 0
        size = len(self.buffer) - self.at if size is None or size < 0 else size
        data = bytes(self.buffer[self.at : self.at + size])  # no copy of the rest
        self.at += len(data)
        self.position += len(data)
        return data

    def file_offset(self, offset: int) -> int:
        """The file offset of the member holding decompressed byte ``offset``."""
        index = bisect_right(self.starts, (offset, float("inf"))) - 1
        return self.starts[index][1] if index >= 0 else 0

    def _fill(self) -> bool:
        if not self.pending:
            self.pending = self.raw.read(_BLOCK)
            self.consumed += len(self.pending)
        return bool(self.pending)

    def _chunks(self) -> Iterator[bytes]:
        """Each member's data once checked; a very large member in pieces as it comes."""
        produced = 0
        while self._fill():
            begin = self.consumed - len(self.pending)
            self.starts.append((produced, begin))
            member = zlib.decompressobj(wbits=31)  # gzip framing: CRC and length checked
            held: list[bytes] = []
            size = 0
            try:
                while not member.eof:
                    if not self._fill():
                        raise Damaged(begin, "cut short")
                    chunk = member.decompress(self.pending, _BLOCK)
                    self.pending = member.unused_data if member.eof else member.unconsumed_tail
                    held.append(chunk)
                    size += len(chunk)
                    if size > _MEMBER_BUFFER:  # not a page: passed on unchecked so far
                        yield b"".join(held)
                        produced += size
                        held, size = [], 0
            except zlib.error as exc:
                reason = "not gzip data" if "header" in str(exc) else f"corrupted: {exc}"
                raise Damaged(begin, reason) from None
            if size:
                yield b"".join(held)
                produced += size


def _looks_html(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<!--"))


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
