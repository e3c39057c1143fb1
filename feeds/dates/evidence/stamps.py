"""Date stamps left in the body: "First published on ...", "Last modified on ...".

Many pages print their own publication and update times at the foot of the article, where
the parser files them as body blocks. A block that is nothing but such a label and one
date is the page's stamp, not a reported event: a point, or for updates an upper bound.
"""

from __future__ import annotations

import re

from feeds.dates.evidence.common import captures, is_publish, prose_marks
from feeds.grammar.dates import find_dates
from feeds.model import Evidence, Implies, Story

_STAMP = re.compile(
    r"^(?:(?:first|last|originally)\s+)?(?P<label>published|posted|updated|modified|edited)"
    r"(?:\s+on)?\s*:?\s*",
    re.IGNORECASE,
)
STAMP_MAX_CHARS = 90
STAMP_WEIGHT = 0.8
STAMP_UPDATED_WEIGHT = 0.75


def stamp(block: str, src: str) -> Evidence | None:
    """A short block that is only a label and a date ("Last modified on 4 Mar 2025"): the
    page's own date stamp, left in the body (often at its foot), not a reported event."""
    if len(block) > STAMP_MAX_CHARS:
        return None
    m = _STAMP.match(block.strip())
    if not m:
        return None
    dated = [d for d in find_dates(block) if d.year is not None]
    if len(dated) != 1:
        return None
    d = dated[0]
    rest = block[m.end():d.start] + " " + block[d.end:]
    rest = re.sub(r"\d{1,2}[:.]\d{2}|\b[ap]\.?m\b\.?|\b[A-Z]{2,5}\b|\bat\b|[^\w\s]", " ", rest)
    if rest.split():
        return None  # more than a stamp: a sentence that happens to start "Published"
    lo, hi = d.span()
    if m["label"].lower() in ("published", "posted"):
        return Evidence("stamp", block.strip(), src, Implies.POINT, lo, hi, weight=STAMP_WEIGHT,
                        note="a publication stamp printed in the body", precision=d.precision)
    return Evidence("updated", block.strip(), src, Implies.UPPER, None, hi,
                    weight=STAMP_UPDATED_WEIGHT, note="an update stamp printed in the body",
                    precision=d.precision)


# A sentence about the page itself, as blog software writes it under a post: "This entry
# was posted on Monday, June 3rd, 2019", "Dieser Beitrag wurde am 27. November 2019
# veröffentlicht", "Autor: kinra | Artikel veröffentlicht am 16.12.2012".
# It opens the block (or a part of it after "|"), with a demonstrative or no article at all:
# "The article, published in Science on ..." is about another document.
_SELF = re.compile(
    r"(?:^|\|)\s*(?:(?:this|dieser|diese|dieses|der|cet|cette|questo|questa|este|esta|dit|"
    r"deze)\s+)?(?:entry|post|article|beitrag|artikel|eintrag|articolo|entrada|artículo|"
    r"bericht)\b(?!\s*,)", re.IGNORECASE)
# "Originally published on ...", "ursprünglich am ... erschienen": the piece ran elsewhere
# first; this page printed it on that day or later.
_FIRST_ELSEWHERE = re.compile(r"originally|ursprünglich|zuerst|erstmals|first\s+appeared|"
                              r"initialement|originariamente|originalmente", re.IGNORECASE)
SELF_MAX_CHARS = 400
SELF_OPENING = 60  # the page's own noun stands near the start: "Der Artikel ... wurde"
SELF_WEIGHT = 0.75


def self_stamp(block: str, src: str) -> Evidence | None:
    """A short block naming this entry or article, a publication verb and one full date:
    the post's own publication line (a sentence about some other document being published
    does not open on "this entry" or "the article")."""
    if len(block) > SELF_MAX_CHARS or not _SELF.search(block, 0, SELF_OPENING):
        return None
    if not is_publish(block):
        return None
    dated = [d for d in find_dates(block) if d.year is not None and d.day is not None]
    if len(dated) != 1:
        return None
    lo, hi = dated[0].span()
    if _FIRST_ELSEWHERE.search(block):
        return Evidence("stamp", dated[0].text, src, Implies.LOWER, lo, None,
                        weight=SELF_WEIGHT, precision=dated[0].precision,
                        note="first published elsewhere: this page on or after it")
    return Evidence("stamp", dated[0].text, src, Implies.POINT, lo, hi, weight=SELF_WEIGHT,
                    note="the post's own publication line", precision=dated[0].precision)


SELF_LAST_BLOCKS = 3  # where blog software prints it: under the post, not in its text


def find(story: Story) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    stamped: set[str] = set()  # blocks read as stamps: not asked again as the post's line
    for article in captures(story):
        # A stamp's date has a year: only a part with a digit can be one.
        for part, _, digits, _ in prose_marks(article):
            if digits and (ev := stamp(part, article.source)) is not None:
                found.append(ev)
                stamped.add(part)
    for article in captures(story):
        for block in article.blocks[-SELF_LAST_BLOCKS:]:
            if block.text not in stamped and (
                    ev := self_stamp(block.text, article.source)) is not None:
                found.append(ev)
    return tuple(found)
