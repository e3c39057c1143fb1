"""The build as a package, one module per stage; ``pipeline`` runs them in order.

``feeds.build`` keeps the names callers and tests have always imported from it.
"""

from feeds.build.identity import build_time, fingerprint
from feeds.build.index import write_index
from feeds.build.memory import read_articles, story_mtimes
from feeds.build.options import BuildOptions
from feeds.build.pipeline import build
from feeds.build.result import load_story
from feeds.build.scan import internal_error, parse_capture, site_name

__all__ = ["BuildOptions", "build", "build_time", "fingerprint", "internal_error", "load_story",
           "parse_capture", "read_articles", "site_name", "story_mtimes",
           "write_index"]
