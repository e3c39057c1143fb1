"""Links from pages -> URIs a feed can carry, or nothing.

A URL found in a capture (a canonical link, ``og:url``, a web archive's target URI) is
used only when it is an absolute ``http``/``https`` URI (RFC 3986); anything else (a
relative path, another scheme, a URL with a flipped byte that swallowed the rest of the
``<head>``) is dropped and the item links to its own article page. Non-ASCII characters
are allowed on the way in, as in an IRI, and written out in the URI form of RFC 3987
§3.1: the host through IDNA, everything else as percent-encoded UTF-8. RSS, Atom and
JSON Feed consumers (and the W3C checker) expect URIs, not IRIs.

The standard library splits URLs but validates nothing, and the ``rfc3986`` package
needs ``idna`` even for ASCII hosts; the grammar below is RFC 3986's own, limited to
what an http(s) URL may hold.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote

_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = r"!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_\-]*[A-Za-z0-9_])?"
_URI = re.compile(
    rf"""(?P<scheme>https?)://
    (?:(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*@)?       # userinfo
    (?P<host>\[[0-9A-Fa-f:.]+\]|{_LABEL}(?:\.{_LABEL})*\.?)
    (?::(?P<port>[0-9]{{1,5}}))?
    (?:/{_PCHAR}*)*                                       # path-abempty
    (?:\?(?:{_PCHAR}|[/?])*)?                             # query
    (?:\#(?:{_PCHAR}|[/?])*)?                             # fragment
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SPLIT = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://)(?P<authority>[^/?#]*)(?P<rest>.*)",
                    re.DOTALL)
# Never part of a URI or an IRI, whatever the encoding: controls, spaces, delimiters.
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f<>\"{}|\\^`\x80-\x9f\ud800-\udfff]")
# What stays as it is when the rest of the string is percent-encoded: every ASCII
# character the grammar allows (quote() never touches letters, digits and "_.-~").
_KEEP = "!#$%&'()*+,/:;=?@[]"
# Leading and trailing spaces are stripped from URL attributes by browsers too.
_EDGES = " \t\n\r\f"


def http_uri(text: str | None) -> str | None:
    """``text`` as an absolute http(s) URI in its URI (ASCII) form, else None."""
    if not text:
        return None
    text = text.strip(_EDGES)
    if len(text) > 4096 or _FORBIDDEN.search(text):
        return None
    parts = _SPLIT.fullmatch(text)
    if parts is None:
        return None
    head, authority, rest = parts.group("head", "authority", "rest")
    if not text.isascii():
        try:
            authority = _ascii_authority(authority)
            rest = quote(rest, safe=_KEEP)
        except UnicodeError:
            return None
    uri = head.lower() + authority + rest
    match = _URI.fullmatch(uri)
    if match is None or not _valid_host(match.group("host")):
        return None
    port = match.group("port")
    if port is not None and int(port) > 65535:
        return None
    return uri


def _ascii_authority(authority: str) -> str:
    """Userinfo percent-encoded, a non-ASCII host through IDNA (RFC 3987 §3.1 step 2)."""
    userinfo, at, hostport = authority.rpartition("@")
    host, colon, port = hostport.rpartition(":") if not hostport.endswith("]") else (
        hostport, "", "")
    if not colon or not port.isdigit():
        host, colon, port = hostport, "", ""
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    return quote(userinfo, safe=_KEEP) + at + host + colon + port


def _valid_host(host: str) -> bool:
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return False
        return True
    if host.replace(".", "").isdigit():  # all digits: must be a dotted IPv4 address
        try:
            ipaddress.IPv4Address(host.rstrip("."))
        except ValueError:
            return False
    return len(host) <= 253
