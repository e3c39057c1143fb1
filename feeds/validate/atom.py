"""Atom 1.0 (RFC 4287): its normative text, element by element, then the informative schema.

RFC 4287 §1.3 says the RELAX NG grammar of Appendix B is informative and the text
defines conformance, so the text's rules are checked by hand (one table of what each
element may hold) and the schema is only a warning (an error under ``--strict``),
reported once, at the element it first fails on, and only when the text's rules found
nothing wrong.

Longer than most modules here because it is the table of RFC 4287's elements and their
rules; split, one element's rules would be read in two places.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime
from functools import cache
from importlib.resources import files

from lxml import etree

from feeds.validate import values
from feeds.validate.dates import parse_rfc3339
from feeds.validate.htmlcheck import html_problem
from feeds.validate.locate import Source, name_of
from feeds.validate.report import Finding, finding
from feeds.validate.rss_ext import check_extensions
from feeds.validate.rules import ERROR
from feeds.validate.xmlcheck import hardened_parser

NS = "http://www.w3.org/2005/Atom"
A = f"{{{NS}}}"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_TEXT_CONSTRUCTS = ("title", "subtitle", "summary", "rights")
_HTML_END_TAG = re.compile(r"</(a|b|i|em|strong|p|div|span|img|br|ul|ol|li|h[1-6]|code|pre|"
                           r"table|blockquote)\s*>", re.IGNORECASE)

# element -> {child: may repeat}; children in the Atom namespace only
_FEED_META = {"author": True, "category": True, "contributor": True, "generator": False,
              "icon": False, "id": False, "link": True, "logo": False, "rights": False,
              "subtitle": False, "title": False, "updated": False}
CHILDREN: dict[str, dict[str, bool]] = {
    "feed": {**_FEED_META, "entry": True},
    "source": _FEED_META,
    "entry": {"author": True, "category": True, "content": False, "contributor": True,
              "id": False, "link": True, "published": False, "rights": False, "source": False,
              "summary": False, "title": False, "updated": False},
    "author": {"name": False, "uri": False, "email": False},
    "contributor": {"name": False, "uri": False, "email": False},
}
_TEXT_ATTRS = ("type",)
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "link": ("href", "rel", "type", "hreflang", "title", "length"),
    "category": ("term", "scheme", "label"), "generator": ("uri", "version"),
    "content": ("type", "src"), **{n: _TEXT_ATTRS for n in _TEXT_CONSTRUCTS},
}


@cache
def schema() -> etree.RelaxNG:
    """The vendored RFC 4287 schema, loaded once per process."""
    data = files("feeds.validate").joinpath("data/atom.rng").read_bytes()
    return etree.RelaxNG(etree.fromstring(data, hardened_parser()))


def _schema_finding(tree: etree._ElementTree, src: Source) -> list[Finding]:
    """One finding: the first element the schema fails on, named, at its start tag."""
    rng = schema()
    if rng.validate(tree):
        return []
    entries = [e for e in rng.error_log if e.line]
    if not entries:
        entries = list(rng.error_log)
    first = entries[0]  # libxml2 logs the innermost failure first, then its ancestors
    m = re.search(r"[Ee]lement (\S+)", first.message)
    where = f"<{m[1]}>" if m else "the document"
    column = None
    if m and 0 < first.line <= len(src.lines):
        pos = src.lines[first.line - 1].find(f"<{m[1]}")
        column = pos + 1 if pos >= 0 else None
    return [finding("atom-schema", first.line, f"{where} does not match RFC 4287's "
                    f"informative schema: {first.message.strip()}", column)]


class _Checker:
    def __init__(self, src: Source) -> None:
        self.src = src
        self.found: list[Finding] = []

    def add(self, rule: str, el: etree._Element, message: str) -> None:
        self.found.append(self.src.at(rule, el, message))

    # -- structure -----------------------------------------------------------------
    def walk(self, el: etree._Element) -> None:
        local = etree.QName(el).localname
        table = CHILDREN.get(local)
        if table is None:
            return
        seen: dict[str, int] = {}
        if (el.text or "").strip():
            self.add("atom-unexpected-text", el,
                     f"<{name_of(el)}> holds the text {(el.text or '').strip()[:40]!r}: it "
                     "holds elements only")
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if (child.tail or "").strip():
                self.add("atom-unexpected-text", child,
                         f"text {(child.tail or '').strip()[:40]!r} after <{name_of(child)}> "
                         f"inside <{name_of(el)}>, which holds elements only")
            q = etree.QName(child)
            if q.namespace != NS:
                continue  # extension elements (RFC 4287 §6) are allowed anywhere
            name = q.localname
            if name not in table:
                self.add("atom-unknown-element", child,
                         f"<{name_of(child)}> is not an element of atom:{local} (RFC 4287)")
                continue
            if name in seen and not table[name]:
                self.add("atom-duplicate-element", child,
                         f"atom:{local} has a second atom:{name} (the first is on line "
                         f"{seen[name]}): it 'MUST NOT contain more than one'")
            seen.setdefault(name, child.sourceline or 1)
            self.attributes(child, name)
            self.leaf(child, name, local)
            if name in CHILDREN:
                self.walk(child)

    def attributes(self, el: etree._Element, name: str) -> None:
        """Attributes outside any namespace are the ones RFC 4287 defines, and no others."""
        known = ATTRIBUTES.get(name, ())
        for attr in el.attrib:
            if "}" not in attr and attr not in known:
                self.add("atom-unknown-attribute", el,
                         f"atom:{name} has an attribute {attr!r} RFC 4287 does not define "
                         "for it")

    def leaf(self, el: etree._Element, name: str, parent: str) -> None:
        text = el.text or ""
        if name in ("icon", "logo", "uri"):
            self.iri(el, f"atom:{name}", text, absolute=False)
        elif name == "email" and (problem := values.email_problem(text, bare=True)):
            self.add("atom-bad-email", el, f"atom:email {text.strip()!r} {problem}")
        elif name == "link":
            self.link(el)
        elif name == "category":
            if el.get("term") is None:
                self.add("atom-missing-attribute", el, "atom:category has no term attribute: "
                         "'atom:category elements MUST have a \"term\" attribute'")
            if el.get("scheme") is not None:
                self.iri(el, "atom:category scheme", el.get("scheme", ""), absolute=True)
        elif name == "generator" and el.get("uri") is not None:
            self.iri(el, "atom:generator uri", el.get("uri", ""), absolute=False)
        elif name in _TEXT_CONSTRUCTS:
            self.text_construct(el, name)
        elif name == "content":
            self.content(el)

    # -- values --------------------------------------------------------------------
    def iri(self, el: etree._Element, what: str, value: str, *, absolute: bool) -> None:
        if problem := values.uri_problem(value, iri=True, absolute=absolute):
            self.add("atom-bad-iri", el, f"{what} {value!r} {problem}")
        elif values.non_ascii(value):
            self.add("atom-iri-not-uri", el,
                     f"{what} {value!r} holds raw non-ASCII characters: legal in an IRI, but "
                     "many readers need the URI form (percent-encoded, RFC 3987 §3.1)")

    def link(self, el: etree._Element) -> None:
        href = el.get("href")
        if href is None:
            self.add("atom-missing-attribute", el, "atom:link has no href: 'atom:link "
                     "elements MUST have an href attribute'")
        else:
            self.iri(el, "atom:link href", href, absolute=False)
        mime = el.get("type")
        if mime is not None and (problem := values.mime_problem(mime)):
            self.add("atom-bad-mime-type", el, f"atom:link type {mime!r} {problem}")
        lang = el.get("hreflang")
        if lang is not None and (problem := values.language_problem(lang)):
            self.add("atom-bad-language", el, f"atom:link hreflang {lang!r} {problem}")
        length = el.get("length")
        if length is not None and (problem := values.integer_problem(length)):
            self.add("atom-bad-number", el, f"atom:link length {length!r} {problem}")

    def text_construct(self, el: etree._Element, name: str) -> None:
        kind = el.get("type", "text")
        if kind not in ("text", "html", "xhtml"):
            self.add("atom-bad-text-type", el, f"atom:{name} type {kind!r} is not 'text', "
                     "'html' or 'xhtml'")
            return
        self.typed_text(el, name, kind)

    def typed_text(self, el: etree._Element, name: str, kind: str) -> None:
        children = [c for c in el if isinstance(c.tag, str)]
        if kind == "xhtml":
            div = children[0] if len(children) == 1 else None
            if (div is None or div.tag != f"{{{XHTML}}}div" or (el.text or "").strip()
                    or (div.tail or "").strip()):
                self.add("atom-xhtml-div", el, f'atom:{name} type="xhtml" must hold one '
                         "xhtml:div: 'the content of atom:" + name + " MUST be a single "
                         "XHTML div element'")
            return
        if children:
            self.add("atom-not-escaped", el,
                     f'atom:{name} type="{kind}" holds the element <{name_of(children[0])}>: '
                     "'MUST NOT contain child elements'; escape the markup or use "
                     'type="xhtml"')
            return
        text = el.text or ""
        if kind == "html":
            if problem := html_problem(text):
                self.add("atom-html-content", el,
                         f'atom:{name} type="html" does not parse: {problem}')
        elif m := _HTML_END_TAG.search(text):
            rule = "atom-html-in-title" if name == "title" else "atom-html-in-text"
            self.add(rule, el,
                     f"atom:{name} is type=\"text\" but holds HTML markup ({m[0]}): readers "
                     'will show the tags; declare type="html"')

    def content(self, el: etree._Element) -> None:
        kind = el.get("type", "text")
        src = el.get("src")
        if src is not None:
            self.iri(el, "atom:content src", src, absolute=False)
            if (el.text or "").strip() or len(el):
                self.add("atom-content-src", el, "atom:content with src 'MUST be empty'")
            if el.get("type") in ("text", "html", "xhtml"):
                self.add("atom-bad-mime-type", el, f"atom:content with src has type {kind!r}: "
                         "it 'MUST be a MIME media type', not text, html or xhtml")
            return
        if kind in ("text", "html", "xhtml"):
            self.typed_text(el, "content", kind)
            return
        if problem := values.mime_problem(kind):
            self.add("atom-bad-mime-type", el, f"atom:content type {kind!r} {problem}")
            return
        base = kind.split(";")[0].strip().lower()
        if base.startswith(("multipart/", "message/")):
            self.add("atom-bad-mime-type", el, f"atom:content type {kind!r} is a composite "
                     "type: it 'MUST NOT be a composite type' (RFC 4287 §4.1.3.1)")
            return
        xml_like = base.endswith(("+xml", "/xml"))
        children = [c for c in el if isinstance(c.tag, str)]
        if xml_like:
            if len(children) > 1 or (el.text or "").strip() or any(
                    (c.tail or "").strip() for c in children):
                self.add("atom-unexpected-text", el,
                         f"atom:content of XML type {kind!r} must hold a single child element "
                         "and no text: 'the content of atom:content MUST be a single child "
                         "element'")
            return
        if children:
            self.add("atom-not-escaped", el,
                     f"atom:content of type {kind!r} holds the element "
                     f"<{name_of(children[0])}>: only XML media types hold elements")
            return
        if not base.startswith("text/"):
            try:
                base64.b64decode(re.sub(r"\s+", "", el.text or ""), validate=True)
            except (binascii.Error, ValueError):
                self.add("atom-not-base64", el, f"atom:content of type {kind!r} is not Base64: "
                         "'the content of atom:content MUST be a valid Base64 encoding'")

    # -- entry-level rules ---------------------------------------------------------
    def entry(self, entry: etree._Element) -> None:
        content = entry.find(f"{A}content")
        links = entry.findall(f"{A}link")
        alternate = [ln for ln in links if ln.get("rel", "alternate") == "alternate"]
        if content is None and not alternate:
            self.found.append(self.src.at_end(
                "atom-missing-summary", entry,
                "atom:entry has neither atom:content nor a rel=\"alternate\" link: "
                "'atom:entry elements that contain no child atom:content element MUST "
                "contain at least one atom:link element with a rel attribute value of "
                "\"alternate\"'"))
        if content is not None and entry.find(f"{A}summary") is None:
            kind = content.get("type", "text")
            base = kind.split(";")[0].strip().lower()
            inline_text = kind in ("text", "html", "xhtml") or base.startswith("text/") \
                or base.endswith(("+xml", "/xml"))
            if content.get("src") is not None or not inline_text:
                how = ("out of line (src)" if content.get("src") is not None
                       else f"Base64 ({kind})")
                self.found.append(self.src.at_end(
                    "atom-missing-summary", entry,
                    f"atom:entry has no atom:summary while its content is {how}: "
                    "'atom:entry elements MUST contain an atom:summary element' then"))

    def alternates(self, owner: etree._Element) -> None:
        seen: dict[tuple[str, str], int] = {}
        for link in owner.findall(f"{A}link"):
            if link.get("rel", "alternate") != "alternate":
                continue
            key = (link.get("type", ""), link.get("hreflang", ""))
            if key in seen:
                self.add("atom-duplicate-alternate", link,
                         f"a second rel=\"alternate\" link with type {key[0]!r} and hreflang "
                         f"{key[1]!r} (the first is on line {seen[key]}): atom:"
                         f"{etree.QName(owner).localname} 'MUST NOT contain more than one "
                         "atom:link element with a rel attribute value of \"alternate\" that "
                         "has the same combination of type and hreflang attribute values'")
            else:
                seen[key] = link.sourceline or 1

    def languages(self, root: etree._Element) -> None:
        for el in root.iter(etree.Element):
            base = el.get(XML_BASE)
            if base is not None and (problem := values.uri_problem(base, iri=True)):
                self.add("atom-bad-iri", el, f"<{name_of(el)}> xml:base {base!r} {problem}")
            lang = el.get(XML_LANG)
            if lang and (problem := values.language_problem(lang)):  # "" is legal: no language
                self.add("atom-bad-language", el, f"<{name_of(el)}> xml:lang {lang!r} {problem}")


def _required(root: etree._Element, entries: list[etree._Element], src: Source) -> list[Finding]:
    """Name the missing element plainly; the schema's message for it is an interleave error."""
    found: list[Finding] = []
    for owner in dict.fromkeys([root, *entries]):
        for name in ("id", "title", "updated"):
            if owner.find(f"{A}{name}") is None:
                found.append(src.at_end("atom-missing-element", owner,
                                    f"atom:{etree.QName(owner).localname} has no atom:{name}: "
                                    "it 'MUST contain exactly one'"))
    for person in root.iter(f"{A}author", f"{A}contributor"):
        if person.find(f"{A}name") is None:
            found.append(src.at_end("atom-missing-element", person,
                                f"atom:{etree.QName(person).localname} has no atom:name: a "
                                "person construct 'MUST contain exactly one'"))
    return found


def _ids(root: etree._Element, entries: list[etree._Element], src: Source) -> list[Finding]:
    found: list[Finding] = []
    seen: dict[str, tuple[int, str]] = {}
    for owner in dict.fromkeys([root, *entries, *root.iter(f"{A}source")]):
        el = owner.find(f"{A}id")
        if el is None:
            continue
        raw = el.text or ""
        value = raw.strip()
        if problem := values.uri_problem(raw, iri=True, absolute=True):
            found.append(src.at("atom-id-not-absolute", el,
                                f"atom:id {raw!r} {problem}: 'its content MUST be an IRI' "
                                "that is absolute"))
            continue
        if problem := values.id_problem(value):
            found.append(src.at("atom-id-malformed", el, f"atom:id {value!r} {problem}"))
        if owner.tag != f"{A}entry":
            continue
        updated = (owner.findtext(f"{A}updated") or "").strip()
        if value in seen:
            line, first_updated = seen[value]
            if updated == first_updated:
                found.append(src.at("atom-id-duplicate", el,
                                    f"atom:id {value!r} and atom:updated {updated!r} already "
                                    f"used by the entry on line {line}: 'their atom:updated "
                                    "timestamps SHOULD be different'"))
            else:  # RFC 4287 allows two versions of one entry
                found.append(src.at("atom-id-repeated", el,
                                    f"atom:id {value!r} already used by the entry on line "
                                    f"{line} (updated {first_updated!r}): two versions of one "
                                    "entry"))
        else:
            seen[value] = (el.sourceline or 1, updated)
    return found


def _authors(root: etree._Element, entries: list[etree._Element], src: Source) -> list[Finding]:
    if root.tag == f"{A}feed" and root.find(f"{A}author") is not None:
        return []
    return [
        src.at_end("atom-missing-author", entry,
               "atom:entry has no atom:author and neither does the feed: it 'MUST contain "
               "one or more atom:author elements, unless ... the containing feed element "
               "contains one or more atom:author elements'")
        for entry in entries
        if entry.find(f"{A}author") is None and entry.find(f"{A}source/{A}author") is None
    ]


def _dates(root: etree._Element,
           src: Source) -> tuple[list[Finding], dict[etree._Element, datetime]]:
    found: list[Finding] = []
    parsed: dict[etree._Element, datetime] = {}
    for el in root.iter(f"{A}updated", f"{A}published"):
        text = el.text or ""
        value = parse_rfc3339(text)
        # RFC 4287 §3.3: 'an uppercase "T" character MUST be used', likewise "Z"
        if value is None or text != text.strip() or "t" in text or "z" in text:
            found.append(src.at("atom-bad-date", el,
                                f"atom:{etree.QName(el).localname} {el.text!r} is not an RFC "
                                "3339 date-time: 'Date values MUST conform to the "
                                "\"date-time\" production in [RFC3339]'"))
        else:
            parsed[el] = value
    return found, parsed


def _parsed(entry: etree._Element, name: str,
            parsed: dict[etree._Element, datetime]) -> datetime | None:
    """The date an entry's child ``name`` was read as, if it has one that reads."""
    el = entry.find(f"{A}{name}")
    return None if el is None else parsed.get(el)


def _order(entries: list[etree._Element], parsed: dict[etree._Element, datetime],
           src: Source) -> list[Finding]:
    found: list[Finding] = []
    for entry in entries:
        updated = _parsed(entry, "updated", parsed)
        published = _parsed(entry, "published", parsed)
        if updated and published and updated < published:
            found.append(src.at("atom-updated-before-published", entry,
                                f"updated {updated.isoformat()} is earlier than published "
                                f"{published.isoformat()}"))
    return found


def _self_link(root: etree._Element, src: Source) -> list[Finding]:
    if root.tag != f"{A}feed":
        return []
    if any(link.get("rel") == "self" for link in root.findall(f"{A}link")):
        return []
    return [src.at_end("atom-missing-self-link", root,
                   'atom:feed has no <link rel="self">: it \'SHOULD contain one atom:link '
                   'element with a rel attribute value of "self"\'')]


def check_atom(tree: etree._ElementTree, src: Source | None = None) -> list[Finding]:
    src = src or Source(())
    root = tree.getroot()
    if etree.QName(root).namespace != NS:
        return [src.at("atom-namespace", root,
                       f"root element <{name_of(root)}> is not in the Atom namespace {NS}")]
    entries = [root] if root.tag == f"{A}entry" else root.findall(f"{A}entry")
    check = _Checker(src)
    check.walk(root)
    check.languages(root)
    for owner in [root, *entries, *root.iter(f"{A}source")]:
        check.alternates(owner)
    for entry in entries:
        check.entry(entry)
    date_findings, parsed = _dates(root, src)
    found = [
        *check_extensions(root, src, rss=False),
        *_required(root, entries, src),
        *check.found,
        *_ids(root, entries, src),
        *_authors(root, entries, src),
        *date_findings,
        *_order(entries, parsed, src),
        *_self_link(root, src),
    ]
    if not any(f.level == ERROR for f in found):
        found += _schema_finding(tree, src)
    return found
