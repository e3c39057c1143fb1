"""Atom 1.0 (RFC 4287): the Appendix B RELAX NG schema, then what it cannot express.

The schema's Schematron annotations (author presence) and the prose requirements (ids
are absolute IRIs, dates are RFC 3339 with a zone, a self link) are checked by hand.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from importlib.resources import files

from lxml import etree

from feeds.validate.dates import parse_rfc3339
from feeds.validate.htmlcheck import html_problem
from feeds.validate.links import id_syntax_problem, is_absolute_iri
from feeds.validate.report import Finding, finding
from feeds.validate.xmlcheck import MAX_REPORTED, hardened_parser

NS = "http://www.w3.org/2005/Atom"
A = f"{{{NS}}}"
_TEXT_CONSTRUCTS = {f"{A}{n}" for n in ("title", "subtitle", "summary", "rights", "content")}


@cache
def schema() -> etree.RelaxNG:
    """The vendored RFC 4287 schema, loaded once per process."""
    data = files("feeds.validate").joinpath("data/atom.rng").read_bytes()
    return etree.RelaxNG(etree.fromstring(data, hardened_parser()))


def _schema_findings(tree: etree._ElementTree) -> list[Finding]:
    """libxml2 reports a cascade (every failed alternative); keep the distinct few.

    Some of its messages carry no line; the element they are about is the one named by the
    next message that does, so they borrow its line.
    """
    rng = schema()
    if rng.validate(tree):
        return []
    entries: list[tuple[int, str]] = []
    line = tree.getroot().sourceline or 1
    for e in reversed(rng.error_log):
        line = e.line or line
        entries.append((line, e.message.strip()))
    distinct = dict.fromkeys(reversed(entries))
    return [finding("atom-schema", line, message)
            for line, message in list(distinct)[:MAX_REPORTED]]


def _required(root: etree._Element, entries: list[etree._Element]) -> list[Finding]:
    """Name the missing element plainly; the schema's message for it is an interleave error."""
    found: list[Finding] = []
    for owner in dict.fromkeys([root, *entries]):
        for name in ("id", "title", "updated"):
            if owner.find(f"{A}{name}") is None:
                found.append(finding("atom-missing-element", owner.sourceline,
                                     f"{etree.QName(owner).localname} has no atom:{name}"))
    for person in root.iter(f"{A}author", f"{A}contributor"):
        if person.find(f"{A}name") is None:
            found.append(finding("atom-missing-element", person.sourceline,
                                 f"{etree.QName(person).localname} has no atom:name"))
    return found


def _ids(root: etree._Element, entries: list[etree._Element]) -> list[Finding]:
    found: list[Finding] = []
    seen: dict[str, int] = {}
    for owner in dict.fromkeys([root, *entries]):
        el = owner.find(f"{A}id")
        if el is None:
            continue  # the schema reports a missing id
        value = (el.text or "").strip()
        if not is_absolute_iri(el.text or ""):
            found.append(finding("atom-id-not-absolute", el.sourceline,
                                 f"atom:id {value!r} is not an absolute IRI"))
        elif problem := id_syntax_problem(value):
            found.append(finding("atom-id-malformed", el.sourceline,
                                 f"atom:id {value!r} {problem}"))
        if owner.tag != f"{A}entry":
            continue
        if value in seen:
            found.append(finding("atom-id-duplicate", el.sourceline,
                                 f"atom:id {value!r} already used by the entry on line "
                                 f"{seen[value]}"))
        else:
            seen[value] = el.sourceline
    return found


def _authors(root: etree._Element, entries: list[etree._Element]) -> list[Finding]:
    if root.tag == f"{A}feed" and root.find(f"{A}author") is not None:
        return []
    return [
        finding("atom-missing-author", entry.sourceline,
                "entry has no atom:author and neither does the feed")
        for entry in entries
        if entry.find(f"{A}author") is None and entry.find(f"{A}source/{A}author") is None
    ]


def _dates(root: etree._Element) -> tuple[list[Finding], dict[etree._Element, datetime]]:
    found: list[Finding] = []
    parsed: dict[etree._Element, datetime] = {}
    for el in root.iter(f"{A}updated", f"{A}published"):
        value = parse_rfc3339(el.text or "")
        if value is None:
            found.append(finding("atom-bad-date", el.sourceline,
                                 f"{etree.QName(el).localname} {el.text!r} is not an RFC 3339 "
                                 "date-time with a time zone"))
        else:
            parsed[el] = value
    return found, parsed


def _order(entries: list[etree._Element], parsed: dict[etree._Element, datetime]) -> list[Finding]:
    found: list[Finding] = []
    for entry in entries:
        updated = parsed.get(entry.find(f"{A}updated"))
        published = parsed.get(entry.find(f"{A}published"))
        if updated and published and updated < published:
            found.append(finding("atom-updated-before-published", entry.sourceline,
                                 f"updated {updated.isoformat()} is earlier than published "
                                 f"{published.isoformat()}"))
    return found


def _self_link(root: etree._Element) -> list[Finding]:
    if root.tag != f"{A}feed":
        return []
    if any(link.get("rel") == "self" for link in root.findall(f"{A}link")):
        return []
    return [finding("atom-missing-self-link", root.sourceline,
                    'feed has no <link rel="self">: readers cannot tell where it lives')]


def _html(root: etree._Element) -> list[Finding]:
    found: list[Finding] = []
    for el in root.iter(*_TEXT_CONSTRUCTS):
        if el.get("type") != "html":
            continue
        if problem := html_problem(el.text or ""):
            found.append(finding("atom-html-content", el.sourceline,
                                 f'{etree.QName(el).localname} type="html" does not parse: '
                                 f"{problem}"))
    return found


def check_atom(tree: etree._ElementTree) -> list[Finding]:
    root = tree.getroot()
    if etree.QName(root).namespace != NS:
        return [finding("atom-namespace", root.sourceline,
                        f"root element {root.tag!r} is not in the Atom namespace {NS}")]
    entries = [root] if root.tag == f"{A}entry" else root.findall(f"{A}entry")
    date_findings, parsed = _dates(root)
    return [
        *_required(root, entries),
        *_schema_findings(tree),
        *_ids(root, entries),
        *_authors(root, entries),
        *date_findings,
        *_order(entries, parsed),
        *_self_link(root),
        *_html(root),
    ]
