"""Publication-date estimation for stories.

``resolve(story, context)`` gathers evidence (``feeds.dates.evidence``), combines it as
constraints (``feeds.dates.resolve``) and returns a ``DateEstimate`` that quotes every
finding; ``describe`` words the estimate for pages.
"""

from __future__ import annotations

from feeds.dates.config import AlmanacEntry, Override, load_almanac, load_overrides
from feeds.dates.context import FALLBACK_EPOCH, DateContext, context_from_env, parse_instant
from feeds.dates.describe import describe
from feeds.dates.resolve import resolve

__all__ = [
    "FALLBACK_EPOCH", "AlmanacEntry", "DateContext", "Override", "context_from_env", "describe",
    "load_almanac", "load_overrides", "parse_instant", "resolve",
]
