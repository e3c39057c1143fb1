"""Hand-built articles and stories for the date tests."""

from __future__ import annotations

from datetime import datetime

from feeds.model import Article, Block, BlockKind, Story


def article(*paragraphs: str, source: str = "cap.txt", headline: str = "A headline",
            banner: str | None = None, dateline: str | None = None, dek: str | None = None,
            captured_at: datetime | None = None, metadata: tuple = (),
            url: str | None = None) -> Article:
    return Article(source=source, headline=headline, banner=banner, dateline=dateline, dek=dek,
                   blocks=tuple(Block(BlockKind.PARAGRAPH, p) for p in paragraphs),
                   captured_at=captured_at, metadata=metadata, url=url)


def story(*captures: Article, id: str = "story-1") -> Story:
    return Story(id=id, article=captures[0], captures=tuple(captures))
