"""The cheap checks in front of the date grammar only ever skip work that would find nothing.

Each gate must be a true necessary condition of what it guards: the answers with the gates
are compared with the grammar run in full, pattern by pattern, on text built at random from
the pieces dates are written with (and without).
"""

import random
import re

import pytest

from feeds.dates.evidence import body
from feeds.dates.evidence.common import dayfirst
from feeds.dates.evidence.marks import has_relative_word, marked
from feeds.grammar import dates as grammar
from feeds.grammar.casefold import lowered, plain_ascii
from feeds.grammar.dates import Mention, clear_cache, find_dates, fit_century, has_digit
from feeds.grammar.languages import MONTH_NAMES
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


WORD_THEN_DIGIT = re.compile(r"([^\W\d_]{3,})\.?,?\s+\d")  # a month name beside a number
DIGIT_THEN_WORD = re.compile(r"\d(?:st|nd|rd|th|er|º|\.)?\s*(?:of\s+|de\s+)?([^\W\d_]{3,})")


def names_month(text: str) -> bool:
    """Tried at every position, so one match never hides another that shares its digit
    ("from 5 January": "from 5" and "5 January")."""
    for i in range(len(text)):
        inside_word = i > 0 and (text[i - 1].isalpha() or text[i - 1] == "_")
        for pattern in (DIGIT_THEN_WORD,) if inside_word else (WORD_THEN_DIGIT, DIGIT_THEN_WORD):
            m = pattern.match(text, i)  # a word is taken whole, never from inside
            if m and m[1].lower() in MONTH_NAMES:
                return True
    return False


# The patterns as first written: words matched greedily, giving letters back on a miss.
PATTERNS = tuple(re.compile(p.pattern.replace("}+", "}"), p.flags) for p in grammar._PATTERNS)


def reference(text: str, dayfirst: bool | None = None) -> tuple[Mention, ...]:
    """The grammar with no gate: every pattern, in order, each match masking its span."""
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for pattern in PATTERNS:
        if "(?P<month>" in pattern.pattern and not names_month(text):
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


@pytest.mark.parametrize("seed", range(2))
def test_month_name_check_reads_as_first_written(seed):
    for text in texts(3000, seed):
        assert grammar._names_month(text) is names_month(text), text


def test_the_cjk_year_mark_core_reads_as_its_substrings():
    """The core ``[年년]`` is tested as two substrings: no other character matches it."""
    core = grammar._CJK_CORE
    assert core is grammar._CORES[1] and core.pattern == grammar._CORES[9].pattern
    for text in (*map(chr, range(0x110000)), "x年", "년x", "月日", ""):
        assert grammar._core_found(core, text) is (core.search(text) is not None), text


@pytest.mark.parametrize("seed", range(2))
def test_year_shapes_with_the_joined_check_read_as_the_two_searches(seed):
    """A d.m.yy shape is searched for only where ``_JOINED`` is found."""
    for text in texts(3000, seed):
        joined = grammar._JOINED.search(text) is not None
        want = (grammar._FOUR.search(text) is not None, grammar._SHORT.search(text) is not None)
        assert grammar._year_shapes(text, joined) == want, text


def test_ascii_classes_read_plain_ascii_text_as_the_unicode_classes():
    """The ASCII twins are searched only in ASCII text without 0x1C-0x1F: there every
    class the grammar uses reads each character as it does with Unicode."""
    for c in map(chr, range(128)):
        for cls in (r"\s", r"\d", r"\w", r"\W", r"[^\W\d_]", r"[a-z]", r"\S"):
            unicode = re.fullmatch(cls, c, re.IGNORECASE) is not None
            ascii_ = re.fullmatch(cls, c, re.IGNORECASE | re.ASCII) is not None
            assert unicode is ascii_ or (cls in (r"\s", r"\S") and "\x1c" <= c <= "\x1f"), (cls, c)
    assert plain_ascii("5 March 2020") and not plain_ascii("5\x1cMarch 2020")
    assert not plain_ascii("5 März 2020")


@pytest.mark.parametrize("seed", range(2))
def test_ascii_twins_find_what_the_full_grammar_finds(seed):
    rng = random.Random(seed)
    plain = [t for t in texts(6000, seed) if t.isascii()]
    for text in plain + [t.replace(" ", rng.choice(("\x1c", "\x1f", "\t", " ")), 1)
                         for t in plain[:1500]]:
        for order in (None, True, False):
            assert find_dates(text, order) == reference(text, order), text
        assert grammar._names_month(text) is names_month(text), text


def test_a_core_is_searched_for_every_pattern():
    assert len(grammar._CORES) == len(grammar._PATTERNS)
    assert any("}+" in p.pattern for p in grammar._PATTERNS)  # the reference differs


def test_the_shared_part_is_in_every_core_it_spares():
    """A core searched only where ``_JOINED`` is found must hold a match of it."""
    rng = random.Random(7)
    pieces = ("1", "12", "2020", "19", "-", "/", ".", ". ", " ", "a", "٣", "年", "\n")
    joined = [grammar._CORES[i] for i in sorted(grammar._JOINED_CORES)]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if any(core.search(text) for core in joined):
            assert grammar._JOINED.search(text), text


def test_every_pattern_needs_a_joined_number_a_month_name_or_a_cjk_mark():
    """What lets ``_scan`` answer text with none of the three at once."""
    for i, (pattern, core) in enumerate(zip(grammar._PATTERNS, grammar._CORES, strict=True)):
        assert (i in grammar._JOINED_CORES or "(?P<month>" in pattern.pattern
                or core is grammar._CJK_CORE), pattern.pattern


def test_text_without_a_joined_number_skips_those_cores(monkeypatch):
    asked = []

    class Spy:
        def __init__(self, core):
            self.core = core

        def search(self, text):
            asked.append(self.core.pattern)
            return self.core.search(text)

    for table in ("_PLANS", "_PLANS_ASCII"):
        plans = {key: tuple((p, Spy(core), named, joined) for p, core, named, joined in plan)
                 for key, plan in getattr(grammar, table).items()}
        monkeypatch.setattr(grammar, table, plans)
    clear_cache()
    find_dates("The 2020 budget rose 5 percent to 30,000 jobs")
    # in plain ASCII text (read with the ASCII twins) and in other text, and where a month
    # name sends the search on to its cores
    find_dates("The 2020 budget rose 5 percent on 3 May to 30,000 jobs")
    find_dates("The 2020 budget rose 5 percent to 30,000 jobs, “all” of them")
    clear_cache()
    assert asked
    assert not {grammar._CORES[i].pattern for i in grammar._JOINED_CORES} & set(asked)


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
        assert has_relative_word(text) is want, text
        assert (marked([text]) != []) is (want or has_digit(text)), text


def test_page_order_is_read_from_each_part_alone():
    """Parts are read together in one pass; a date split across two of them is none."""
    def article(*texts: str) -> Article:
        return Article(source="x", headline="h",
                       blocks=tuple(Block(BlockKind.PARAGRAPH, t) for t in texts))

    assert dayfirst(article("seen 1/2", "5/2015 later")) is None
    assert dayfirst(article("seen 1/25/2015 later")) is False
    assert dayfirst(article("seen 25/1/2015", "and 1/30/2016", "and 26/2/2017")) is True


def test_numeric_dates_not_after_a_number_as_with_a_look_behind():
    """The page-order scan tests what precedes each match instead of a look-behind."""
    from feeds.dates.evidence import common

    first = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](?:\d{4}|\d{2})(?![\d/])")
    rng = random.Random(5)
    pieces = ("1", "12", "3", "2020", "99", "/", ".", " ", "a", "٣", "\n")
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        want = [m.span() for m in first.finditer(text)]
        assert [m.span() for m in common._numeric_dates(text)] == want, text


def test_page_order_is_worked_out_once_per_capture(monkeypatch):
    from feeds.dates.evidence import common

    calls = []
    real = common._dayfirst
    monkeypatch.setattr(common, "_dayfirst", lambda a: calls.append(a) or real(a))
    one = Article(source="one", headline="h", blocks=(Block(BlockKind.PARAGRAPH, "25/1/2015"),))
    two = Article(source="two", headline="h", blocks=(Block(BlockKind.PARAGRAPH, "1/25/2015"),))
    assert [dayfirst(one), dayfirst(one), dayfirst(two), dayfirst(one)] == [True, True, False,
                                                                            True]
    assert [a.source for a in calls] == ["one", "two", "one"]


PROSE = ("The council", "said", "was", "will", "on Monday", "Tuesday's", "last year",
         "yesterday", "3 days ago", "in 2019", "since 1999", "back to 2008", "in March",
         "March of last year", "4 April 2023", "5 people", "12 km", "22.07.2019", "19.10.19",
         "at 10:42", "Jahr", "İ", "Day", "DAY", "year", "tonight", ".", ",", "; and", "when",
         "The", "met", "closed", "12", "2021", "Published 4 May 2021", "last week",
         "This Month", "LAST NIGHT", "today", "two weeks ago", "a year ago", "this weekend",
         "earlier this year", "lastyear", "this", "last", "week", "nıght", "ago")


def reference_body(article: Article) -> tuple:
    """The body pass with no gate: every finder on every sentence of every part."""
    from feeds.dates.evidence.common import text_parts
    from feeds.dates.evidence.stamps import stamp
    from feeds.dates.tense import sentences

    found = []
    for part in text_parts(article):
        if stamp(part, article.source) is not None:
            continue
        for sentence in sentences(part):
            mentions = find_dates(sentence)
            masked = body._mask(sentence, mentions)
            found += reference_relatives(masked, article.source)
            found += body._weekdays(masked, article.source)
            found += body._dates(masked, mentions, article.source)
            found += body._anchors(sentence, mentions, article.source)
            found += reference_years(masked, article.source)
    return tuple(found)


def reference_relatives(masked: str, src: str) -> list:
    from feeds.model import Evidence, Implies

    return [Evidence("relative", m.group(0), src, Implies.RELATIVE, weight=0.0,
                     note="dated relative to publication")
            for m in body._RELATIVE.blind.finditer(masked)]


def reference_years(masked: str, src: str) -> list:
    from datetime import date

    from feeds.dates.tense import tense_at
    from feeds.model import Evidence, Implies, Precision

    return [Evidence("year", m.group(0), src, Implies.LOWER,
                     date(int(m["year"] or m["back"] or m["when"]), 1, 1), None,
                     weight=body.YEAR_WEIGHT,
                     note="a year in past tense: published on or after it",
                     precision=Precision.YEAR)
            for m in body._YEAR.finditer(masked)
            if tense_at(masked, m.start(), m.end()) == "past"]


@pytest.mark.parametrize("seed", range(3))
def test_body_pass_with_gates_finds_what_every_finder_finds(seed):
    from feeds.model import Story

    rng = random.Random(seed)
    for _ in range(400):
        blocks = tuple(
            Block(BlockKind.PARAGRAPH,
                  " ".join(rng.choice(PROSE) for _ in range(rng.randint(1, 18))))
            for _ in range(rng.randint(1, 4)))
        article = Article(source="x", headline="h", blocks=blocks)
        story = Story(id="s", article=article, captures=(article,))
        assert body.find(story) == reference_body(article), [b.text for b in blocks]


def reference_elsewhere(el) -> bool:
    """Where an element sits, judged from its whole chain of ancestors, as first written."""
    from feeds.parse.htmldates import _BESIDE, _ELSEWHERE
    from feeds.parse.htmldoc import tokens

    chain = []
    for a in (el, *el.iterancestors()):
        if a.tag in ("body", "html"):
            break
        chain.append(a)
    inside = False
    for a in reversed(chain):
        inside = inside or a.tag == "article"
        if a.tag == "nav":
            return True
        if not (a.get("class") or a.get("id")):
            if not inside and a.tag in ("aside", "footer"):
                return True
            continue
        words = tokens(a)
        if words & _ELSEWHERE or not inside and (a.tag in ("aside", "footer")
                                                 or words & _BESIDE):
            return True
    return False


@pytest.mark.parametrize("seed", range(3))
def test_ancestor_verdicts_shared_across_a_page_judge_as_the_whole_chain(seed):
    from feeds.parse.htmldates import _elsewhere
    from feeds.parse.htmldoc import parse

    rng = random.Random(seed)
    tags = ("div", "div", "section", "article", "aside", "footer", "nav", "span", "main")
    classes = ("", "", "", "sidebar", "comments", "related", "content", "has-sidebar",
               "post", "footer-links")

    def tree(depth: int) -> str:
        if depth == 0:
            return "<time>2020-01-01</time>"
        tag, cls = rng.choice(tags), rng.choice(classes)
        attr = f' class="{cls}"' if cls else ""
        inner = "".join(tree(depth - 1) for _ in range(rng.randint(1, 3)))
        return f"<{tag}{attr}>{inner}</{tag}>"

    for _ in range(30):
        root = parse(f"<html><body class='{rng.choice(classes)}'>{tree(5)}</body></html>")
        elements = [el for el in root.iter() if isinstance(el.tag, str)]
        rng.shuffle(elements)
        verdicts: dict = {}
        for el in elements:
            assert _elsewhere(el, verdicts) is reference_elsewhere(el)
            assert _elsewhere(el) is reference_elsewhere(el)


def test_a_sentence_with_neither_a_year_nor_a_relative_word_skips_the_grammar(monkeypatch):
    """A date without a year counts in the body pass only as a blank in a relative phrase or
    a weekday; a sentence that can hold neither, nor a year, is not read for dates."""
    from feeds.model import Story

    asked = []
    monkeypatch.setattr(body, "find_dates", lambda text: asked.append(text) or find_dates(text))
    article = Article(source="x", headline="h", blocks=(Block(
        BlockKind.PARAGRAPH, "The plant made 5 cars last week. It employs 300 people. "
                             "On 4 May it shut. In 2019 it had 40 staff."),))
    body.find(Story(id="s", article=article, captures=(article,)))
    assert asked == ["The plant made 5 cars last week.", "In 2019 it had 40 staff."]


@pytest.mark.parametrize("seed", range(2))
def test_text_the_page_order_can_change_holds_the_ordered_shape(seed):
    from feeds.dates.evidence import common, metadata

    for text in texts(3000, seed):
        differs = len({find_dates(text, order) for order in (None, True, False)}) > 1
        url = f"https://example.org/{text.replace(' ', '-')}"
        dashed = len({metadata._dashed(url, order) for order in (None, True, False)}) > 1
        if differs or dashed:
            assert common._ORDERED.search(text), text


def test_page_order_is_worked_out_only_for_text_it_can_change(monkeypatch):
    from feeds.dates.context import DateContext
    from feeds.dates.evidence import common, lines, metadata
    from feeds.model import Story

    calls = []
    real = common._dayfirst
    monkeypatch.setattr(common, "_dayfirst", lambda a: calls.append(a) or real(a))

    def story(text: str, meta: bool) -> Story:
        article = Article(source="x", headline="h", blocks=(
            Block(BlockKind.PARAGRAPH, text), Block(BlockKind.PARAGRAPH, "Seen 25/1/2015.")),
            metadata=(("date", text),) if meta else ())
        return Story(id="s", article=article, captures=(article,))

    for found, meta in ((metadata.find, True), (lines.find, False)):
        common._last = (None, None)
        calls.clear()
        found(story("Posted 4 May 2021", meta), DateContext())
        assert calls == []
        found(story("Posted 04/05/2021", meta), DateContext())
        assert len(calls) == 1


def test_a_forgotten_page_order_is_worked_out_again(monkeypatch):
    from feeds.dates.evidence import common

    calls = []
    real = common._dayfirst
    monkeypatch.setattr(common, "_dayfirst", lambda a: calls.append(a) or real(a))
    one = Article(source="one", headline="h", blocks=(Block(BlockKind.PARAGRAPH, "25/1/2015"),))
    assert [dayfirst(one), dayfirst(one)] == [True, True]
    common.forget()
    assert dayfirst(one) is True
    assert len(calls) == 2


@pytest.mark.parametrize("seed", range(2))
def test_digit_check_agrees_with_the_pattern(seed):
    from feeds.grammar.dates import has_digit

    rng = random.Random(seed)
    pieces = ("a", "é", "’", "—", " ", "x", "0", "9", "5", "٣", "２", "۵", "१", "Ⅳ", "²", "½",
              "年", "\n")
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert has_digit(text) is (re.search(r"\d", text) is not None), text


@pytest.mark.parametrize("text", [
    "5thMarch", "5ºmarzo", "5ermars", "5stMay", "5 thMarch", "5th March", "March 5",
    "Page 5 March", "5 of March", "5ofMarch", "5.März", "x5thmarch", "the 5 things", "",
    "ΑΥΓΟΎΣΤΟΥ 2020", "5 ΑΥΓΟΎΣΤΟΥ", "ΣΕΠΤΕΜΒΡΊΟΥ 3", "3 ΣΕΠΤΕΜΒΡΊΟΥ", "ΜΑΡΤΊΟΥ, 2020",
    "März., 5", "5 de marzo", "marzo de 2020", "March 5th April", "Page. 5 March",
    "ΙΑΝΟΥΆΡΙΟΣ 5", "ΣΕΠΤΈΜΒΡΙΟΣ 2020", "5 ΣΕΠΤΈΜΒΡΙΟΣ",
])
def test_month_check_with_a_suffix_glued_to_the_word_reads_as_first_written(text):
    assert grammar._names_month(text) is names_month(text)


@pytest.mark.parametrize("seed", range(2))
def test_weekday_check_skips_only_text_without_a_weekday_name(seed, monkeypatch):
    """Every weekday match holds a capitalised weekday name: text without one is skipped."""
    rng = random.Random(seed)
    pieces = ("on", "On", "Monday", "monday", "Tuesday's", "Sunday", "holiday", "today", "day",
              "Days", "morning", "next", "will", "was", ",", "5", " ", "  ", "\n", "Fri")
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    gated = [body._weekdays(t, "x") for t in texts]
    monkeypatch.setattr(body, "_may_hold_weekday", lambda text: True)  # no text skipped
    assert gated == [body._weekdays(t, "x") for t in texts]
    assert any(gated)


@pytest.mark.parametrize("seed", range(2))
def test_range_opener_read_on_the_last_two_words_reads_as_the_whole_prefix(seed):
    """The check before a date reads only the last two words: the same answer as the
    pattern searched over everything before the date."""
    rng = random.Random(seed)
    pieces = ("by", "By", "until", "from", "between", "and", "the", "The", "to", "nearby",
              "standby", "bythe", "(by", "x", "é", "İ", "March", "5", " ", "  ", "\t", "\n",
              "\u00a0", "\u2003", ",", "")
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        end = rng.randint(0, len(text))
        low = lowered(text)
        expected = body._OPENS_RANGE.search(text[:end], None if low is None else low[:end])
        assert body._opens_range(text, low, end) is (expected is not None), (text, end)


@pytest.mark.parametrize("seed", range(2))
def test_a_long_line_without_a_label_word_is_no_stamp_either_way(seed, monkeypatch):
    """The length-and-label check in front of the short-line reader skips only lines it
    would refuse after reading their dates."""
    from feeds.dates.evidence import lines

    rng = random.Random(seed)
    pieces = ("Published", "posted:", "Stand", "am", "von", "Jane", "Doe", "5 March 2020",
              "21.04.2020", "2020-04-21", "updated", "word", "a", "longer", "sentence",
              "Veröffentlicht", "|", "·", " ", ",")
    article = Article(source="x", headline="h")
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
             for _ in range(3000)]
    gated = [lines._stamp(t, article, None) for t in texts]
    monkeypatch.setattr(lines, "_LABEL_WORD", re.compile(""))  # the check passes every line
    assert gated == [lines._stamp(t, article, None) for t in texts]
    assert any(gated) and any(len(t) > 120 for t in texts)
