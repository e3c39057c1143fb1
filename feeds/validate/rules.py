"""Every rule ``feeds validate`` can report: its stable id, level, spec reference and summary.

Ids are kebab-case and never reused for another meaning: CI scripts and users grep for
them. Levels live here only, so a finding cannot disagree with the table.

The level is the spec's own: ``error`` for what a spec says MUST (or a syntax it defines),
``warning`` for a SHOULD or a common interoperability problem, ``info`` for a remark.
A few rules are stricter house rules for the project's own output (a self link, UTF-8
only, four-digit years, the informative RELAX NG schema, ...): they carry a ``strict``
level that ``--strict`` applies.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"

RSS = "RSS 2.0"
RSS_URL = "https://www.rssboard.org/rss-specification"
ATOM = "RFC 4287"
OPML = "OPML 2.0"
XML = "XML 1.0"


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    summary: str
    spec: str = ""
    strict: str | None = None  # the level under --strict, when it differs

    def level_for(self, strict: bool) -> str:
        return self.strict if strict and self.strict else self.level


_E, _W, _I = ERROR, WARNING, INFO

_TABLE: tuple[tuple[str, str, str | None, str, str], ...] = (
    # id, level, strict level, spec reference, summary
    # Files and XML
    ("file-unreadable", _E, None, "", "the file cannot be read"),
    ("not-a-feed", _E, None, "",
     "a file named on the command line is not RSS, Atom, OPML or a JSON Feed"),
    ("xml-bad-encoding", _E, None, f"{XML} §4.3.3",
     "bytes that are not valid in the document's encoding, or an unknown encoding"),
    ("xml-not-utf8", _I, _E, f"{XML} §4.3.3",
     "a declared encoding other than UTF-8 (legal XML; UTF-8 is what every reader reads)"),
    ("xml-illegal-char", _E, None, f"{XML} §2.2",
     "a character (or character reference) XML 1.0 forbids"),
    ("xml-not-well-formed", _E, None, f"{XML} §2.1", "the XML parser rejects the document"),
    ("xml-undeclared-prefix", _E, None, "Namespaces in XML §5",
     "an element or attribute prefix with no xmlns declaration"),
    ("xml-doctype", _W, None, f"{XML} §2.8",
     "a DOCTYPE declaration; entities in it are not expanded"),
    # Atom 1.0 (RFC 4287)
    ("atom-namespace", _E, None, f"{ATOM} §2", "the feed element is not in the Atom namespace"),
    ("atom-schema", _W, _E, f"{ATOM} Appendix B",
     "the informative RELAX NG schema is not satisfied (reported once, at the element)"),
    ("atom-missing-element", _E, None, f"{ATOM} §4.1.1, §4.1.2, §3.2.1",
     "a feed or entry lacks id, title or updated, or an author lacks a name"),
    ("atom-duplicate-element", _E, None, f"{ATOM} §4.1.1, §4.1.2",
     "an element that may appear once appears more than once"),
    ("atom-duplicate-alternate", _E, None, f"{ATOM} §4.1.1, §4.1.2",
     "two rel=\"alternate\" links with the same type and hreflang"),
    ("atom-unknown-element", _E, None, f"{ATOM} §4, §6.2",
     "an element in the Atom namespace that RFC 4287 does not define there"),
    ("atom-unknown-attribute", _E, None, f"{ATOM} §4; Appendix B undefinedAttribute",
     "an attribute outside any namespace that RFC 4287 does not define on the element"),
    ("atom-missing-attribute", _E, None, f"{ATOM} §4.2.7, §4.2.2",
     "a link without href, a category without term"),
    ("atom-id-not-absolute", _E, None, f"{ATOM} §4.2.6", "atom:id is not an absolute IRI"),
    ("atom-id-malformed", _E, None, f"{ATOM} §4.2.6; RFC 4151; RFC 4122; RFC 8141",
     "a tag:, urn:uuid: or urn: atom:id does not follow its syntax"),
    ("atom-id-duplicate", _W, _E, f"{ATOM} §4.1.1",
     "two entries share an atom:id and atom:updated"),
    ("atom-id-repeated", _I, _E, f"{ATOM} §4.1.1",
     "two entries share an atom:id with different atom:updated: legal (two versions of one "
     "entry), but the project's own feeds list each entry once"),
    ("atom-bad-iri", _E, None, f"{ATOM} §4.2.7.1; RFC 3987 §2.2",
     "a link, uri, icon, logo or src value is not an IRI reference"),
    ("atom-iri-not-uri", _W, _E, "RFC 3987 §3.1",
     "an IRI with raw non-ASCII characters: many readers need it percent-encoded as a URI"),
    ("atom-missing-author", _E, None, f"{ATOM} §4.1.2",
     "an entry has no author and neither does the feed"),
    ("atom-updated-before-published", _W, _E, f"{ATOM} §4.2.9, §4.2.15",
     "an entry's updated is earlier than published"),
    ("atom-missing-self-link", _W, _E, f"{ATOM} §4.1.1",
     "the feed has no link rel=\"self\" (a SHOULD)"),
    ("atom-bad-date", _E, None, f"{ATOM} §3.3; RFC 3339 §5.6",
     "a date is not an RFC 3339 date-time with a time zone"),
    ("atom-bad-email", _E, None, f"{ATOM} §3.2.3; RFC 2822 addr-spec",
     "an atom:email is not an e-mail address"),
    ("atom-bad-language", _E, None, f"{ATOM} §4.2.7.4; {XML} §2.12; BCP 47",
     "xml:lang or hreflang is not a language tag"),
    ("atom-bad-mime-type", _E, None, f"{ATOM} §4.2.7.3, §4.1.3.1; RFC 4288",
     "a link or content type is not a MIME media type"),
    ("atom-bad-text-type", _E, None, f"{ATOM} §3.1.1",
     "a text construct's type is not text, html or xhtml"),
    ("atom-xhtml-div", _E, None, f"{ATOM} §3.1.1.3, §4.1.3.3",
     "type=\"xhtml\" content is not a single xhtml:div"),
    ("atom-bad-number", _E, None, f"{ATOM} §4.2.7.6", "a link length is not a whole number"),
    ("atom-not-base64", _E, None, f"{ATOM} §4.1.3.3",
     "inline content of a non-text, non-XML media type is not Base64"),
    ("atom-missing-summary", _E, None, f"{ATOM} §4.1.1.1, §4.1.2",
     "an entry without inline content has no summary, or one without content has no "
     "alternate link"),
    ("atom-content-src", _E, None, f"{ATOM} §4.1.3.2",
     "content with src is not empty, or has a type of text, html or xhtml"),
    ("atom-unexpected-text", _E, None, f"{ATOM} §4", "text where only elements are allowed"),
    ("atom-not-escaped", _E, None, f"{ATOM} §3.1.1.1, §3.1.1.2",
     "type=\"text\" or \"html\" holds child elements: its markup must be escaped"),
    ("atom-html-content", _W, _E, f"{ATOM} §3.1.1.2",
     "type=\"html\" text does not parse as HTML"),
    ("atom-html-in-title", _W, None, f"{ATOM} §3.1.1.1",
     "an atom:title of type=\"text\" that holds HTML markup: readers will show the tags"),
    ("atom-html-in-text", _I, None, f"{ATOM} §3.1.1.1",
     "a subtitle, summary, rights or content of type=\"text\" that holds HTML markup "
     "(often the source's own words quoting tags)"),
    # RSS 2.0
    ("rss-version", _E, None, f"{RSS}: <rss>", "the rss element lacks version=\"2.0\""),
    ("rss-missing-channel", _E, None, f"{RSS}: <rss>", "no channel element"),
    ("rss-missing-title", _E, None, f"{RSS}: required channel elements",
     "the channel has no title"),
    ("rss-missing-link", _E, None, f"{RSS}: required channel elements",
     "the channel has no link"),
    ("rss-missing-description", _E, None, f"{RSS}: required channel elements",
     "the channel has no description"),
    ("rss-blank-element", _W, _E, f"{RSS}: required channel elements",
     "a required channel element (title, link, description) that is empty"),
    ("rss-missing-element", _E, None, f"{RSS}: <image>, <textInput>",
     "an image or textInput lacks a sub-element the spec requires"),
    ("rss-missing-attribute", _E, None, f"{RSS}: <enclosure>, <cloud>, <source>",
     "an enclosure, cloud or source lacks an attribute the spec requires"),
    ("rss-duplicate-element", _E, None, f"{RSS}: elements of <channel> and <item>",
     "an element that describes its parent once appears twice"),
    ("rss-unknown-element", _E, None, f"{RSS}: extending RSS",
     "an element RSS 2.0 does not define, outside any namespace"),
    ("rss-unexpected-text", _E, None, f"{RSS}: <channel>", "text where only elements belong"),
    ("rss-item-no-title-or-description", _E, None, f"{RSS}: elements of <item>",
     "an item has neither title nor description"),
    ("rss-bad-date", _E, None, f"{RSS}; RFC 822 §5",
     "a date is not an RFC 822 date-time (or its weekday is wrong)"),
    ("rss-date-form", _W, _E, f"{RSS}; RFC 822 §5",
     "an RFC 822 date in a form RSS 2.0 discourages: a two-digit year, odd spacing or "
     "letter case, a military zone (strict: four-digit years only)"),
    ("rss-guid-duplicate", _E, None, f"{RSS}: <guid>", "two items share a guid"),
    ("rss-guid-permalink", _E, None, f"{RSS}: <guid>",
     "a guid that is not a URL lacks isPermaLink=\"false\""),
    ("rss-relative-link", _E, None, f"{RSS}: <link>, <url>, <comments>, <docs>",
     "a link or url is not an absolute URI"),
    ("rss-bad-uri", _E, None, "RFC 3986 §2; RFC 3987 §3.1",
     "a link or url holds characters a URI cannot (spaces, raw non-ASCII, <, >, ...)"),
    ("rss-bad-email", _E, None, f"{RSS}: <managingEditor>, <webMaster>, <author>",
     "an e-mail element does not hold an e-mail address"),
    ("rss-bad-language", _E, None, f"{RSS}: <language>; RFC 1766",
     "language is not a language code"),
    ("rss-bad-number", _E, None, f"{RSS}: <ttl>, <image>, <enclosure>, <cloud>, <skipHours>",
     "a number that is not a whole number in its range"),
    ("rss-bad-value", _E, None, f"{RSS}",
     "a value outside the ones the spec lists (day names, cloud protocol, isPermaLink, ...)"),
    ("rss-missing-self-link", _W, _E, "RSS Advisory Board best practices: atom:link",
     "the channel has no atom:link rel=\"self\""),
    ("rss-relative-self-link", _W, _E, "RSS Advisory Board best practices: atom:link",
     "the atom:link rel=\"self\" href is not an absolute URL"),
    ("rss-content-namespace", _E, None, "RSS content module",
     "an encoded element outside the content module namespace"),
    ("rss-item-missing-guid", _W, None, f"{RSS}: <guid>",
     "an item has no guid, so readers guess its identity"),
    ("rss-html-in-text", _W, None, "RSS Advisory Board best practices: encoding",
     "HTML markup in a title: it is plain text, so readers will show the tags"),
    # Namespaced extensions found in RSS (Dublin Core, Syndication, Administrative, ...)
    ("ext-unknown-element", _E, None, "the module's specification",
     "an element a well-known module does not define"),
    ("ext-bad-value", _E, None, "the module's specification",
     "a module element's value is not of the type its module defines"),
    ("ext-duplicate-element", _E, None, "the module's specification",
     "a module element that describes its parent once appears twice"),
    # OPML 2.0
    ("opml-version", _W, None, f"{OPML}: <opml>", "the opml element's version is not 2.0"),
    ("opml-bad-version", _E, None, f"{OPML}: <opml>",
     "the opml element has no version, or one that is not 1.0, 1.1 or 2.0"),
    ("opml-missing-head", _E, None, f"{OPML}: <opml>", "no head element"),
    ("opml-missing-body", _E, None, f"{OPML}: <opml>", "no body element"),
    ("opml-empty-body", _E, None, f"{OPML}: <body>", "the body has no outline"),
    ("opml-unknown-element", _E, None, f"{OPML}",
     "an element OPML does not define, outside any namespace, or an element out of place"),
    ("opml-duplicate-element", _E, None, f"{OPML}: <head>",
     "a head element that may appear once appears twice"),
    ("opml-unexpected-text", _E, None, f"{OPML}: <outline>",
     "text inside an outline element (its text belongs in the text attribute)"),
    ("opml-bad-date", _E, None, f"{OPML}: <head>; RFC 822",
     "dateCreated or dateModified is not an RFC 822 date"),
    ("opml-bad-email", _E, None, f"{OPML}: <ownerEmail>", "ownerEmail is not an e-mail address"),
    ("opml-bad-value", _E, None, f"{OPML}: <outline>",
     "isComment or isBreakpoint is not true or false, created is not an RFC 822 date, "
     "language is not a language code, or a head number or line list is malformed"),
    ("opml-attribute-case", _E, None, f"{OPML}: <outline>",
     "an attribute spelt like a defined one in another letter case (xmlurl for xmlUrl)"),
    ("opml-bad-url", _E, None, f"{OPML}: <outline>; RFC 3986 §2",
     "an xmlUrl, htmlUrl or url that is not a URI (spaces, raw non-ASCII, ...)"),
    ("opml-outline-missing-text", _E, None, f"{OPML}: <outline>",
     "an outline has no text attribute"),
    ("opml-outline-missing-xmlurl", _E, None, f"{OPML}: subscription lists",
     "an outline type=\"rss\" in an OPML 2.0 document has no xmlUrl"),
    ("opml-outline-no-xmlurl-1x", _W, None, "OPML 1.0 (no such requirement)",
     "an outline type=\"rss\" in an OPML 1.x document has no xmlUrl"),
    ("opml-broken-xmlurl", _E, None, "", "an xmlUrl inside the output points to no file"),
    ("opml-xmlurl-invalid", _E, None, "",
     "an xmlUrl inside the output points to a feed with errors"),
    ("internal-error", _E, None, "",
     "the validator failed on this file (a bug in feeds: please report it)"),
    # Round trip through feedparser
    ("roundtrip-bozo", _W, _E, "", "feedparser flags the feed as malformed (bozo)"),
    ("roundtrip-mismatch", _W, _E, "", "the RSS, Atom and JSON feeds of one folder disagree"),
    # JSON Feed 1.1
    ("jsonfeed-not-json", _E, None, "JSON Feed 1.1", "a JSON feed that is not a UTF-8 JSON object"),
    ("jsonfeed-bad-version", _E, None, "JSON Feed 1.1: version",
     "version is not https://jsonfeed.org/version/1.1 (or 1)"),
    ("jsonfeed-missing-field", _E, None, "JSON Feed 1.1",
     "no title, no items array, or an item without a string id"),
    ("jsonfeed-id-duplicate", _E, None, "JSON Feed 1.1: id", "two items share an id"),
    ("jsonfeed-item-no-content", _E, None, "JSON Feed 1.1: content_html, content_text",
     "an item has neither content_html nor content_text"),
    ("jsonfeed-bad-date", _E, None, "JSON Feed 1.1; RFC 3339",
     "date_published or date_modified is not RFC 3339"),
    ("jsonfeed-bad-url", _W, _E, "JSON Feed 1.1; RFC 3986 §2; RFC 3987 §3.1",
     "a URL holds characters a URI cannot (spaces, raw non-ASCII, ...): percent-encode them"),
    ("jsonfeed-relative-url", _E, None, "JSON Feed 1.1",
     "home_page_url, feed_url or an item url is not absolute"),
)

RULES: dict[str, Rule] = {
    rid: Rule(rid, level, summary, spec, strict)
    for rid, level, strict, spec, summary in _TABLE
}
