"""Is a sentence about the past or the future? A deliberately small classifier.

Only a date in a clearly past-tense clause can bound publication from below; anything
about plans, schedules or possibilities is left alone rather than guessed at.
"""

from __future__ import annotations

import re

from feeds.grammar.casefold import ascii_twin, case_blind, lowered, plain_ascii

# A sentence ends at a stop, then a closing quote at most, then space, before what may open
# one. The break (the group) starts after the stop; matching the stop itself rather than
# looking behind for it lets the search skip to the stops instead of trying every
# character (the break holds no stop, so matches fall where the look-behind put them).
_SENTENCE = re.compile(r"[.!?…]([\"”’)]?\s+)(?=[\"“‘(]?[A-Z0-9])")
_FUTURE = case_blind(
    r"\b(will|won't|shall|would|going to|due|scheduled|rescheduled|set to|set for|expected|"
    r"plans? to|planned|planning|next|upcoming|coming|intends?|aims? to|deadline|"
    r"takes effect|comes? into force|is to|are to|postponed|adjourned|deferred|pushed back|"
    r"expires?|ahead of|forecasts?|projected|targets?|promised to|vowed to|hopes? to)\b",
)
_MODAL = re.compile(r"\b(?:may|might|could|should)\b")  # lower case: "May" is a month
_MODAL_ASCII = ascii_twin(_MODAL)  # for plain ASCII text (see feeds.grammar.casefold)


def _modal(text: str) -> bool:
    """Whether ``_MODAL`` matches: four substring tests first, which most text fails, where
    the pattern (opening with a word boundary) is tried at every character."""
    return (("may" in text or "might" in text or "could" in text or "should" in text)
            and (_MODAL_ASCII if plain_ascii(text) else _MODAL).search(text) is not None)
# Past-tense words, or a word ending "ed" after a letter other than "e" ("need" is not,
# "voted" is). Only whether it is found counts, so "[a-z]{3,}ied" and "[a-z]{2,}ated" are
# left out: every word they match, "[a-z]{2,}[^e\W]ed" matches too, and each shape tried
# costs a retry per letter of every word.
_PAST = case_blind(
    r"\b(was|were|had|did|said|told|became|began|took|made|met|won|lost|held|came|went|saw|"
    r"fell|rose|gave|left|ran|led|chose|found|got|sent|spoke|wrote|brought|paid|sold|built|"
    r"struck|hit|shut|set|cut|put|beat|ago|[a-z]{2,}[^e\W]ed)\b",
)


def sentences(text: str) -> tuple[str, ...]:
    """The sentences of ``text``, each without the break after it; blank ones left out."""
    out = []
    start = 0
    # A break opens with a stop: the search starts at the first one, which four substring
    # searches find faster than the pattern's own scan of every character before it.
    stops = [i for i in (text.find("."), text.find("!"), text.find("?"), text.find("…"))
             if i >= 0]
    for m in _SENTENCE.finditer(text, min(stops, default=len(text))):
        out.append(text[start:m.start(1)])
        start = m.end()
    out.append(text[start:])
    return tuple(s for s in out if s.strip())


_CLAUSE = re.compile(r"[,;:—–()]|\b(?:that|but|and|when|while|which|who|because|although)\b")
_CLAUSE_ASCII = ascii_twin(_CLAUSE)


def tense(text: str) -> str:
    """"past", "future", "mixed" or "unknown"."""
    low = lowered(text)
    future = bool(_FUTURE.search(text, low) or _modal(text))
    past = bool(_PAST.search(text, low))
    if past and future:
        return "mixed"
    return "past" if past else ("future" if future else "unknown")


def tense_at(sentence: str, start: int, end: int) -> str:
    """The tense around a span: its own clause decides, else the whole sentence.

    "The council promised in 2019 that the bridge would open" is past at "2019" although the
    sentence also speaks of the future.
    """
    clause = _CLAUSE_ASCII if plain_ascii(sentence) else _CLAUSE
    cuts = [0, *(m.start() for m in clause.finditer(sentence)), len(sentence)]
    lo = max(c for c in cuts if c <= start)
    hi = min(c for c in cuts if c >= end)
    own = tense(sentence[lo:hi])
    if own in ("past", "future"):
        return own
    whole = tense(sentence)
    return whole if whole in ("past", "future") else "unknown"
