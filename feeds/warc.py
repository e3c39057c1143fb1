"""Web archives (WARC, ISO 28500) -> one ``Capture`` per archived HTML page.

Every ``response`` record with a successful HTML body is a capture: ``WARC-Target-URI``
is its URL and ``WARC-Date`` the moment it was taken. Other records (requests, metadata,
revisits, images, redirects, error pages) hold no article and are passed over silently.
A record that cannot be read becomes a ``Problem`` and the records after it are still
read; a damaged archive stops at the damage, keeping what came before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from feeds import textclean
from feeds.charset import decode_html
from feeds.errors import CaptureError
from feeds.model import Capture, Problem

SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_captures(
    path: Path, *, max_bytes: int, captured_at: datetime | None = None
) -> Iterator[Capture | Problem]:
    """Yield a ``Capture`` per HTML response and a ``Problem`` per unreadable record.
    ``captured_at`` stands in for a record without a readable ``WARC-Date``."""
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below; the iterator reads lazily
    except OSError as exc:
        yield Problem(str(path), f"unreadable ({exc.strerror})")
        return
    with stream:
        records = ArchiveIterator(stream)
        try:
            for number, record in enumerate(records, start=1):
                if record.rec_type != "response":
                    continue
                where = f"{path}#{number}"  # the record's place in the archive
                try:
                    capture = _capture(record, where, max_bytes, captured_at)
                except CaptureError as exc:
                    uri = record.rec_headers.get_header("WARC-Target-URI") or "no URI"
                    yield Problem(where, f"{exc} ({uri})")
                    continue
                if capture is not None:
                    yield capture
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield Problem(str(path), f"damaged web archive ({_short(exc)})")


def _capture(record, where: str, max_bytes: int, fallback: datetime | None) -> Capture | None:
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
    text, repaired = textclean.repair_mojibake(decode_html(data, content_type))
    return Capture(
        path=where,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        warnings=(textclean.MOJIBAKE_REPAIRED,) if repaired else (),
        kind="html",
        captured_at=_warc_date(record.rec_headers.get_header("WARC-Date")) or fallback,
        url=record.rec_headers.get_header("WARC-Target-URI") or None,
    )


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
