"""The header-first reading of plain-text captures, and the line rules every text reader uses.

A "save as text" or reader-view capture keeps the page's reading order and little else.
The rules below use only structure: position relative to the headline, blank lines,
closing punctuation, line length and repetition. Nothing is keyed on a site or its words.

Shape of a typical capture::

    Site name                       <- header: site, tagline, banner date, navigation
    Tagline.
    Sunday, Feb 08, 2026
    Headline                        <- often printed twice (page title, then heading)
    Headline
    Standfirst.                     <- dek
    By Jane Doe                     <- byline block: authors, dateline
    Published 3 March 2025
    Paragraph. / Sub-head / Caption without closing punctuation / - list item
    Related Articles                <- a label, then a run of headlines with no blank lines
    Other headline
    Other headline

Longer than most modules here: the header-first rules are one top-down reading of the
capture, and its line rules (bylines, datelines, standfirsts, block kinds) are the ones
the full-page reader (``textpage``) uses too. Which reader reads a capture is chosen in
``textreader``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from feeds import chrome, textclean
from feeds.errors import CaptureError
from feeds.grammar.bylines import (
    BYLINE_RE,
    BYLINE_SPLIT_RE,
    DATE_JOIN_RE,
    DATELINE_LEAD_RE,
    NAME_LINE_RE,
    TIME_RE,
    TRAILING_AUTHOR_RE,
    WEEKDAY_RE,
    foreign_by,
)
from feeds.grammar.dates import full_dates, without_dates
from feeds.model import Article, Block, BlockKind
from feeds.parse import textsite

# A label and a comma-separated list of short items: "Tags: beans, pests, weather".
TAXONOMY_RE = re.compile(r"^[^\W\d][\w ]{0,24}:\s*[^,.!?]{1,40}(?:,\s*[^,.!?]{1,40})+$")
LIST_MARKER_RE = re.compile(r"^(?:[-*•▪◦‣–]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)")
QUOTE_MARKER_RE = re.compile(r"^>\s?")
# The picture agencies whose names end a credit line after a slash ("Jane Doe/Getty"): such
# a line carries no other mark of a credit, and these few agencies supply most news photos
# in every language, so they are named data rather than one site's words.
PHOTO_AGENCIES = ("getty", "reuters", "ap", "afp", "epa", "shutterstock")
CREDIT_RE = re.compile(
    r"(?:\((?:photo|image|picture|credit|video)[^)]*\)|"
    r"\b(?:photo|image|picture|illustration)\s*(?:by|:|credit)|"
    r"/\s*(?:" + "|".join(PHOTO_AGENCIES) + r")\b)",
    re.IGNORECASE,
)


def _may_be_credit(line: str) -> bool:
    """CREDIT_RE cannot match a line that holds none of its words (casefolded): substring
    tests are far cheaper than the regex search they spare."""
    low = line.casefold()
    return ("/" in low or "photo" in low or "image" in low or "picture" in low
            or "illustration" in low or "credit" in low or "video" in low
            or "ı" in low)  # dotless i matches "i" case-insensitively: let the regex decide


# Closing punctuation that makes a line prose rather than a title, heading or caption.
PROSE_END = tuple(".!?…:;\"”’'»)。！？")
SENTENCE_END = tuple(".…。")
HEADING_MAX_WORDS = 9
HEADLINE_MAX_CHARS = 250
DEK_MAX_WORDS = 60
MASTHEAD_MAX_LINES = 4  # site, tagline, banner date, one more: a longer header is a menu
RELATED_MIN_RUN = 3


@dataclass(frozen=True)
class Unit:
    """One logical line: a paragraph (re-joined if the capture hard-wrapped it)."""

    text: str
    block: int  # index of the run of consecutive non-blank lines it came from
    run_len: int  # how many units that run holds


def header_first(
    units: list[Unit], head: tuple[int, int, bool], source: str, captured_at: datetime | None
) -> Article:
    """The article of a capture whose headline ``head`` was found by the header rules."""
    h_index, skip_to, open_dek = head
    headline = units[h_index].text
    header = [u.text for u in units[:h_index]]
    # "Posted on 2024-06-02 by admin" above the headline: the post's own byline block.
    above = [line for line in header if _is_labelled_meta(line)]
    site, tagline, banner = _read_header([line for line in header if line not in above])
    # Where the page names itself elsewhere (masthead, footer, title suffix), that name;
    # the first line only when it can be a name (not a skip link, a button or a sentence).
    # The first line names the site under a masthead-sized header when it can be a name.
    # A longer header is a menu (its first line a section word), and a skip link or a
    # button is no name: the site is then the name the page prints elsewhere, if any.
    masthead = len(header) - len(above) <= MASTHEAD_MAX_LINES
    if site is None or not masthead or not textsite.plausible(site):
        site = textsite.site_name([u.text for u in units], h_index)
    byline = next((w for w, _ in map(byline_parts, above) if w), None)
    dateline = next((d for _, d in map(byline_parts, above) if d), None)

    pos = skip_to
    dek = None
    seen_byline = False
    while pos < len(units):
        line = units[pos].text
        who, when = byline_parts(line)
        if who is None and when is None and _name_above_date(units, pos):
            who = line
        if who is not None or when is not None:
            byline = byline or who
            dateline = dateline or when
            seen_byline = True
            pos += 1
            continue
        if TAXONOMY_RE.match(line):  # "Tags: beans, pests" belongs to the byline block
            pos += 1
            continue
        if chrome.is_comments_heading(line):  # "12 comments" beside the byline
            pos += 1
            continue
        if (
            dek is None
            and not seen_byline
            and pos == skip_to
            and (is_dek(line) or (open_dek and _words(line) <= DEK_MAX_WORDS))
            and pos + 1 < len(units)
        ):
            dek = line
            pos += 1
            continue
        break

    body_units, related = _split_related(units[pos:])
    # No article goes on under its own comments: a thread's heading or the comment form
    # ends the body, as it does for the full-page reader.
    body_units = body_units[:chrome.thread_start([u.text for u in body_units])]
    repeated = {s.casefold() for s in (site, tagline, headline, dek) if s}
    blocks = tuple(
        classify(u.text) for u in body_units if u.text.casefold() not in repeated
    )
    if not any(b.kind is not BlockKind.HEADING for b in blocks) and dek is None:
        raise CaptureError("no article body found under the headline")
    return Article(
        source=source,
        headline=headline,
        site=site,
        tagline=tagline,
        banner=banner,
        dek=dek,
        byline=byline,
        dateline=dateline,
        blocks=blocks,
        related=tuple(r for r in related if r.casefold() not in repeated),
        captured_at=captured_at,
    )


def page_units(text: str) -> list[Unit]:
    """The capture's logical lines, interface residue removed (related labels kept)."""
    return visible_units(split_lines(text))


def visible_units(lines: list[str]) -> list[Unit]:
    return [
        u for u in _units(lines)
        if not chrome.is_chrome(u.text) or chrome.is_related_label(u.text)
    ]


def split_lines(text: str) -> list[str]:
    """Lines free of XML-illegal characters, single-spaced: the parser's clean edge."""
    return textclean.clean_lines(text)


def _units(lines: list[str]) -> list[Unit]:
    """Group lines into runs separated by blank lines; re-join hard-wrapped prose."""
    runs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    units: list[Unit] = []
    for index, run in enumerate(runs):
        parts = [" ".join(run)] if _is_wrapped(run) else run
        units.extend(Unit(p, index, len(parts)) for p in parts)
    return units


def _is_wrapped(run: list[str]) -> bool:
    """A run is one hard-wrapped paragraph when its lines fill a near-constant width and
    at least one line stops mid-sentence (a list of headlines varies in width)."""
    if len(run) < 2:
        return False
    width = max(len(line) for line in run)
    if width > 100 or width < 40:
        return False
    body = run[:-1]
    if any(len(line) < width - 22 for line in body):
        return False
    if any(LIST_MARKER_RE.match(line) for line in run):
        return False
    if not run[-1].endswith(PROSE_END):
        return False
    return any(not line.endswith(PROSE_END) for line in body)


def _words(line: str) -> int:
    return len(line.split())


def _is_date_line(line: str) -> bool:
    """A line that is a date and little else (banner or dateline)."""
    dates = full_dates(line)
    if not dates:
        return False
    rest = without_dates(line, dates)
    rest = DATELINE_LEAD_RE.sub(" ", rest.strip())
    rest = WEEKDAY_RE.sub(" ", TIME_RE.sub(" ", rest))
    rest = re.sub(r"(?i)\b(?:at|on|gmt|utc|bst|cet|cest|est|edt|pst|pdt)\b|[,|·•()\-–—]", " ", rest)
    return _words(rest) <= 1


def is_titleish(line: str) -> bool:
    return (
        len(line) <= HEADLINE_MAX_CHARS
        and _words(line) >= 2
        and not line.endswith(SENTENCE_END)
        and not _is_date_line(line)
        and not chrome.is_nav(line)
        and byline_parts(line) == (None, None)
        and not chrome.is_comments_heading(line)  # "12 comments" beside a byline
    )


def is_prose(line: str) -> bool:
    return line.endswith(PROSE_END) and _words(line) >= 4


def find_headline(units: list[Unit]) -> tuple[int, int, bool] | None:
    """Return (index of the headline, index of the first unit after it, whether that
    unit is a standfirst even without closing punctuation).

    1. A title printed twice in a row near the top (page title, then heading) is the
       headline: captures of rendered pages nearly always repeat it.
    2. Otherwise the headline is the last title-like line before the article's prose
       begins (the first prose line that is followed by more prose) — unless the line
       above it is a title of at least four words that is not longer than it: then that
       line is the headline and this one its standfirst (a dek without a full stop).
       The site line (a short first line) and a short line under it (a tagline) are
       never taken for the headline this way.
    """
    window = units[:25]
    for i in range(len(window) - 1):
        a, b = window[i].text, window[i + 1].text
        if a.casefold() == b.casefold() and is_titleish(a):
            return i, i + 2, False
    start = None
    for i, unit in enumerate(units):
        if is_prose(unit.text):
            nxt = _next_content(units, i + 1)
            if nxt is None or is_prose(units[nxt].text):
                start = i
                break
    if start is None:
        start = len(units)
    for i in range(min(start, 40) - 1, -1, -1):
        if is_titleish(units[i].text) and not _name_above_date(units, i):
            return _pair_with_dek(units, i)
    return None


def _pair_with_dek(units: list[Unit], b: int) -> tuple[int, int, bool]:
    a = b - 1
    if a < 0 or not is_titleish(units[a].text):
        return b, b + 1, False
    wa, wb = _words(units[a].text), _words(units[b].text)
    if wa < 4 or wb < wa:
        return b, b + 1, False
    site_first = _words(units[0].text) <= 5
    if (a == 0 and site_first) or (a == 1 and site_first and wa < 6):
        return b, b + 1, False
    return a, a + 1, True


def _next_content(units: list[Unit], i: int) -> int | None:
    """Index of the next unit that is not a byline or dateline line."""
    while i < len(units):
        if byline_parts(units[i].text) == (None, None) and not _name_above_date(units, i):
            return i
        i += 1
    return None


def _name_above_date(units: list[Unit], i: int) -> bool:
    """A name line (no "By") directly above a dateline is a byline."""
    if i + 1 >= len(units) or _words(units[i].text) > 10:
        return False
    below = byline_parts(units[i + 1].text)[1]
    if below is None:
        return False
    text = units[i].text
    if NAME_LINE_RE.match(text):
        return True
    # Any script: a few words without digits, under a clearly longer title.
    return (
        _words(text) <= 3 and i > 0 and _words(units[i - 1].text) > _words(text) + 1
        and not any(c.isdigit() for c in text) and not text.endswith(PROSE_END)
    )


def _is_labelled_meta(line: str) -> bool:
    """A byline or dateline that says what it is ("By ...", "Posted on ...")."""
    labelled = BYLINE_RE.match(line) or DATELINE_LEAD_RE.match(line)
    return bool(labelled) and byline_parts(line) != (None, None)


def _read_header(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """Site name (first line), tagline (next non-date, non-nav line), banner date."""
    site = tagline = banner = None
    for line in lines:
        if _is_date_line(line) or _is_numeric_date(line):
            banner = banner or line
        elif chrome.is_nav(line):
            continue
        elif site is None and len(line) <= 80 and line.casefold() not in textsite.NOT_NAMES:
            site = line
        elif tagline is None and site is not None:
            tagline = line
    return site, tagline, banner


def byline_parts(line: str) -> tuple[str | None, str | None]:
    """(author text, date text) when the line is a byline or a dateline, else (None, None)."""
    english = BYLINE_RE.match(line)
    m = english or foreign_by(line)
    if m and len(line) <= 160:
        who = m.group("who")
        if dates := full_dates(who):
            start = dates[0].start
            head = BYLINE_SPLIT_RE.split(who[:start].strip(), maxsplit=1)[0]
            head = DATE_JOIN_RE.sub("", head.strip(" ,·•|—–-"))
            return head or None, who[start:].strip()
        if not english:  # "Von Trier dreht wieder": without a date the word may open a name
            return None, None
        if _words(who) <= 12 and not who.endswith(SENTENCE_END):
            return who.strip(), None
        return None, None
    if not _ANY_DIGIT.search(line):  # every date below holds a digit
        return None, None
    if len(line) <= 120 and DATELINE_LEAD_RE.match(line) and (dates := full_dates(line)):
        author = TRAILING_AUTHOR_RE.search(line)
        if author and author.start() > dates[0].start:
            return author.group("who").strip(), line
        return None, line
    if len(line) <= 80 and _is_date_line(line):
        return None, line
    if _is_numeric_date(line):
        return None, line
    return None, None


# Decimal digits of any script, as ASCII: "٣ يونيو ٢٠٢٤" -> "3 يونيو 2024".
_DIGITS = {c: str(int(chr(c))) for c in (
    *range(0x660, 0x66A), *range(0x6F0, 0x6FA), *range(0x966, 0x970), *range(0xFF10, 0xFF1A)
)}
_NUMBER = re.compile(r"\d+")
_ANY_DIGIT = re.compile(r"\d")
_LETTER_WORD = re.compile(r"\b[^\W\d]+\b")


def _is_numeric_date(line: str) -> bool:
    """A date in any language: a year and a day or month in digits, and at most two
    words ("2024年6月3日 08:40", "٣ يونيو ٢٠٢٤", "3. Juni 2024")."""
    if len(line) > 40:
        return False
    ascii_digits = line.translate(_DIGITS)
    numbers = _NUMBER.findall(ascii_digits)
    has_year = any(len(n) == 4 and n[:2] in ("19", "20") for n in numbers)
    words = [w for w in _LETTER_WORD.findall(ascii_digits) if not _CJK_DATE.fullmatch(w)]
    return has_year and len(numbers) >= 2 and len(words) <= 2


_CJK_DATE = re.compile(r"[年月日時分号號]+")


def is_dek(line: str) -> bool:
    return _words(line) <= DEK_MAX_WORDS and line.endswith(PROSE_END)


def _split_related(units: list[Unit]) -> tuple[list[Unit], list[str]]:
    """Cut the trailing list of other headlines (and its label) off the body.

    The list is recognised by shape: at the end of the page, runs of several consecutive
    lines with no blank line between them, mostly title-like (a stray sentence among
    them does not break the run), optionally introduced by a short label.
    """
    # Linear in the number of lines: a hostile capture of 5 MB of short runs must not
    # make this quadratic. Runs are contiguous, so a run's part before i is a slice.
    starts: dict[int, int] = {}
    for index, unit in enumerate(units):
        starts.setdefault(unit.block, index)
    found: list[list[str]] = []  # runs of related headlines, the last one first
    i = len(units)
    while i > 0:
        u = units[i - 1]
        run = units[starts[u.block] : i]
        if _is_headline_run(run):
            found.append([x.text for x in run if not chrome.is_related_label(x.text)])
            i -= len(run)
        elif chrome.is_related_label(u.text) or (found and _is_label(u)):
            i -= 1
        else:
            break
    related = [text for run in reversed(found) for text in run]
    if not related:
        # A label with nothing recognisable under it still ends the body.
        # A label with only titles under it still ends the body; mid-body "Read more"
        # links followed by prose do not.
        for j, u in enumerate(units):
            rest = units[j + 1 :]
            if j > 0 and chrome.is_related_label(u.text) and all(
                is_titleish(x.text) or chrome.is_chrome(x.text) for x in rest
            ):
                return units[:j], [x.text for x in rest if is_titleish(x.text)]
    return units[:i], related


def _is_headline_run(run: list[Unit]) -> bool:
    if len(run) < RELATED_MIN_RUN or run[0].run_len < RELATED_MIN_RUN:
        return False
    if any(LIST_MARKER_RE.match(x.text) for x in run):
        return False
    titles = sum(1 for x in run if not is_prose(x.text) or _words(x.text) <= 16)
    return titles >= 0.8 * len(run)


def _is_label(u: Unit) -> bool:
    return u.run_len == 1 and _words(u.text) <= 4 and not u.text.endswith(PROSE_END)


def classify(line: str) -> Block:
    if LIST_MARKER_RE.match(line) and _words(line) >= 2:
        return Block(BlockKind.LIST_ITEM, LIST_MARKER_RE.sub("", line, count=1).strip())
    if QUOTE_MARKER_RE.match(line):
        return Block(BlockKind.QUOTE, QUOTE_MARKER_RE.sub("", line, count=1).strip())
    if _may_be_credit(line) and CREDIT_RE.search(line) and _words(line) <= 60:
        return Block(BlockKind.CAPTION, line)
    if line.endswith(PROSE_END):
        return Block(BlockKind.PARAGRAPH, line)
    if _words(line) <= HEADING_MAX_WORDS:
        return Block(BlockKind.HEADING, line)
    return Block(BlockKind.CAPTION, line)
