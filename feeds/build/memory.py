"""The same stages in memory, without a state or an output folder: captures read and
parsed in this process (``explain`` runs this, then the merge and the dates), and stories
dated into items (for tools and tests)."""

from __future__ import annotations

import contextlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from feeds.build import scan, sites
from feeds.build.options import BuildOptions
from feeds.build.plan import slugs
from feeds.build.scan import internal_error, parse_or_problem, site_name
from feeds.dates import resolve
from feeds.model import Article, Item, Problem, Story
from feeds.publish import layout, ledger
from feeds.sources import iter_captures


def read_articles(
    paths: Iterable[Path], options: BuildOptions
) -> tuple[list[Article], list[Problem], list[Problem]]:
    """Articles, problems and warnings, all in memory (for tools and tests; ``build``
    reads in workers, see ``feeds.build.scan``). One bad capture never stops the others: even
    an unexpected exception becomes a problem, unless ``options.debug`` asks for it."""
    articles: list[Article] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path in paths:
        try:
            for found in iter_captures(path, max_bytes=options.max_bytes,
                                       captured_at=options.dates.captured_at):
                if isinstance(found, Problem):
                    problems.append(found)
                    continue
                warnings += (Problem(found.path, w) for w in found.warnings)
                article = parse_or_problem(scan.parse_capture, found, options.debug)
                if isinstance(article, str):
                    problems.append(Problem(found.path, article))
                else:
                    articles.append(article)
        except Exception as exc:  # reading the file itself failed unexpectedly
            if options.debug:
                raise
            problems.append(Problem(str(path), internal_error(exc)))
    return articles, problems, warnings


def make_items(stories: Sequence[Story], options: BuildOptions) -> list[Item]:
    """Date every story and give it a page, in memory; newest first, ties broken by id.
    (``build`` does the same in stages, and remembers what it published: see ``_plan``,
    ``feeds.build.emit`` and ``feeds.publish.ledger``.)"""
    now = ledger.now()
    taken: dict[str, set[str]] = defaultdict(set)
    site_slugs: dict[str, str] = {}
    used_site_slugs: set[str] = set()
    items = []
    names = sites.for_articles(c for s in stories for c in s.captures)
    for story in sorted(stories, key=lambda s: s.id):
        site = names.get(story.article.source) or site_name(story.article)
        sslug, slug = slugs(site, story.id, story.article.headline, site_slugs,
                             used_site_slugs, taken)
        seen = ledger.first_seen(story_mtimes(story), now)
        estimate = ledger.keep_date(None, resolve(story, replace(options.dates, fallback=seen)))
        link = layout.Urls(options.base_url).page(sslug, slug)
        if options.link_to_original and story.article.url:
            link = story.article.url
        items.append(Item(story=story, date=estimate, slug=slug, site=site,
                          site_slug=sslug, link=link))
    items.sort(key=lambda i: (-i.date.value.timestamp(), i.id))
    return items


def story_mtimes(story: Story) -> list[int]:
    """The modification times of the files holding a story's captures."""
    times = []
    for capture in story.captures:
        with contextlib.suppress(OSError):
            times.append(os.stat(re.sub(r"#\d+$", "", capture.source)).st_mtime_ns)
    return times
