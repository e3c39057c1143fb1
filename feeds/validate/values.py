"""Value checks shared by the RSS, Atom and OPML rules: each returns what is wrong, or None.

URIs follow RFC 3986 (RSS and OPML hold URLs) and RFC 3987 (Atom holds IRIs); e-mail
addresses the addr-spec of RFC 2822; language codes the IANA registry of BCP 47, through
language-tags.
"""

from __future__ import annotations

import re
from email.utils import getaddresses
from functools import cache
from typing import Any
from urllib.parse import unquote

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# RFC 3986 §2: unreserved, reserved and "%" (the start of a percent-encoding)
_URI_CHAR = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")
_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# RFC 3987 §2.2: ucschar and iprivate widen the set with non-ASCII characters
_IRI_EXTRA = re.compile("[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
                        "\U00010000-\U000EFFFD\ue000-\uf8ff]")
_TAG = re.compile(r"tag:(?:[\w.-]+@)?[A-Za-z0-9.-]+,\d{4}(?:-\d{2}(?:-\d{2})?)?:[^\s#]*(?:#\S*)?",
                  re.ASCII)
_UUID_URN = re.compile(r"urn:uuid:[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
# RFC 8141: urn:NID:NSS
_URN = re.compile(r"urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:"
                  r"(?:[\w()+,\-.:=@;$!*'/?~&]|%[0-9A-Fa-f]{2})+", re.ASCII | re.IGNORECASE)
# RFC 2822 §3.4.1 addr-spec, dot-atom form, with a dotted domain or an address literal
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_EMAIL = re.compile(rf"{_ATEXT}+(?:\.{_ATEXT}+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    rf"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9.]+\])")
_MIME = re.compile(r"[A-Za-z0-9][\w!#$&.+^-]*/[A-Za-z0-9][\w!#$&.+^-]*"
                   r"(?:\s*;\s*[\w!#$&.+^-]+=(?:[\w!#$&.+^-]+|\"[^\"]*\"))*", re.ASCII)
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def uri_problem(value: str, *, iri: bool = False, absolute: bool = False) -> str | None:
    """What keeps ``value`` from being a URI reference (an IRI reference when ``iri``)."""
    if value != value.strip():
        return "has white space around it"
    if not value and absolute:
        return "is empty"
    for ch in value:
        if _URI_CHAR.match(ch):
            continue
        if iri and _IRI_EXTRA.match(ch):
            continue
        if ch.isspace():
            return f"holds white space ({ch!r})"
        if ord(ch) > 127:
            return (f"holds the raw character {ch!r}: a URI holds ASCII only; percent-encode it "
                    "(RFC 3987 §3.1)")
        return f"holds the character {ch!r}, which a URI cannot hold unencoded"
    if _PCT.search(value):
        return "has a % not followed by two hex digits"
    scheme = _SCHEME.match(value)
    if absolute and not scheme:
        return "is not an absolute URI (no scheme)"
    if scheme and scheme[0].lower() in ("http:", "https:", "ftp:"):
        rest = value[len(scheme[0]):]
        if not rest.startswith("//") or len(rest) < 3 or rest[2] in "/?#":
            return f"is a {scheme[0][:-1]} URL without a host"
    return None


def network_url_problem(value: str) -> str | None:
    """A URL a reader can follow: scheme://host..., as a permalink must be."""
    if problem := uri_problem(value, absolute=True):
        return problem
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]", value):
        return "is not a URL with a host (scheme://host/...)"
    return None


def non_ascii(value: str) -> bool:
    return any(ord(ch) > 127 for ch in value)


def id_problem(value: str) -> str | None:
    """For tag:, urn:uuid: and other urn: ids, say what breaks their syntax; else None."""
    lowered = value.lower()
    if lowered.startswith("tag:"):
        if not _TAG.fullmatch(value):
            return "is not tag:authority,YYYY[-MM[-DD]]:specific (RFC 4151)"
    elif lowered.startswith("urn:uuid:"):
        if not _UUID_URN.fullmatch(value):
            return "is not urn:uuid: followed by a UUID (RFC 4122)"
    elif lowered.startswith("urn:") and not _URN.fullmatch(value):
        return "is not urn:NID:NSS (RFC 8141)"
    return None


def email_problem(value: str, *, bare: bool = False) -> str | None:
    """An addr-spec, bare or with a display name ('a@b.org (Name)', 'Name <a@b.org>'),
    or a mailto: URL holding one; ``bare``: the addr-spec alone (Atom's atom:email)."""
    text = value.strip()
    if bare:
        if _EMAIL.fullmatch(text):
            return None
        return "is not a bare e-mail address (RFC 2822 addr-spec, e.g. 'editor@example.org')"
    if text.lower().startswith("mailto:"):
        text = unquote(text[7:].split("?")[0])
    addresses = [addr for _, addr in getaddresses([text])]
    if any(_EMAIL.fullmatch(addr) for addr in addresses):
        return None
    return "is not an e-mail address (RFC 2822 addr-spec, e.g. 'editor@example.org')"


def mime_problem(value: str) -> str | None:
    if _MIME.fullmatch(value.strip()):
        return None
    return "is not a MIME media type (type/subtype, RFC 4288)"


@cache
def _language_tags() -> Any:  # language_tags is untyped
    from language_tags import tags  # imported on first use: it loads the IANA registry

    return tags


def language_problem(value: str) -> str | None:
    """A BCP 47 tag whose primary language subtag is registered (``x-``/``i-`` allowed)."""
    text = value.strip()
    if not _LANG.fullmatch(text):
        return "is not a language tag (BCP 47, e.g. 'en' or 'en-GB')"
    primary = text.split("-")[0].lower()
    if primary in ("x", "i") or len(primary) == 3:  # private, grandfathered, ISO 639-2/3
        return None
    tags = _language_tags()
    if tags.check(text) or tags.language(primary) is not None:
        return None
    return f"is not a language tag: {primary!r} is not a registered language code"


def integer_problem(value: str, low: int = 0, high: int | None = None) -> str | None:
    text = value.strip()
    if not re.fullmatch(r"[+-]?\d+", text):
        return "is not a whole number"
    number = int(text)
    if number < low:
        return f"is below {low}"
    if high is not None and number > high:
        return f"is above {high}"
    return None
