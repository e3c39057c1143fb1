"""What a build hands back: text-less entries, and each entry's text read only when a
caller asks for it (the build itself never holds the articles of 100,000 captures)."""

from __future__ import annotations

from feeds.build.incremental import store
from feeds.errors import FeedsError
from feeds.model import BuildResult, Entry, Story


def load_story(result: BuildResult, entry: Entry) -> Story:
    """The whole story of one of ``result``'s entries (every capture, the merged article),
    read from the article store. Read it before a later build into the same folder
    collects the packs its captures no longer use."""
    if result.store is None:
        raise FeedsError(f"{entry.id}: the article store this build used is gone")
    return store.story(result.store, entry.id, entry.refs)
