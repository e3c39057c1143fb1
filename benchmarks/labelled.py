"""The labelled HTML pages in tests/fixtures/html and how an extraction is scored on them.

Shared by the accuracy test and the benchmarks so that every extractor is measured the
same way. ``published_day`` reads our raw date metadata in the order a resolver would
trust it; it is a yardstick for the metadata, not the project's date resolver.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dateutil import parser as dateparser

from feeds.model import Article, BlockKind

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "html"
PUBLISHED_KEYS = ("datePublished", "article:published_time", "itemprop:datePublished",
                  "time", "byline-date")


@dataclass(frozen=True)
class Truth:
    file: str
    headline: str
    published: str  # "YYYY-MM-DD", or "" when the page states no publication date
    paragraphs: int
    author: str | None = None
    shape: str = ""
    heldout: bool = False  # written after the reader was frozen, to measure it unseen

    @property
    def path(self) -> Path:
        return FIXTURES / self.file


@dataclass(frozen=True)
class Extracted:
    """What one extractor found on one page, reduced to the labelled fields."""

    headline: str | None
    author: str | None
    paragraphs: int
    published: str | None  # "YYYY-MM-DD" or None


def load_truth() -> list[Truth]:
    with open(FIXTURES / "truth.toml", "rb") as handle:
        return [Truth(**page) for page in tomllib.load(handle)["page"]]


def parse_day(value: str, *, fuzzy: bool = False) -> date | None:
    """The calendar day a date value states, in its own time zone."""
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        pass
    try:
        return dateparser.parse(value, fuzzy=fuzzy, default=datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def published_day(metadata: Iterable[tuple[str, str]]) -> str | None:
    """The first published-date value, by key order, that reads as a day."""
    pairs = list(metadata)
    for key in PUBLISHED_KEYS:
        for k, value in pairs:
            if k == key:
                day = parse_day(value, fuzzy=key == "byline-date")
                if day and day.year > 1900:
                    return day.isoformat()
    return None


NOTHING = Extracted(None, None, 0, None)  # what an extractor that gave up found


def from_article(article: Article) -> Extracted:
    return Extracted(
        headline=article.headline,
        author=article.byline,
        paragraphs=sum(1 for b in article.blocks if b.kind is BlockKind.PARAGRAPH),
        published=published_day(article.metadata),
    )


@dataclass(frozen=True)
class Score:
    pages: int
    headline: float
    paragraphs: float  # share with the paragraph count within one of the truth
    author: float  # over the pages whose author is labelled
    published: float
    misses: tuple[str, ...]


def score(truths: list[Truth], run: Callable[[Truth], Extracted]) -> Score:
    hits = {"headline": 0, "paragraphs": 0, "author": 0, "published": 0}
    authored = 0
    misses: list[str] = []
    for t in truths:
        got = run(t)
        checks = {
            "headline": got.headline == t.headline,
            "paragraphs": abs(got.paragraphs - t.paragraphs) <= 1,
            "published": (got.published or "") == t.published,
        }
        if t.author is not None:
            authored += 1
            checks["author"] = got.author == t.author
        for field, ok in checks.items():
            hits[field] += ok
            if not ok:
                want = {"headline": t.headline, "paragraphs": t.paragraphs,
                        "published": t.published, "author": t.author}[field]
                have = {"headline": got.headline, "paragraphs": got.paragraphs,
                        "published": got.published, "author": got.author}[field]
                misses.append(f"{t.file}: {field}: want {want!r}, got {have!r}")
    n = len(truths)
    return Score(n, hits["headline"] / n, hits["paragraphs"] / n,
                 hits["author"] / max(authored, 1), hits["published"] / n, tuple(misses))


def report(name: str, s: Score) -> str:
    return (f"{name}: {s.pages} pages, headline {s.headline:.0%}, paragraphs±1 "
            f"{s.paragraphs:.0%}, author {s.author:.0%}, published {s.published:.0%}")
