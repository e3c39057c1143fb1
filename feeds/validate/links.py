"""URI shape checks shared by the Atom, RSS and OPML rules."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
# RFC 4151: tag:authority,date:specific (authority is a DNS name or an email address)
_TAG = re.compile(r"tag:[^,\s/]+,\d{4}(?:-\d{2}(?:-\d{2})?)?:\S*")
_UUID_URN = re.compile(r"urn:uuid:[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")


def is_absolute_iri(value: str) -> bool:
    """A scheme, a colon, something after it, and no white space anywhere."""
    return bool(_SCHEME.fullmatch(value))


def is_http_url(value: str) -> bool:
    """An absolute http(s) URL with a host: what a feed reader can fetch."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value.strip()


def id_syntax_problem(value: str) -> str | None:
    """For the two id schemes the build uses, say what is wrong with one; else None."""
    lowered = value.lower()
    if lowered.startswith("tag:") and not _TAG.fullmatch(value):
        return "is not tag:authority,YYYY[-MM[-DD]]:specific (RFC 4151)"
    if lowered.startswith("urn:uuid:") and not _UUID_URN.fullmatch(value):
        return "is not urn:uuid: followed by a UUID (RFC 4122)"
    return None
