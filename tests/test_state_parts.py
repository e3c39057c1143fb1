"""The build state is split by site: a build that changed one capture rewrites only that
site's part, a state of the older single-file layout is read and kept, and a build killed
while saving leaves the last state whole."""

import json
import os
from pathlib import Path

import pytest

from benchmarks.corpus import generate
from feeds.build import BuildOptions, build
from feeds.build.identity import fingerprint
from feeds.build.incremental import partition, state

from .test_build import snapshot

BASE = "https://news.example.org/feeds/"


def options(out: Path, corpus: Path) -> BuildOptions:
    return BuildOptions(inputs=(str(corpus),), output=out, base_url=BASE, jobs=1)


@pytest.fixture
def corpus(tmp_path) -> Path:
    root = tmp_path / "in"
    generate(root, 60, sites=4, seed=5, twice=0.0)
    return root


def parts(out: Path) -> dict[int, str]:
    header = json.loads((out / state.FILE).read_text(encoding="utf-8").splitlines()[0])
    return {n: name for n, name in header["parts"]}


def edit(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nOfficials added one more sentence today.\n", encoding="utf-8")


def test_one_changed_capture_rewrites_only_its_sites_part(tmp_path, corpus):
    out = tmp_path / "out"
    first = build(options(out, corpus))
    before = parts(out)
    assert len({i.site_slug for i in first.items}) >= 3 and len(before) >= 3
    inodes = {name: os.stat(out / state.PARTS / name).st_ino for name in before.values()}
    item = first.items[len(first.items) // 2]
    edit(Path(item.source))
    changed = build(options(out, corpus))
    after = parts(out)
    assert changed.parsed == 1
    assert {n for n in after if after[n] != before.get(n)} == {partition.bucket(item.site_slug)}
    for n, name in after.items():
        if name == before.get(n):  # kept, not written again
            assert os.stat(out / state.PARTS / name).st_ino == inodes[name]
    assert sorted(os.listdir(out / state.PARTS)) == sorted(after.values())  # old part gone
    again = build(options(out, corpus))  # nothing to do: the entries come from the parts
    assert again.parsed == 0 and again.items == changed.items


def _as_single_file(out: Path) -> None:
    """The state as the layout before parts wrote it: one file, every record in it."""
    lines = (out / state.FILE).read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    rows = []
    for name in header.pop("parts"):
        rows += (out / state.PARTS / name[1]).read_text(encoding="utf-8").splitlines()[1:]
    header["version"] = 4
    text = "\n".join([json.dumps(header), json.dumps([[], json.loads(lines[1])]),
                      *sorted(rows)]) + "\n"
    for name in os.listdir(out / state.PARTS):
        (out / state.PARTS / name).unlink()
    (out / state.PARTS).rmdir()
    (out / state.FILE).write_text(text, encoding="utf-8")


def test_a_single_file_state_is_read_and_its_first_seen_dates_kept(tmp_path, corpus):
    out = tmp_path / "out"
    opts = options(out, corpus)
    build(opts)
    seen = {k: v.first_seen for k, v in state.load(out, fingerprint(opts)).items.items()}
    pages = snapshot(out)
    _as_single_file(out)
    for path in corpus.rglob("*.txt"):  # the files' dates now say 2001: only the state
        os.utime(path, ns=(978_307_200 * 10**9, 978_307_200 * 10**9))  # remembers
    again = build(opts)
    assert again.parsed == 0
    loaded = state.load(out, fingerprint(opts))
    assert {k: v.first_seen for k, v in loaded.items.items()} == seen
    assert loaded.parts and json.loads((out / state.FILE).read_text().splitlines()[0])[
        "version"] == state.VERSION
    assert snapshot(out) == pages


def test_a_build_killed_before_the_manifest_leaves_the_last_state(tmp_path, corpus,
                                                                  monkeypatch):
    out = tmp_path / "out"
    opts = options(out, corpus)
    first = build(opts)
    last = state.load(out, fingerprint(opts))
    edit(Path(first.items[0].source))
    real = os.replace

    def killed(src, dst):
        if Path(dst).name == state.FILE:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(state.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        build(opts)
    monkeypatch.setattr(state.os, "replace", real)
    loaded = state.load(out, fingerprint(opts))
    assert (loaded.items, loaded.captures) == (last.items, last.captures)
    assert len(os.listdir(out / state.PARTS)) > len(parts(out))  # the new parts, unnamed
    assert build(opts).parsed == 1
    assert sorted(os.listdir(out / state.PARTS)) == sorted(parts(out).values())
