"""Captures of one article -> one ``Story`` with a stable id.

Two captures are the same article when they come from the same site and either share a
normalised headline or open with the same paragraph, and their bodies agree (shingle
overlap). File names play no part. Candidates are found through those two keys, so the
cost stays linear in the number of captures.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from feeds.model import Article, Story

ID_NAMESPACE = uuid.UUID("5b0f6a4e-3c1d-4f57-9a51-7d2f4f1f6e10")
SHINGLE = 4
SAME_HEADLINE_MIN_OVERLAP = 0.3
SAME_OPENING_MIN_OVERLAP = 0.6


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used for comparing text."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text.casefold()))


def site_key(article: Article) -> str:
    return normalise(article.site or "")


def shingles(article: Article) -> frozenset[str]:
    words = normalise(article.body_text).split()
    if len(words) < SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller body found in the larger: a truncated capture still matches."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def group_stories(articles: Iterable[Article]) -> list[Story]:
    """Group captures into stories; the result is sorted by id, whatever the input order."""
    items = sorted(articles, key=lambda a: (a.source, a.headline))
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sh = [shingles(a) for a in items]
    by_key: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, a in enumerate(items):
        by_key[("h", site_key(a), normalise(a.headline))].append(i)
        first = next(iter(a.paragraphs), "")
        if len(first) >= 40:
            by_key[("p", site_key(a), normalise(first)[:200])].append(i)
    for (kind, _, _), members in by_key.items():
        need = SAME_HEADLINE_MIN_OVERLAP if kind == "h" else SAME_OPENING_MIN_OVERLAP
        for j in members[1:]:
            for i in members:
                if i == j:
                    break
                if find(i) != find(j) and overlap(sh[i], sh[j]) >= need:
                    parent[find(j)] = find(i)
    groups: dict[int, list[Article]] = defaultdict(list)
    for i, a in enumerate(items):
        groups[find(i)].append(a)
    return _assign_ids([_story(g) for g in groups.values()])


def _completeness(a: Article) -> tuple[int, int, int, int, str]:
    """Rank captures by how much of the article they hold; ties are broken by content,
    never by file name, so renaming or reordering inputs cannot change the output."""
    filled = sum(x is not None for x in (a.dek, a.byline, a.dateline, a.tagline))
    fingerprint = hashlib.sha256(
        "\x00".join((a.headline, a.body_text, *a.related, a.banner or "")).encode()
    ).hexdigest()
    return (len(a.blocks), len(a.body_text), filled, len(a.related), fingerprint)


def _story(captures: Sequence[Article]) -> Story:
    best = max(captures, key=_completeness)
    # The most complete body wins; fields it lacks are taken from the other captures.
    filled = best
    for other in sorted(captures, key=_completeness, reverse=True):
        for name in ("dek", "byline", "dateline", "tagline", "url", "language"):
            if getattr(filled, name) is None and getattr(other, name) is not None:
                filled = replace(filled, **{name: getattr(other, name)})
    ordered = tuple(sorted(captures, key=lambda a: a.source))
    return Story(id="", article=filled, captures=ordered)


def _assign_ids(stories: list[Story]) -> list[Story]:
    """Derive ids from site + headline; where two different stories share both, the
    opening paragraph joins the key so they can never share a guid."""
    base: dict[str, list[Story]] = defaultdict(list)
    for s in stories:
        base[f"{site_key(s.article)}\x00{normalise(s.article.headline)}"].append(s)
    out: list[Story] = []
    for key, group in base.items():
        for s in group:
            name = key
            if len(group) > 1:
                name += "\x00" + normalise(s.article.body_text)[:400]
            sid = f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, name)}"
            out.append(Story(id=sid, article=s.article, captures=s.captures))
    ids = [s.id for s in out]
    if len(set(ids)) != len(ids):  # identical text under one headline: number them by source
        seen: dict[str, int] = defaultdict(int)
        fixed = []
        for s in sorted(out, key=lambda s: (s.id, s.article.source)):
            seen[s.id] += 1
            sid = s.id
            if seen[s.id] > 1:
                sid = f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{s.id}#{seen[s.id]}')}"
            fixed.append(Story(id=sid, article=s.article, captures=s.captures))
        out = fixed
    return sorted(out, key=lambda s: s.id)
