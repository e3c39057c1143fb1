"""RSS 2.0 (RSS Board specification): required elements, dates, guids and links."""

from __future__ import annotations

from lxml import etree

from feeds.validate.dates import parse_rfc822
from feeds.validate.links import is_http_url
from feeds.validate.report import Finding, finding

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"

# (element path under channel or item, attribute or None): places that hold a URL
_CHANNEL_URLS = (("link", None), ("image/url", None), ("image/link", None),
                 (f"{ATOM}link", "href"))
_ITEM_URLS = (("link", None), ("comments", None), ("enclosure", "url"), ("source", "url"))


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _required(channel: etree._Element) -> list[Finding]:
    return [
        finding(f"rss-missing-{name}", channel.sourceline, f"channel has no <{name}>")
        for name in ("title", "link", "description")
        if not _text(channel.find(name))
    ]


def _dates(channel: etree._Element) -> list[Finding]:
    found: list[Finding] = []
    places = [channel.find("pubDate"), channel.find("lastBuildDate")]
    places += channel.findall("item/pubDate")
    for el in places:
        if el is not None and parse_rfc822(el.text or "") is None:
            found.append(finding("rss-bad-date", el.sourceline,
                                 f"{el.tag} {el.text!r} is not an RFC 822 date with a four-digit "
                                 "year, e.g. 'Tue, 03 Feb 2026 09:30:00 +0000'"))
    return found


def _urls(owner: etree._Element, places: tuple[tuple[str, str | None], ...]) -> list[Finding]:
    found: list[Finding] = []
    for path, attr in places:
        for el in owner.findall(path):
            value = el.get(attr, "") if attr else _text(el)
            if value and not is_http_url(value):
                what = f"{etree.QName(el).localname}/@{attr}" if attr else el.tag
                found.append(finding("rss-relative-link", el.sourceline,
                                     f"{what} {value!r} is not an absolute http(s) URL"))
    return found


def _items(channel: etree._Element) -> list[Finding]:
    found: list[Finding] = []
    seen: dict[str, int] = {}
    for item in channel.findall("item"):
        if not _text(item.find("title")) and not _text(item.find("description")):
            found.append(finding("rss-item-no-title-or-description", item.sourceline,
                                 "item has neither <title> nor <description>"))
        found += _urls(item, _ITEM_URLS)
        guid = item.find("guid")
        if guid is None:
            found.append(finding("rss-item-missing-guid", item.sourceline,
                                 "item has no <guid>: readers will guess its identity"))
            continue
        value = _text(guid)
        permalink = guid.get("isPermaLink", "true").strip() != "false"
        if permalink and not is_http_url(value):
            found.append(finding("rss-guid-permalink", guid.sourceline,
                                 f'guid {value!r} is not a URL: add isPermaLink="false"'))
        if value in seen:
            found.append(finding("rss-guid-duplicate", guid.sourceline,
                                 f"guid {value!r} already used by the item on line {seen[value]}"))
        else:
            seen[value] = guid.sourceline
    return found


def _self_link(channel: etree._Element) -> list[Finding]:
    if any(link.get("rel") == "self" for link in channel.findall(f"{ATOM}link")):
        return []
    return [finding("rss-missing-self-link", channel.sourceline,
                    'channel has no <atom:link rel="self"> in the Atom namespace')]


def _content_namespace(root: etree._Element) -> list[Finding]:
    return [
        finding("rss-content-namespace", el.sourceline,
                f"{el.prefix or ''}:encoded is in namespace "
                f"{etree.QName(el).namespace!r}, not {CONTENT_NS!r}")
        for el in root.iter(etree.Element)
        if etree.QName(el).localname == "encoded" and etree.QName(el).namespace != CONTENT_NS
    ]


def check_rss(tree: etree._ElementTree) -> list[Finding]:
    root = tree.getroot()
    found: list[Finding] = []
    if root.get("version") != "2.0":
        found.append(finding("rss-version", root.sourceline,
                             f"rss version is {root.get('version')!r}, expected '2.0'"))
    channel = root.find("channel")
    if channel is None:
        return [*found, finding("rss-missing-channel", root.sourceline, "rss has no <channel>")]
    return [
        *found,
        *_required(channel),
        *_dates(channel),
        *_urls(channel, _CHANNEL_URLS),
        *_items(channel),
        *_self_link(channel),
        *_content_namespace(root),
    ]
