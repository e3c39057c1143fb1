"""What an HTML page says about itself in markup: ``<meta>`` tags (Open Graph, article:*),
JSON-LD and schema.org microdata.

Values are kept raw; nothing here interprets a date. Dates are returned as (key, value)
pairs under the keys the date resolver reads: ``datePublished``/``dateModified``
(JSON-LD), ``article:published_time``/``article:modified_time`` (Open Graph) and
``itemprop:datePublished``/``itemprop:dateModified`` (microdata).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree, html

from feeds.language import normalise as normalise_language
from feeds.parse.htmldoc import clean, text_of

DATE_PROPS = ("datePublished", "dateModified", "dateCreated")
OG_DATES = ("article:published_time", "article:modified_time")
# schema.org types whose node describes the article itself rather than the page or site.
_ARTICLE_TYPES = ("article", "posting", "report")


@dataclass(frozen=True)
class PageMeta:
    title: str = ""  # <title>
    og_title: str = ""
    ld_headline: str = ""
    item_headline: str = ""
    site_name: str = ""  # og:site_name, else JSON-LD publisher.name
    description: str = ""
    authors: tuple[str, ...] = ()
    section: str = ""
    keywords: tuple[str, ...] = ()
    language: str = ""
    canonical: str = ""
    image: str = ""
    dates: tuple[tuple[str, str], ...] = ()


def read_meta(root: html.HtmlElement) -> PageMeta:
    tags = _meta_tags(root)
    ld = _ld_article(root)
    items = _microdata(root)

    def first(*keys: str) -> str:
        return next((tags[k][0] for k in keys if tags.get(k)), "")

    authors = (
        _ld_people(ld.get("author"), ld)
        or tuple(a for a in tags.get("author", []) + tags.get("article:author", [])
                 if not a.startswith(("http://", "https://")))
        or tuple(items.get("author", []))
    )
    keywords = _keywords(ld.get("keywords")) or tuple(tags.get("article:tag", [])) or (
        _keywords(first("news_keywords", "keywords"))
    )
    dates: list[tuple[str, str]] = []
    for prop in DATE_PROPS:
        dates += [(prop, v) for v in _strings(ld.get(prop))[:1]]
    for key in OG_DATES:
        dates += [(key, v) for v in tags.get(key, [])[:1]]
    for prop in DATE_PROPS:
        dates += [(f"itemprop:{prop}", v) for v in items.get(prop, [])[:1]]
    title_el = root.find(".//title")
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    return PageMeta(
        title=text_of(title_el) if title_el is not None else "",
        og_title=first("og:title", "twitter:title"),
        ld_headline=_ld_text(ld, "headline"),
        item_headline=next(iter(items.get("headline", [])), ""),
        site_name=first("og:site_name") or _ld_name(ld.get("publisher"), ld),
        description=first("og:description", "description", "twitter:description")
        or _ld_text(ld, "description"),
        authors=tuple(dict.fromkeys(a for a in authors if a)),
        section=first("article:section") or _ld_text(ld, "articleSection"),
        keywords=keywords,
        language=_language(clean(lang), tags, root) or _ld_text(ld, "inLanguage"),
        canonical=_canonical(root) or first("og:url") or _ld_url(ld),
        image=first("og:image", "og:image:url", "twitter:image") or _ld_image(ld.get("image")),
        dates=tuple(dict.fromkeys(dates)),
    )


def _language(lang: str, tags: dict[str, list[str]], root: html.HtmlElement) -> str:
    """``<html lang>``, else ``<meta http-equiv="Content-Language">``, else og:locale."""
    if normalise_language(lang):
        return lang
    for el in root.iter("meta"):
        if ((el.get("http-equiv") or "").strip().lower() == "content-language"
                and normalise_language(el.get("content"))):
            return clean(el.get("content"))
    return next(iter(tags.get("og:locale", [])), "")


def _meta_tags(root: html.HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        value = clean(el.get("content"))
        if key and value:
            found.setdefault(key, []).append(value)
    return found


def _canonical(root: html.HtmlElement) -> str:
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and (href := el.get("href")):
            return href.strip()
    return ""


# --- JSON-LD ---------------------------------------------------------------------------


def _ld_nodes(root: html.HtmlElement) -> list[dict]:
    nodes: list[dict] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=False)
            nodes.extend(_flatten(data))
        except (ValueError, RecursionError):
            continue  # a broken or absurdly nested block says nothing; the others count
    return nodes


def _flatten(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for part in data:
            yield from _flatten(part)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), list | dict):
                yield from _flatten(data[key])


def _types(node: dict) -> list[str]:
    kind = node.get("@type", [])
    return [k.lower() for k in ([kind] if isinstance(kind, str) else kind) if isinstance(k, str)]


def _ld_article(root: html.HtmlElement) -> dict:
    """The node describing the article (else the page), with ``@id`` references kept
    resolvable under the private key ``_ids``."""
    nodes = _ld_nodes(root)
    ids = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    article = next((n for n in nodes if any(t.endswith(_ARTICLE_TYPES) for t in _types(n))),
                   None)
    page = next((n for n in nodes if any(t.endswith("page") for t in _types(n))), {})
    chosen = dict(article or page)
    for key in ("publisher", *DATE_PROPS):  # a page node often carries what the article lacks
        if key not in chosen and key in page:
            chosen[key] = page[key]
    chosen["_ids"] = ids
    return chosen


def _resolve(value: object, ld: dict) -> object:
    if isinstance(value, dict) and set(value) == {"@id"}:
        return ld["_ids"].get(value["@id"], value)
    return value


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _ld_text(ld: dict, key: str) -> str:
    return clean(next(iter(_strings(ld.get(key))), ""))


def _ld_name(value: object, ld: dict) -> str:
    value = _resolve(value, ld)
    if isinstance(value, list):
        value = next(iter(value), None)
        value = _resolve(value, ld)
    if isinstance(value, dict):
        return clean(next(iter(_strings(value.get("name"))), ""))
    return clean(value) if isinstance(value, str) else ""


def _ld_people(value: object, ld: dict) -> tuple[str, ...]:
    people = value if isinstance(value, list) else [value]
    names = [_ld_name(p, ld) for p in people if p]
    return tuple(n for n in names if n and not n.startswith(("http://", "https://")))


def _ld_url(ld: dict) -> str:
    page = ld.get("mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id") or page.get("url")
    return next(iter(_strings(ld.get("url")) + _strings(page)), "")


def _ld_image(value: object) -> str:
    if isinstance(value, list):
        value = next(iter(value), None)
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value.strip() if isinstance(value, str) else ""


def _keywords(value: object) -> tuple[str, ...]:
    words = [w.strip() for s in _strings(value) for w in s.split(",")]
    return tuple(dict.fromkeys(clean(w) for w in words if w.strip()))


# --- microdata -------------------------------------------------------------------------


# Elements with an ``itemprop``, in document order: found by libxml2, so the few a page has
# are all Python sees (a loop over every element cost about 4% of reading an HTML page).
_ITEMPROPS = etree.XPath("descendant-or-self::*[@itemprop]")


def _microdata(root: html.HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in _ITEMPROPS(root):
        for prop in el.get("itemprop").split():
            if prop == "author":
                value = _item_name(el)
            else:
                stated = el.get("content") or el.get("datetime") or (
                    el.get("title") if el.tag == "abbr" else None)  # microformat dates
                value = clean(stated) or text_of(el)
            if value:
                found.setdefault(prop, []).append(value)
    return found


def _item_name(el: html.HtmlElement) -> str:
    """An author given as a nested item (``itemprop="name"`` inside) or as plain text."""
    if el.get("content"):
        return clean(el.get("content"))
    for sub in el.iter():
        if "name" in (sub.get("itemprop") or "").split():
            return clean(sub.get("content")) or text_of(sub)
    return text_of(el)
