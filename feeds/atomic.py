"""Atomic file writes: a reader or a crashed build never sees half a file."""

from __future__ import annotations

import ctypes
import errno
import os
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temp file and a rename.

    Returns False (and leaves the file, its mtime included, untouched) when the content is
    already there, so unchanged outputs keep their Last-Modified time.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if is_same(path, data):
        return False
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_text(path: Path, text: str) -> bool:
    return write_bytes(path, text.encode("utf-8"))


def write_many(files: Sequence[tuple[Path, bytes]]) -> list[bool]:
    """``write_bytes`` for a batch, with one flush for all of them instead of one fsync
    per file (a tenth of the cost on a journaled disk): every temp file is written, then
    flushed to disk, then renamed into place, and the renames are made durable
    (``sync_renames``), so no reader or crash sees half a file."""
    todo: list[tuple[str, Path]] = []
    handles: list[int] = []
    changed: list[bool] = []
    made: set[Path] = set()  # a folder is made once per batch, not once per file
    try:
        for path, data in files:
            if is_same(path, data):
                changed.append(False)
                continue
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            handles.append(fd)
            todo.append((tmp, path))
            _write_all(fd, data)
            os.fchmod(fd, 0o644)
            changed.append(True)
        if todo:
            flush_batch(handles)
        for tmp, path in todo:
            os.replace(tmp, path)
        if todo:
            sync_renames(handles, sorted({str(path.parent) for _, path in todo}))
    except BaseException:
        for tmp, _ in todo:
            Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        for fd in handles:
            os.close(fd)
    return changed


def _write_all(fd: int, data: bytes) -> None:
    """os.write may write less than asked: loop until every byte is out."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


# A batch of at most this many files is synced file by file (and folder by folder):
# syncfs waits for every dirty page of the filesystem, other programs' writes included,
# which costs more than a few fdatasyncs when the batch is one edited page and its feeds.
SMALL_BATCH = 8


def flush_batch(fds: Sequence[int]) -> None:
    """Put a batch of written files on disk before they are renamed into place.

    ``syncfs(2)`` flushes only the filesystem that holds them, once for the whole batch
    (one call per filesystem); where it is missing, or for a ``SMALL_BATCH``, each file
    is ``fdatasync``-ed. The old ``os.sync()`` flushed every filesystem on the machine,
    other users' included.
    """
    syncfs = _syncfs()
    if syncfs is None or len(fds) <= SMALL_BATCH:
        for fd in fds:
            os.fdatasync(fd)
        return
    _syncfs_once_per_filesystem(syncfs, fds)


def _syncfs_once_per_filesystem(syncfs: Callable[[int], int], fds: Sequence[int]) -> None:
    seen: set[int] = set()
    for fd in fds:
        dev = os.fstat(fd).st_dev
        if dev not in seen:
            seen.add(dev)
            if syncfs(fd) != 0:
                err = ctypes.get_errno()
                raise OSError(err, os.strerror(err))


def sync_renames(fds: Sequence[int], folders: Sequence[str]) -> None:
    """Make a batch's renames survive a power cut: with ``syncfs(2)`` one more flush per
    filesystem commits them all (a batch of many small sites' files spans hundreds of
    folders, and each folder's fsync is a journal commit of its own); without it, or
    for a ``SMALL_BATCH``, each folder is synced."""
    syncfs = _syncfs()
    if syncfs is None or len(fds) <= SMALL_BATCH:
        for folder in folders:
            sync_folder(folder)
        return
    _syncfs_once_per_filesystem(syncfs, fds)


@cache
def _syncfs() -> Callable[[int], int] | None:
    """libc's syncfs where the platform has it (Linux); None elsewhere."""
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
    except OSError:
        return None


def sync_folder(folder: str) -> None:
    """fsync a folder so the renames in it survive a power cut (POSIX; a no-op elsewhere)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some filesystems refuse fsync on a folder: nothing to do there
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def is_same(path: Path, data: bytes) -> bool:
    """True when ``path`` already holds ``data``; a size check first spares most reads."""
    try:
        if os.stat(path).st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def remove_stale_temps(root: Path) -> int:
    """Delete temp files a killed build left behind. Call only while holding the lock."""
    removed = 0
    for tmp in root.rglob(".tmp-*"):
        if tmp.is_file() and not tmp.is_symlink():
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed
