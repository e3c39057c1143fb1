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
