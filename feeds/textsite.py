"""The site's name as a full-page capture prints it, or None when the page does not say.

A real page names its publisher in a few places that survive "select all + copy": the
copyright footer ("© 2020 Example Media. All rights reserved."), and the masthead — a short
line near the top that the page repeats elsewhere ("Search Example", "More from Example",
"Contact Example"). A menu word also sits near the top, so a masthead line counts only
when the page mentions it again inside a longer line, and never when it is an interface,
section or subscription word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from feeds import chrome

_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_YEARS = re.compile(r"\b(?:19|20)\d\d\b(?:\s*[-–—/]\s*(?:19|20)?\d\d\b)?")
_RIGHTS = re.compile(
    r"(?:all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|"
    r"todos\s+los\s+derechos\s+reservados|tutti\s+i\s+diritti\s+riservati|"
    r"some\s+rights\s+reserved|bestimmte\s+rechte\s+vorbehalten|by\b|by$)",
    re.IGNORECASE,
)
_EDGE = " \t.,;:|·•-–—_/()[]\"'„“”«»"
MAX_WORDS = 6
MASTHEAD_LINES = 12


def _from_copyright(line: str) -> str | None:
    m = _COPYRIGHT.search(line)
    if m is None or len(line) > 200:
        return None
    rest = line[m.end():]
    rest = _YEARS.sub(" ", rest)
    rest = _COPYRIGHT.sub(" ", rest)
    rest = re.split(r"[.|·•]\s|\s[-–—]\s|\s{2,}|,\s", rest.strip(_EDGE) + " ", maxsplit=1)[0]
    rest = _RIGHTS.split(rest, maxsplit=1)[0]
    name = " ".join(rest.split()).strip(_EDGE)
    if not name or len(name.split()) > MAX_WORDS or not any(c.isalpha() for c in name):
        return None
    if "/" in name or not name[:1].isupper() and not name[:1].isdigit() and "." not in name:
        return None  # a photo credit ("Agency/Photographer"), or a sentence's tail
    return name


def _is_name_line(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= MAX_WORDS
        and not line.endswith((".", "!", "?", ":"))
        and any(c.isalpha() for c in line)
        and not chrome.is_chrome(line)
        and not chrome.is_nav(line)
        and not chrome.is_related_label(line)
        and line.casefold() not in NOT_NAMES
    )


# Words a masthead position also holds on real pages: skip links, account and
# subscription prompts, section and menu labels. Compared whole-line, casefolded.
NOT_NAMES = frozenset(
    w.casefold()
    for w in (
        "Skip to content", "Skip to main content", "Skip navigation", "Jump to navigation",
        "Direkt zum Inhalt", "Zum Inhalt springen", "Navigation überspringen",
        "Aller au contenu", "Menu", "Menü", "Navigation", "Main menu", "Hauptmenü",
        "Subscribe", "Abonnieren", "Abo", "Sign in", "Anmelden", "Login", "Log in",
        "Register", "Registrieren", "Contact", "Contact Us", "Kontakt", "About", "About Us",
        "Über uns", "Impressum", "Datenschutz", "Privacy Policy", "Explore", "News",
        "Nachrichten", "Home", "Startseite", "Accueil", "Search", "Suche", "Suchen",
        "Recherche", "Toggle navigation", "Open menu", "Close menu", "Weather", "Sport",
        "Sports", "Politics", "Politik", "Business", "Wirtschaft", "Kultur", "Culture",
        "Opinion", "Meinung", "Video", "Videos", "Podcasts", "Newsletter", "Shop",
        "Blog", "Archive", "Archiv", "Topics", "Themen", "Sections", "Rubriken",
    )
)


def _footer_owner(lines: Sequence[str]) -> str | None:
    """The owner a copyright footer names. A photo credit ("© Reuters") also carries the
    sign, so only a notice with a year or a rights clause counts."""
    for line in reversed(lines):
        if ("©" in line or _COPYRIGHT.match(line)) and (
            _YEARS.search(line) or _RIGHTS_CLAUSE.search(line)
        ):
            name = _from_copyright(line)
            if name and _is_name_line(name):
                return name
    return None


_RIGHTS_CLAUSE = re.compile(r"rights\s+reserved|rechte\s+vorbehalten|droits\s+réservés",
                            re.IGNORECASE)


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def site_name(lines: Sequence[str], headline: int) -> str | None:
    """The publisher's name: a masthead line above the headline that the copyright footer
    also names (the footer often adds "Ltd" or "Media"), else the footer's owner; None
    when the page has no such footer."""
    owner = _footer_owner(lines)
    if owner is None:
        return None
    key = _key(owner)
    for line in lines[: min(headline, MASTHEAD_LINES)]:
        k = _key(line)
        if len(k) >= 3 and k in key and _is_name_line(line):
            return line
    return owner
