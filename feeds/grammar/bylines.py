"""The grammar of bylines and datelines both readers share: "By Jane Doe · 4 April 2023",
"Published: 3 June 2024, 08:40", a name line above a date, "... by admin".

Its date pattern is the strict English one a byline is split at (a written-out or numeric
date with a year); the date forms of every language, which the resolver and the full-page
text reader use, are in ``dates``.
"""

from __future__ import annotations

import re

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:1[89]|2[01])\d\d"
# A date written out: "4 April 2023", "April 4, 2023", "Feb 08, 2026", "2023-04-04", "04/04/2023".
DATE_RE = re.compile(
    rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS},?\s+{_YEAR}\b"
    rf"|\b{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b"
    rf"|\b{_YEAR}-\d{{2}}-\d{{2}}\b"
    rf"|\b\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR}\b)",
    re.IGNORECASE,
)
WEEKDAY_RE = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?", re.IGNORECASE
)
TIME_RE = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|UTC[+-]?\d*))?\b", re.IGNORECASE
)
BYLINE_RE = re.compile(
    r"^(?:by|written\s+by|words\s+by|reporting\s+by|story\s+by|author:?)\s+(?P<who>\S.*)$",
    re.IGNORECASE,
)
DATELINE_LEAD_RE = re.compile(
    r"^(?:published|updated|last\s+updated|first\s+published|posted|posted\s+on|"
    r"date|filed|modified)\b\s*:?\s*",
    re.IGNORECASE,
)
# Separators between an author and a date on one line: "By Jane Doe · 4 April 2023".
BYLINE_SPLIT_RE = re.compile(r"\s*(?:[·•|—–]|\s-\s|,)\s*")
# A byline without "By": a person's name, perhaps with a role, on the line above a date.
NAME_LINE_RE = re.compile(
    r"^(?:[A-Z][\w'’.-]+)(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|da|di|al|bin|le|la)){1,3}"
    r"(?:\s*(?:,|\||—|–|\s-\s)\s*[\w ,&'’-]{2,60})?$"
)
# "... by admin" closing a dateline: the author of a blog post.
TRAILING_AUTHOR_RE = re.compile(r"\s+by\s+(?P<who>[\w][\w .'’-]{0,40})$", re.IGNORECASE)
