import pytest

from feeds.dates.tense import sentences, tense, tense_at


@pytest.mark.parametrize("text, expected", [
    ("The council voted to close the depot.", "past"),
    ("The bridge will reopen in spring.", "future"),
    ("Prices could rise again.", "future"),
    ("Prices rise in spring.", "unknown"),
    ("He said the vote would be close.", "mixed"),
    ("The hearing was adjourned.", "mixed"),
])
def test_tense(text, expected):
    assert tense(text) == expected


@pytest.mark.parametrize("sentence, span, expected", [
    ("NATO pledged in 2008 that Ukraine would eventually join.", "2008", "past"),
    ("Officials said on Tuesday that talks will resume.", "resume", "future"),
    ("He said the vote would be close.", "vote", "unknown"),
])
def test_the_clause_decides(sentence, span, expected):
    start = sentence.index(span)
    assert tense_at(sentence, start, start + len(span)) == expected


def test_sentences():
    assert sentences("It rained. “We coped,” she said. Then 2023 came.") == (
        "It rained.", "“We coped,” she said.", "Then 2023 came.")


def test_past_words_are_found_where_the_pattern_as_first_written_finds_them():
    """Two shapes were dropped from the past-tense pattern as covered by a third."""
    import random
    import re

    from feeds.dates import tense as module
    from feeds.grammar.casefold import lowered

    first = re.compile(module._PAST.blind.pattern.replace(
        r"[a-z]{2,}[^e\W]ed)", r"[a-z]{3,}ied|[a-z]{2,}[^e\W]ed|[a-z]{2,}ated)"), re.IGNORECASE)
    assert first.pattern != module._PAST.blind.pattern
    rng = random.Random(3)
    pieces = ("ied", "IED", "ated", "ed", "e", "a", "t", "i", "ss", "x", "K", "ſ", "İ", "1", "_",
              " ", "-", "é", "was", "Ed")
    for _ in range(50000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 7)))
        assert bool(module._PAST.search(text, lowered(text))) is bool(first.search(text)), text


def test_sentences_break_where_the_look_behind_form_breaks():
    """The stop is matched rather than looked behind for (a search that can skip ahead);
    the sentences are the same."""
    import random
    import re

    first = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
    rng = random.Random(11)
    pieces = (".", "!", "?", "…", '"', "”", "’", ")", " ", "  ", "\n", "“", "‘", "(", "A", "a",
              "1", "x", "Mr.", ". .")
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert sentences(text) == tuple(s for s in first.split(text) if s.strip()), text


def test_modal_check_agrees_with_the_pattern():
    """Four substring tests come before the modal pattern; they skip only text it misses."""
    import random

    from feeds.dates import tense as module

    rng = random.Random(7)
    pieces = ("may", "May", "might", "could", "should", "mayor", "dismay", "shoulder", " ", "_",
              "x", "1", "é", "could've", "-")
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
        assert module._modal(text) is (module._MODAL.search(text) is not None), text
