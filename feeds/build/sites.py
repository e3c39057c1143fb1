"""Which site feed a capture without a site name of its own is filed under.

A capture names its site when it can: a site line (text), ``og:site_name``, JSON-LD
``publisher``, a ``Headline | Site`` title or the host of its canonical/``og:url``/WARC
URL (HTML). For the others (a reader-view capture, a page with no name and no URL) the
build decides here, once every capture of the run is known, in this order:

1. **Where it was filed before.** A capture that was in a site feed stays in it: an
   item never moves between feeds because other captures came or went.
2. **Its folder's site.** A folder whose captures with a site name all name the same
   site (and whose name is not a generic one) is that site's folder.
3. **Its folder's name**, when the folder holds no capture of another site and its name
   is not generic (``html``, ``text``, ``captures``, ``in``, dates, numbers...): people
   file captures in a folder per site. A folder name that is another site's name (same
   slug: ``capital-courier/`` and "Capital Courier") joins that site.
4. Otherwise ``UNKNOWN``, one feed that says plainly the site is not known, rather than
   a feed named after a folder that merges unrelated sites.

Names that make the same slug are one site ("Capital Courier", "CAPITAL COURIER"), shown
under the spelling most captures use: otherwise the second would get a feed of its own
(``capital-courier-e226fe``), and which of the two got the plain folder would depend on
which story came first.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from types import MappingProxyType

from feeds.build.incremental.state import CaptureState
from feeds.merge import site_key
from feeds.model import Article
from feeds.slug import slugify
from feeds.textclean import from_filename

UNKNOWN = "Captures without a site name"
# Folder names that say what the files are or where they came from, not whose they are.
GENERIC = frozenset((
    "archive", "archives", "article", "articles", "capture", "captures", "cache", "data",
    "download", "downloads", "export", "exports", "feeds", "file", "files", "folder", "htm",
    "html", "in", "inbox", "incoming", "input", "inputs", "misc", "new", "news", "old", "out",
    "output", "page", "pages", "raw", "saved", "scrape", "scraped", "scrapes", "seeds", "src",
    "temp", "text", "texts", "tmp", "txt", "warc", "warcs", "web", "webpages", "xhtml",
))


def resolve(captures: Mapping[str, CaptureState], prior: Mapping[str, CaptureState],
            published: Mapping[str, str] = MappingProxyType({})) -> dict[str, CaptureState]:
    """``captures`` with the site of each capture that names none decided (see above);
    ``prior`` is the last build's captures, by path; ``published`` the site feeds this
    output already has (slug -> name): a name that makes one of their slugs is shown
    as that feed is, so its captures go to that feed."""
    usable = {p: c for p, c in captures.items() if c.key is not None}
    before = {p: c.site for p, c in prior.items() if c.key is not None and c.site}
    names = decide({p: (bool(c.merge_key.site), c.site, folder_of(c)) for p, c in usable.items()},
                   before, published)
    return {p: c if c.key is None or names[p] == c.site else replace(c, site=names[p])
            for p, c in captures.items()}


def for_articles(articles: Iterable[Article]) -> dict[str, str]:
    """The site of each article, by source, decided as a build decides it (no history)."""
    entries = {}
    for a in articles:
        source = re.sub(r"#\d+$", "", a.source)  # a record inside a web archive
        entries[a.source] = (bool(site_key(a)), a.site or "", _folder(source))
    return decide(entries, {})


def decide(entries: Mapping[str, tuple[bool, str, str]], before: Mapping[str, str],
           published: Mapping[str, str] = MappingProxyType({})) -> dict[str, str]:
    """path -> site, from path -> (names its own site?, that site, folder), the site
    each path was filed under by the last build and the feeds published (slug -> name)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    by_folder: dict[str, set[str]] = defaultdict(set)
    for named, site, folder in entries.values():
        if named:
            slug = slugify(site, "site")
            counts[slug][site] += 1
            by_folder[folder].add(slug)
    # One display name per slug: the one most captures use (ties: the first in order).
    canonical = {s: min(n.items(), key=lambda kv: (-kv[1], kv[0]))[0] for s, n in counts.items()}
    canonical.update((slug, name) for slug, name in published.items()
                     if slugify(name, "site") == slug)  # a published feed keeps its name
    out = {}
    for path, (named, site, folder) in entries.items():
        name = site if named else before.get(path) or _by_folder(folder, by_folder,
                                                                   canonical)
        out[path] = canonical.get(slugify(name, "site"), name)
    return out


def _by_folder(folder: str, by_folder: Mapping[str, set[str]],
               canonical: Mapping[str, str]) -> str:
    name = _folder_name(folder)
    sites = by_folder.get(folder, set())
    if len(sites) > 1 or is_generic(name):
        return UNKNOWN
    if sites:
        return canonical[next(iter(sites))]
    return name


def is_generic(name: str) -> bool:
    """A folder name that names no site: empty, no letters, or a generic word."""
    key = " ".join(name.casefold().replace("_", " ").replace("-", " ").split())
    return not any(ch.isalpha() for ch in key) or key in GENERIC or len(key) < 2


def folder_of(c: CaptureState) -> str:
    """The folder a capture was filed in (a web archive's, for its records; a symbolic
    link's target's)."""
    return _folder(c.input)


def _folder(source: str) -> str:
    if os.path.islink(source):
        return str(Path(source).resolve().parent)
    return _resolved(os.path.abspath(os.path.dirname(source)))


@cache
def _resolved(folder: str) -> str:
    """Resolving costs a system call per path component: once per folder is enough."""
    return str(Path(folder).resolve())


@cache
def _folder_name(folder: str) -> str:
    return from_filename(Path(folder).name)
