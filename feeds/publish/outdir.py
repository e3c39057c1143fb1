"""The last check before a file is written: it must land inside the output folder.

Output names come from slugs, which cannot hold ``/`` or ``..``; this guard makes that a
guarantee of the write path itself, so no future naming bug, absolute path or symlink
planted in the output folder can make a build write anywhere else.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from feeds.atomic import write_bytes, write_many
from feeds.errors import FeedsError


class UnsafePathError(FeedsError):
    """A build tried to write outside its output folder."""


def checked(root: Path, path: Path) -> Path:
    """Return ``path`` when it lies inside ``root`` once ``..`` and symlinks are resolved.

    The file name itself must be a plain name; the folder holding it is resolved, so a
    symlinked folder pointing elsewhere is refused. (A symlink in place of the file is
    harmless: the atomic rename replaces the link, not its target.)
    """
    if path.name in ("", ".", ".."):
        raise _outside(root, path)
    if _plainly_below(root, path.parent):
        return path
    if not path.parent.resolve().is_relative_to(root.resolve()):
        raise _outside(root, path)
    return path


def _plainly_below(root: Path, folder: Path) -> bool:
    """True when ``folder`` is ``root`` or below it by name, through no ``..`` and no
    symlink (it then resolves inside ``root`` whatever ``root`` is): a stat per folder
    below ``root`` instead of resolving the whole path. False means: resolve to know."""
    top, here = os.fspath(root), os.fspath(folder)
    if here == top:
        return True
    prefix = top if top.endswith(os.sep) else top + os.sep
    if not here.startswith(prefix):
        return False
    parts = here[len(prefix):].split(os.sep)
    if ".." in parts:
        return False
    for n in range(1, len(parts) + 1):
        try:
            mode = os.lstat(os.path.join(top, *parts[:n])).st_mode
        except FileNotFoundError:
            return True  # not there yet: made as a plain folder, below a plain folder
        except OSError:
            return False
        if stat.S_ISLNK(mode):
            return False
    return True


def _outside(root: Path, path: Path) -> UnsafePathError:
    return UnsafePathError(f"refusing to write {path}: it is outside the output folder {root}")


def write_inside(root: Path, path: Path, data: bytes) -> bool:
    """``atomic.write_bytes`` for a path checked to be inside ``root``."""
    return write_bytes(checked(root, path), data)


def write_many_inside(root: Path, files: Sequence[tuple[Path, bytes]]) -> list[bool]:
    """``atomic.write_many`` for paths each checked to be inside ``root``."""
    parents: set[Path] = set()  # a folder checked once, not once per file
    for path, _ in files:
        if path.parent not in parents or path.name in ("", ".", ".."):
            checked(root, path)
            parents.add(path.parent)
    return write_many(files)
