"""Flags, ``feeds.toml`` and the environment -> the one ``BuildOptions`` a run uses.

Every command that reads captures (``build``, ``explain``) assembles its options here, so
they cannot disagree on an almanac, an override file or the capture time. Precedence:
the environment (reproducible builds), then ``feeds.toml``, then flags. The capture time
lives in one place, ``BuildOptions.dates.captured_at``: the readers stamp captures that
carry no time of their own with it, and the resolver bounds dates by it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from feeds import config, lock
from feeds.dates import DateContext, context_from_env, load_almanac, load_overrides
from feeds.errors import FeedsError
from feeds.pool import default_jobs
from feeds.sources import DEFAULT_MAX_BYTES
from feeds.uri import http_uri


@dataclass(frozen=True)
class BuildOptions:
    inputs: tuple[str, ...]
    output: Path
    base_url: str
    language: str = "en"
    title: str = "feeds"
    max_bytes: int = DEFAULT_MAX_BYTES
    link_to_original: bool = True
    dates: DateContext = field(default_factory=context_from_env)  # with the capture time
    max_items: int = 50  # newest items in each feed; older ones go to RFC 5005 archives
    lock_timeout: float = lock.DEFAULT_TIMEOUT  # seconds to wait for another build
    debug: bool = False  # let unexpected exceptions propagate, with their traceback
    jobs: int = field(default_factory=default_jobs)
    prune: bool = False  # drop items whose captures are gone from the inputs
    executor: str = "local"  # where the scan runs: "local" (the pool) or "dask"
    scheduler: str | None = None  # a Dask scheduler's address; None: a LocalCluster
    # Called as progress(stage, done, total) while a stage runs (feeds.progress); output
    # never depends on it.
    progress: Callable[[str, int, int], None] | None = None


@dataclass(frozen=True)
class Flags:
    """What the command line said; ``None`` or empty: not given."""

    inputs: tuple[str, ...] = ()
    output: str | None = None
    base_url: str | None = None
    config: str | None = None
    captured_at: datetime | None = None
    almanac: str | None = None
    dates: str | None = None

    @classmethod
    def of(cls, args: object) -> Flags:
        """The flags in parsed arguments (an ``argparse.Namespace``); absent ones unset."""
        return cls(**{name: getattr(args, name, None) for name in _FLAG_NAMES}
                   | {"inputs": tuple(getattr(args, "inputs", None) or ())})


_FLAG_NAMES = ("output", "base_url", "config", "captured_at", "almanac", "dates")


def base_url(text: str, where: str = "--base-url") -> str:
    """An absolute http(s) URL in URI form, ending in a slash: feeds and the OPML index
    are made absolute against it, so anything else would publish broken links."""
    uri = http_uri(text)
    if uri is None or "?" in uri or "#" in uri:
        raise FeedsError(f"{where} must be an absolute http(s) URL such as "
                         f"https://example.org/feeds/, not {text!r}")
    return uri if uri.endswith("/") else uri + "/"


def output_folder(text: str) -> Path:
    """The output folder, refused before any work when it (or a parent) is a file."""
    path = Path(text)
    for folder in (path, *path.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                raise FeedsError(f"{text}: not a folder ({folder} is a file)"
                                 if folder != path else f"{text}: not a folder")
            break
    return path


def date_context(flags: Flags, settings: config.Settings) -> DateContext:
    """Environment first (reproducible builds), then feeds.toml, then flags."""
    ctx = context_from_env()
    almanac = flags.almanac or settings.almanac
    overrides = flags.dates or settings.dates
    if almanac:
        ctx = replace(ctx, almanac=load_almanac(almanac))
    if overrides:
        ctx = replace(ctx, overrides=load_overrides(overrides))
    if flags.captured_at:
        ctx = replace(ctx, captured_at=flags.captured_at)
    try:
        earliest = date.fromisoformat(settings.earliest_date)
    except ValueError as exc:
        raise FeedsError(f"[build].earliest_date: not a date: {settings.earliest_date!r} "
                         "(use 1990-01-01)") from exc
    return replace(ctx, earliest=earliest)


def assemble(flags: Flags, **run: object) -> BuildOptions:
    """The options of one run. ``run`` holds what only affects how the run goes (jobs,
    lock timeout, progress, ...), never what it outputs."""
    settings = config.load(flags.config)
    url = (base_url(flags.base_url) if flags.base_url
           else base_url(settings.base_url, "[build].base_url"))
    return BuildOptions(
        inputs=flags.inputs or settings.inputs,
        output=output_folder(flags.output or settings.output),
        base_url=url,
        language=settings.language,
        title=settings.title,
        max_bytes=settings.max_bytes,
        max_items=settings.max_items,
        dates=date_context(flags, settings),
        link_to_original=settings.link_to_original,
        **run,  # type: ignore[arg-type]
    )
