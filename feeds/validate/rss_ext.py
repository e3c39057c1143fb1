"""Well-known modules found in RSS feeds: Dublin Core, Syndication, Administrative, Slash,
content, the geo vocabularies, blogChannel and atom:link.

Each module element is listed with the type of its value and whether it may repeat under
one parent; an element a listed module does not define is an error (it is a typo or a
guess), elements of other namespaces are left alone.
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

from feeds.validate import values
from feeds.validate.dates import parse_rfc3339
from feeds.validate.locate import Source, name_of
from feeds.validate.report import Finding

DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
SY = "http://purl.org/rss/1.0/modules/syndication/"
ADMIN = "http://webns.net/mvcb/"
SLASH = "http://purl.org/rss/1.0/modules/slash/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
ICBM = "http://postneo.com/icbm"
GEOURL = "http://geourl.org/rss/module/"
BLOG = "http://backend.userland.com/blogChannelModule"
ATOM = "http://www.w3.org/2005/Atom"
TRACKBACK = "http://madskills.com/public/xml/rss/module/trackback/"
CC = "http://web.resource.org/cc/"
CREATIVE_COMMONS = "http://backend.userland.com/creativeCommonsRssModule"
WFW = "http://wellformedweb.org/CommentAPI/"
THR = "http://purl.org/syndication/thread/1.0"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

_DC_TERMS = ("title", "creator", "subject", "description", "publisher", "contributor", "date",
             "type", "format", "identifier", "source", "language", "relation", "coverage",
             "rights")
# (valid and available may hold DCMI periods, not dates)
_DCTERMS_DATES = ("created", "issued", "modified", "dateAccepted", "dateCopyrighted",
                  "dateSubmitted")
# (namespace, local name) -> (type, may repeat)
MODULES: dict[str, dict[str, tuple[str, bool]]] = {
    DC: {**{n: ("text", True) for n in _DC_TERMS}, "date": ("w3cdtf", False),
         "language": ("lang", False), "publisher": ("text", False), "rights": ("text", False),
         "creator": ("text", False)},
    SY: {"updatePeriod": ("period", False), "updateFrequency": ("positive", False),
         "updateBase": ("w3cdtf", False)},
    ADMIN: {"errorReportsTo": ("resource", False), "generatorAgent": ("resource", False)},
    SLASH: {"section": ("text", False), "department": ("text", False),
            "comments": ("nonneg", False), "hit_parade": ("ints", False)},
    CONTENT: {"encoded": ("text", False)},
    GEO: {"lat": ("lat", False), "long": ("long", False), "alt": ("float", False),
          "Point": ("any", True)},
    ICBM: {"latitude": ("lat", False), "longitude": ("long", False)},
    GEOURL: {"latitude": ("lat", False), "longitude": ("long", False)},
    TRACKBACK: {"ping": ("url", True), "about": ("url", True)},
    DCTERMS: {name: ("w3cdtf", False) for name in _DCTERMS_DATES},
    CREATIVE_COMMONS: {"license": ("url", True)},
    CC: {"license": ("resource", True)},
    WFW: {"comment": ("url", False), "commentRss": ("url", False),
          "commentRSS": ("url", False)},
    THR: {"total": ("nonneg", False), "in-reply-to": ("any", True)},
    BLOG: {"blogRoll": ("url", False), "mySubscriptions": ("url", False),
           "blink": ("url", False), "changes": ("url", False)},
}
_NAMES = {DC: "Dublin Core", SY: "Syndication", ADMIN: "Administrative", SLASH: "Slash",
          CONTENT: "content", GEO: "W3C geo", ICBM: "ICBM", GEOURL: "GeoURL",
          BLOG: "blogChannel", TRACKBACK: "Trackback", DCTERMS: "DCMI Terms",
          CREATIVE_COMMONS: "creativeCommons", CC: "Creative Commons RDF",
          WFW: "Well-Formed Web comment API", THR: "Atom threading"}
_W3CDTF = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                     r"(?:Z|[+-]\d{2}:\d{2}))?)?)?")
_PERIODS = ("hourly", "daily", "weekly", "monthly", "yearly")


def _w3cdtf_problem(text: str) -> str | None:
    m = _W3CDTF.fullmatch(text)
    if not m:
        return "is not a W3C date-time (YYYY[-MM[-DD[Thh:mm[:ss]TZD]]])"
    parts = [int(p) for p in re.findall(r"\d+", text[:10])]
    try:
        date(*(parts + [1, 1])[:3])
    except ValueError:
        return "is not a real date"
    return None


def _float_problem(text: str, limit: float | None) -> str | None:
    try:
        number = float(text)
    except ValueError:
        return "is not a decimal number"
    if limit is not None and abs(number) > limit:
        return f"is outside -{limit:g} to {limit:g}"
    return None


def value_problem(kind: str, el: etree._Element) -> str | None:
    """What is wrong with a module element's value for its type, or None."""
    text = (el.text or "").strip()
    if kind == "w3cdtf":
        return _w3cdtf_problem(text)
    if kind == "lang":
        return values.language_problem(text)
    if kind == "period":
        return None if text in _PERIODS else f"is not one of {', '.join(_PERIODS)}"
    if kind == "positive":
        return values.integer_problem(text, 1)
    if kind == "nonneg":
        return values.integer_problem(text, 0)
    if kind == "ints":
        ok = re.fullmatch(r"\d+(?:,\d+)*", text)
        return None if ok else "is not a comma-separated list of whole numbers"
    if kind == "lat":
        return _float_problem(text, 90)
    if kind == "long":
        return _float_problem(text, 180)
    if kind == "float":
        return _float_problem(text, None)
    if kind == "url":
        return values.uri_problem(text, absolute=True)
    if kind == "resource":
        resource = el.get(f"{{{RDF}}}resource")
        if resource is None:
            return "has no rdf:resource attribute"
        return values.uri_problem(resource)
    return None


def _atom_in_rss(el: etree._Element, name: str, src: Source) -> list[Finding]:
    """Atom elements borrowed by an RSS feed follow RFC 4287."""
    if name == "link":
        return _atom_link(el, src)
    text = el.text or ""
    if name == "id" and (problem := values.uri_problem(text, iri=True, absolute=True)):
        return [src.at("ext-bad-value", el, f"<atom:id> {text!r} {problem}: RFC 4287 §4.2.6 "
                       "'its content MUST be an IRI'")]
    if name in ("updated", "published") and (
            parse_rfc3339(text) is None or text != text.strip() or "t" in text or "z" in text):
        return [src.at("ext-bad-value", el, f"<atom:{name}> {text!r} is not an RFC 3339 "
                       "date-time (RFC 4287 §3.3)")]
    return []


def _atom_link(el: etree._Element, src: Source) -> list[Finding]:
    href = el.get("href")
    if href is None:
        return [src.at("rss-missing-attribute", el, "<atom:link> has no href: RFC 4287 "
                       "§4.2.7.1 'atom:link elements MUST have an href attribute'")]
    if problem := values.uri_problem(href, iri=True):
        return [src.at("rss-bad-uri", el, f"<atom:link> href {href!r} {problem}")]
    if el.get("rel") == "self" and values.network_url_problem(href):
        return [src.at("rss-relative-self-link", el,
                       f"<atom:link rel=\"self\"> href {href!r} is not an absolute URL: "
                       "readers resolve it against wherever they found the feed")]
    return []


# Modules whose element lists are open-ended: only the listed elements' values are checked.
_OPEN = {DCTERMS, THR, CC}


def check_extensions(root: etree._Element, src: Source, *, rss: bool = True) -> list[Finding]:
    """Module elements anywhere under ``root``; ``rss``: also atom:link as RSS uses it."""
    found: list[Finding] = []
    for parent in root.iter(etree.Element):
        seen: dict[str, int] = {}
        for el in parent:
            if not isinstance(el.tag, str):
                continue
            qname = etree.QName(el)
            if rss and qname.namespace == ATOM:
                found += _atom_in_rss(el, qname.localname, src)
                continue
            module = MODULES.get(qname.namespace or "")
            if module is None:
                continue
            name = name_of(el)
            spec = module.get(qname.localname)
            if spec is None and qname.namespace in _OPEN:
                continue
            if spec is None:
                found.append(src.at("ext-unknown-element", el,
                                    f"<{name}> is not an element of the "
                                    f"{_NAMES[qname.namespace or '']} module"))
                continue
            kind, repeat = spec
            if el.tag in seen and not repeat:
                found.append(src.at("ext-duplicate-element", el,
                                    f"<{name_of(parent)}> has a second <{name}> (the first "
                                    f"is on line {seen[el.tag]})"))
            seen.setdefault(el.tag, el.sourceline or 1)
            if problem := value_problem(kind, el):
                text = (el.text or "").strip()
                found.append(src.at("ext-bad-value", el, f"<{name}> {text!r} {problem}"))
    return found
