"""The build state's records of captures and output files (``state`` keeps them)."""

from __future__ import annotations

from dataclasses import dataclass

from feeds.build.incremental.store import Ref
from feeds.merge import MergeKey


@dataclass(frozen=True, slots=True)
class CaptureState:
    """One capture as last seen, and what parsing it gave. ``size`` and ``mtime_ns`` are
    the input file's, which may hold several captures (``archive.warc.gz#3``)."""

    path: str
    sha256: str
    size: int
    mtime_ns: int
    problem: str | None = None
    key: MergeKey | None = None  # None when the capture could not be used
    ref: Ref | None = None
    site: str = ""  # site_name(): the site line, else the folder name
    tagline: str | None = None
    url: str | None = None  # the page it was captured from, when known
    warnings: tuple[str, ...] = ()  # repairs and guesses made while reading it
    file: str = ""  # the input file holding it, when not ``path`` itself
    language: str = ""  # the article's language tag, "" when unknown

    @property
    def input(self) -> str:
        return self.file or self.path

    @property
    def merge_key(self) -> MergeKey:
        """``key`` of a capture the build merges; only usable ones get that far."""
        if self.key is None:
            raise ValueError(f"{self.path}: an unusable capture has no merge key")
        return self.key

    @property
    def stored(self) -> Ref:
        """``ref`` of a capture the build merges; only usable ones get that far."""
        if self.ref is None:
            raise ValueError(f"{self.path}: an unusable capture has no stored text")
        return self.ref


@dataclass(frozen=True, slots=True)
class Output:
    """A written file and the key of what it was made from."""

    key: str
    size: int
    mtime_ns: int
