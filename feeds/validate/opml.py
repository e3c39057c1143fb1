"""OPML 2.0: head and body, RFC 822 dates, and outlines that lead to real feeds.

An xmlUrl "inside the output" is one that is relative (resolved against the OPML file's
folder) or starts with ``--base-url`` (the rest is mapped onto that folder). Those must
name a file that exists; whether it validates is decided by the caller, which owns the
cache of per-file results.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from feeds.validate.dates import parse_rfc822
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


def _head(head: etree._Element) -> list[Finding]:
    found: list[Finding] = []
    for name in ("dateCreated", "dateModified"):
        el = head.find(name)
        if el is not None and parse_rfc822(el.text or "") is None:
            found.append(finding("opml-bad-date", el.sourceline,
                                 f"{name} {el.text!r} is not an RFC 822 date, e.g. "
                                 "'Sun, 08 Feb 2026 12:00:00 +0000'"))
    return found


def _outlines(body: etree._Element, folder: Path,
              base_url: str | None) -> tuple[list[Finding], list[Target]]:
    found: list[Finding] = []
    targets: list[Target] = []
    for outline in body.iter("outline"):
        line = outline.sourceline
        if not (outline.get("text") or "").strip():
            found.append(finding("opml-outline-missing-text", line,
                                 "outline has no text attribute"))
        if (outline.get("type") or "").lower() != "rss":
            continue
        url = (outline.get("xmlUrl") or "").strip()
        if not url:
            found.append(finding("opml-outline-missing-xmlurl", line,
                                 'outline type="rss" has no xmlUrl'))
            continue
        path = local_path(url, folder, base_url)
        if path is None:
            continue
        if not path.is_file():
            found.append(finding("opml-broken-xmlurl", line,
                                 f"xmlUrl {url!r} points to {str(path)!r}, which does not exist"))
        else:
            targets.append(Target(line, url, path))
    return found, targets


def check_opml(tree: etree._ElementTree, path: Path,
               base_url: str | None = None) -> tuple[list[Finding], list[Target]]:
    root = tree.getroot()
    found: list[Finding] = []
    if root.get("version") != "2.0":
        found.append(finding("opml-version", root.sourceline,
                             f"opml version is {root.get('version')!r}; this checks OPML 2.0"))
    head, body = root.find("head"), root.find("body")
    if head is None:
        found.append(finding("opml-missing-head", root.sourceline, "opml has no <head>"))
    else:
        found += _head(head)
    if body is None:
        found.append(finding("opml-missing-body", root.sourceline, "opml has no <body>"))
        return found, []
    if body.find("outline") is None:
        found.append(finding("opml-empty-body", body.sourceline, "body has no <outline>"))
    outline_findings, targets = _outlines(body, path.parent, base_url)
    return found + outline_findings, targets
