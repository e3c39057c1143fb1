"""``feeds.toml`` -> ``Settings``. Flags given on the command line override the file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from feeds.errors import FeedsError

DEFAULT_FILE = "feeds.toml"


@dataclass(frozen=True)
class Settings:
    base_url: str = "http://127.0.0.1:8000/"
    inputs: tuple[str, ...] = ("seeds",)
    output: str = "out"
    language: str = "en"
    title: str = "feeds"
    max_bytes: int = 5 * 1024 * 1024
    max_items: int = 50
    almanac: str = ""  # TOML file of dated events (see examples/almanac.toml)
    dates: str = ""  # TOML file of manual date overrides (see examples/dates.toml)
    # No publication date before this day is believed (raise it, or lower it for archives).
    earliest_date: str = "1990-01-01"
    # Items link to the page a capture was taken from, when its URL is known.
    link_to_original: bool = True


def load(path: str | None) -> Settings:
    """Read ``path``, or ``./feeds.toml`` when it exists, else the defaults."""
    if path is None:
        if not Path(DEFAULT_FILE).is_file():
            return Settings()
        path = DEFAULT_FILE
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise FeedsError(f"{path}: cannot read config ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FeedsError(f"{path}: invalid TOML ({exc})") from exc
    section = data.get("build", {})
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}  # each checked against its default's type below
    for key, value in section.items():
        if key not in known:
            raise FeedsError(f"{path}: unknown setting [build].{key}")
        default = getattr(Settings(), key)
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise FeedsError(f"{path}: [build].{key} must be a list of strings")
            value = tuple(value)
        elif not isinstance(value, type(default)) or (
            isinstance(value, bool) != isinstance(default, bool)
        ):
            raise FeedsError(f"{path}: [build].{key} must be a {type(default).__name__}")
        values[key] = value
    settings = replace(Settings(), **values)
    if not settings.base_url.endswith("/"):
        settings = replace(settings, base_url=settings.base_url + "/")
    return settings
