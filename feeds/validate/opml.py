"""OPML 2.0: head and body, RFC 822 dates, and outlines that lead to real feeds.

An xmlUrl "inside the output" is one that is relative (resolved against the OPML file's
folder) or starts with ``--base-url`` (the rest is mapped onto that folder). Those must
name a file that exists; whether it validates is decided by the caller, which owns the
cache of per-file results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from feeds.validate import values
from feeds.validate.dates import parse_rfc822_any
from feeds.validate.locate import Source
from feeds.validate.report import Finding, finding


@dataclass(frozen=True)
class Target:
    """An xmlUrl that points inside the output, and the file it names."""

    line: int
    url: str
    path: Path


def local_path(url: str, folder: Path, base_url: str | None) -> Path | None:
    """The file an xmlUrl names inside the output, or None if it points elsewhere."""
    url = url.strip()
    if base_url:
        base = base_url.rstrip("/") + "/"
        if url.startswith(base):
            url = url[len(base):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # an external feed: not ours to check
    return folder / unquote(parts.path).lstrip("/")


_HEAD = ("title", "dateCreated", "dateModified", "ownerName", "ownerEmail", "ownerId", "docs",
         "expansionState", "vertScrollState", "windowTop", "windowLeft", "windowBottom",
         "windowRight")
_HEAD_NUMBERS = ("vertScrollState", "windowTop", "windowLeft", "windowBottom", "windowRight")
_LINE_NUMBERS = re.compile(r"(?:\d+(?:,\s*\d+)*)?")
_OUTLINE_ATTRS = ("text", "type", "isComment", "isBreakpoint", "created", "category", "xmlUrl",
                  "htmlUrl", "url", "title", "description", "language", "version")


def _head(head: etree._Element, src: Source) -> list[Finding]:
    found: list[Finding] = []
    seen: dict[str, int] = {}
    for el in head:
        if not isinstance(el.tag, str) or etree.QName(el).namespace:
            continue
        if el.tag not in _HEAD:
            found.append(src.at("opml-unknown-element", el,
                                f"<{el.tag}> is not an element of <head>"))
            continue
        if el.tag in seen:
            found.append(src.at("opml-duplicate-element", el,
                                f"<head> has a second <{el.tag}> (the first is on line "
                                f"{seen[el.tag]})"))
        seen.setdefault(el.tag, el.sourceline or 1)
        text = (el.text or "").strip()
        if el.tag in _HEAD_NUMBERS and (problem := values.integer_problem(text, 1)):
            found.append(src.at("opml-bad-value", el, f"<{el.tag}> {text!r} {problem}"))
        elif el.tag == "expansionState" and not _LINE_NUMBERS.fullmatch(text):
            found.append(src.at("opml-bad-value", el, f"<expansionState> {text!r} is not a "
                                "comma-separated list of line numbers"))
        elif el.tag == "ownerId" and (problem := values.uri_problem(text, absolute=True)):
            found.append(src.at("opml-bad-url", el, f"<ownerId> {text!r} {problem}"))
    for name in ("dateCreated", "dateModified"):
        date = head.find(name)
        if date is not None and parse_rfc822_any(date.text or "") is None:
            found.append(src.at("opml-bad-date", date,
                                f"<{name}> {date.text!r} is not an RFC 822 date-time, e.g. "
                                "'Sun, 08 Feb 2026 12:00:00 +0000'"))
    email = head.find("ownerEmail")
    if email is not None and (problem := values.email_problem(email.text or "")):
        found.append(src.at("opml-bad-email", email,
                            f"<ownerEmail> {(email.text or '').strip()!r} {problem}"))
    return found


def _outline_values(outline: etree._Element, src: Source) -> list[Finding]:
    found: list[Finding] = []
    for attr in ("isComment", "isBreakpoint"):
        value = outline.get(attr)
        if value is not None and value not in ("true", "false"):
            found.append(src.at("opml-bad-value", outline,
                                f"<outline> {attr} {value!r} is not 'true' or 'false'"))
    language = outline.get("language")
    if language and (problem := values.language_problem(language)):
        found.append(src.at("opml-bad-value", outline,
                            f"<outline> language {language!r} {problem}"))
    if (outline.text or "").strip():
        found.append(src.at("opml-unexpected-text", outline,
                            f"<outline> holds the text {(outline.text or '').strip()[:40]!r}: "
                            "an outline's text is its text attribute"))
    created = outline.get("created")
    if created is not None and parse_rfc822_any(created) is None:
        found.append(src.at("opml-bad-value", outline,
                            f"<outline> created {created!r} is not an RFC 822 date-time"))
    for attr in ("xmlUrl", "htmlUrl", "url"):
        value = outline.get(attr)
        if value and (problem := values.uri_problem(value.strip())):
            found.append(src.at("opml-bad-url", outline, f"<outline> {attr} {value!r} {problem}"))
    known = {a.lower(): a for a in _OUTLINE_ATTRS}
    for attr in outline.attrib:
        if attr not in _OUTLINE_ATTRS and attr.lower() in known:
            found.append(src.at("opml-attribute-case", outline,
                                f"<outline> attribute {attr!r} should be spelt "
                                f"{known[attr.lower()]!r}: attribute names are case-sensitive"))
    for child in outline:
        if isinstance(child.tag, str) and not etree.QName(child).namespace \
                and child.tag != "outline":
            found.append(src.at("opml-unknown-element", child,
                                f"<{child.tag}> is not allowed in <outline>"))
    return found


def _outlines(body: etree._Element, folder: Path, base_url: str | None, src: Source,
              version: str) -> tuple[list[Finding], list[Target]]:
    found: list[Finding] = []
    targets: list[Target] = []
    for child in body:
        if isinstance(child.tag, str) and not etree.QName(child).namespace \
                and child.tag != "outline":
            found.append(src.at("opml-unknown-element", child,
                                f"<{child.tag}> is not allowed in <body>"))
    for outline in body.iter("outline"):
        line = outline.sourceline
        found += _outline_values(outline, src)
        if outline.get("text") is None:
            found.append(src.at("opml-outline-missing-text", outline,
                                "<outline> has no text attribute: 'text is the string of "
                                "characters that's displayed when the outline is being browsed'"))
        if (outline.get("type") or "").lower() != "rss":
            continue
        url = (outline.get("xmlUrl") or "").strip()
        if not url:
            if version == "2.0":
                found.append(src.at("opml-outline-missing-xmlurl", outline,
                                    '<outline type="rss"> has no xmlUrl: OPML 2.0 requires it'))
            else:
                found.append(src.at("opml-outline-no-xmlurl-1x", outline,
                                    '<outline type="rss"> has no xmlUrl: readers cannot '
                                    "subscribe to it"))
            continue
        path = local_path(url, folder, base_url)
        if path is None:
            continue
        if not path.is_file():
            found.append(finding("opml-broken-xmlurl", line,
                                 f"xmlUrl {url!r} points to {str(path)!r}, which does not exist"))
        else:
            targets.append(Target(line or 1, url, path))
    return found, targets


def check_opml(tree: etree._ElementTree, path: Path, base_url: str | None = None,
               src: Source | None = None) -> tuple[list[Finding], list[Target]]:
    src = src or Source(())
    root = tree.getroot()
    found: list[Finding] = []
    version = root.get("version")
    if version not in ("1.0", "1.1", "2.0"):
        found.append(src.at("opml-bad-version", root,
                            f"<opml> version is {version!r}: 'the version attribute is a "
                            "version string, of the form x.y' (1.0, 1.1 or 2.0)"))
    elif version != "2.0":
        found.append(src.at("opml-version", root,
                            f"<opml> version is {version!r}; this checks OPML 2.0"))
    head, body = root.find("head"), root.find("body")
    for child in root:
        if isinstance(child.tag, str) and not etree.QName(child).namespace \
                and child.tag not in ("head", "body"):
            found.append(src.at("opml-unknown-element", child,
                                f"<{child.tag}> is not allowed in <opml>: only <head> and <body>"))
    if head is None:
        found.append(src.at_end("opml-missing-head", root, "<opml> has no <head>"))
    else:
        found += _head(head, src)
    if body is None:
        found.append(src.at_end("opml-missing-body", root, "<opml> has no <body>"))
        return found, []
    if body.find("outline") is None:
        found.append(src.at("opml-empty-body", body, "<body> has no <outline>: it 'contains "
                            "one or more outline elements'"))
    outline_findings, targets = _outlines(body, path.parent, base_url, src, version or "")
    return found + outline_findings, targets
