"""feeds: turn captured news pages into RSS 2.0, Atom 1.0 and OPML feeds.

The public API (everything else is internal and may move; see docs/architecture.md)::

    options = feeds.assemble(feeds.Flags(inputs=("captures",), output="out"))
    result = feeds.build_feeds(options)        # write the output folder
    story = feeds.load_story(result, result.items[0])  # an entry's text, read when asked
    explained = feeds.explain(options)         # the same path up to the dates, no writes
    report = feeds.validate_paths(["out"])     # check written feeds

Names are loaded on first use, so ``import feeds`` (done by every worker process) stays
cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "BuildOptions": "feeds.build.options",
    "Flags": "feeds.build.options",
    "assemble": "feeds.build.options",
    "build_feeds": ("feeds.build", "build"),
    "BuildResult": "feeds.model",
    "Article": "feeds.model",
    "Story": "feeds.model",
    "Item": "feeds.model",
    "Entry": "feeds.model",
    "load_story": "feeds.build",
    "DateEstimate": "feeds.model",
    "DateContext": "feeds.dates",
    "resolve": "feeds.dates",
    "explain": "feeds.build.explanation",
    "Explanation": "feeds.build.explanation",
    "validate_paths": "feeds.validate",
    "Report": "feeds.validate",
    "FeedsError": "feeds.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'feeds' has no attribute {name!r}")
    module, attr = target if isinstance(target, tuple) else (target, name)
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value
