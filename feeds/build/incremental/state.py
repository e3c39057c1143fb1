"""What one build leaves for the next: ``out/.feeds-state.json``.

Two kinds of records. The caches (per capture its content hash, plus size and mtime so
an untouched file is not even read, where its parsed article is stored and the small
keys merging needs; body overlaps; per output file a key of everything it was made
from) are trusted only when the fingerprint matches, i.e. the same code and the same
options. The record of what was published (``feeds.publish.ledger``: per item its id, feed, page,
place and date; per site its archive's end) is kept whatever changed: subscribers have
seen it. So are the captures, to be read and parsed again, except that one gone from the
inputs keeps its parsed article (its item is not withdrawn without ``--prune``). State is
kept per input file: a web archive holds many captures, all re-read when it changes.

The file is JSON Lines (a header, then one record per line, sorted), streamed in and out
so that 100,000 captures never exist as one giant string, and written through a temp file
and a rename. It holds a few hundred bytes per live capture and item, nothing for what is
gone. The same builds leave the same state. Paths may hold undecodable bytes (lone
surrogates to Python): the file is written and read with ``surrogatepass``.

Longer than most modules here: the record types, their JSON codec and the streaming reader
and writer change together whenever the state's shape does.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from feeds.build.incremental import codec
from feeds.build.incremental.store import Ref
from feeds.merge import MergeKey
from feeds.model import DateEstimate
from feeds.publish.ledger import Published, Site

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


@dataclass(frozen=True)
class State:
    fingerprint: str = ""
    captures: dict[str, CaptureState] = field(default_factory=dict)
    overlaps: dict[str, float] = field(default_factory=dict)  # "sha sha" -> body overlap
    items: dict[str, Published] = field(default_factory=dict)  # id -> what was published
    sites: dict[str, Site] = field(default_factory=dict)  # site slug -> its feed
    outputs: dict[str, Output] = field(default_factory=dict)  # relative path -> Output
    # For a build with nothing to do (see ``shortcut``): digests of the inputs' and the
    # output folder's (path, size, mtime), and the result, stored on the second line.
    inputs_digest: str = ""
    tree_digest: str = ""
    result: list[Any] = field(default_factory=list)
    code: str = ""  # digest of the code that wrote it
    foreign: bool = False  # the captures' stored articles were written by other code
    # Dates as loaded, with their JSON text: an unchanged date is written back verbatim.
    loaded_dates: dict[int, tuple[DateEstimate, Raw]] = field(default_factory=dict)


def load(folder: Path, fingerprint: str, code: str = "") -> State:
    """The previous build's state; an empty one when absent or unreadable. With another
    fingerprint (other code or options), what ``_stale`` keeps."""
    empty = State(fingerprint=fingerprint, code=code)
    try:
        with open(folder / FILE, encoding="utf-8", errors="surrogatepass") as handle:
            header = json.loads(handle.readline())
            if header.get("version") != VERSION:
                return empty
            handle.readline()  # the result: only a build with nothing to do reads it
            state = State(fingerprint=fingerprint, code=code)
            dates: dict[str, DateEstimate] = {}  # thousands of items share a date
            for line in handle:
                if line.startswith(_ITEM):
                    _read_item(state, line, dates)
                    continue
                _read_row(state, json.loads(line))
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return empty
    if header.get("fingerprint") == fingerprint:
        return state
    return _stale(state, fingerprint, same_code=bool(code) and header.get("code") == code)


def _stale(state: State, fingerprint: str, same_code: bool) -> State:
    """What survives a change of code or options: the published record; the captures,
    each to be read and parsed again if still there (when the code changed, the stored
    article of one that is gone is used only if it still reads: ``foreign``); and the
    output files, each to be written again (or removed, when no item needs it)."""
    items = {k: replace(v, page_key="") for k, v in state.items.items()}
    outputs = {k: Output("", -1, -1) for k in state.outputs}
    captures = {k: replace(c, sha256="", size=-1) for k, c in state.captures.items()}
    return State(fingerprint, captures, items=items, sites=state.sites, outputs=outputs,
                 code=state.code, foreign=not same_code)


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


_ITEM = '["i",'
_DECODER = json.JSONDecoder()


class _ItemHead(tuple):
    """The head of an item row: its id and its date, as JSON text. The date comes first
    so that it can be read back as text (``_read_item``) and written again verbatim."""


def _read_item(state: State, line: str, dates: dict[str, DateEstimate]) -> None:
    """An item row: ``["i", id, date, seq, ...]``; the date's JSON text is kept."""
    sid, end = _DECODER.raw_decode(line, len(_ITEM))
    raw, stop = _DECODER.raw_decode(line, end + 1)
    seq, sslug, slug, page, seen, updated, page_key, paths = json.loads("[" + line[stop + 1:])
    date = None
    if raw is not None:
        text = line[end + 1 : stop]
        date = dates.get(text)
        if date is None:
            date = dates[text] = codec.decode(DateEstimate, raw)
            state.loaded_dates[id(date)] = (date, Raw(text))
    state.items[sid] = Published(
        sid, seq, _intern(sslug), slug, page, datetime.fromisoformat(seen), date,
        None if updated is None else datetime.fromisoformat(updated), page_key, tuple(paths))


def dumps(row: list[Any]) -> str:
    """A row as JSON; a ``Raw`` last element is spliced in as it is, and an ``_ItemHead``
    first element starts an item row."""
    if row and isinstance(row[0], _ItemHead):
        return f"{_ITEM}{row[0][0]},{row[0][1]}," + _ENCODER.encode(row[1:])[1:]
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
         result: tuple[Iterable[list[Any]], list[Any]] = ((), [[], [], []])) -> None:
    """Stream the state to a temp file, then rename it into place."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as handle:
            header = {"version": VERSION, "fingerprint": state.fingerprint,
                      "inputs": state.inputs_digest, "tree": state.tree_digest,
                      "code": state.code}
            handle.write(json.dumps(header) + "\n")
            rows, problems = result
            handle.write("[[")  # [[item, ...], [problems, ...]] on one line, row by row
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
        and a.items == b.items
        and a.sites == b.sites
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
    for slug in sorted(state.sites):
        site = state.sites[slug]
        yield ["s", slug, site.name, site.open_page, site.open_count]
    for sid in sorted(state.items):
        i = state.items[sid]
        date = None if i.date is None else encode_date(i.date)
        yield [_ItemHead((_ENCODER.encode(sid), date if isinstance(date, Raw) else Raw(
                   _ENCODER.encode(date)))),
               i.seq, i.site_slug, i.slug, i.page, i.first_seen.isoformat(),
               None if i.updated is None else i.updated.isoformat(), i.page_key,
               list(i.captures)]
    for rel in sorted(state.outputs):
        o = state.outputs[rel]
        yield ["o", rel, o.key, o.size, o.mtime_ns]


_interned: dict[str, str] = {}


def _read_row(state: State, row: list[Any]) -> None:
    kind, name = row[0], row[1]
    if kind == "c":
        sha, size, mtime, problem, key, ref, site, tagline, url, warnings, file, *lang = row[2:]
        merge_key = None
        if key is not None:
            headline, ksite, head, opening, *rank = key
            merge_key = MergeKey(name, headline, _intern(ksite), head, opening, tuple(rank))
        state.captures[name] = CaptureState(
            name, sha, size, mtime, problem, merge_key,
            None if ref is None else (_intern(ref[0]), ref[1], ref[2]),
            _intern(site), None if tagline is None else _intern(tagline), url,
            tuple(warnings), file, _intern(lang[0] if lang else ""))  # older rows: none
    elif kind == "p":
        state.overlaps[name] = row[2]
    elif kind == "s":
        state.sites[name] = Site(name, row[2], row[3], row[4])
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
