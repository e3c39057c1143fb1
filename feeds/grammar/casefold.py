"""Case-blind matching by lowering the text once.

Python's regex engine reads a case-blind (IGNORECASE) pattern slowly: it looks up the
lower case of every character it compares, and it cannot skip ahead to the letters an
alternation of words opens with. A pattern of lower-case ASCII words, matched with case
on the lowered text, finds the same spans several times faster — on every text but those
holding one of four letters outside ASCII that IGNORECASE reads as an ASCII letter, or
whose lower case holds one (İ ı ſ K). Every other character lowers to one character with
the same word, space and digit classes, and to an ASCII letter only from that letter's
own upper case (tests/dates/test_casefold.py tries every code point). Text with one of
the four is read by the case-blind pattern itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


def folds(text: str) -> bool:
    """Whether ``text`` holds one of ``FOLDS_TO_ASCII``: four substring tests, each answered
    at once where the text is ASCII or Latin-1 (none of the four can be in it), where a
    pattern would read every character."""
    return not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text
                                   or "\u212a" in text)


def lowered(text: str) -> str | None:
    """``text`` lowered, when a ``CaseBlind`` pattern may be matched on it in place of the
    original (same length, same answers); None when it may not."""
    return None if folds(text) else text.lower()


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with ASCII classes: on plain ASCII text (``plain_ascii``) it matches
    alike, and tests each character against a small table where the Unicode classes
    (``\\d``, ``\\b``, ``\\w``) look it up in Unicode's."""
    return re.compile(pattern.pattern, (pattern.flags & ~re.UNICODE) | re.ASCII)


def plain_ascii(text: str) -> bool:
    """ASCII text without the four separator controls (0x1C-0x1F), the only ASCII
    characters a class reads differently with Unicode (``\\s`` matches them) and without."""
    return text.isascii() and not ("\x1c" in text or "\x1d" in text or "\x1e" in text
                                   or "\x1f" in text)


_ESCAPE = re.compile(r"\\.|\(\?P[<=]")  # escapes and named groups hold letters of any case


@dataclass(frozen=True)
class CaseBlind:
    """An IGNORECASE pattern of lower-case ASCII words, its case-sensitive twin, and that
    twin's ASCII twin, for lowered text that is ``plain_ascii``."""

    blind: re.Pattern[str]
    cased: re.Pattern[str]
    cased_ascii: re.Pattern[str]

    def _on(self, low: str) -> re.Pattern[str]:
        return self.cased_ascii if plain_ascii(low) else self.cased

    def search(self, text: str, low: str | None) -> re.Match[str] | None:
        """``blind.search(text)``; ``low`` is ``lowered(text)``. A match's spans are the
        original's; its text is lowered where ``low`` was used."""
        return self._on(low).search(low) if low is not None else self.blind.search(text)

    def finditer(self, text: str, low: str | None) -> list[re.Match[str]]:
        """``blind.finditer(text)``, as ``search``."""
        return list(self._on(low).finditer(low) if low is not None
                    else self.blind.finditer(text))


def case_blind(pattern: str) -> CaseBlind:
    """Both forms of ``pattern``, which must name no upper-case or non-ASCII letter (an
    escape such as ``\\W`` aside): the lowered text holds none for it to match."""
    bare = _ESCAPE.sub("", pattern)
    if not bare.isascii() or bare != bare.lower():
        raise ValueError(f"not a pattern of lower-case ASCII words: {pattern!r}")
    cased = re.compile(pattern)
    return CaseBlind(re.compile(pattern, re.IGNORECASE), cased, ascii_twin(cased))
