"""A small grammar for the dates news pages print.

dateutil's fuzzy parser invents missing parts (the current year, day 1) and cannot say
which span it used; evidence must quote its span and never claim more precision than
the text gives, so absolute dates are matched here with explicit patterns.

Longer than most modules here: each date form is a pattern with its own reading of day,
month and year, and the forms are tried in one order, with the cheap gates that skip them.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from dataclasses import dataclass
from datetime import date

from feeds.grammar.casefold import ascii_twin, plain_ascii
from feeds.grammar.languages import CAPITALISED_ONLY, MONTH_NAMES, WEEKDAY_NAMES
from feeds.model import Precision

EARLIEST_PLAUSIBLE = date(1990, 1, 1)  # before the web: a misread, not a publication date

_MONTH_NAMES = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
)
_WEEKDAY_NAMES = (
    ("monday", "mon"), ("tuesday", "tues", "tue"), ("wednesday", "wed"),
    ("thursday", "thurs", "thur", "thu"), ("friday", "fri"), ("saturday", "sat"),
    ("sunday", "sun"),
)
MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, start=1) for name in names}
WEEKDAYS = {name: n for n, names in enumerate(_WEEKDAY_NAMES) for name in names}
WEEKDAY_FULL = tuple(names[0] for names in _WEEKDAY_NAMES)


def _alternation(names: dict[str, int]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


MONTH_RE = rf"(?P<month>{_alternation(MONTHS)})\.?"
WEEKDAY_RE = rf"(?P<wd>{_alternation(WEEKDAYS)})\.?"
_ORD = r"(?:st|nd|rd|th)?"

# Month and weekday words are matched as any word and looked up afterwards: one dictionary
# lookup is far cheaper than a regex alternation of several hundred names in 25 languages.
_WORD = r"[^\W\d_]"
# Each word is taken whole (possessive: ``{3,}+``): in every pattern what follows it is no
# letter, so giving letters back could never make a match, only cost a retry per letter.
_ANY_MONTH = rf"(?P<month>{_WORD}{{3,}}+)\.?"
_ANY_WD = rf"(?:(?P<wd>{_WORD}{{2,}}+(?:-feira)?)\.?,?\s+(?:den\s+|le\s+|el\s+|the\s+)?)?"
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|º|\.)?"
_CLOCK = (r"(?P<hh>\d{1,2})[:h](?P<mm>\d{2})(?::(?P<ss>\d{2}))?(?:\.\d+)?\s?"
          r"(?P<ampm>[ap]\.?m\b\.?)?\s?(?P<tz>Z|[+-]\d{2}:?\d{2}(?!\d))?")
_TIME = rf"(?:(?:[T ]|,\s*|\s+(?:um|at|à|a\s+las|alle|om|kl\.|klo|-|\|)\s+){_CLOCK})?"
_NO_DIGIT_BEFORE = r"(?<![\d.,/])"
# A full date may follow a word with no space between them: text taken from a page joins
# inline elements ("Anna Berg22. Februar 2020", "FINTECH20. Juni 2019"), so a day written
# with its dot may start right after a letter as well as at a word boundary ("COVID19 March"
# is not a date).
_WORD_OR_GLUED = r"(?:\b|(?<=[^\W\d_])(?=\d{1,2}\.))"

# Most specific first; each match masks its span so "3 March 2025" is not also "March 2025".
_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"{_NO_DIGIT_BEFORE}(?P<year>\d{{4}})-(?P<mnum>\d{{1,2}})-(?P<day>\d{{1,2}})(?!\d){_TIME}",
    rf"(?<!\d)(?P<year>\d{{4}})\s*[年년]\s*(?P<mnum>\d{{1,2}})\s*[月월]\s*(?P<day>\d{{1,2}})\s*[日일]?"
    rf"(?:\s*(?:\([^)]{{1,3}}\)\s*)?{_CLOCK})?",
    rf"{_NO_DIGIT_BEFORE}(?P<year>(?:19|20)\d{{2}})[/.](?P<mnum>\d{{1,2}})[/.](?P<day>\d{{1,2}})(?!\d|\.\d){_TIME}",
    rf"{_WORD_OR_GLUED}{_ANY_WD}(?P<day>\d{{1,2}}){_DAY_SUFFIX}\s*(?:of\s+|de\s+)?{_ANY_MONTH}"
    rf"(?:\s+de)?,?\s+(?P<year>\d{{4}})(?!\d){_TIME}",
    rf"\b{_ANY_WD}{_ANY_MONTH}\s+(?P<day>\d{{1,2}}){_DAY_SUFFIX},?\s+(?P<year>\d{{4}})(?!\d){_TIME}",
    rf"{_WORD_OR_GLUED}{_ANY_WD}(?P<day>\d{{1,2}})\.\s?(?P<mnum>\d{{1,2}})\.\s?(?P<year>\d{{4}})"
    rf"(?!\d|\.\d){_TIME}",
    rf"{_NO_DIGIT_BEFORE}(?P<a>\d{{1,2}})[/-](?P<b>\d{{1,2}})[/-](?P<year>\d{{4}})(?![\d/]){_TIME}",
    rf"\b{_ANY_WD}(?P<day>\d{{1,2}})\.(?P<mnum>\d{{1,2}})\.(?P<yy>\d{{2}})(?![\d.]){_TIME}",
    rf"{_NO_DIGIT_BEFORE}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<yy>\d{{2}})(?![\d/]){_TIME}",
    r"(?<!\d)(?P<year>\d{4})\s*[年년]\s*(?P<mnum>\d{1,2})\s*[月월](?!\s*\d)",
    rf"\b(?:(?:early|mid|late)[-\s]+)?{_ANY_MONTH},?\s+(?:of\s+|de\s+)?(?P<year>\d{{4}})\b",
    rf"\b{_ANY_WD}(?P<day>\d{{1,2}}){_DAY_SUFFIX}\s*(?:of\s+|de\s+)?{_ANY_MONTH}(?![\w-])",
    rf"\b{_ANY_WD}{_ANY_MONTH}\s+(?P<day>\d{{1,2}}){_ORD}(?![\d:.])\b",
))


@dataclass(frozen=True)
class Mention:
    """A date written in text. ``year`` is None for "March 3"-style dates; ``short_year``
    marks a two-digit year, read in the century ``fit_century`` chooses."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None  # a weekday printed next to the date
    time: tuple[int, int, int] | None = None
    tz: str | None = None
    short_year: bool = False

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def span(self, year: int | None = None) -> tuple[date, date]:
        """The first and last day the mention can mean (``year`` fills in a missing one)."""
        y = self.year if self.year is not None else year
        if y is None:
            raise ValueError("mention has no year")
        if self.month is None:
            return date(y, 1, 1), date(y, 12, 31)
        if self.day is None:
            last = calendar.monthrange(y, self.month)[1]
            return date(y, self.month, 1), date(y, self.month, last)
        d = date(y, self.month, self.day)
        return d, d

    @property
    def weekday_agrees(self) -> bool | None:
        if self.weekday is None or self.day is None or self.year is None:
            return None
        try:
            return date(self.year, self.month or 1, self.day).weekday() == self.weekday
        except ValueError:
            return None


def fit_century(m: Mention, latest: date | None) -> Mention:
    """A two-digit year in the latest century that puts the date on or before ``latest``
    (the capture bound): "19.10.19" captured in 2020 is 2019, never 1919 or 2119."""
    if not m.short_year or m.year is None or latest is None:
        return m
    year = latest.year // 100 * 100 + m.year % 100
    if (year, m.month or 1, m.day or 1) > (latest.year, latest.month, latest.day):
        year -= 100
    return dataclasses.replace(m, year=year) if _valid(year, m.month, m.day) else m


SHORT_YEAR_PIVOT = 69  # without a bound, "19" is 2019 and "85" 1985 (as POSIX strptime %y)


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if year is not None and not 1800 <= year <= 2200:
        return False
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        date(year if year is not None else 2000, month, day)  # 2000: leap, allows 29 Feb
    except ValueError:
        return False
    return True


def _name_number(word: str | None, names: dict[str, int]) -> int | None:
    """The month or weekday number ``word`` names in ``names``; a short name that is
    also a common word counts only capitalised ("may" the verb, "march" the walk)."""
    if not word:
        return None
    low = word.lower()
    n = names.get(low)
    if n is None or (low in CAPITALISED_ONLY and not word[0].isupper()):
        return None
    return n


# The groups a mention may start at instead of its match (past a word that names no weekday).
_START_GROUPS = ("day", "month", "a")


def _mention(m: re.Match[str], dayfirst: bool | None) -> Mention | bool:
    """The mention, or False when the match is no date (a word that names no month), or
    True when it has a date's shape but names no real day ("31.02.2024", "03/04/2025")."""
    g = m.groupdict()
    start = m.start()
    short = bool(g.get("yy"))
    if short:
        yy = int(g["yy"])
        year: int | None = (2000 if yy < SHORT_YEAR_PIVOT else 1900) + yy
    else:
        year = int(g["year"]) if g.get("year") else None
    day: int | None
    month: int | None
    if g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        elif a == b:
            day, month = a, a
        elif dayfirst is not None:
            day, month = (a, b) if dayfirst else (b, a)
        else:
            return True  # 03/04/2025: day-first and month-first sites disagree
    else:
        if g.get("month"):
            month = _name_number(g["month"], MONTH_NAMES)
            if month is None:
                return False
        else:
            month = int(g["mnum"])
        day = int(g["day"]) if g.get("day") else None
    if not _valid(year, month, day):
        return True
    wd = _name_number(g.get("wd"), WEEKDAY_NAMES)
    if g.get("wd") and wd is None:  # "Published 4 April": the word is no part of the date
        start = min(m.start(k) for k in _START_GROUPS if g.get(k))
    time = None
    if g.get("hh"):
        hh = int(g["hh"])
        ampm = (g.get("ampm") or "").lower()
        if ampm.startswith("p") and hh < 12:
            hh += 12
        elif ampm.startswith("a") and hh == 12:
            hh = 0
        if hh < 24 and int(g["mm"]) < 60:
            time = (hh, int(g["mm"]), int(g["ss"] or 0))
    return Mention(start, m.end(), m.string[start:m.end()], year, month, day, wd, time,
                   g.get("tz") if time else None, short)


_DIGIT = re.compile(r"\d")  # every pattern above needs one (any Unicode digit, as \d)


def has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit as ``\\d`` reads it (any Unicode decimal digit).

    Ten substring tests find an ASCII digit far faster than the pattern, which looks each
    character up in Unicode's tables; only text with other characters and no ASCII digit
    is searched by the pattern, for the digits of other scripts."""
    if ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text
            or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text):
        return True
    return not text.isascii() and _DIGIT.search(text) is not None


# Written to open with a single digit (and words with a single letter): a pattern that
# opens with a character class lets the search skip to the characters in it, where one
# that opens with a repeat (``\d{4}``) is tried at every character.
_FOUR = re.compile(r"\d\d{3}")
_SHORT = re.compile(r"\d[./]\d{1,2}[./]\d\d")
# The same two with ASCII classes, for ASCII text: there ``\d`` is 0-9 either way, and the
# ASCII class is checked without a look-up in Unicode's tables at every character.
_FOUR_ASCII = ascii_twin(_FOUR)
_SHORT_ASCII = ascii_twin(_SHORT)


def _year_shapes(text: str, joined: bool) -> tuple[bool, bool]:
    """Whether ``text`` holds a four-digit run, and a d.m.yy shape (``joined``: whether it
    holds ``_JOINED``, which every d.m.yy shape holds)."""
    if text.isascii():
        return (_FOUR_ASCII.search(text) is not None,
                joined and _SHORT_ASCII.search(text) is not None)
    return _FOUR.search(text) is not None, joined and _SHORT.search(text) is not None
# A word then a number, or a number then a word. The word is taken whole, from its first
# letter (possessive, and never from inside a word): what follows it cannot be a letter,
# so a shorter word would fail where the whole one does, and trying every one of them
# made this search cost more than the dates themselves.
_BESIDE_DIGIT = re.compile(
    r"(?<![^\W\d_])([^\W\d_]{3,}+)\.?,?\s+(?=\d)"
    r"|\d(?:st|nd|rd|th|er|º|\.)?\s*(?:of\s+|de\s+)?([^\W\d_]{3,})")


# What each pattern above cannot match without, as a short pattern of its own: the
# digits and separators at its core, without the optional weekday before it or the clock
# after it. Most text has digits but no date, and a search for the core is far cheaper
# than the pattern (whose optional prefix is tried at every word).
_CORES = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\d\d{3}-\d",
    r"[年년]",  # (searched as two substrings: see _core_found)
    r"\d[/.]\d{1,2}[/.]\d",
    rf"\d{_DAY_SUFFIX}\s*(?:of\s+|de\s+)?{_WORD}{{3,}}\.?(?:\s+de)?,?\s+\d{{4}}",
    rf"\d{_DAY_SUFFIX},?\s+\d{{4}}",
    r"\d\.\s?\d{1,2}\.\s?\d{4}",
    r"\d[/-]\d{1,2}[/-]\d{4}",
    r"\d\.\d{1,2}\.\d{2}",
    r"\d/\d{1,2}/\d{2}",
    r"[年년]",
    r"\s\d{4}",
    rf"\d{_DAY_SUFFIX}\s*(?:of\s+|de\s+)?{_WORD}{{3}}",
    r"\s\d",
))


# Six of the cores hold a number, a dash, slash or dot, and a number; prose seldom does.
# One search for that shared part spares the six searches where it is missing (and the
# search for a d.m.yy shape, which holds it too).
_JOINED = re.compile(r"\d[-/.]\s?\d")
_JOINED_CORES = frozenset((0, 2, 5, 6, 7, 8))
_CJK_CORE = _CORES[1]  # the same pattern as _CORES[9], compiled once


def _core_found(core: re.Pattern[str], text: str) -> bool:
    """``core.search(text)``; the CJK year mark, which has no other case, as two substring
    tests (answered at once in text without wide characters, where the pattern would try
    every character)."""
    if core is _CJK_CORE:
        return "年" in text or "년" in text
    return core.search(text) is not None

_Step = tuple[re.Pattern[str], re.Pattern[str], bool, bool]


def _plan(four: bool, short: bool) -> tuple[_Step, ...]:
    """The patterns worth trying, in order, on a text that has (or lacks) a four-digit run
    and a d.m.yy shape (a pattern that needs a year cannot match without its digits), each
    with its core, whether it also needs a month name beside a number, and whether its core
    holds ``_JOINED``."""
    plan = []
    for i, (p, core) in enumerate(zip(_PATTERNS, _CORES, strict=True)):
        if "(?P<yy>" in p.pattern and not short:
            continue
        if "(?P<yy>" not in p.pattern and "(?P<year>" in p.pattern and not four:
            continue
        plan.append((p, core, "(?P<month>" in p.pattern, i in _JOINED_CORES))
    return tuple(plan)


_PLANS = {(four, short): _plan(four, short) for four in (False, True) for short in (False, True)}


# The plans for plain ASCII text: the same steps with ASCII twins, less the CJK forms,
# which need a character outside ASCII.
_PLANS_ASCII = {
    key: tuple((ascii_twin(p), ascii_twin(core), by_name, joined)
               for p, core, by_name, joined in plan if core is not _CJK_CORE)
    for key, plan in _PLANS.items()}
_JOINED_ASCII = ascii_twin(_JOINED)


def may_hold_year(text: str) -> bool:
    """Whether ``text`` has the digits a date with a year needs (a four-digit run or a
    d.m.yy shape): without them, no mention ``find_dates`` returns has a year."""
    return (_YEARISH_ASCII if text.isascii() else _YEARISH).search(text) is not None


# Either shape, in one search: a digit, then three more or a d.m.yy tail.
_YEARISH = re.compile(r"\d(?:\d{3}|[./]\d{1,2}[./]\d\d)")
_YEARISH_ASCII = ascii_twin(_YEARISH)


# Every word ``_BESIDE_DIGIT`` checks stands right after a number (its second branch,
# searched alone) or right before one (its first branch, searched alone in the reversed
# text, where the word follows the number). Both searches open with a digit, so they skip
# ahead to the text's few numbers; a text where no such word is a month name is answered
# without the full search, whose look-behind is tried at every character.
_AFTER_DIGIT = re.compile(r"\d(?:st|nd|rd|th|er|º|\.)?\s*(?:of\s+|de\s+)?([^\W\d_]{3,})")
_BEFORE_DIGIT_REVERSED = re.compile(r"\d\s+,?\.?([^\W\d_]{3,})")


def _names_month(text: str, plain: bool | None = None) -> bool:
    """A month name stands next to a number somewhere in ``text`` (``plain``: whether it is
    ``plain_ascii``, where the ASCII twins are searched)."""
    if plain is None:
        plain = plain_ascii(text)
    after, reversed_before, beside = _NEXT_TO_DIGIT_ASCII if plain else _NEXT_TO_DIGIT
    before = [word[::-1] for word in reversed_before.findall(text[::-1])]
    # Lowered in one call, each word turned the right way round first (a capital sigma
    # lowers by where it stands in its word); a line break is no letter, so each word
    # lowers as it would alone.
    words = "\n".join((*after.findall(text), *before)).lower().split("\n")
    if _MONTH_NAME_SET.isdisjoint(words):
        return False
    return any((m[1] or m[2]).lower() in MONTH_NAMES for m in beside.finditer(text))


_MONTH_NAME_SET = frozenset(MONTH_NAMES)
_NEXT_TO_DIGIT = (_AFTER_DIGIT, _BEFORE_DIGIT_REVERSED, _BESIDE_DIGIT)
_NEXT_TO_DIGIT_ASCII = tuple(ascii_twin(p) for p in _NEXT_TO_DIGIT)


def find_dates(text: str, dayfirst: bool | None = None,
               latest: date | None = None) -> tuple[Mention, ...]:
    """Every date mention in ``text``, in order, without overlaps. ``dayfirst`` settles
    "03/04/2025" (the page's language says which order it writes); None leaves it out.
    ``latest`` (the capture bound) picks the century of a two-digit year."""
    if not has_digit(text):  # most sentences: a dozen regex scans spared
        return ()
    return _scan(text, dayfirst, latest)


SCAN_CACHE = 4096  # texts: a page's date lines are read by the scan, the reader and the
# resolver in turn; the same short text is scanned once


@functools.lru_cache(maxsize=SCAN_CACHE)
def _scan(text: str, dayfirst: bool | None, latest: date | None) -> tuple[Mention, ...]:
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    named: bool | None = None
    plain = plain_ascii(text)
    joined = (_JOINED_ASCII if plain else _JOINED).search(text) is not None
    if not joined and (plain or not _core_found(_CJK_CORE, text)):
        # Every pattern needs a joined number, a month name beside a number or a CJK year
        # mark (tests/dates/test_grammar_gates.py checks): most prose with a number has
        # none of the three, and is answered here, without the plan's steps.
        named = _names_month(text, plain)
        if not named:
            return ()
    plan = (_PLANS_ASCII if plain else _PLANS)[_year_shapes(text, joined)]
    for pattern, core, by_name, needs_joined in plan:
        if needs_joined and not joined:
            continue
        if by_name:  # before the core: the month check is the cheaper, and most often fails
            if named is None:
                named = _names_month(text, plain)
            if not named:
                continue
        if not _core_found(core, text):
            continue
        for m in pattern.finditer(text):
            if taken and _overlaps(m, taken):
                continue  # whatever it reads as, its span meets one already taken
            mention = _mention(m, dayfirst)
            if mention is False:
                continue
            s = mention.start if isinstance(mention, Mention) else m.start()
            if any(s < e and b < m.end() for b, e in taken):
                continue
            if not isinstance(mention, Mention):
                taken.append((s, m.end()))  # an impossible "31 February 2024" is no month
                continue
            taken.append((mention.start, mention.end))
            found.append(fit_century(mention, latest))
    return tuple(sorted(found, key=lambda x: x.start))


def _overlaps(m: re.Match[str], taken: list[tuple[int, int]]) -> bool:
    """Whether the match's span from the latest point its mention can start (``_mention``
    moves the start past a word that names no weekday, to the day, month or first number)
    meets a span already taken: then the mention, whatever it reads as, is skipped."""
    names = m.re.groupindex
    lo = min((m.start(k) for k in _START_GROUPS if k in names and m.start(k) >= 0),
             default=m.start())
    end = m.end()
    return any(lo < e and b < end for b, e in taken)


def full_dates(text: str) -> tuple[Mention, ...]:
    """The dates in ``text`` that name a day, a month and a four-digit year, in any
    language and any order: where the readers split a byline into author and date, and
    what makes a line a dateline. A numeric date is taken whichever order it is written
    in (here only its span matters; the resolver settles the order)."""
    return tuple(m for m in find_dates(text, dayfirst=True)
                 if m.day is not None and m.year is not None and not m.short_year)


# A zone written as letters after a clock ("21:34 WIB", "08:40 BST") belongs to the date.
_ZONE_AFTER = re.compile(r"\s*(?:[A-Z]{2,4}|UTC[+-]?\d*)\b")


def without_dates(text: str, mentions: tuple[Mention, ...]) -> str:
    """``text`` with each mention's span blanked (what is left beside the dates), with
    the zone abbreviation after a mention's clock."""
    for m in reversed(mentions):
        end = m.end
        if m.time is not None and (zone := _ZONE_AFTER.match(text, end)):
            end = zone.end()
        text = f"{text[:m.start]} {text[end:]}"
    return text


def clear_cache() -> None:
    """Forget every scanned text (a benchmark measures a page's work from a cold start)."""
    _scan.cache_clear()


# "3 hours ago" in the languages most datelines are written in: the unit word decides.
_UNITS = {
    "minute": "min", "min": "min", "minuten": "min", "minuti": "min", "minutos": "min",
    "minutes": "min", "minuto": "min",
    "hour": "hour", "hr": "hour", "stunde": "hour", "stunden": "hour", "heure": "hour",
    "heures": "hour", "hora": "hour", "horas": "hour", "ora": "hour", "ore": "hour",
    "uur": "hour",
    "day": "day", "tag": "day", "tagen": "day", "jour": "day", "jours": "day", "día": "day",
    "días": "day", "dia": "day", "dias": "day", "giorno": "day", "giorni": "day",
    "dag": "day", "dagen": "day",
    "week": "week", "woche": "week", "wochen": "week", "semaine": "week", "semaines": "week",
    "semana": "week", "semanas": "week", "settimana": "week", "settimane": "week",
    "weken": "week",
}
_ONE = frozenset(("a", "an", "one", "einer", "einem", "une", "un", "una", "uno", "een"))
_N = r"(?P<n>\d+|an?|one|einer|einem|une?|una|uno|een)"
_UNIT = r"(?P<unit>[^\W\d_]+)"
_AGO = re.compile(rf"\b{_N}\s+{_UNIT}\s+(?:ago|fa|geleden)\b", re.IGNORECASE)  # en, it, nl
_AGO_BEFORE = re.compile(  # de, fr, es, pt: the word comes first
    rf"\b(?:vor|il\s+y\s+a|hace|há)\s+{_N}\s+{_UNIT}\b", re.IGNORECASE)
_NAMED = re.compile(r"\b(?P<word>yesterday|today|just now|gestern|heute|hier|aujourd'hui|ayer|"
                    r"hoy|ieri|oggi|gisteren|vandaag|ontem|hoje)\b", re.IGNORECASE)
_YESTERDAY = frozenset(("yesterday", "gestern", "hier", "ayer", "ieri", "gisteren", "ontem"))


@dataclass(frozen=True)
class Ago:
    """A "3 hours ago" stamp: a day offset from when the page was rendered."""

    text: str
    days: int  # how many days before the render day, at most
    exact: bool  # False when the offset spans several days ("2 weeks ago")


def find_ago(text: str) -> Ago | None:
    for m in (*_AGO.finditer(text), *_AGO_BEFORE.finditer(text)):
        unit = _UNITS.get(m["unit"].lower()) or _UNITS.get(m["unit"].lower().removesuffix("s"))
        if unit is None:
            continue
        n = 1 if m["n"].lower() in _ONE else int(m["n"])
        if unit == "min":
            return Ago(m.group(0), 0, True)
        if unit == "hour":
            return Ago(m.group(0), 1 if n >= 24 else 0, n < 12)
        if unit == "day":
            return Ago(m.group(0), n, True)
        return Ago(m.group(0), 7 * n, False)
    named = _NAMED.search(text)
    if named:
        return Ago(named.group(0), 1 if named["word"].lower() in _YESTERDAY else 0, True)
    return None


def latest_on_or_before(limit: date, month: int, day: int) -> date | None:
    """The last ``month``/``day`` not after ``limit`` (for dates printed without a year)."""
    for year in (limit.year, limit.year - 1, limit.year - 2, limit.year - 3, limit.year - 4):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= limit:
            return d
    return None
