"""What one build leaves for the next: ``out/.feeds-state.json``.

An incremental build trusts it only when the fingerprint matches, i.e. the same code and
the same options; otherwise everything is parsed and rendered again. The file holds per
capture its content hash (plus size and mtime, so an untouched file is not even read),
where its parsed article is stored and the small keys merging needs; per story its date;
per output file a key of everything it was made from. Content is sorted and written
atomically, so the same builds leave the same state.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from feeds import codec
from feeds.atomic import write_bytes
from feeds.merge import MergeKey
from feeds.model import DateEstimate
from feeds.store import Ref

FILE = ".feeds-state.json"
STORE = ".feeds-store"
VERSION = 1


@dataclass(frozen=True)
class CaptureState:
    """One capture as last seen, and what parsing it gave."""

    path: str
    sha256: str
    size: int
    mtime_ns: int
    problem: str | None = None
    key: MergeKey | None = None  # None when the capture could not be used
    ref: Ref | None = None
    site: str = ""  # site_name(): the site line, else the folder name
    tagline: str | None = None


@dataclass(frozen=True)
class Output:
    """A written file and the key of what it was made from."""

    key: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class State:
    fingerprint: str = ""
    captures: dict[str, CaptureState] = field(default_factory=dict)
    overlaps: dict[str, float] = field(default_factory=dict)  # "sha sha" -> body overlap
    dates: dict[str, DateEstimate] = field(default_factory=dict)  # story key -> date
    outputs: dict[str, Output] = field(default_factory=dict)  # relative path -> Output


def load(folder: Path, fingerprint: str) -> State:
    """The previous build's state, or an empty one when absent, unreadable or stale."""
    try:
        data = json.loads((folder / FILE).read_bytes())
        if data.get("version") != VERSION or data.get("fingerprint") != fingerprint:
            return State(fingerprint=fingerprint)
        return State(
            fingerprint=fingerprint,
            captures={
                p: codec.decode(CaptureState, [p, *v]) for p, v in data["captures"].items()
            },
            overlaps=data["overlaps"],
            dates={k: codec.decode(DateEstimate, v) for k, v in data["dates"].items()},
            outputs={k: Output(*v) for k, v in data["outputs"].items()},
        )
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return State(fingerprint=fingerprint)


def save(folder: Path, state: State) -> None:
    data = {
        "version": VERSION,
        "fingerprint": state.fingerprint,
        "captures": {p: codec.encode(c)[1:] for p, c in sorted(state.captures.items())},
        "overlaps": dict(sorted(state.overlaps.items())),
        "dates": {k: codec.encode(v) for k, v in sorted(state.dates.items())},
        "outputs": {k: codec.encode(v) for k, v in sorted(state.outputs.items())},
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    write_bytes(folder / FILE, text.encode("utf-8"))


def digest(*parts: object) -> str:
    """A short key for ``parts`` (strings, numbers, nested lists)."""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:32]
