import subprocess
import sys

import pytest

from .conftest import ROOT

pytest.importorskip("ruff", reason="ruff is installed by the [test] extra")


def test_ruff_clean():
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "feeds", "tests", "benchmarks"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
