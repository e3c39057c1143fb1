"""HTML bytes -> text, following the order browsers use to pick an encoding.

A byte-order mark wins, then the transport's ``Content-Type`` charset (from a web archive),
then a ``<meta charset>``, ``http-equiv`` or XML declaration in the first 4 KB, then strict
UTF-8, then windows-1252: the web's default for undeclared legacy pages, which decodes
any byte sequence, so an undeclared Latin-1 page never fails.
"""

from __future__ import annotations

import codecs
import re

from feeds.errors import CaptureError

PRESCAN_BYTES = 4096
_META_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+?encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)
_HEADER_RE = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
# Labels browsers treat as another encoding (WHATWG Encoding Standard).
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def declared(data: bytes) -> str | None:
    """The encoding a page declares for itself in its first bytes, if any."""
    match = _META_RE.search(data[:PRESCAN_BYTES])
    if not match:
        return None
    return _codec((match.group(1) or match.group(2)).decode("ascii"))


def from_content_type(value: str | None) -> str | None:
    match = _HEADER_RE.search(value or "")
    return _codec(match.group(1)) if match else None


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page that says UTF-16 in ASCII bytes cannot be UTF-16 (HTML spec): read it as UTF-8.
    return "utf-8" if name.startswith("utf-16") else name


def decode_html(data: bytes, transport: str | None = None) -> str:
    """Decode HTML bytes; ``transport`` is the HTTP ``Content-Type`` when known."""
    if not data.strip():
        raise CaptureError("empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise CaptureError(f"undecodable (bad {codec} after its BOM)") from exc
    if b"\x00" in data[:8192]:
        raise CaptureError("binary")
    for name in (from_content_type(transport), declared(data), "utf-8"):
        if name:
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                continue  # a wrong declaration: try the next source
    return data.decode("cp1252", errors="replace")
