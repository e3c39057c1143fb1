"""The build: captures -> articles -> stories -> dated items -> files in the output folder.

Pure stages are called in order; all file writing happens in ``publish_site`` and
``write_index``, each file through a temp file and a rename, while the build holds the
output folder's lock.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from feeds import archive, jsonfeed, lock, opml, publish, render
from feeds.atomic import remove_stale_temps
from feeds.dates import DateContext, context_from_env, resolve
from feeds.errors import CaptureError
from feeds.htmlparse import parse_html
from feeds.merge import group_stories
from feeds.model import Article, BuildResult, Capture, Item, Problem, Story
from feeds.outdir import write_inside
from feeds.slug import slugify, unique
from feeds.sources import DEFAULT_MAX_BYTES, discover, iter_captures
from feeds.textclean import from_filename
from feeds.textparse import parse_text


@dataclass(frozen=True)
class BuildOptions:
    inputs: tuple[str, ...]
    output: Path
    base_url: str
    language: str = "en"
    title: str = "feeds"
    max_bytes: int = DEFAULT_MAX_BYTES
    captured_at: datetime | None = None
    link_to_original: bool = True
    dates: DateContext = field(default_factory=context_from_env)
    max_items: int = 50  # newest items in each feed; older ones go to RFC 5005 archives
    lock_timeout: float = lock.DEFAULT_TIMEOUT  # seconds to wait for another build
    debug: bool = False  # let unexpected exceptions propagate, with their traceback


def parse_capture(capture: Capture) -> Article:
    if capture.kind == "html":
        return parse_html(capture)
    return parse_text(capture.text, capture.path, capture.captured_at)


def read_articles(
    paths: Iterable[Path], options: BuildOptions
) -> tuple[list[Article], list[Problem], list[Problem]]:
    """Articles, problems and warnings. One bad capture never stops the others: even an
    unexpected exception becomes a problem, unless ``options.debug`` asks for it."""
    articles: list[Article] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path in paths:
        try:
            for found in iter_captures(path, max_bytes=options.max_bytes,
                                       captured_at=options.captured_at):
                if isinstance(found, Problem):
                    problems.append(found)
                    continue
                warnings += (Problem(found.path, w) for w in found.warnings)
                try:
                    articles.append(parse_capture(found))
                except CaptureError as exc:
                    problems.append(Problem(found.path, str(exc)))
                except Exception as exc:
                    if options.debug:
                        raise
                    problems.append(Problem(found.path, internal_error(exc)))
        except Exception as exc:  # reading the file itself failed unexpectedly
            if options.debug:
                raise
            problems.append(Problem(str(path), internal_error(exc)))
    return articles, problems, warnings


def internal_error(exc: Exception) -> str:
    """A one-line reason for a bug met while handling one capture."""
    detail = " ".join(str(exc).split())[:200]
    return f"internal error: {type(exc).__name__}" + (f": {detail}" if detail else "")


def site_name(article: Article) -> str:
    """The capture's own site line, else the folder it was filed under."""
    folder = from_filename(Path(re.sub(r"#\d+$", "", article.source)).resolve().parent.name)
    return article.site or folder or "captures"


def make_items(stories: Sequence[Story], options: BuildOptions) -> list[Item]:
    """Date every story and give it a page; newest first, ties broken by id."""
    taken: dict[str, set[str]] = defaultdict(set)
    site_slugs: dict[str, str] = {}
    used_site_slugs: set[str] = set()
    items = []
    for story in sorted(stories, key=lambda s: s.id):
        site = site_name(story.article)
        if site not in site_slugs:
            digest = hashlib.sha256(site.encode()).hexdigest()
            site_slugs[site] = unique(slugify(site, "site"), used_site_slugs, digest)
        sslug = site_slugs[site]
        digest = story.id.rsplit(":", 1)[-1].replace("-", "")
        base = slugify(story.article.headline, "article")
        slug = unique(f"{base}-{digest[:6]}", taken[sslug], digest[6:])
        estimate = resolve(story, options.dates)
        link = f"{options.base_url}{sslug}/{slug}.html"
        if options.link_to_original and story.article.url:
            link = story.article.url
        items.append(Item(story=story, date=estimate, slug=slug, site=site,
                          site_slug=sslug, link=link))
    items.sort(key=lambda i: (-i.date.value.timestamp(), i.id))
    return items


def build_time(items: Sequence[Item]) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set, else the newest item's date: never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    if items:
        return max(i.date.value for i in items).astimezone(UTC)
    return datetime(2000, 1, 1, tzinfo=UTC)


def build(options: BuildOptions) -> BuildResult:
    """Build under the output's lock: two builds never write the same folder at once."""
    with lock.hold(options.output, options.lock_timeout):
        remove_stale_temps(options.output)  # left by a killed build; safe under the lock
        return _build(options)


def _build(options: BuildOptions) -> BuildResult:
    paths, problems = discover(options.inputs)
    articles, read_problems, warnings = read_articles(paths, options)
    problems += read_problems
    items = make_items(group_stories(articles), options)
    written: list[str] = []
    by_site: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_site[item.site_slug].append(item)
    refs: list[opml.FeedRef] = []
    for sslug in sorted(by_site):
        site_items = by_site[sslug]
        written += publish_site(site_items, options)
        refs += _refs(site_items[0], options)
    written += write_index(items, refs, options)
    return BuildResult(items=tuple(items), written=tuple(written), problems=tuple(problems),
                       warnings=tuple(warnings))


def _urls(sslug: str, options: BuildOptions) -> tuple[str, str, str, str]:
    root = f"{options.base_url}{sslug}/"
    return root, f"{root}rss.xml", f"{root}atom.xml", f"{root}feed.json"


def _opml_url(options: BuildOptions) -> str:
    return f"{options.base_url}index.opml"


def _refs(first: Item, options: BuildOptions) -> list[opml.FeedRef]:
    page, rss_url, atom_url, json_url = _urls(first.site_slug, options)
    desc = _description(first)
    return [
        opml.FeedRef(first.site, rss_url, page, "rss", desc, options.language),
        opml.FeedRef(first.site, atom_url, page, "atom", desc, options.language),
        opml.FeedRef(first.site, json_url, page, "json", desc, options.language),
    ]


def _description(item: Item) -> str:
    tagline = next((c.tagline for c in item.story.captures if c.tagline), None)
    return tagline or f"Articles captured from {item.site}"


def publish_site(items: Sequence[Item], options: BuildOptions) -> list[str]:
    first = items[0]
    sslug = first.site_slug
    page_url, rss_url, atom_url, json_url = _urls(sslug, options)
    refs, opml_url = _refs(first, options), _opml_url(options)
    channel = publish.Channel(
        site=first.site,
        description=_description(first),
        page_url=page_url,
        rss_url=rss_url,
        atom_url=atom_url,
        language=options.language,
        updated=build_time(items),
        json_url=json_url,
    )
    paging = archive.paginate(items, options.max_items)
    folder = options.output / sslug
    pages: dict[Path, bytes] = {
        folder / "index.html": render.site_page(
            first.site, items, refs, opml_url, options.language
        ).encode("utf-8"),
    }
    for item in items:
        page = render.article_page(item, refs, opml_url, options.language)
        pages[folder / f"{item.slug}.html"] = page.encode("utf-8")
    feeds: dict[Path, bytes] = {
        folder / "rss.xml": publish.rss_bytes(
            channel, paging.current, archive.current_history(paging, page_url, "rss")
        ),
        folder / "atom.xml": publish.atom_bytes(
            channel, paging.current, archive.current_history(paging, page_url, "atom")
        ),
        folder / "feed.json": jsonfeed.jsonfeed_bytes(channel, paging.current),
    }
    # Pages, then archives, then feeds: a reader never sees an item whose page or archive
    # is not there yet, and a build killed half-way leaves the previous feeds in place.
    written: list[str] = []
    for group in (pages, _archives(channel, paging, folder), feeds):
        for path in sorted(group):
            write_inside(options.output, path, group[path])
            written.append(str(path))
    return written


def _archives(channel: publish.Channel, paging: archive.Paging, folder: Path) -> dict[Path, bytes]:
    """RSS and Atom archive documents; each depends only on its items and its neighbours."""
    files: dict[Path, bytes] = {}
    root = channel.page_url
    for page in paging.pages:
        n = page.number
        doc = replace(
            channel,
            rss_url=archive.archive_url(root, "rss", n),
            atom_url=archive.archive_url(root, "atom", n),
            updated=max(i.date.value for i in page.items).astimezone(UTC),
        )
        files[folder / "archive" / "rss" / f"{n}.xml"] = publish.rss_bytes(
            doc, page.items, archive.page_history(paging, page, channel.rss_url, root, "rss")
        )
        files[folder / "archive" / "atom" / f"{n}.xml"] = publish.atom_bytes(
            doc, page.items, archive.page_history(paging, page, channel.atom_url, root, "atom")
        )
    return files


def write_index(
    items: Sequence[Item], refs: Sequence[opml.FeedRef], options: BuildOptions
) -> list[str]:
    path = options.output / "index.opml"
    write_inside(options.output, path, opml.opml_bytes(options.title, refs, build_time(items)))
    html_path = options.output / "index.html"
    page = render.index_page(options.title, refs, items[:50], options.language,
                             _opml_url(options))
    write_inside(options.output, html_path, page.encode("utf-8"))
    return [str(html_path), str(path)]
