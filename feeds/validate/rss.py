"""RSS 2.0 (RSS Board specification): one table of the elements it defines, checked by type.

Each element of rss, channel, item, image, textInput, skipHours and skipDays is listed
with the type of its value and whether it may repeat; anything else outside a namespace
is unknown. Namespaced elements go to :mod:`.rss_ext`.

Longer than most modules here because it is the table of the specification's elements;
split, one element's rules would be read in two places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from feeds.validate import values
from feeds.validate.dates import parse_rfc822, parse_rfc822_any
from feeds.validate.locate import Source, name_of
from feeds.validate.report import Finding, finding
from feeds.validate.rss_ext import check_extensions

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HTML_TAG = re.compile(r"</(a|b|i|em|strong|p|div|span|br|img|font|u|ul|ol|li|h[1-6]|table|"
                       r"tr|td|blockquote|code|pre|sup|sub|small|big|center)\s*>", re.IGNORECASE)


_FORM_NAME = re.compile(r"[A-Za-z][\w\-:.]*")


@dataclass(frozen=True)
class Spec:
    """One element: the type of its value, whether it may repeat, its attributes."""

    kind: str = "text"  # text | url | email | date | lang | int | guid | list | container
    repeat: bool = False
    low: int = 0
    high: int | None = None
    required: bool = False
    attrs: tuple[str, ...] = ()  # attributes the spec defines ...
    required_attrs: tuple[str, ...] = ()  # ... and those it requires


_IMAGE = {
    "url": Spec("url", required=True), "title": Spec(required=True),
    "link": Spec("url", required=True), "width": Spec("int", low=1, high=144),
    "height": Spec("int", low=1, high=400), "description": Spec(),
}
_TEXT_INPUT = {
    "title": Spec(required=True), "description": Spec(required=True),
    "name": Spec(required=True), "link": Spec("url", required=True),
}
_ITEM = {
    "title": Spec(), "link": Spec("url"), "description": Spec(), "author": Spec("email"),
    "category": Spec(repeat=True, attrs=("domain",)), "comments": Spec("url"),
    "enclosure": Spec("container", repeat=True, attrs=("url", "length", "type"),
                      required_attrs=("url", "length", "type")),
    "guid": Spec("guid", attrs=("isPermaLink",)), "pubDate": Spec("date"),
    "source": Spec(attrs=("url",), required_attrs=("url",)),
}
_CLOUD_ATTRS = ("domain", "port", "path", "registerProcedure", "protocol")
_CHANNEL = {
    "title": Spec(), "link": Spec("url"), "description": Spec(), "language": Spec("lang"),
    "copyright": Spec(), "managingEditor": Spec("email"), "webMaster": Spec("email"),
    "pubDate": Spec("date"), "lastBuildDate": Spec("date"),
    "category": Spec(repeat=True, attrs=("domain",)), "generator": Spec(), "docs": Spec("url"),
    "cloud": Spec("container", attrs=_CLOUD_ATTRS, required_attrs=_CLOUD_ATTRS),
    "ttl": Spec("int", low=1), "image": Spec("container"), "rating": Spec(),
    "textInput": Spec("container"), "skipHours": Spec("container"),
    "skipDays": Spec("container"), "item": Spec("container", repeat=True),
}
CHILDREN: dict[str, dict[str, Spec]] = {
    "rss": {"channel": Spec("container")},
    "channel": _CHANNEL,
    "item": _ITEM,
    "image": _IMAGE,
    "textInput": _TEXT_INPUT,
    "skipHours": {"hour": Spec("list", repeat=True)},  # checked as lists: days_and_hours
    "skipDays": {"day": Spec("list", repeat=True)},
}
_TITLES = {("channel", "title"), ("item", "title"), ("image", "title"), ("textInput", "title")}


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


class _Checker:
    def __init__(self, src: Source) -> None:
        self.src = src
        self.found: list[Finding] = []

    def add(self, rule: str, el: etree._Element, message: str) -> None:
        self.found.append(self.src.at(rule, el, message))

    def add_end(self, rule: str, el: etree._Element, message: str) -> None:
        """Something missing from ``el``: reported at its end tag, where it was due."""
        self.found.append(self.src.at_end(rule, el, message))

    def add_value(self, rule: str, el: etree._Element, message: str) -> None:
        """A problem with the element's text: at the line where its value ends."""
        line, column = self.src.column(el)
        end = self.src.text_line(el)
        self.found.append(finding(rule, end, message, column if end == line else None))

    # -- structure -----------------------------------------------------------------
    def element(self, el: etree._Element, parent: str) -> None:
        table = CHILDREN.get(parent, {})
        seen: dict[str, int] = {}
        if (el.text or "").strip() and parent in ("rss", "channel", "item", "image",
                                                  "textInput", "skipHours", "skipDays"):
            self.add("rss-unexpected-text", el,
                     f"<{parent}> holds the text {(el.text or '').strip()[:40]!r}: it holds "
                     "elements only")
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if (child.tail or "").strip():
                self.add("rss-unexpected-text", child,
                         f"text {(child.tail or '').strip()[:40]!r} after <{name_of(child)}> "
                         f"inside <{parent}>, which holds elements only")
            if etree.QName(child).namespace:
                continue  # module elements: rss_ext
            name = child.tag
            spec = table.get(name)
            if spec is None:
                if not (parent == "rss" and name == "item"):  # readers accept a stray item
                    self.add("rss-unknown-element", child,
                             f"<{name}> is not an element of <{parent}> in RSS 2.0 (and is in "
                             "no namespace): 'a RSS feed may contain elements not described "
                             "on this page, only if those elements are defined in a namespace'")
                continue
            if name in seen and not spec.repeat:
                self.add("rss-duplicate-element", child,
                         f"<{parent}> has a second <{name}> (the first is on line "
                         f"{seen[name]})")
            seen.setdefault(name, child.sourceline or 1)
            self.attributes(child, spec)
            self.value(child, parent, spec)
            if name in CHILDREN:
                self.element(child, name)
        for name, spec in table.items():
            if spec.required and name not in seen:
                self.add_end("rss-missing-element", el,
                         f"<{parent}> has no <{name}>: the spec requires it")

    def attributes(self, el: etree._Element, spec: Spec) -> None:
        name = name_of(el)
        for attr in el.attrib:
            if "}" not in attr and attr not in spec.attrs:
                self.add("rss-unknown-element", el,
                         f"<{name}> has an attribute {attr!r} RSS 2.0 does not define")
        for attr in spec.required_attrs:
            if attr not in el.attrib:
                self.add("rss-missing-attribute", el,
                         f"<{name}> has no {attr} attribute: the spec requires it")

    # -- values --------------------------------------------------------------------
    def value(self, el: etree._Element, parent: str, spec: Spec) -> None:
        name = name_of(el)
        raw = el.text or ""
        text = raw.strip()
        if spec.kind == "url":
            self.url(el, f"<{parent}><{name}>", raw)
        elif spec.kind == "email" and (problem := values.email_problem(text)):
            self.add_value("rss-bad-email", el, f"<{name}> {text!r} {problem}")
        elif spec.kind == "date":
            self.date(el, text)
        elif spec.kind == "lang" and (problem := values.language_problem(text)):
            self.add_value("rss-bad-language", el, f"<language> {text!r} {problem}")
        elif spec.kind == "int" and (problem := values.integer_problem(text, spec.low,
                                                                       spec.high)):
            self.add_value("rss-bad-number", el, f"<{parent}><{name}> {text!r} {problem}")
        elif spec.kind == "guid":
            self.guid(el, text)
        if (parent, name) in _TITLES and (m := _HTML_TAG.search(raw)):
            self.add_value("rss-html-in-text", el,
                           f"<{parent}><{name}> holds HTML markup ({m[0]}): it is plain text, "
                           "so readers will show the tags")
        if name == "enclosure":
            self.attr_url(el, "url")
            length = el.get("length")
            if length is not None and (problem := values.integer_problem(length)):
                self.add("rss-bad-number", el, f"<enclosure> length {length!r} {problem}")
            mime = el.get("type")
            if mime is not None and (problem := values.mime_problem(mime)):
                self.add("rss-bad-value", el, f"<enclosure> type {mime!r} {problem}")
        elif name == "name" and parent == "textInput" and not _FORM_NAME.fullmatch(text):
            self.add_value("rss-bad-value", el, f"<textInput><name> {text!r} is not a form "
                           "field name (a letter, then letters, digits, '-', '_', ':' or '.')")
        elif name == "source":
            self.attr_url(el, "url")
        elif name == "cloud":
            port = el.get("port")
            if port is not None and (problem := values.integer_problem(port, 0, 65535)):
                self.add("rss-bad-number", el, f"<cloud> port {port!r} {problem}")
            protocol = el.get("protocol")
            if protocol is not None and protocol not in ("xml-rpc", "soap", "http-post"):
                self.add("rss-bad-value", el, f"<cloud> protocol {protocol!r} is not "
                         "'xml-rpc', 'soap' or 'http-post'")

    def url(self, el: etree._Element, what: str, raw: str) -> None:
        problem = values.uri_problem(raw.strip())  # readers trim white space around it
        if problem:
            self.add_value("rss-bad-uri", el, f"{what} {raw.strip()!r} {problem}")
        elif values.uri_problem(raw.strip(), absolute=True):
            self.add_value("rss-relative-link", el,
                           f"{what} {raw.strip()!r} is not an absolute URL")

    def attr_url(self, el: etree._Element, attr: str) -> None:
        value = el.get(attr)
        if value is None:
            return
        what = f"<{name_of(el)}> {attr}"
        if problem := values.uri_problem(value):
            self.add("rss-bad-uri", el, f"{what} {value!r} {problem}")
        elif values.uri_problem(value, absolute=True):
            self.add("rss-relative-link", el, f"{what} {value!r} is not an absolute URL")

    def date(self, el: etree._Element, text: str) -> None:
        if parse_rfc822(text) is not None:
            return
        if parse_rfc822_any(text) is None:
            self.add_value("rss-bad-date", el,
                           f"<{name_of(el)}> {text!r} is not an RFC 822 date-time with the right "
                           "weekday, e.g. 'Tue, 03 Feb 2026 09:30:00 +0000'")
        else:
            self.add_value("rss-date-form", el,
                           f"<{name_of(el)}> {text!r} is RFC 822, in a form RSS 2.0 discourages: "
                           "'the year may be expressed with two characters or four "
                           "characters (four preferred)'; write e.g. "
                           "'Tue, 03 Feb 2026 09:30:00 +0000'")

    def guid(self, el: etree._Element, text: str) -> None:
        flag = el.get("isPermaLink")
        if flag is not None and flag.strip() not in ("true", "false"):
            self.add("rss-bad-value", el, f"<guid> isPermaLink {flag!r} is not 'true' or 'false'")
        if not text:
            self.add_value("rss-guid-permalink", el, "<guid> is empty")
            return
        permalink = (flag or "true").strip() != "false"
        if permalink and values.network_url_problem(text) is not None:
            self.add_value("rss-guid-permalink", el,
                           f"<guid> {text!r} is not a URL: 'if the guid element has an "
                           "attribute named isPermaLink with a value of true, the reader may "
                           "assume that it is a permalink'; add isPermaLink=\"false\"")

    # -- whole-feed checks ---------------------------------------------------------
    def items(self, channel: etree._Element) -> None:
        seen: dict[str, int] = {}
        for item in channel.findall("item"):
            if item.find("title") is None and item.find("description") is None:
                self.add_end("rss-item-no-title-or-description", item,
                         "<item> has neither <title> nor <description>: 'all elements of an "
                         "item are optional, however at least one of title or description "
                         "must be present'")
            guid = item.find("guid")
            if guid is None:
                self.add("rss-item-missing-guid", item,
                         "<item> has no <guid>: readers will guess its identity")
                continue
            value = _text(guid)
            if value and value in seen:
                self.add_value("rss-guid-duplicate", guid,
                               f"<guid> {value!r} already used by the item on line "
                               f"{seen[value]}: a guid 'uniquely identifies the item'")
            elif value:
                seen[value] = guid.sourceline or 1

    def days_and_hours(self, channel: etree._Element) -> None:
        for hours in channel.findall("skipHours"):
            seen: set[str] = set()
            for hour in hours.findall("hour"):
                text = _text(hour)
                if values.integer_problem(text, 0, 24) is not None:
                    self.add_value("rss-bad-number", hour,
                                   f"<skipHours><hour> {text!r} is not a whole number from 0 "
                                   "to 23")
                elif str(int(text) % 24) in seen:
                    self.add_value("rss-bad-value", hour, f"<hour> {text} is listed twice "
                                   "(24 and 0 are both midnight)")
                if text.isdigit():
                    seen.add(str(int(text) % 24))
            if hours.find("hour") is None:
                self.add_end("rss-missing-element", hours, "<skipHours> has no <hour>")
            if len(hours.findall("hour")) > 24:
                self.add("rss-bad-value", hours, "<skipHours> lists more than 24 hours")
        for days in channel.findall("skipDays"):
            seen_days: set[str] = set()
            for day in days.findall("day"):
                text = _text(day)
                if text not in DAYS:
                    self.add_value("rss-bad-value", day,
                                   f"<skipDays><day> {text!r} is not one of {', '.join(DAYS)}")
                elif text in seen_days:
                    self.add_value("rss-bad-value", day, f"<day> {text} is listed twice")
                seen_days.add(text)
            if days.find("day") is None:
                self.add_end("rss-missing-element", days, "<skipDays> has no <day>")
            if len(days.findall("day")) > 7:
                self.add("rss-bad-value", days, "<skipDays> lists more than 7 days")


def _self_link(channel: etree._Element, src: Source) -> list[Finding]:
    if any(link.get("rel") == "self" for link in channel.findall(f"{ATOM}link")):
        return []
    return [src.at_end("rss-missing-self-link", channel,
                   '<channel> has no <atom:link rel="self">: readers cannot tell where the '
                   "feed lives")]


def _content_namespace(root: etree._Element, src: Source) -> list[Finding]:
    return [
        src.at("rss-content-namespace", el,
               f"{el.prefix or ''}:encoded is in namespace "
               f"{etree.QName(el).namespace!r}, not {CONTENT_NS!r}")
        for el in root.iter(etree.Element)
        if etree.QName(el).localname == "encoded"
        and etree.QName(el).namespace not in (CONTENT_NS, None)
    ]


def check_rss(tree: etree._ElementTree, src: Source | None = None) -> list[Finding]:
    src = src or Source(())
    root = tree.getroot()
    check = _Checker(src)
    if root.get("version") != "2.0":
        check.add("rss-version", root,
                  f"<rss> version is {root.get('version')!r}: this checks RSS 2.0, "
                  "'the rss element has a mandatory attribute called version'")
    check.attributes(root, Spec(attrs=("version",)))
    channel = root.find("channel")
    if channel is None:
        check.add_end("rss-missing-channel", root, "<rss> has no <channel>")
        return check.found
    check.element(root, "rss")
    for name in ("title", "link", "description"):
        el = channel.find(name)
        if el is None:
            check.add_end(f"rss-missing-{name}", channel,
                          f"<channel> has no <{name}>: a required channel element")
        elif not _text(el):
            check.add_value("rss-blank-element", el,
                            f"<channel><{name}> is empty: a required channel element with "
                            "nothing in it")
    check.items(channel)
    check.days_and_hours(channel)
    return [
        *check.found,
        *_self_link(channel, src),
        *_content_namespace(root, src),
        *check_extensions(root, src),
    ]
