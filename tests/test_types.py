"""mypy finds no type error in feeds/, with the settings in pyproject.toml ([tool.mypy]).

Run through mypy's API, so the check is part of the test command CI runs. The cache sits
in .mypy_cache at the repository root: a run after the first re-reads changed modules
only.
"""

from mypy import api

from .conftest import ROOT


def test_mypy_finds_no_errors():
    report, errors, status = api.run([
        "--config-file", str(ROOT / "pyproject.toml"),
        "--cache-dir", str(ROOT / ".mypy_cache"),
        "--no-color-output", "--no-error-summary",
        str(ROOT / "feeds"),
    ])
    assert status == 0, report + errors
