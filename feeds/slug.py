"""Safe, unique file names for output pages."""

from __future__ import annotations

import re
import unicodedata

MAX_LEN = 80
RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "index", "rss", "atom", "feed", "opml"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)


def slugify(text: str, fallback: str) -> str:
    """ASCII letters, digits and hyphens only; never empty, never a reserved name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_LEN:
        slug = slug[:MAX_LEN].rsplit("-", 1)[0] or slug[:MAX_LEN]
    if not slug:
        slug = fallback
    if slug in RESERVED:
        slug = f"{slug}-{fallback}"
    return slug


def unique(slug: str, taken: set[str], disambiguator: str) -> str:
    """Add a short, content-derived suffix on collision (deterministic, unlike a counter
    that depends on which article came first)."""
    candidate = slug
    n = 6
    while candidate in taken:
        candidate = f"{slug}-{disambiguator[:n]}"
        n += 2
    taken.add(candidate)
    return candidate
