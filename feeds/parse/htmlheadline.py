"""The headline of an HTML page: which heading agrees with which of the titles the page
states about itself (og:title, JSON-LD and microdata headline, ``<title>``).

A heading seen on the page and a title stated in its markup that agree are two signals;
either alone may be the site's name, a section label or an SEO title. So the headline is
the first agreement on a ladder from the closest (an ``<h1>`` repeating og:title) to the
loosest (an ``<h1>`` that a title starts or ends with), and only when nothing agrees the
stated title with its site segment removed. A kicker or dek that the markup sets apart
inside the ``<h1>`` is left out when a title has the headline alone.
"""

from __future__ import annotations

import re

from feeds.parse.htmldoc import Heading, clean, word_count
from feeds.parse.htmlmeta import PageMeta
from feeds.textclean import normalise

TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·•»«›‹~/]|::)\s+")
# Where a title is matched against the headings, "_" also cuts it: some sites append
# keywords as "Headline_Tag_Tag".
_AGREE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·•»«›‹~/]|::)\s+|\s*_+\s*")
_NON_WORD = re.compile(r"[\W_]+")
_MAX_PARTS = 16  # a heading cut into more pieces is inline markup, not kicker and headline
# A part of a heading taken alone must read as a headline: a one- or two-word part that a
# title repeats is more often the site's or section's name ("<span>Site</span> Newsletter").
_MIN_WORDS = 3


def choose_headline(meta: PageMeta, h1s: list[Heading], lower: list[Heading],
                    site: str | None, host: str) -> str:
    """The visible headline when an ``<h1>`` agrees with what the page calls itself (the
    og:title or title tag, with or without a site segment); else the stated title with
    its site segment removed. A title or ``<h1>`` that only names the site is skipped.

    og:title and the JSON-LD headline are asked first: they state the article's title
    alone, while the title tag often carries the kicker and section too, and an
    ``itemprop=headline`` is often on the ``<h1>`` itself, so it confirms nothing."""
    titles = [t for t in map(clean, (meta.og_title, meta.ld_headline, meta.item_headline,
                                     meta.title)) if t]
    stated = [t for t in map(clean, (meta.og_title, meta.ld_headline)) if t]
    names = _site_keys(site, host)
    # The closest agreement first: an <h1>, then a part of one (a kicker or dek set apart
    # in its markup is left out), then a lower heading, repeating the title.
    # A section label ("News") that a title repeats is passed over when a heading of three
    # or more words agrees with a title too.
    for shortest in (_MIN_WORDS, 1):
        for level, headings, wanted in ((0, h1s, stated), (_PART, h1s, stated),
                                        (0, h1s, titles), (_PART, h1s, titles),
                                        (_LOWER, lower, titles), (1, h1s, titles),
                                        (2, h1s, titles),
                                        (_WITHIN, h1s, titles)):
            for h1 in headings:
                if not h1.text or _key(h1.text) in names:
                    continue
                for title in wanted:
                    agreed = _agrees(h1, title, level)
                    if (agreed and word_count(agreed) >= shortest
                            and not _names_site(agreed, names)):
                        return agreed
    first_h1 = next((h.text for h in h1s if h.text and _key(h.text) not in names), "")
    for candidate in (meta.og_title, meta.ld_headline, meta.item_headline, first_h1,
                      meta.title):
        text = _strip_site(clean(candidate), site, first_h1)
        if text and not _names_site(text, names):
            return text
    return next((t for t in titles if t), "")


def _key(text: str) -> str:
    """Letters and digits only, case folded: curly and straight quotes compare equal."""
    return _NON_WORD.sub("", text.casefold())


def _site_keys(site: str | None, host: str) -> set[str]:
    keys = {_key(site or ""), _key(host), _key(host.split(".")[0])}
    return {k for k in keys if k}


def _names_site(text: str, names: set[str]) -> bool:
    """Text that is only the site's name: equal to it, or a part of the host name."""
    key = _key(text)
    return bool(key) and any(key == n or (len(key) >= 4 and key in n) for n in names)


_LOWER = -1  # level 0 for a heading below <h1>: a multi-part one takes the title's wording
_PART = 3  # the level at which a run of a heading's parts is matched
_WITHIN = 4  # the level at which a heading is matched to the start or end of a title


def _agrees(h1: Heading, title: str, level: int) -> str:
    """The headline when ``h1`` repeats ``title`` or the part of it that is not the site
    ("Headline | Site", "Section - Headline"): the ``<h1>`` text, as the reader sees it.
    Level 0 takes parts holding the title's longest segment (``_LOWER`` the same for a
    heading below ``<h1>``, in the title's wording), level 1 any run of segments,
    level 2 an ``<h1>`` that is a kicker glued to the title (it gives the title part),
    ``_PART`` a run of the heading's parts at its start or end (it gives the title part)."""
    key = _key(h1.text)
    if not key:
        return ""
    if level == _PART:
        return _part_agrees(h1, title, len(key))
    for part in _title_parts(title, every=level == 1):
        other = _key(part)
        if not other:
            continue
        if level < 2 and key == other:
            return _wording(h1, part) if level == _LOWER else h1.text
        if level == 2 and key.endswith(other) and 2 * len(other) >= len(key):
            return part
        if level == _WITHIN and (other.startswith(key) or other.endswith(key)) and 2 * len(
                key) >= len(other):
            return h1.text
    return ""


def _part_agrees(h1: Heading, title: str, size: int) -> str:
    """The title's part that repeats the first or last parts of a heading cut by its markup
    (a kicker before the headline, a dek after it), when it holds a third of the heading's
    letters and three words, and the title does not also hold the parts left out (a title
    with the kicker's words keeps them: the whole heading is matched to it); else ""."""
    parts = h1.parts
    if not 1 < len(parts) <= _MAX_PARTS:
        return ""
    whole = _key(title)
    runs = set()
    for cut in range(1, len(parts)):
        for kept, left in ((parts[:cut], parts[cut:]), (parts[cut:], parts[:cut])):
            if not any(_key(p) in whole for p in left):
                runs.add(_key(" ".join(kept)))
    for part in _title_parts(title):
        other = _key(part)
        if other in runs and 3 * len(other) >= size and word_count(part) >= _MIN_WORDS:
            return part
    return ""


def _wording(heading: Heading, part: str) -> str:
    """The heading's text; but when its markup cut it into parts and the title has the same
    letters, the title's wording: the space put between the parts may stand for a dash or
    colon the page shows by its styling. Only for a heading below ``<h1>``: an ``<h1>`` is
    what the page shows as its headline, and its text is kept as shown."""
    if len(heading.parts) > 1 and _NON_WORD.sub("", heading.text) == _NON_WORD.sub("", part):
        return part
    return heading.text


def _title_parts(title: str, every: bool = False) -> list[str]:
    """The whole title, then every run of its separated segments that holds the longest
    segment ("A - Headline | Site" -> the title, "A - Headline", "Headline | Site", ...),
    or with ``every`` any run of segments."""
    cuts = [0]
    for m in _AGREE_SEPARATORS.finditer(title):
        cuts += [m.start(), m.end()]
    cuts.append(len(title))
    segments = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    if len(segments) > 8:
        return [title]
    longest = max(range(len(segments)), key=lambda i: segments[i][1] - segments[i][0])
    parts = [title]
    for i in range(len(segments)):
        for j in range(i, len(segments)):
            if every or i <= longest <= j:
                parts.append(title[segments[i][0]: segments[j][1]])
    return parts


def _strip_site(title: str, site: str | None, h1: str) -> str:
    """"Headline | Site" -> "Headline": drop an end segment naming the site, or keep the
    part that is the visible headline."""
    if not title:
        return ""
    if h1 and title != h1 and title.startswith(h1) and TITLE_SEPARATORS.match(
            title[len(h1):]):
        return h1
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and site:
        key = normalise(site).replace(" ", "")
        if normalise(parts[-1]).replace(" ", "") in (key, key.split(".")[0]):
            return TITLE_SEPARATORS.split(title)[0] if len(parts) == 2 else title[
                : title.rfind(parts[-1])].rstrip(" |-–—:·•»«~/")
        if normalise(parts[0]).replace(" ", "") == key:
            return title[len(parts[0]):].lstrip(" |-–—:·•»«~/")
    if len(parts) > 1 and not site and not h1:  # "Site :: Headline": the headline is longest
        return max(parts, key=len)
    return title
