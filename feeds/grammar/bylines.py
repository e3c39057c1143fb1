"""The grammar of bylines and datelines both readers share: "By Jane Doe · 4 April 2023",
"Published: 3 June 2024, 08:40", a name line above a date, "... by admin".

A byline is split at a full date of the shared date grammar (``dates.full_dates``), so a
German or a Japanese byline splits as an English one does.
"""

from __future__ import annotations

import re

from feeds.grammar.dates import WEEKDAYS

# An English weekday beside a byline's date ("By Jo Lee, Tuesday 4 April"), from the date
# grammar's table. Other languages' weekdays are read with their dates (``full_dates``):
# short ones such as "Mo", "Di" or "Sam" are also names, never stripped from a byline.
WEEKDAY_RE = re.compile(
    rf"\b(?:{'|'.join(sorted(WEEKDAYS, key=len, reverse=True))})\b\.?,?", re.IGNORECASE
)
TIME_RE = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|UTC[+-]?\d*))?\b", re.IGNORECASE
)
BYLINE_RE = re.compile(
    r"^(?:by|written\s+by|words\s+by|reporting\s+by|story\s+by|author:?)\s+(?P<who>\S.*)$",
    re.IGNORECASE,
)
# "By" in other languages: "Von Anna Schmidt", "Par Luc Roy", "Por Ana Gil", "Door Eva de Vries".
_FOREIGN_BY_RE = re.compile(
    r"^(?:von|par|por|di|da|door|av|af|przez|od|від|от|автор:?|tekst:?|texto:?|texte:?)"
    r"\s+(?P<who>\w[\w.'’-]*(?:,?\s+\w[\w.'’-]*)+.*)$", re.IGNORECASE)


def foreign_by(text: str) -> re.Match[str] | None:
    """"Von Anna Schmidt" but not "von der Leyen": the name after the word is capitalised."""
    m = _FOREIGN_BY_RE.match(text)
    return m if m and m.group("who")[0].isupper() else None


# Words that make a labelled date a change, not the publication ("Updated", "Aktualisiert
# am", "mis à jour le", "Zuletzt geändert"): the markup scan and the resolver read one list.
UPDATE_RE = re.compile(
    r"updat|modif|edit|revis|amended|aktualisier|geändert|mis\s+à\s+jour|actualiz|aggiorn|"
    r"bijgewerkt|zuletzt|zmieniono|обновл", re.IGNORECASE)
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
# What joins an author to the date after them: "By Jane Doe on 4 April 2023", "Von Anna
# Berg am 22. Februar 2020", "Par Luc Roy le 3 mai 2021", "Von Max Roth Veröffentlicht".
DATE_JOIN_RE = re.compile(
    r"(?:(?:^|\s+)(?:published|posted|(?:last\s+)?updated|veröffentlicht|aktualisiert|"
    r"publié|publicado|actualizado|pubblicato|aggiornato|gepubliceerd):?)?"
    r"(?:(?:^|\s+)(?:on|at|in|am|um|vom|le|du|el|del|il|dal|op|em))?\s*[/|]*$",
    re.IGNORECASE,
)
