"""The cheap checks in front of the date grammar only ever skip work that would find nothing.

Each gate must be a true necessary condition of what it guards: the answers with the gates
are compared with the grammar run in full, pattern by pattern, on text built at random from
the pieces dates are written with (and without).
"""

import random
import re

import pytest

from feeds.dates import grammar
from feeds.dates.evidence import body
from feeds.dates.evidence.common import dayfirst
from feeds.dates.grammar import Mention, clear_cache, find_dates, fit_century
from feeds.model import Article, Block, BlockKind

DAYS = ("3", "03", "14", "31", "12", "1", "٣")
YEARS = ("2019", "2020", "1999", "٢٠٢٠", "２０２０", "20200421", "123")
SEPARATORS = (" ", " ", ", ", ",", "  ", "\n", "º ", "th ", "st ", " of ", " de ", "T", "Z", ":",
              "日", "일", "")
DATE_SEPARATORS = (".", "/", "-", ". ", " ", "年", "月", "")
WORDS = ("March", "march", "May", "may", "Mai", "März", "Januar", "janvier", "sept", "Sept.",
         "Dec", "октября", "Οκτωβρίου", "Monday", "Mo", "Di", "lunes", "Sonnabend",
         "segunda-feira", "den", "le", "am", "um", "at", "pm", "10:42", "+02:00", "early", "late",
         "people", "Jahr", "in", "İ", "ı", "ſ", "K", "COVID", "ago", "yesterday", "x", "")
# d day or month, y year, D a date's separator, S any other, W a word
SHAPES = ("dDdDy", "yDdDd", "dDdDd", "yDd", "dDdDySd", "WSdSy", "dSWSy", "WSdSWSy", "WSd",
          "dSW", "WSy", "dDdDdDd", "y年d月d日", "ySWSdSd")


def texts(n: int, seed: int) -> list[str]:
    """Date shapes filled at random, then broken at random (a slot dropped or added),
    between random words: dates whole and nearly so."""
    rng = random.Random(seed)
    pick = {"d": DAYS, "y": YEARS, "S": SEPARATORS, "W": WORDS, "D": DATE_SEPARATORS}
    out = []
    for _ in range(n):
        slots = list(rng.choice(SHAPES))
        if rng.random() < 0.3:
            del slots[rng.randrange(len(slots))]
        if rng.random() < 0.2:
            slots.insert(rng.randrange(len(slots) + 1), rng.choice("dySWD"))
        core = "".join(rng.choice(pick[k]) if k in pick else k for k in slots)
        out.append(f"{rng.choice(WORDS)}{rng.choice(SEPARATORS)}{core}{rng.choice(SEPARATORS)}"
                   f"{rng.choice(WORDS)}")
    return out


def reference(text: str, dayfirst: bool | None = None) -> tuple[Mention, ...]:
    """The grammar with no gate: every pattern, in order, each match masking its span."""
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for pattern in grammar._PATTERNS:
        if "(?P<month>" in pattern.pattern and not grammar._names_month(text):
            continue  # part of the grammar itself: the month-name patterns ask for one
        for m in pattern.finditer(text):
            mention = grammar._mention(m, dayfirst)
            if mention is False:
                continue
            s = mention.start if isinstance(mention, Mention) else m.start()
            if any(s < e and b < m.end() for b, e in taken):
                continue
            if not isinstance(mention, Mention):
                taken.append((s, m.end()))
                continue
            taken.append((mention.start, mention.end))
            found.append(fit_century(mention, None))
    return tuple(sorted(found, key=lambda x: x.start))


@pytest.mark.parametrize("seed", range(4))
def test_gated_grammar_finds_what_the_full_grammar_finds(seed):
    for text in texts(3000, seed):
        for order in (None, True, False):
            assert find_dates(text, order) == reference(text, order), text


def test_a_core_is_searched_for_every_pattern():
    assert len(grammar._CORES) == len(grammar._PATTERNS)


@pytest.mark.parametrize("text", [
    "Published 3 March 2025", "22.07.2019", "2020年7月1日", "19.10.19 12:44", "14/11/2016",
    "2023-04-04T10:00:00Z", "Mo 3.2.2020", "am 21. April 2020", "2019/04/12", "in May 2021",
])
def test_each_shape_is_found_through_its_gate(text):
    assert find_dates(text) == reference(text) != ()


def test_a_repeated_text_is_answered_from_the_cache_alike():
    clear_cache()
    first = find_dates("Stand: 26.10.2023 von Silke Becker")
    assert find_dates("Stand: 26.10.2023 von Silke Becker") is first
    clear_cache()
    assert find_dates("Stand: 26.10.2023 von Silke Becker") == first


@pytest.mark.parametrize("seed", range(3))
def test_relative_word_check_agrees_with_the_case_blind_pattern(seed):
    rng = random.Random(seed)
    letters = ("d", "a", "y", "Y", "DAY", "yEaR", "week", "MONTH", "nİght", "nıght", "NIGHT",
               "ago", "AGO", "ſ", "K", "ä", "é", "ς", "Σ", " ", "x")
    for _ in range(3000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 8)))
        want = re.search("year|week|month|day|night|ago", text, re.IGNORECASE) is not None
        assert body._has_relative_word(text) is want, text


def test_page_order_is_read_from_each_part_alone():
    """Parts are read together in one pass; a date split across two of them is none."""
    def article(*texts: str) -> Article:
        return Article(source="x", headline="h",
                       blocks=tuple(Block(BlockKind.PARAGRAPH, t) for t in texts))

    assert dayfirst(article("seen 1/2", "5/2015 later")) is None
    assert dayfirst(article("seen 1/25/2015 later")) is False
    assert dayfirst(article("seen 25/1/2015", "and 1/30/2016", "and 26/2/2017")) is True
