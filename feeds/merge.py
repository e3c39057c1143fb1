"""Captures of one article -> one ``Story`` with a stable id.

Two captures are the same article when they come from the same site and either share a
normalised headline or open with the same paragraph, and their bodies agree (shingle
overlap). File names play no part. Candidates are found through those two keys, so the
cost stays linear in the number of captures.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from feeds.model import Article, Story
from feeds.textclean import normalise

ID_NAMESPACE = uuid.UUID("5b0f6a4e-3c1d-4f57-9a51-7d2f4f1f6e10")
SHINGLE = 4
SAME_HEADLINE_MIN_OVERLAP = 0.3
SAME_OPENING_MIN_OVERLAP = 0.6




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


@dataclass(frozen=True, slots=True)
class MergeKey:
    """What grouping needs from one capture, small enough to keep for 100,000 of them
    (the text stays on disk; shingles are computed only for captures that share a key)."""

    source: str
    headline: str
    site: str  # site_key
    head: str  # normalised headline
    opening: str | None  # digest of the normalised first paragraph's first 200 characters
    # (when it is 40 or more long): only ever compared, so a digest keeps keys small
    rank: tuple[int, int, int, int, str]  # _completeness


def merge_key(a: Article) -> MergeKey:
    first = next(iter(a.paragraphs), "")
    opening = None
    if len(first) >= 40:
        opening = hashlib.blake2b(normalise(first)[:200].encode(), digest_size=16).hexdigest()
    return MergeKey(a.source, a.headline, site_key(a), normalise(a.headline), opening,
                    _completeness(a))


def body_key(a: Article) -> str:
    """Joins the id key when two stories share site and headline."""
    return normalise(a.body_text)[:400]


def plan_groups(keys: Sequence[MergeKey], same: Callable[[int, int, float], bool]) -> list[int]:
    """Union captures that share a headline or opening and whose bodies agree.

    ``keys`` must be sorted by (source, headline); ``same(i, j, need)`` says whether the
    bodies of captures i and j overlap by at least ``need``. Returns each capture's root.
    """
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        by_key[("h", k.site, k.head)].append(i)
        if k.opening is not None:
            by_key[("p", k.site, k.opening)].append(i)
    for (kind, _, _), members in by_key.items():
        need = SAME_HEADLINE_MIN_OVERLAP if kind == "h" else SAME_OPENING_MIN_OVERLAP
        for j in members[1:]:
            for i in members:
                if i == j:
                    break
                if find(i) != find(j) and same(i, j, need):
                    parent[find(j)] = find(i)
    return [find(i) for i in range(len(keys))]


def plan_stories(
    keys: Sequence[MergeKey], roots: Sequence[int], body_of: Callable[[int], str]
) -> list[tuple[str, int, tuple[int, ...]]]:
    """(id, index of the most complete capture, member indices by source), sorted by id.

    ``body_of(i)`` gives ``body_key`` of capture i; it is asked only when two stories
    share a site and headline.
    """
    groups: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(roots):
        groups[root].append(i)
    plans: list[tuple[int, tuple[int, ...]]] = []
    for members in groups.values():
        if len(members) == 1:
            plans.append((members[0], (members[0],)))
            continue
        best = max(members, key=lambda i: keys[i].rank)
        ordered = tuple(sorted(members, key=lambda i: keys[i].source))
        plans.append((best, ordered))
    base: dict[str, list[tuple[int, tuple[int, ...]]]] = defaultdict(list)
    for best, ordered in plans:
        base[f"{keys[best].site}\x00{keys[best].head}"].append((best, ordered))
    out: list[tuple[str, int, tuple[int, ...]]] = []
    for key, group in base.items():
        for best, ordered in group:
            name = key
            if len(group) > 1:
                name += "\x00" + body_of(best)
            out.append((f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, name)}", best, ordered))
    ids = [o[0] for o in out]
    if len(set(ids)) != len(ids):  # identical text under one headline: number them by source
        seen: dict[str, int] = defaultdict(int)
        fixed = []
        for sid, best, ordered in sorted(out, key=lambda o: (o[0], keys[o[1]].source)):
            seen[sid] += 1
            new = sid
            if seen[sid] > 1:
                new = f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{sid}#{seen[sid]}')}"
            fixed.append((new, best, ordered))
        out = fixed
    return sorted(out, key=lambda o: o[0])


def group_stories(articles: Iterable[Article]) -> list[Story]:
    """Group captures into stories; the result is sorted by id, whatever the input order."""
    items = sorted(articles, key=lambda a: (a.source, a.headline))
    keys = [merge_key(a) for a in items]
    sh: dict[int, frozenset[str]] = {}

    def same(i: int, j: int, need: float) -> bool:
        for k in (i, j):
            if k not in sh:
                sh[k] = shingles(items[k])
        return overlap(sh[i], sh[j]) >= need

    roots = plan_groups(keys, same)
    return [
        story(sid, [items[i] for i in members])
        for sid, _, members in plan_stories(keys, roots, lambda i: body_key(items[i]))
    ]


def _completeness(a: Article) -> tuple[int, int, int, int, str]:
    """Rank captures by how much of the article they hold; ties are broken by content,
    never by file name, so renaming or reordering inputs cannot change the output."""
    filled = sum(x is not None for x in (a.dek, a.byline, a.dateline, a.tagline))
    fingerprint = hashlib.sha256(
        "\x00".join((a.headline, a.body_text, *a.related, a.banner or "")).encode()
    ).hexdigest()
    return (len(a.blocks), len(a.body_text), filled, len(a.related), fingerprint)


def story(sid: str, captures: Sequence[Article]) -> Story:
    """One story from its captures (ordered by source): the most complete body wins;
    fields it lacks are taken from the other captures."""
    if len(captures) == 1:  # most stories: nothing to rank or fill in
        return Story(id=sid, article=captures[0], captures=(captures[0],))
    # Ranked once (a rank hashes the whole body); a stable sort in reverse keeps the
    # first of equals first, so ranked[0] is what max() would pick.
    ranked = sorted(captures, key=_completeness, reverse=True)
    filled = ranked[0]
    for other in ranked:
        for name in ("dek", "byline", "dateline", "tagline", "url", "language"):
            if getattr(filled, name) is None and getattr(other, name) is not None:
                filled = replace(filled, **{name: getattr(other, name)})
    ordered = tuple(sorted(captures, key=lambda a: a.source))
    return Story(id=sid, article=filled, captures=ordered)
