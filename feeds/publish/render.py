"""Article blocks -> HTML: the feed item body and the static pages items link to.

Every piece of capture text is escaped here; nothing from a capture reaches markup raw.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape as _html_escape

from feeds.dates import describe
from feeds.dates.resolve import OPEN_EARLIEST, OPEN_LATEST
from feeds.model import Article, Block, BlockKind, DateEstimate, Entry, Item, Precision
from feeds.publish.opml import FeedRef
from feeds.textclean import xml_safe


def date_text(estimate: DateEstimate) -> str:
    """What a page says about an item's date: ``describe``, except that a date nothing
    bounds from below is not dressed up as one. Such an item is dated in the feeds by
    its first capture (the earliest capture time known, else when this output first saw
    it), and the page says so."""
    if estimate.earliest.date() > OPEN_EARLIEST:
        return describe(estimate)
    seen = estimate.latest if estimate.latest.date() < OPEN_LATEST else estimate.value
    return f"date unknown; first captured {seen.day} {seen:%B %Y}"


# Every character ``escape`` changes: markup, quotes, and the characters ``xml_safe`` drops
# (C0 and C1 controls, ESC among them, surrogates, noncharacters, the astral ones all at
# U+1FFFE or above). Text with none of them, most of it, is returned after this one scan.
_TOUCHED = re.compile("[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
                      "\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]")


def escape(text: str) -> str:
    """HTML-escape (quotes too) after dropping characters no page or feed may carry."""
    if _TOUCHED.search(text) is None:
        return text
    return _html_escape(xml_safe(text))


_TAG = {
    BlockKind.PARAGRAPH: "p",
    BlockKind.HEADING: "h2",
    BlockKind.QUOTE: "blockquote",
}


def body_html(blocks: Sequence[Block]) -> str:
    """Ordered blocks as HTML; consecutive list items share one ``<ul>``."""
    out: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind is BlockKind.LIST_ITEM:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{escape(block.text)}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        text = escape(block.text)
        if block.kind is BlockKind.CAPTION:
            out.append(f"<figure><figcaption>{text}</figcaption></figure>")
        else:
            tag = _TAG[block.kind]
            out.append(f"<{tag}>{text}</{tag}>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def _by(article: Article) -> str:
    """"By " before the names in English (or unknown-language) articles only: an English
    word in a French byline reads "By Par Jean Dupont"."""
    lang = article.language or "en"
    return "By " if lang.split("-")[0].lower() == "en" else ""


def item_html(article: Article) -> str:
    """Full content for a feed entry: byline, then the body."""
    parts = []
    if article.byline:
        parts.append(f'<p class="byline">{_by(article)}{escape(article.byline)}</p>')
    parts.append(body_html(article.blocks))
    return "\n".join(parts)


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{links}
<style>body{{max-width:42rem;margin:2rem auto;padding:0 1rem;
font:1.05rem/1.6 Georgia,serif;color:#222}}
h1{{line-height:1.2}} .dek{{font-size:1.2rem;color:#444}} .meta{{color:#666;font-size:.9rem}}
figcaption{{font-style:italic;color:#555}} li{{margin:.3rem 0}}</style>
</head>
<body>
{body}
</body>
</html>
"""


def head_links(refs: Sequence[FeedRef], opml_url: str) -> str:
    """Autodiscovery: one ``alternate`` link per feed (RSS first), then the OPML index."""
    lines = [
        f'<link rel="alternate" type="{r.media_type}" title="{escape(r.title)} ({r.label})" '
        f'href="{escape(r.xml_url)}">'
        for r in refs
    ]
    lines.append(f'<link rel="outline" type="text/x-opml" title="All feeds (OPML)" '
                 f'href="{escape(opml_url)}">')
    return "\n".join(lines)


def subscribe_line(refs: Sequence[FeedRef], opml_url: str) -> str:
    """The same links, visible: for readers without autodiscovery."""
    feeds = " · ".join(f'<a href="{escape(r.xml_url)}">{r.label}</a>' for r in refs)
    return (f'<p class="meta">Subscribe: {feeds} · '
            f'<a href="{escape(opml_url)}">All feeds (OPML)</a></p>')


def article_page(item: Item, refs: Sequence[FeedRef], opml_url: str, language: str) -> str:
    """One article; ``refs`` are its site's feeds."""
    a = item.story.article
    links = head_links(refs, opml_url)
    if a.url:
        links += f'\n<link rel="canonical" href="{escape(a.url)}">'
    date = item.date
    meta = [f'<time datetime="{date.value.date().isoformat()}">{escape(date_text(date))}</time>']
    if date.precision is not Precision.DAY and date.earliest.date() > OPEN_EARLIEST:
        meta.append(f"(estimated, {escape(date.precision.value)} precision)")
    if a.byline:
        meta.insert(0, f"{_by(a)}{escape(a.byline)} ·")
    body = [
        f'<p class="meta"><a href="./">{escape(item.site)}</a></p>',
        f"<article>\n<h1>{escape(a.headline)}</h1>",
    ]
    if a.dek:
        body.append(f'<p class="dek">{escape(a.dek)}</p>')
    body.append(f'<p class="meta">{" ".join(meta)}</p>')
    body.append(body_html(a.blocks))
    body.append("</article>")
    if a.related:
        body.append("<aside><h2>Related headlines on the captured page</h2><ul>")
        body.extend(f"<li>{escape(r)}</li>" for r in a.related)
        body.append("</ul></aside>")
    body.append(f"<footer>\n{subscribe_line(refs, opml_url)}\n</footer>")
    return _PAGE.format(
        lang=escape(language), title=escape(a.headline), links=links, body="\n".join(body)
    )


def site_page(
    site: str, items: Sequence[Entry], refs: Sequence[FeedRef], opml_url: str, language: str
) -> str:
    rows = [
        f'<li><a href="{escape(i.slug)}.html">{escape(i.headline)}</a> '
        f'<span class="meta">{escape(date_text(i.date))}</span></li>'
        for i in items
    ]
    body = (
        f"<h1>{escape(site)}</h1>\n{subscribe_line(refs, opml_url)}\n<ul>\n"
        + "\n".join(rows) + "\n</ul>"
    )
    return _PAGE.format(
        lang=escape(language),
        title=escape(site),
        links=head_links(refs, opml_url),
        body=body,
    )


def index_page(
    title: str, refs: Sequence[FeedRef], items: Sequence[Entry], language: str, opml_url: str
) -> str:
    """The output's front page: every feed (with autodiscovery) and the newest articles."""
    by_site: dict[tuple[str, str], list[FeedRef]] = {}
    for r in refs:
        by_site.setdefault((r.title, r.html_url), []).append(r)
    feeds = [
        f'<li><a href="{escape(page)}">{escape(site)}</a> — '
        + " · ".join(f'<a href="{escape(r.xml_url)}">{r.label}</a>' for r in site_refs)
        + "</li>"
        for (site, page), site_refs in by_site.items()
    ]
    newest = [
        f'<li><a href="{escape(i.site_slug)}/{escape(i.slug)}.html">'
        f"{escape(i.headline)}</a> "
        f'<span class="meta">{escape(i.site)} · {escape(date_text(i.date))}</span></li>'
        for i in items
    ]
    body = (
        f"<h1>{escape(title)}</h1>\n<h2>Feeds</h2>\n<ul>\n" + "\n".join(feeds) + "\n</ul>\n"
        f'<p class="meta"><a href="{escape(opml_url)}">All feeds as OPML</a></p>\n'
        "<h2>Newest articles</h2>\n<ul>\n" + "\n".join(newest) + "\n</ul>"
    )
    links = head_links(refs, opml_url)
    return _PAGE.format(lang=escape(language), title=escape(title), links=links, body=body)
