"""User-supplied date knowledge: an almanac of dated events and manual overrides.

Both are TOML so that users can keep them next to their captures and review them in diffs;
the code holds no facts about the world, only the mechanism to apply the user's.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from feeds.errors import FeedsError
from feeds.model import Precision


@dataclass(frozen=True)
class Dated:
    """A date as the user wrote it: a day, a month ("2023-04") or a year ("2023")."""

    earliest: date
    latest: date
    precision: Precision
    at: datetime | None = None  # a full timestamp, when the user gave one


@dataclass(frozen=True)
class AlmanacEntry:
    """A phrase pattern that, when it occurs in an article, names an event on ``when``."""

    pattern: re.Pattern[str]
    when: Dated
    label: str = ""


@dataclass(frozen=True)
class Override:
    """The date the user says a story was published: keyed by story id or headline."""

    key: str
    when: Dated


def parse_dated(value: object, where: str) -> Dated:
    """Read a TOML date, datetime, or "YYYY" / "YYYY-MM" / "YYYY-MM-DD" string."""
    if isinstance(value, datetime):
        return Dated(value.date(), value.date(), Precision.DAY, value)
    if isinstance(value, date):
        return Dated(value, value, Precision.DAY)
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*", value)
        if m:
            y, mo, d = int(m[1]), int(m[2] or 0), int(m[3] or 0)
            try:
                if d:
                    day = date(y, mo, d)
                    return Dated(day, day, Precision.DAY)
                if mo:
                    first = date(y, mo, 1)
                    nxt = date(y + (mo == 12), mo % 12 + 1, 1)
                    return Dated(first, date.fromordinal(nxt.toordinal() - 1), Precision.MONTH)
                return Dated(date(y, 1, 1), date(y, 12, 31), Precision.YEAR)
            except ValueError:
                pass
    raise FeedsError(f"{where}: not a date: {value!r} (use 2023-04-04, '2023-04' or '2023')")


def _read(path: str | Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise FeedsError(f"{path}: cannot read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FeedsError(f"{path}: invalid TOML: {exc}") from exc


def load_almanac(path: str | Path) -> tuple[AlmanacEntry, ...]:
    """Entries from ``[[event]]`` tables (pattern, date, optional label) or an
    ``[events]`` table mapping pattern to date."""
    data = _read(path)
    raw: list[tuple[str, object, str]] = []
    for n, entry in enumerate(data.get("event", []), start=1):
        if not isinstance(entry, dict) or "pattern" not in entry or "date" not in entry:
            raise FeedsError(f"{path}: [[event]] #{n} needs 'pattern' and 'date'")
        raw.append((str(entry["pattern"]), entry["date"], str(entry.get("label", ""))))
    raw.extend((str(k), v, "") for k, v in data.get("events", {}).items())
    entries = []
    for pattern, when, label in raw:
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise FeedsError(f"{path}: bad pattern {pattern!r}: {exc}") from exc
        entries.append(AlmanacEntry(compiled, parse_dated(when, f"{path}: {pattern!r}"), label))
    return tuple(entries)


def load_overrides(path: str | Path) -> tuple[Override, ...]:
    """Entries from a ``[dates]`` table: story id or headline -> date."""
    data = _read(path)
    table = data.get("dates", {})
    if not isinstance(table, dict):
        raise FeedsError(f"{path}: [dates] must be a table")
    return tuple(Override(str(k), parse_dated(v, f"{path}: {k!r}")) for k, v in table.items())
