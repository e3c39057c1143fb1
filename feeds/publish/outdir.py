"""The last check before a file is written: it must land inside the output folder.

Output names come from slugs, which cannot hold ``/`` or ``..``; this guard makes that a
guarantee of the write path itself, so no future naming bug, absolute path or symlink
planted in the output folder can make a build write anywhere else.
"""

from __future__ import annotations

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
    base = root.resolve()
    if path.name in ("", ".", "..") or not path.parent.resolve().is_relative_to(base):
        raise UnsafePathError(f"refusing to write {path}: it is outside the output folder {root}")
    return path


def write_inside(root: Path, path: Path, data: bytes) -> bool:
    """``atomic.write_bytes`` for a path checked to be inside ``root``."""
    return write_bytes(checked(root, path), data)


def write_many_inside(root: Path, files: Sequence[tuple[Path, bytes]]) -> list[bool]:
    """``atomic.write_many`` for paths each checked to be inside ``root``."""
    parents: set[Path] = set()  # a folder resolved once, not once per file
    for path, _ in files:
        if path.parent not in parents or path.name in ("", ".", ".."):
            checked(root, path)
            parents.add(path.parent)
    return write_many(files)
