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

The state is JSON Lines, split by site (``partition``): a small manifest, ``FILE`` (a
header naming the parts, then the problems and warnings), and one file per part in
``PARTS`` (the part's entries for a build with nothing to do on its first line, then one
record per line, sorted). A build that changed one capture encodes and writes only that
capture's part; the others are kept as they are. Each part is streamed in and out, so
that 100,000 captures never exist as one giant string. Parts are named by their
content and written (temp file, flush, rename) before the manifest that names them is
renamed into place, and parts no manifest names are deleted only after: a build killed
at any point leaves a state that reads whole, the new one or the last. It holds a few
hundred bytes per live capture and item, nothing for what is gone. The same builds leave
the same state. Paths may hold undecodable bytes (lone surrogates to Python): the files
are written and read with ``surrogatepass``. A state of the single-file layout before
parts (version 4) is read as it is and written back in parts.

Longer than most modules here: the state, its rows' JSON codec and the streaming reader
and writer change together whenever the state's shape does (the records of captures and
outputs are in ``records``, which part each goes to in ``partition``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from feeds import atomic
from feeds.build.incremental import codec, partition
from feeds.build.incremental.records import CaptureState, Output
from feeds.merge import MergeKey
from feeds.model import DateEstimate, Entry
from feeds.publish.ledger import Published, Site

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
FILE = ".feeds-state.json"
PARTS = ".feeds-state.d"
STORE = ".feeds-store"
VERSION = 5
_SINGLE_FILE = 4  # the layout before parts: read, then written back in parts


@dataclass(frozen=True)
class State:
    fingerprint: str = ""
    captures: dict[str, CaptureState] = field(default_factory=dict)
    overlaps: dict[str, float] = field(default_factory=dict)  # "sha sha" -> body overlap
    items: dict[str, Published] = field(default_factory=dict)  # id -> what was published
    sites: dict[str, Site] = field(default_factory=dict)  # site slug -> its feed
    outputs: dict[str, Output] = field(default_factory=dict)  # relative path -> Output
    # For a build with nothing to do (see ``shortcut``): digests of the inputs' and the
    # output folder's (path, size, mtime), and the result: ``[entries, [problems,
    # warnings, archives]]`` (``peek`` leaves the entries, kept in the parts, empty).
    inputs_digest: str = ""
    tree_digest: str = ""
    result: list[Any] = field(default_factory=list)
    # The part files this state was read from (part -> file name), when they can be kept:
    # same fingerprint. A part whose records did not change is not written again.
    parts: dict[int, str] = field(default_factory=dict)
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
            version = header.get("version")
            if version not in (VERSION, _SINGLE_FILE):
                return empty
            handle.readline()  # the result: only a build with nothing to do reads it
            state = State(fingerprint=fingerprint, code=code)
            dates: dict[str, DateEstimate] = {}  # thousands of items share a date
            if version == _SINGLE_FILE:
                _read_rows(state, handle, dates)
            else:
                names = _part_names(header)
                for name in names.values():
                    with open(folder / PARTS / name, encoding="utf-8",
                              errors="surrogatepass") as part:
                        part.readline()  # the part's entries: as the result above
                        _read_rows(state, part, dates)
                if header.get("fingerprint") == fingerprint:
                    state.parts.update(names)
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return empty
    _sort(state)
    if header.get("fingerprint") == fingerprint:
        return state
    return _stale(state, fingerprint, same_code=bool(code) and header.get("code") == code)


def _part_names(header: dict[str, Any]) -> dict[int, str]:
    names = {int(n): str(name) for n, name in header["parts"]}
    if any(os.sep in name or name.startswith(".") for name in names.values()):
        raise ValueError("a part outside the state's folder")
    return names


def _read_rows(state: State, handle: Iterable[str], dates: dict[str, DateEstimate]) -> None:
    for line in handle:
        if line.startswith(_ITEM):
            _read_item(state, line, dates)
            continue
        _read_row(state, json.loads(line))


def _sort(state: State) -> None:
    """Records in key order, as one file held them: parts interleave."""
    for records in (state.captures, state.overlaps, state.items, state.sites, state.outputs):
        _sort_keys(records)


def _sort_keys(records: dict[str, Any]) -> None:
    ordered = sorted(records.items())
    records.clear()
    records.update(ordered)


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
    """Only the manifest's two lines (the result without its entries: see
    ``entries``), when the fingerprint matches."""
    try:
        with open(folder / FILE, encoding="utf-8", errors="surrogatepass") as handle:
            header = json.loads(handle.readline())
            if header.get("version") != VERSION or header.get("fingerprint") != fingerprint:
                return None
            return State(fingerprint=fingerprint, inputs_digest=header["inputs"],
                         tree_digest=header["tree"],
                         result=[[], json.loads(handle.readline())],
                         parts=_part_names(header))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def entries(folder: Path, last: State) -> Iterator[list[Any]]:
    """The entry rows of the result ``peek`` gave, part by part (the first line of each:
    ``[seq, *row]``); raises OSError or ValueError when a part cannot be read."""
    for name in last.parts.values():
        with open(folder / PARTS / name, encoding="utf-8", errors="surrogatepass") as part:
            yield json.loads(part.readline())


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
         entries: Sequence[Entry] = (), row: Callable[[Entry], list[Any]] | None = None,
         tail: list[Any] | None = None) -> None:
    """Write the parts that changed since ``prior`` (each streamed to a temp file, all
    flushed, then renamed), then the manifest naming every part (temp file, rename),
    then delete the parts it no longer names. ``entries`` are the build's result, each
    written into its site's part as ``row`` makes it; ``tail`` its problems, warnings
    and archives."""
    encode_date = date_encoder(prior or state)
    prior = prior or State()
    parts = _split(state)
    todo = partition.changed(parts, _split(prior) if prior.parts else {})
    todo = sorted({*todo, *(n for n in parts if n not in prior.parts)})
    wanted = set(todo)
    by_part: dict[int, list[Entry]] = {n: [] for n in todo}
    for entry in entries:
        n = partition.bucket(entry.site_slug)
        if n in wanted:
            by_part[n].append(entry)
    names = {n: prior.parts[n] for n in parts if n not in wanted}
    if entries and row is None:
        raise ValueError("entries to save need a row maker")
    numbered = {n: ([state.items[e.id].seq, *row(e)] for e in by_part[n]) if row else iter(())
                for n in todo}
    names.update(_write_parts(folder / PARTS, {n: parts[n] for n in todo}, numbered,
                              encode_date))
    header = {"version": VERSION, "fingerprint": state.fingerprint,
              "inputs": state.inputs_digest, "tree": state.tree_digest, "code": state.code,
              "parts": sorted(names.items())}
    data = (json.dumps(header) + "\n" + _ENCODER.encode(tail or [[], [], []]) + "\n").encode(
        "utf-8", "surrogatepass")
    atomic.write_bytes(folder / FILE, data)
    atomic.sync_folder(str(folder))  # the manifest's rename is on disk: old parts may go
    prune(folder, names.values())


def _split(state: State) -> dict[int, partition.Part]:
    return partition.split(state.captures, state.overlaps, state.sites, state.items,
                           state.outputs)


def _write_parts(folder: Path, parts: dict[int, partition.Part],
                 entry_rows: Mapping[int, Iterator[list[Any]]],
                 encode_date: Callable[[DateEstimate], Any]) -> dict[int, str]:
    """Each part streamed to a temp file, named by its content once all are on disk."""
    folder.mkdir(parents=True, exist_ok=True)
    made: list[tuple[int, str, Any, Any]] = []  # part, temp path, handle, digest
    try:
        for n, part in parts.items():
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            handle = os.fdopen(fd, "wb")
            h = hashlib.blake2b(digest_size=16)
            made.append((n, tmp, handle, h))
            for text in _part_lines(entry_rows[n], part, encode_date):
                data = text.encode("utf-8", "surrogatepass")
                h.update(data)
                handle.write(data)
            handle.flush()
            os.fchmod(fd, 0o644)
        fds = [handle.fileno() for _, _, handle, _ in made]
        if fds:
            atomic.flush_batch(fds)
        names = {}
        for n, tmp, _, h in made:
            names[n] = h.hexdigest() + ".jsonl"
            os.replace(tmp, folder / names[n])
        if fds:
            atomic.sync_renames(fds, [str(folder)])
    except BaseException:
        for _, tmp, _, _ in made:
            Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        for _, _, handle, _ in made:
            handle.close()
    return names


def _part_lines(entry_rows: Iterator[list[Any]], part: partition.Part,
                encode_date: Callable[[DateEstimate], Any]) -> Iterator[str]:
    """A part's text: its entries on one line (row by row), then a line per record."""
    yield "["
    for k, row in enumerate(entry_rows):
        yield ("," if k else "") + dumps(row)
    yield "]\n"
    for row in _rows(part, encode_date):
        yield dumps(row) + "\n"


def prune(folder: Path, keep: Iterable[str]) -> None:
    """Delete the part files (and stray temp files) no manifest names."""
    wanted = set(keep)
    try:
        found = os.listdir(folder / PARTS)
    except OSError:
        return
    for name in found:
        if name not in wanted:
            (folder / PARTS / name).unlink(missing_ok=True)


def adopt(stage: Path, out: Path) -> None:
    """Make the state a build left in ``stage`` the state of ``out`` (same filesystem):
    its parts first (named by content, so none replaces one the old manifest needs),
    then its manifest, then the old parts go."""
    if not (stage / FILE).is_file():
        return
    (out / PARTS).mkdir(exist_ok=True)
    with contextlib.suppress(OSError):
        for name in os.listdir(stage / PARTS):
            if not name.startswith("."):
                os.replace(stage / PARTS / name, out / PARTS / name)
    atomic.sync_folder(str(out / PARTS))
    (stage / FILE).replace(out / FILE)
    atomic.sync_folder(str(out))
    with (contextlib.suppress(OSError, ValueError, KeyError, TypeError),
          open(out / FILE, encoding="utf-8", errors="surrogatepass") as handle):
        prune(out, _part_names(json.loads(handle.readline())).values())


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


def _rows(part: partition.Part, encode_date: Callable[[DateEstimate], Any]
          ) -> Iterator[list[Any]]:
    for c in part.captures:
        k = c.key
        key = None if k is None else [k.headline, k.site, k.head, k.opening, *k.rank]
        yield ["c", c.path, c.sha256, c.size, c.mtime_ns, c.problem, key,
               None if c.ref is None else list(c.ref), c.site, c.tagline, c.url,
               list(c.warnings), c.file, c.language]
    for pair, overlap in part.overlaps:
        yield ["p", pair, overlap]
    for site in part.sites:
        yield ["s", site.slug, site.name, site.open_page, site.open_count]
    for i in part.items:
        date = None if i.date is None else encode_date(i.date)
        yield [_ItemHead((_ENCODER.encode(i.id), date if isinstance(date, Raw) else Raw(
                   _ENCODER.encode(date)))),
               i.seq, i.site_slug, i.slug, i.page, i.first_seen.isoformat(),
               None if i.updated is None else i.updated.isoformat(), i.page_key,
               list(i.captures)]
    for rel, o in part.outputs:
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
