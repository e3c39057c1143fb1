"""Frozen records passed between the stages of a build.

Data flows one way: ``Capture`` (bytes read from disk) -> ``Article`` (what one capture
says) -> ``Story`` (every capture of one article, merged) -> ``DateEstimate`` -> ``Item``
(what an article page and the feeds publish, text included) and ``Entry`` (the same
item without its text, for lists, indexes and ``BuildResult``). Nothing downstream
mutates what came before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

Ref = tuple[str, int, int]  # a stored article: pack file name, byte offset, length


@dataclass(frozen=True)
class Capture:
    """One input document, decoded to text, with what is known about when it was taken."""

    path: str
    sha256: str
    text: str
    kind: str = "text"  # "text" or "html"
    captured_at: datetime | None = None  # from --captured-at, a sidecar or an archive header
    url: str | None = None
    # Things the reader fixed or guessed (encoding, mojibake, removed characters): shown
    # to the user, but the capture is still used.
    warnings: tuple[str, ...] = ()


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    CAPTION = "caption"
    LIST_ITEM = "list_item"
    QUOTE = "quote"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


# The metadata pair a text reader records on an article it read by content (a full-page
# capture): its byline and date lines were chosen by the line classifier among many, so the
# date resolver trusts them less than a byline block. Its key is never a page's own.
READ_AS = "read-as"
READ_AS_FULL_PAGE = (READ_AS, "full-page")


@dataclass(frozen=True)
class Article:
    """What a single capture says about its article, chrome removed.

    ``banner`` is a date printed in the page chrome above the headline (usually the day the
    page was rendered); ``dateline`` is a date in the article's own byline block (usually
    the publication date). The parser only records where each one sat; the date resolver
    decides what they mean.
    """

    source: str
    headline: str
    site: str | None = None
    tagline: str | None = None
    banner: str | None = None
    dek: str | None = None
    byline: str | None = None
    dateline: str | None = None
    blocks: tuple[Block, ...] = ()
    related: tuple[str, ...] = ()
    url: str | None = None
    captured_at: datetime | None = None
    language: str | None = None
    # Structured metadata found in the capture, as (key, value) pairs, e.g.
    # ("datePublished", "2023-04-04T10:00:00Z") from JSON-LD; empty for plain text.
    metadata: tuple[tuple[str, str], ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind is BlockKind.PARAGRAPH)

    @property
    def body_text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class Story:
    """Every capture of one article. ``article`` is the most complete of them."""

    id: str  # stable, derived from content: the same article gives the same id on every run
    article: Article
    captures: tuple[Article, ...]


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class Implies(StrEnum):
    POINT = "point"  # the publication date is (about) this date
    LOWER = "lower"  # published on or after
    UPPER = "upper"  # published on or before
    WEEKDAY = "weekday"  # the reported day is this weekday
    RELATIVE = "relative"  # dated relative to publication ("last year"); explains, never bounds


@dataclass(frozen=True)
class Evidence:
    """One finding about the publication date, with the text it came from."""

    kind: str  # e.g. "dateline", "banner", "capture", "metadata", "year", "relative", "weekday"
    text: str  # the span of the capture it came from
    source: str  # the capture's path
    implies: Implies
    earliest: date | None = None
    latest: date | None = None
    weekday: int | None = None  # Monday == 0, for Implies.WEEKDAY
    weight: float = 0.5
    note: str = ""
    precision: Precision | None = None  # granularity of the date the span states
    at: datetime | None = None  # the exact instant, when the span states one

    @property
    def first_day(self) -> date:
        """``earliest`` of a finding that names a day: a point, a dated event, an override."""
        if self.earliest is None:
            raise ValueError(f"{self.kind} {self.text!r} names no first day")
        return self.earliest

    @property
    def last_day(self) -> date:
        """``latest`` of a finding that names a day."""
        if self.latest is None:
            raise ValueError(f"{self.kind} {self.text!r} names no last day")
        return self.latest


@dataclass(frozen=True)
class DateEstimate:
    value: datetime  # timezone-aware best estimate
    earliest: datetime
    latest: datetime
    precision: Precision
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class Item:
    """One published entry: a story, its date, and where its page lives."""

    story: Story
    date: DateEstimate
    slug: str
    site: str
    site_slug: str
    link: str
    # When the item last changed after it was published (its date narrowed); None: never.
    updated: datetime | None = None

    @property
    def id(self) -> str:
        return self.story.id

    @property
    def modified(self) -> datetime:
        """``updated`` in the feeds: when it last changed, else its date."""
        return self.date.value if self.updated is None else max(self.updated, self.date.value)


@dataclass(frozen=True)
class Entry:
    """One published item without its text: what lists, indexes and ``BuildResult`` hold,
    so a build of 100,000 captures never holds their articles. The text stays in the
    article store; ``feeds.build.load_story`` reads it when a caller asks."""

    id: str
    headline: str
    source: str  # the best capture's path
    date: DateEstimate
    slug: str
    site: str
    site_slug: str
    link: str
    tagline: str | None = None
    language: str | None = None  # common to its captures, when they agree
    # When the item last changed after it was published (its date narrowed); None: never.
    updated: datetime | None = None
    refs: tuple[Ref, ...] = ()  # its captures' articles in the store, ordered by source

    @property
    def modified(self) -> datetime:
        """``updated`` in the feeds: when it last changed, else its date."""
        return self.date.value if self.updated is None else max(self.updated, self.date.value)


@dataclass(frozen=True)
class Problem:
    """A capture that could not be used, and why. The build goes on without it."""

    path: str
    reason: str


@dataclass(frozen=True)
class BuildResult:
    """``items`` are entries (headline, site, date, page), not the article text: a build
    of 100,000 captures does not hold them all in memory. ``store`` is the article store
    their ``refs`` point into (None once it is gone)."""

    items: tuple[Entry, ...]
    written: tuple[str, ...]
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    parsed: int = 0  # captures read and parsed this run (unchanged ones are not)
    timings: tuple[tuple[str, float], ...] = ()  # (stage, seconds), for benchmarks
    # Captures that were used after a repair or a guess; not failures.
    warnings: tuple[Problem, ...] = field(default_factory=tuple)
    store: Path | None = None
