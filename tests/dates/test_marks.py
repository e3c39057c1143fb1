"""The one-pass marks give each paragraph the answers asking it alone gives."""

from __future__ import annotations

import random
import sys

from feeds.dates.evidence.marks import DIGIT_LEADS, has_relative_word, marked
from feeds.grammar.casefold import FOLDS_TO_ASCII
from feeds.grammar.dates import has_digit, may_hold_year


def _alone(parts: list[str]) -> list[tuple[str, bool, bool, bool]]:
    return [(p, w, d, may_hold_year(p)) for p in parts
            if (w := has_relative_word(p)) | (d := has_digit(p))]


def _marked(parts: list[str]) -> list[tuple[str, bool, bool, bool]]:
    """The marks, a part's year left to the text (None) asked of it."""
    return [(p, w, d, may_hold_year(p) if y is None else y) for p, w, d, y in marked(parts)]


def test_every_digit_beyond_ascii_opens_with_a_listed_byte() -> None:
    leads = {chr(cp).encode("utf-8")[0] for cp in range(0x80, sys.maxunicode + 1)
             if chr(cp).isdecimal()}
    assert leads <= set(DIGIT_LEADS)


def test_examples() -> None:
    parts = ["Nothing here.", "It was Tuesday.", "In 2019 it rained.", "Hace ٣ أيام",
             "Seit DREI TAGEN", "Vor drei Jahren", "One YEAR on", "x١", "١٢ ago", ""]
    got = _marked(parts)
    assert [g[:3] for g in got] == [
        ("It was Tuesday.", True, False), ("In 2019 it rained.", False, True),
        ("Hace ٣ أيام", False, True), ("One YEAR on", True, False), ("x١", False, True),
        ("١٢ ago", True, True)]
    assert [g[3] for g in got] == [False, True, False, False, False, False]
    # the year is left to the text only where a digit beyond ASCII may be
    assert [g[3] is None for g in marked(parts)] == [False, False, True, False, True, True]
    assert got == _alone(parts)
    assert _marked([]) == []


def test_a_letter_that_lowers_to_ascii_is_read_as_before() -> None:
    parts = ["a wee\u212a later", "plain text", "\u0130stanbul 5 days", "\u017fix"]
    assert _marked(parts) == _alone(parts)
    assert _marked(parts)[0] == ("a wee\u212a later", True, False, False)


def test_random_paragraphs_agree_with_asking_each_alone() -> None:
    rng = random.Random(7)
    pieces = ["day", "DaY", "year", "wEEk", "month", "night", "ago", "a", "g", "o", " ",
              "2019", "12", "1.2.", "3/4/", "20", ".", "/",
              "\n", "7", "٣", "۵", "߃", "१", "๓", "０", "𝟘", "é", "“", "ю", "中", "한",
              "\u0640", "\u06f0", *FOLDS_TO_ASCII, "\ud800", "ς", "Σ"]
    for _ in range(400):
        parts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
                 for _ in range(rng.randint(0, 8))]
        assert _marked(parts) == _alone(parts), parts
