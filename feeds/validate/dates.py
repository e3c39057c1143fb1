"""Strict parsers for the two date formats feeds publish.

Readers differ in how much they forgive, so these accept only what the specs say:
RFC 822 (as updated by RFC 1123: four-digit years) for RSS and OPML, RFC 3339 for Atom.
Both return an aware datetime or None.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ZONES = {"UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
          "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}

_RFC822 = re.compile(
    r"(?:(?P<wday>[A-Z][a-z]{2}), )?(?P<day>\d{1,2}) (?P<mon>[A-Z][a-z]{2}) (?P<year>\d{4}) "
    r"(?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2}))? (?P<zone>[+-]\d{4}|[A-Z]{1,3})"
)
_RFC3339 = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[Tt](?P<time>\d{2}:\d{2}:\d{2})(?:\.\d+)?"
    r"(?P<zone>[Zz]|[+-]\d{2}:\d{2})"
)


def parse_rfc822(text: str) -> datetime | None:
    """RFC 822 date-time with a four-digit year; the weekday, if given, must match."""
    m = _RFC822.fullmatch(text.strip())
    if not m or m["mon"] not in _MONTHS:
        return None
    return _moment(m, int(m["year"]), m["mon"], _offset(m["zone"], military=False))


def _offset(zone: str, military: bool) -> timedelta | None:
    """An RFC 822 zone as an offset: ``+hhmm``, a named zone, or (where allowed) a
    military letter; None for anything else."""
    if not zone:
        return None
    if zone[0] in "+-":
        hours, minutes = int(zone[1:3]), int(zone[3:])
        if minutes > 59:
            return None
        sign = -1 if zone[0] == "-" else 1
        return timedelta(hours=sign * hours, minutes=sign * minutes)
    if zone in _ZONES:
        return timedelta(hours=_ZONES[zone])
    if military and zone in _MILITARY:
        return timedelta(hours=_MILITARY[zone])
    return None


def _moment(m: re.Match[str], year: int, month: str, offset: timedelta | None,
            ) -> datetime | None:
    """The instant a matched RFC 822 date names; None when it does not exist or its
    weekday is not the date's."""
    if offset is None:
        return None
    try:
        value = datetime(year, _MONTHS.index(month.title()) + 1, int(m["day"]), int(m["h"]),
                         int(m["m"]), int(m["s"] or 0), tzinfo=timezone(offset))
    except ValueError:
        return None
    if m["wday"] and m["wday"].title() != _DAYS[value.weekday()]:
        return None
    return value


_RFC822_ANY = re.compile(
    r"(?:(?P<wday>[A-Za-z]{3})\s*,\s*)?(?P<day>\d{1,2})\s+(?P<mon>[A-Za-z]{3})\s+"
    r"(?P<year>\d{2}|\d{4})\s+(?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
    r"(?:\s*(?P<zone>[+-]\d{4}|[A-Za-z]{1,3}))?"
)
# RFC 822 §5.1: military zones, one letter except J
_MILITARY = {**{c: -(ord(c) - 64) for c in "ABCDEFGHI"}, **{c: -(ord(c) - 65) for c in "KLM"},
             **{c: ord(c) - 77 for c in "NOPQRSTUVWXY"}, "Z": 0}


def _uncomment(text: str) -> str:
    """RFC 822 §3.4.3: a parenthesised comment (comments nest) is white space."""
    text = re.sub(r"\\.", "", text)
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"\([^()]*\)", " ", text)
    return re.sub(r"\s*,\s*", ", ", text)


def parse_rfc822_any(text: str) -> datetime | None:
    """Any date-time RFC 822 allows: two-digit years, any letter case and spacing, military
    zones (RSS 2.0 accepts them all and prefers four-digit years). The weekday must match."""
    m = _RFC822_ANY.fullmatch(_uncomment(text).strip())
    if not m or m["mon"].title() not in _MONTHS:
        return None
    year = int(m["year"])
    if len(m["year"]) == 2:
        year += 1900 if year >= 50 else 2000
    return _moment(m, year, m["mon"], _offset((m["zone"] or "").upper(), military=True))


def parse_rfc3339(text: str) -> datetime | None:
    """RFC 3339 date-time; a time zone (Z or an offset) is required. A leap second
    (:60, RFC 3339 §5.7) is read as :59."""
    m = _RFC3339.fullmatch(text.strip())
    if not m:
        return None
    value = text.strip().replace("z", "Z").replace("t", "T")
    if m["time"].endswith(":60"):
        value = value[:m.start("time") + 6] + "59" + value[m.end("time"):]
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
