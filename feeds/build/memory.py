"""Captures read and parsed in this process, without a state or an output folder:
``explain`` runs this, then the merge and the dates. Items are made by the build alone
(``feeds.build.pipeline``); a caller that wants them in memory builds into a folder and
reads each entry's story with ``load_story``."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from feeds.build import scan
from feeds.build.options import BuildOptions
from feeds.build.scan import internal_error, parse_or_problem
from feeds.model import Article, Problem, Story
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


def story_mtimes(story: Story) -> list[int]:
    """The modification times of the files holding a story's captures."""
    times = []
    for capture in story.captures:
        with contextlib.suppress(OSError):
            times.append(os.stat(re.sub(r"#\d+$", "", capture.source)).st_mtime_ns)
    return times
