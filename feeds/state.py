"""What one build leaves for the next: ``out/.feeds-state.json``.

An incremental build trusts it only when the fingerprint matches, i.e. the same code and
the same options; otherwise everything is parsed and rendered again. The file holds per
capture its content hash (plus size and mtime, so an untouched file is not even read),
where its parsed article is stored and the small keys merging needs; per story its date;
per output file a key of everything it was made from. State is kept per input file: a
web archive holds many captures, all re-read when the archive changes.

The file is JSON Lines (a header, then one record per line, sorted), streamed in and out
so that 100,000 captures never exist as one giant string, and written through a temp file
and a rename. The same builds leave the same state. Paths may hold undecodable bytes
(lone surrogates to Python): the file is written and read with ``surrogatepass``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from feeds import codec
from feeds.merge import MergeKey
from feeds.model import DateEstimate
from feeds.store import Ref

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
FILE = ".feeds-state.json"
STORE = ".feeds-store"
VERSION = 4


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


@dataclass(frozen=True, slots=True)
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
    dates: dict[str, DateEstimate] = field(default_factory=dict)  # page key -> date
    outputs: dict[str, Output] = field(default_factory=dict)  # relative path -> Output
    # For a build with nothing to do (see feeds.shortcut): digests of the inputs' and the
    # output folder's (path, size, mtime), and the result, stored on the second line.
    inputs_digest: str = ""
    tree_digest: str = ""
    result: list[Any] = field(default_factory=list)
    # Dates as loaded, with their JSON text: an unchanged date is written back verbatim.
    loaded_dates: dict[int, tuple[DateEstimate, Raw]] = field(default_factory=dict)


def load(folder: Path, fingerprint: str) -> State:
    """The previous build's state, or an empty one when absent, unreadable or stale."""
    empty = State(fingerprint=fingerprint)
    try:
        with open(folder / FILE, encoding="utf-8", errors="surrogatepass") as handle:
            header = json.loads(handle.readline())
            if header.get("version") != VERSION or header.get("fingerprint") != fingerprint:
                return empty
            handle.readline()  # the result: only a build with nothing to do reads it
            state = State(fingerprint=fingerprint)
            shared: dict[DateEstimate, DateEstimate] = {}
            for line in handle:
                row = json.loads(line)
                _read_row(state, row, shared)
                if row[0] == "d":  # keep the date's own JSON text (cheaper than its list)
                    prefix = f'["d",{json.dumps(row[1])},'
                    if line.startswith(prefix) and line.rstrip().endswith("]"):
                        date = state.dates[row[1]]
                        state.loaded_dates[id(date)] = (date, Raw(line.rstrip()[len(prefix):-1]))
            return state
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return empty


def peek(folder: Path, fingerprint: str) -> State | None:
    """Only the header and the result (two lines), when the fingerprint matches."""
    try:
        with open(folder / FILE, encoding="utf-8", errors="surrogatepass") as handle:
            header = json.loads(handle.readline())
            if header.get("version") != VERSION or header.get("fingerprint") != fingerprint:
                return None
            return State(fingerprint=fingerprint, inputs_digest=header["inputs"],
                         tree_digest=header["tree"], result=json.loads(handle.readline()))
    except (OSError, ValueError, TypeError, KeyError):
        return None


class Raw(str):
    """JSON text to be written as it is."""


def dumps(row: list[Any]) -> str:
    """A row as JSON; a ``Raw`` last element is spliced in as it is."""
    if row and isinstance(row[-1], Raw):
        return _ENCODER.encode(row[:-1])[:-1] + ("," if len(row) > 1 else "") + row[-1] + "]"
    return _ENCODER.encode(row)


def date_encoder(prior: State) -> Callable[[DateEstimate], Any]:
    """``codec.encode`` for dates, reusing the JSON text of any date loaded in ``prior``."""
    def encode(date: DateEstimate) -> Any:
        hit = prior.loaded_dates.get(id(date))
        return hit[1] if hit is not None and hit[0] is date else codec.encode(date)
    return encode


def save(folder: Path, state: State, prior: State | None = None,
         result: tuple[Iterable[list[Any]], list[Any]] = ((), [[], []])) -> None:
    """Stream the state to a temp file, then rename it into place."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as handle:
            header = {"version": VERSION, "fingerprint": state.fingerprint,
                      "inputs": state.inputs_digest, "tree": state.tree_digest}
            handle.write(json.dumps(header) + "\n")
            rows, problems = result
            handle.write("[[")  # [[item, ...], [problem, ...]] on one line, row by row
            for n, row in enumerate(rows):
                handle.write(("," if n else "") + dumps(row))
            handle.write("]," + _ENCODER.encode(problems) + "]\n")
            for row in _rows(state, date_encoder(prior or state)):
                handle.write(dumps(row) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, folder / FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def same(a: State, b: State) -> bool:
    """True when saving ``b`` over ``a`` would change nothing (cheap: identity first)."""
    return (
        a.fingerprint == b.fingerprint
        and (a.inputs_digest, a.tree_digest) == (b.inputs_digest, b.tree_digest)
        and a.overlaps == b.overlaps
        and a.outputs == b.outputs
        and a.captures.keys() == b.captures.keys()
        and all(b.captures[k] is v or b.captures[k] == v for k, v in a.captures.items())
        and a.dates.keys() == b.dates.keys()
        and all(b.dates[k] is v or b.dates[k] == v for k, v in a.dates.items())
    )


def _rows(state: State, encode_date: Callable[[DateEstimate], Any]) -> Iterator[list[Any]]:
    for path in sorted(state.captures):
        c = state.captures[path]
        k = c.key
        key = None if k is None else [k.headline, k.site, k.head, k.opening, *k.rank]
        yield ["c", path, c.sha256, c.size, c.mtime_ns, c.problem, key,
               None if c.ref is None else list(c.ref), c.site, c.tagline, c.url,
               list(c.warnings), c.file, c.language]
    for pair in sorted(state.overlaps):
        yield ["p", pair, state.overlaps[pair]]
    for key in sorted(state.dates):
        yield ["d", key, encode_date(state.dates[key])]
    for rel in sorted(state.outputs):
        o = state.outputs[rel]
        yield ["o", rel, o.key, o.size, o.mtime_ns]


_interned: dict[str, str] = {}


def _read_row(state: State, row: list[Any], shared: dict[DateEstimate, DateEstimate]) -> None:
    kind, name = row[0], row[1]
    if kind == "c":
        sha, size, mtime, problem, key, ref, site, tagline, url, warnings, file, lang = row[2:]
        merge_key = None
        if key is not None:
            headline, ksite, head, opening, *rank = key
            merge_key = MergeKey(name, headline, _intern(ksite), head, opening, tuple(rank))
        state.captures[name] = CaptureState(
            name, sha, size, mtime, problem, merge_key,
            None if ref is None else (_intern(ref[0]), ref[1], ref[2]),
            _intern(site), None if tagline is None else _intern(tagline), url,
            tuple(warnings), file, _intern(lang))
    elif kind == "p":
        state.overlaps[name] = row[2]
    elif kind == "d":
        date = codec.decode(DateEstimate, row[2])
        state.dates[name] = shared.setdefault(date, date)  # many items share one date
    elif kind == "o":
        state.outputs[name] = Output(*row[2:])


def compact(c: CaptureState) -> CaptureState:
    """The same record with one shared copy of its site and tagline (they repeat)."""
    if c.key is None:
        return c
    key = c.key
    if key.site is not _intern(key.site):
        key = MergeKey(key.source, key.headline, _intern(key.site), key.head, key.opening,
                       key.rank)
    return CaptureState(c.path, c.sha256, c.size, c.mtime_ns, c.problem, key, c.ref,
                        _intern(c.site), None if c.tagline is None else _intern(c.tagline),
                        c.url, c.warnings, c.file, _intern(c.language))


def _intern(text: str) -> str:
    """Sites and taglines repeat across thousands of captures: keep one copy of each."""
    return _interned.setdefault(text, text)


def digest(*parts: object) -> str:
    """A short key for ``parts`` (strings and numbers, or lists of them)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        items = part if isinstance(part, list | tuple) else (part,)
        for item in items:
            h.update(repr(item).encode("utf-8", "surrogatepass") + b"\x1f")
        h.update(b"\x1e")
    return h.hexdigest()
