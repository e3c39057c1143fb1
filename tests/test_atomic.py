"""Batched atomic writes: whole files, flushed per filesystem, never a machine-wide sync."""

import os

import pytest

from feeds import atomic


def _forbid_global_sync(monkeypatch):
    def sync():
        raise AssertionError("os.sync() flushes every filesystem on the machine")
    monkeypatch.setattr(atomic.os, "sync", sync)


def test_write_many_flushes_the_batch_once_per_filesystem(tmp_path, monkeypatch):
    _forbid_global_sync(monkeypatch)
    calls = []
    real = atomic._syncfs()
    if real is None:
        pytest.skip("no syncfs on this platform")
    monkeypatch.setattr(atomic, "_syncfs", lambda: lambda fd: calls.append(fd) or real(fd))
    folders = []
    monkeypatch.setattr(atomic, "sync_folder", folders.append)
    files = [(tmp_path / f"d{i % 3}" / f"{i}.html", f"page {i}".encode()) for i in range(10)]
    assert atomic.write_many(files) == [True] * 10
    # One filesystem: one flush of the whole batch's data before the renames, and one
    # after them that makes the renames durable, instead of an fsync per folder.
    assert len(calls) == 2
    assert folders == []
    assert all(p.read_bytes() == data for p, data in files)
    assert not list(tmp_path.rglob(".tmp-*"))
    assert atomic.write_many(files) == [False] * 10  # unchanged content is not rewritten


def test_write_many_without_syncfs_syncs_each_file(tmp_path, monkeypatch):
    _forbid_global_sync(monkeypatch)
    synced = []
    monkeypatch.setattr(atomic, "_syncfs", lambda: None)
    real = os.fdatasync
    monkeypatch.setattr(atomic.os, "fdatasync", lambda fd: synced.append(fd) or real(fd))
    folders = []
    real_folder = atomic.sync_folder
    monkeypatch.setattr(atomic, "sync_folder", lambda f: folders.append(f) or real_folder(f))
    files = [(tmp_path / f"d{i % 2}" / f"{i}.txt", b"x" * (70_000 + i)) for i in range(4)]
    atomic.write_many(files)
    assert len(synced) == 4
    assert folders == [str(tmp_path / "d0"), str(tmp_path / "d1")]  # each folder once
    assert all(p.read_bytes() == data for p, data in files)


def test_a_small_batch_is_synced_file_by_file_and_folder_by_folder(tmp_path, monkeypatch):
    # syncfs would also wait for other programs' dirty pages: a one-page edit syncs its own.
    _forbid_global_sync(monkeypatch)
    monkeypatch.setattr(atomic, "_syncfs", lambda: lambda fd: pytest.fail("syncfs called"))
    synced, folders = [], []
    real, real_folder = os.fdatasync, atomic.sync_folder
    monkeypatch.setattr(atomic.os, "fdatasync", lambda fd: synced.append(fd) or real(fd))
    monkeypatch.setattr(atomic, "sync_folder", lambda f: folders.append(f) or real_folder(f))
    files = [(tmp_path / "site" / name, b"x") for name in ("a.html", "rss.xml", "atom.xml")]
    assert atomic.write_many(files) == [True] * 3
    assert len(synced) == 3 and folders == [str(tmp_path / "site")]
