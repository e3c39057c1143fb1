"""Every rule ``feeds validate`` can report, with its stable id and level.

Ids are kebab-case and never reused for another meaning: CI scripts and users grep for
them. Levels live here only, so a finding cannot disagree with the table.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    summary: str


_TABLE = (
    # Files and XML
    ("file-unreadable", ERROR, "the file cannot be read"),
    ("not-a-feed", ERROR, "a file named on the command line is not RSS, Atom or OPML"),
    ("xml-not-utf8", ERROR, "bytes that are not UTF-8, or a declared encoding other than UTF-8"),
    ("xml-illegal-char", ERROR, "a character (or character reference) XML 1.0 forbids"),
    ("xml-not-well-formed", ERROR, "the XML parser rejects the document"),
    ("xml-undeclared-prefix", ERROR, "an element or attribute prefix with no xmlns declaration"),
    ("xml-doctype", WARNING, "a DOCTYPE declaration; entities in it are not expanded"),
    # Atom 1.0 (RFC 4287)
    ("atom-namespace", ERROR, "the feed element is not in the Atom namespace"),
    ("atom-schema", ERROR, "RELAX NG schema of RFC 4287 Appendix B is not satisfied"),
    ("atom-missing-element", ERROR,
     "a feed or entry lacks id, title or updated, or an author lacks a name"),
    ("atom-id-not-absolute", ERROR, "atom:id is not an absolute IRI"),
    ("atom-id-malformed", ERROR, "a tag: or urn:uuid: atom:id does not follow its syntax"),
    ("atom-id-duplicate", ERROR, "two entries share an atom:id"),
    ("atom-missing-author", ERROR, "an entry has no author and neither does the feed"),
    ("atom-updated-before-published", ERROR, "an entry's updated is earlier than published"),
    ("atom-missing-self-link", ERROR, "the feed has no link rel=\"self\""),
    ("atom-bad-date", ERROR, "a date is not an RFC 3339 date-time with a time zone"),
    ("atom-html-content", ERROR, "type=\"html\" text does not parse as HTML"),
    # RSS 2.0
    ("rss-version", ERROR, "the rss element lacks version=\"2.0\""),
    ("rss-missing-channel", ERROR, "no channel element"),
    ("rss-missing-title", ERROR, "the channel has no title"),
    ("rss-missing-link", ERROR, "the channel has no link"),
    ("rss-missing-description", ERROR, "the channel has no description"),
    ("rss-item-no-title-or-description", ERROR, "an item has neither title nor description"),
    ("rss-bad-date", ERROR, "pubDate or lastBuildDate is not RFC 822 with a four-digit year"),
    ("rss-guid-duplicate", ERROR, "two items share a guid"),
    ("rss-guid-permalink", ERROR, "a guid that is not a URL lacks isPermaLink=\"false\""),
    ("rss-relative-link", ERROR, "a link, url or self link is not an absolute http(s) URL"),
    ("rss-missing-self-link", ERROR, "the channel has no atom:link rel=\"self\""),
    ("rss-content-namespace", ERROR, "an encoded element outside the content module namespace"),
    ("rss-item-missing-guid", WARNING, "an item has no guid, so readers guess its identity"),
    # OPML 2.0
    ("opml-version", WARNING, "the opml element's version is not 2.0"),
    ("opml-missing-head", ERROR, "no head element"),
    ("opml-missing-body", ERROR, "no body element"),
    ("opml-empty-body", ERROR, "the body has no outline"),
    ("opml-bad-date", ERROR, "dateCreated or dateModified is not an RFC 822 date"),
    ("opml-outline-missing-text", ERROR, "an outline has no text attribute"),
    ("opml-outline-missing-xmlurl", ERROR, "an outline type=\"rss\" has no xmlUrl"),
    ("opml-broken-xmlurl", ERROR, "an xmlUrl inside the output points to no file"),
    ("opml-xmlurl-invalid", ERROR, "an xmlUrl inside the output points to a feed with errors"),
    # Round trip through feedparser
    ("roundtrip-bozo", ERROR, "feedparser flags the feed as malformed (bozo)"),
    ("roundtrip-mismatch", ERROR, "the RSS, Atom and JSON feeds of one folder disagree"),
    # JSON Feed 1.1
    ("jsonfeed-not-json", ERROR, "a JSON feed that is not a UTF-8 JSON object"),
    ("jsonfeed-bad-version", ERROR, "version is not https://jsonfeed.org/version/1.1 (or 1)"),
    ("jsonfeed-missing-field", ERROR, "no title, no items array, or an item without a string id"),
    ("jsonfeed-id-duplicate", ERROR, "two items share an id"),
    ("jsonfeed-item-no-content", ERROR, "an item has neither content_html nor content_text"),
    ("jsonfeed-bad-date", ERROR, "date_published or date_modified is not RFC 3339"),
    ("jsonfeed-relative-url", ERROR, "home_page_url, feed_url or an item url is not absolute"),
)

RULES: dict[str, Rule] = {rid: Rule(rid, level, summary) for rid, level, summary in _TABLE}
