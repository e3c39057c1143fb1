import os
from pathlib import Path

import pytest

from feeds.publish.outdir import UnsafePathError, checked, write_inside, write_many_inside
from feeds.slug import MAX_LEN, slugify, unique


@pytest.mark.parametrize(
    "relative", ["../escape.html", "a/../../escape.html", "/etc/passwd", "a/..", "."]
)
def test_paths_outside_the_output_folder_are_refused(tmp_path, relative):
    out = tmp_path / "out"
    with pytest.raises(UnsafePathError):
        write_inside(out, out / relative, b"x")
    assert not (tmp_path / "escape.html").exists()


def test_a_symlinked_folder_pointing_outside_is_refused(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "site")
    with pytest.raises(UnsafePathError):
        write_inside(out, out / "site" / "rss.xml", b"x")
    assert list(elsewhere.iterdir()) == []


def test_paths_inside_are_written(tmp_path):
    out = tmp_path / "out"
    assert write_inside(out, out / "site" / "rss.xml", b"x")
    assert (out / "site" / "rss.xml").read_bytes() == b"x"
    assert checked(Path("out"), Path("out/a/b.html")) == Path("out/a/b.html")


@pytest.mark.parametrize(
    "text",
    ["../../etc/passwd", "..", "/", "C:\\Windows\\win.ini", "🔥🔥", "", "\x00", "a" * 2000,
     "CON", "index", "nul", "com1", " . ", "-" * 50],
)
def test_slugs_are_plain_bounded_names(text):
    slug = slugify(text, "article")
    assert slug and len(slug) <= MAX_LEN + len("-article")
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and ".." not in slug
    assert slug not in {"con", "nul", "com1", "index", "rss", "atom"}


def test_unique_slugs_never_collide():
    taken: set[str] = set()
    names = [unique("same", taken, f"{i:08x}abcdef") for i in range(5)]
    assert len(set(names)) == 5


def test_a_symlinked_folder_deeper_down_pointing_outside_is_refused(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    (out / "site").mkdir(parents=True)
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "site" / "archive")
    with pytest.raises(UnsafePathError):
        write_many_inside(out, [(out / "site" / "ok.xml", b"x"),
                                (out / "site" / "archive" / "1.xml", b"x")])
    assert list(elsewhere.iterdir()) == []


def test_a_symlinked_folder_pointing_inside_and_a_linked_output_folder_are_accepted(tmp_path):
    real, out = tmp_path / "real", tmp_path / "out"
    (real / "site").mkdir(parents=True)
    os.symlink(real, out)  # the output folder itself reached through a link
    os.symlink(real / "site", real / "alias")
    write_many_inside(out, [(out / "site" / "a.xml", b"a"), (out / "alias" / "b.xml", b"b"),
                            (out / "new" / "deeper" / "c.xml", b"c")])
    assert (real / "site" / "b.xml").read_bytes() == b"b"
    assert (real / "new" / "deeper" / "c.xml").read_bytes() == b"c"
