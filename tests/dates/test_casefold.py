"""Case-blind patterns matched with case on lowered text answer as IGNORECASE does."""

import random
import re
import string
import sys

import pytest

from feeds.dates import tense
from feeds.dates.evidence import body
from feeds.grammar.casefold import FOLDS_TO_ASCII, case_blind, folds, lowered, plain_ascii

_CLASSES = (re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d"))
_LETTER = re.compile(r"[a-z]", re.IGNORECASE)


def test_every_other_character_lowers_alike():
    """Every code point but the four lowers to one character of the same word, space and
    digit classes, and matches an ASCII letter case-blind exactly when it lowers to it."""
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        if c in FOLDS_TO_ASCII or 0xD800 <= cp <= 0xDFFF:
            continue
        low = c.lower()
        assert len(low) == 1, hex(cp)
        if low != c:
            assert [bool(p.match(c)) for p in _CLASSES] == [bool(p.match(low))
                                                            for p in _CLASSES], hex(cp)
        assert bool(_LETTER.match(c)) is (low in string.ascii_lowercase), hex(cp)


@pytest.mark.parametrize("c", list(FOLDS_TO_ASCII))
def test_each_of_the_four_reads_as_an_ascii_letter_or_lowers_to_two(c):
    assert not c.isascii() and (len(c.lower()) != 1 or _LETTER.match(c))
    assert folds(f"x{c}y") and lowered(f"x{c}y") is None


def test_ascii_and_latin1_text_never_folds():
    assert not folds("Plain text, 2020") and not folds("Café über alles")
    assert lowered("It Was") == "it was"


@pytest.mark.parametrize("pattern", [r"\bWill\b", r"straße", r"(?P<x>a)É"])
def test_a_pattern_with_capitals_or_other_letters_is_refused(pattern):
    with pytest.raises(ValueError):
        case_blind(pattern)


PIECES = ("was", "WAS", "Will", "will", "would", "going to", "last", "LAST", "this", "year",
          "Year", "yesterday", "2 days ago", "March", "MARCH", "of", "until", "the", "from",
          "voted", "VOTED", "need", "K", "ſ", "İ", "ı", "é", "Σ", "ς", " ", "  ", "\n", "-", "'",
          "x", "5", ",", "\x1c")


@pytest.mark.parametrize("name, pattern", [
    ("future", tense._FUTURE), ("past", tense._PAST), ("relative", body._RELATIVE),
    ("opens range", body._OPENS_RANGE)])
def test_the_twin_finds_the_spans_the_case_blind_pattern_finds(name, pattern):
    rng = random.Random(name)
    for _ in range(20000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 9)))
        want = [(m.span(), m.groupdict()) for m in pattern.blind.finditer(text)]
        got = [(m.span(), {k: v and v.lower() for k, v in m.groupdict().items()})
               for m in pattern.finditer(text, lowered(text))]
        assert got == [(s, {k: v and v.lower() for k, v in g.items()}) for s, g in want], text
        assert bool(pattern.search(text, lowered(text))) is bool(want), text


ASCII_PIECES = ("The council", "said", "was", "will", "may", "could", "on Monday", "Tuesday's",
                "in 2019", "since 1999", "back to 2008", "to 2030, when", "of 2020", "5 people",
                "March 5", "5 March 2020", "22.07.2019", "19/10/19", "at 10:42", "that", "and",
                "because", "(", ")", ",", ";", "-", "_", " ", "  ", "\t", "\n", "\x1c", "\x1f",
                "x", "5th", "early", "mid-", "a", "Friday morning")


def twins():
    from feeds.grammar import dates as grammar

    yield tense._MODAL, tense._MODAL_ASCII
    yield tense._CLAUSE, tense._CLAUSE_ASCII
    yield body._YEAR, body._YEAR_ASCII
    yield body._WEEKDAY, body._WEEKDAY_ASCII
    yield grammar._JOINED, grammar._JOINED_ASCII
    yield from zip(grammar._NEXT_TO_DIGIT, grammar._NEXT_TO_DIGIT_ASCII, strict=True)
    for key, plan in grammar._PLANS.items():
        steps = [step for step in plan if step[1] is not grammar._CJK_CORE]
        for step, twin in zip(steps, grammar._PLANS_ASCII[key], strict=True):
            yield step[0], twin[0]
            yield step[1], twin[1]
    for blind in (tense._FUTURE, tense._PAST, body._RELATIVE, body._OPENS_RANGE):
        yield blind.cased, blind.cased_ascii


def test_each_ascii_twin_finds_what_its_pattern_finds_in_plain_ascii_text():
    """ASCII twins are searched only in plain ASCII text; there they match alike."""
    pairs = list(twins())
    rng = random.Random(13)
    for _ in range(1500):
        text = " ".join(rng.choice(ASCII_PIECES) for _ in range(rng.randint(0, 10)))
        for low in (text, text.lower()):
            if not plain_ascii(low):
                continue
            for pattern, twin in pairs:
                assert twin.pattern == pattern.pattern
                want = [(m.span(), m.groups()) for m in pattern.finditer(low)]
                assert [(m.span(), m.groups()) for m in twin.finditer(low)] == want, low
