"""The scan on Dask: same bytes as the local pool, and a plain error without Dask."""

import builtins

import pytest

from benchmarks.corpus import generate
from feeds.cli import main

from .test_build import BASE, snapshot

pytest.importorskip("distributed")


def test_dask_build_matches_local_build(tmp_path):
    corpus = tmp_path / "corpus"
    generate(corpus, 60, 4, 1)
    local, dask = tmp_path / "local", tmp_path / "dask"
    common = [str(corpus), "--base-url", BASE, "-j", "2"]
    assert main(["build", *common, "-o", str(local)]) == 0
    assert main(["build", *common, "-o", str(dask), "--executor", "dask"]) == 0
    expected = snapshot(local)
    assert len(expected) > 60
    assert snapshot(dask) == expected
    packs = sorted(p.name for p in (local / ".feeds-store").iterdir())
    assert packs == sorted(p.name for p in (dask / ".feeds-store").iterdir())


def test_dask_missing_is_one_line_error(tmp_path, monkeypatch, capsys):
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    code = main(["build", str(tmp_path), "-o", str(tmp_path / "out"), "--executor", "dask"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == "feeds: error: --executor dask needs Dask: pip install 'feeds[dask]'\n"
    assert not (tmp_path / "out").exists()
