"""Which paragraphs of an article hold a digit, a relative word or a year's digits, found
in one pass.

The prose collectors read a paragraph only where it holds a digit (no date without one)
or one of ``RELATIVE_WORDS``; most paragraphs of a page hold neither. Asked of each
paragraph in turn, that costs a lowered copy and a dozen substring searches apiece, on
text that is seldom ASCII (one curly quote is enough), where ``str`` searches are slow
and a ``\\d`` search looks every character up in Unicode's tables.

Here the paragraphs are encoded to UTF-8 once and joined: ASCII letters lower byte by
byte, each word and digit is found with ``bytes.find`` (jumping to the next paragraph
after a hit), and a paragraph is marked where a hit falls. Two facts make the answers the
same as asking each paragraph as text:

* a UTF-8 sequence for a character beyond ASCII holds no ASCII byte, and no character
  beyond ASCII lowers to an ASCII letter but the four of ``casefold.FOLDS_TO_ASCII``
  (text holding one is asked paragraph by paragraph, as before);
* every decimal digit beyond ASCII opens with one of ``DIGIT_LEADS`` in UTF-8
  (tests/dates/test_marks.py checks every code point); only a paragraph holding such a
  byte, and no ASCII digit, is searched for ``\\d`` as text, and only one holding such a
  byte is asked for its year shapes as text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from feeds.grammar.casefold import FOLDS_TO_ASCII, lowered
from feeds.grammar.dates import has_digit

# Every relative phrase and weekday name the body collector finds holds one of these (as
# IGNORECASE reads them; text that lowers alike, see feeds.grammar.casefold, holds them
# lowered as plain substrings).
RELATIVE_WORDS = ("year", "week", "month", "day", "night", "ago")
_RELATIVE_GATE = re.compile("|".join(RELATIVE_WORDS), re.IGNORECASE)
_WORDS = tuple(w.encode() for w in RELATIVE_WORDS)


def has_relative_word(text: str) -> bool:
    """Whether ``text`` holds one of ``RELATIVE_WORDS`` as IGNORECASE reads it."""
    low = lowered(text)
    if low is None:
        return _RELATIVE_GATE.search(text) is not None
    return ("day" in low or "year" in low or "week" in low or "month" in low or "night" in low
            or "ago" in low)


DIGIT_LEADS = b"\xd9\xdb\xdf\xe0\xe1\xea\xef\xf0"  # first bytes of the digits beyond ASCII
_DIGITS = b"0123456789"
_FOLDS = tuple(c.encode() for c in FOLDS_TO_ASCII)
# A byte each of _FOLDS holds and few texts do: the first, but for the Kelvin sign, whose
# first byte opens every curly quote, the last.
_FOLD_BYTES = bytes(sorted({f[-1] if f[0] == 0xE2 else f[0] for f in _FOLDS}))
# Each byte to its class: an ASCII digit to "0", a dot or slash to ".", a lead of a digit
# beyond ASCII to "x", one of _FOLD_BYTES to "f", every other byte to a space.
_CLASSES = bytes(
    ord("0") if b in _DIGITS else ord(".") if b in b"./" else ord("x") if b in DIGIT_LEADS
    else ord("f") if b in _FOLD_BYTES else ord(" ")
    for b in range(256))
# ``grammar.dates.may_hold_year``'s shapes (a four-digit run, or d.m.yy) in the classes:
# the same answer for a part whose digits are all ASCII.
_YEAR_SHAPE = re.compile(rb"0(?:000|\.00?\.00)")


def _first(text: bytes, needle: bytes | re.Pattern[bytes], start: int) -> int:
    """Where ``needle`` (bytes, or a pattern) is first found from ``start``; -1 if not."""
    if isinstance(needle, bytes):
        return text.find(needle, start)
    m = needle.search(text, start)
    return -1 if m is None else m.start()


def _hits(text: bytes, needle: bytes | re.Pattern[bytes], bounds: list[int]) -> list[int]:
    """The parts of ``text`` that hold ``needle``: part ``k`` runs from ``bounds[k]`` to
    ``bounds[k + 1]``, the last bound one past the end."""
    found = []
    i = _first(text, needle, 0)
    while i >= 0:
        k = bisect_right(bounds, i) - 1
        found.append(k)
        i = _first(text, needle, bounds[k + 1])
    return found


def marked(parts: Sequence[str]) -> list[tuple[str, bool, bool, bool | None]]:
    """Each part that holds a relative word (as ``has_relative_word``) or a digit (as
    ``has_digit``), with whether it holds each, and whether it holds a year's digits (as
    ``may_hold_year``; None where it may hold a digit beyond ASCII, which the text must be
    asked): the parts holding neither a word nor a digit are left out."""
    if not parts:
        return []
    pieces = [p.encode("utf-8", "surrogatepass") for p in parts]  # ASCII ones are copied
    text = b"\0".join(pieces)  # no word or digit holds it: every hit stays inside a part
    bounds = list(accumulate(map((1).__add__, map(len, pieces)), initial=0))
    classes = text.translate(_CLASSES)
    if b"f" in classes and any(f in text for f in _FOLDS):
        by_word = {k for k, p in enumerate(parts) if has_relative_word(p)}
    else:
        low = text.lower()
        by_word = {k for word in _WORDS for k in _hits(low, word, bounds)}
    by_digit = set(_hits(classes, b"0", bounds))
    wide = set(_hits(classes, b"x", bounds))
    by_digit.update(k for k in wide if k not in by_digit and has_digit(parts[k]))
    years = set(_hits(classes, _YEAR_SHAPE, bounds)) if by_digit else set()
    return [(parts[k], k in by_word, k in by_digit, None if k in wide else k in years)
            for k in sorted(by_word | by_digit)]
