"""The scan on Dask: same bytes as the local pool, and a plain error without Dask."""

import builtins
import time

import pytest

from benchmarks.corpus import generate
from feeds.cli import main

from .test_build import BASE, snapshot

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def corpus_and_local(tmp_path_factory):
    root = tmp_path_factory.mktemp("dask")
    corpus, local = root / "corpus", root / "local"
    generate(corpus, 60, 4, 1)
    assert main(["build", str(corpus), "--base-url", BASE, "-j", "2", "-o", str(local)]) == 0
    return corpus, local


def _same_tree(local, dask):
    expected = snapshot(local)
    assert len(expected) > 60
    assert snapshot(dask) == expected
    packs = sorted(p.name for p in (local / ".feeds-store").iterdir())
    assert packs == sorted(p.name for p in (dask / ".feeds-store").iterdir())


def test_dask_local_cluster_matches_local_pool(corpus_and_local, tmp_path):
    corpus, local = corpus_and_local
    dask = tmp_path / "dask"
    assert main(["build", str(corpus), "--base-url", BASE, "-j", "2", "-o", str(dask),
                 "--executor", "dask"]) == 0
    _same_tree(local, dask)


def test_dask_running_scheduler_matches_local_pool(corpus_and_local, tmp_path):
    from distributed import LocalCluster

    corpus, local = corpus_and_local
    dask = tmp_path / "dask"
    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        assert main(["build", str(corpus), "--base-url", BASE, "-o", str(dask),
                     "--executor", "dask", "--scheduler", cluster.scheduler_address]) == 0
    _same_tree(local, dask)


def test_scheduler_without_dask_executor_is_usage_error(tmp_path, capsys):
    assert main(["build", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--scheduler needs --executor dask" in capsys.readouterr().err


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


def _slow_square(i: int) -> int:
    time.sleep((12 - i) * 0.01)  # the later tasks finish first
    return i * i


def test_map_gives_task_order_and_takes_tasks_as_slots_free():
    from distributed import LocalCluster

    from feeds.build.dask_executor import BUFFER_PER_THREAD, DaskWorkers

    pulled = []

    def tasks():
        for i in range(12):
            pulled.append(i)
            yield i

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, \
            DaskWorkers(2, cluster.scheduler_address) as workers:
        results = workers.map(_slow_square, tasks())
        assert next(results) == 0
        assert len(pulled) <= 2 * BUFFER_PER_THREAD
        assert list(results) == [i * i for i in range(1, 12)]


def test_no_tasks_start_no_cluster():
    from feeds.build.dask_executor import DaskWorkers

    with DaskWorkers(2) as workers:
        assert list(workers.map(abs, iter([]), count=0)) == []
        assert workers._client is None


def test_bad_scheduler_address_is_one_line_error(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    generate(corpus, 2, 1, 1)
    code = main(["build", str(corpus), "-o", str(tmp_path / "out"), "--executor", "dask",
                 "--scheduler", "nonsense://x"])
    assert code == 2
    assert capsys.readouterr().err.startswith(
        "feeds: error: cannot reach the Dask scheduler at nonsense://x: ")
