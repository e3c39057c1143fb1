"""The committed sample output, out/, is exactly what a fresh build of seeds/ gives (the
CI check, also run with the tests)."""

import filecmp

from feeds.cli import main

from .conftest import ROOT, SEEDS

STATE = (".feeds-state.json", ".feeds-state.d", ".feeds-store", ".feeds.lock")


def _differences(a, b) -> list[str]:
    cmp = filecmp.dircmp(a, b, ignore=list(STATE))
    found = [f"{a}: only in one: {n}" for n in (*cmp.left_only, *cmp.right_only)]
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    found += [f"{a}/{n} differs" for n in (*mismatch, *errors)]
    for sub in cmp.common_dirs:
        found += _differences(a / sub, b / sub)
    return found


def test_out_is_a_fresh_build_of_the_seeds(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the repository's feeds.toml, as CI builds it
    assert main(["build", str(SEEDS), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert _differences(ROOT / "out", tmp_path / "out") == []
