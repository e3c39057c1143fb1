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
    zone = m["zone"]
    if zone[0] in "+-":
        hours, minutes = int(zone[1:3]), int(zone[3:])
        if minutes > 59:
            return None
        sign = -1 if zone[0] == "-" else 1
        offset = timedelta(hours=sign * hours, minutes=sign * minutes)
    elif zone in _ZONES:
        offset = timedelta(hours=_ZONES[zone])
    else:
        return None
    try:
        value = datetime(int(m["year"]), _MONTHS.index(m["mon"]) + 1, int(m["day"]),
                         int(m["h"]), int(m["m"]), int(m["s"] or 0), tzinfo=timezone(offset))
    except ValueError:
        return None
    if m["wday"] and m["wday"] != _DAYS[value.weekday()]:
        return None
    return value


def parse_rfc3339(text: str) -> datetime | None:
    """RFC 3339 date-time; a time zone (Z or an offset) is required."""
    m = _RFC3339.fullmatch(text.strip())
    if not m:
        return None
    try:
        return datetime.fromisoformat(text.strip().replace("z", "Z").replace("t", "T"))
    except ValueError:
        return None
