"""Benchmark a build: speed, memory and incremental rebuilds on a synthetic corpus.

    python benchmarks/run.py --captures 10000 [--sites 20] [--seed 1] [--work DIR]

When Dask is installed, the same corpus is also built with ``--executor dask`` on a
local cluster of two single-threaded workers (the scan on Dask, as ``--jobs 2`` runs it
on the pool), and the scheduler's cost per task is measured with no-op tasks.

Every measured build runs in its own process (so peak RSS is that build's) and is timed
around ``feeds.build.build`` (interpreter start-up and imports excluded). Two references
run on the same files: the floor (read every file, one regex over it) and the naive
script a user would write (first line as title, one feedgen entry per capture, one
feed). Prints a table, then the figures as JSON (also written to ``--json``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from benchmarks.figures import aligned, child, report  # noqa: E402 - needs the path above


def _rss_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest finished child, in MB."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


# -- measured in a child process ----------------------------------------------------------


def child_build(corpus: str, out: str, jobs: int, validate: bool,
                executor: str = "local") -> dict:
    from feeds.build import BuildOptions, build

    options = BuildOptions(inputs=(corpus,), output=Path(out), base_url="http://bench.example/",
                           jobs=jobs, executor=executor)
    t0 = time.perf_counter()
    result = build(options)
    seconds = time.perf_counter() - t0
    me, kids = _rss_mb()
    figures = {"seconds": seconds, "parsed": result.parsed, "items": len(result.items),
               "problems": len(result.problems), "stages": dict(result.timings),
               "rss_mb": me, "worker_rss_mb": kids}
    if validate:
        figures["validate_seconds"] = _validate(out)
    return figures


def _validate(out: str) -> float | None:
    try:
        from feeds.validate import validate_paths
    except ImportError:
        return None
    t0 = time.perf_counter()
    validate_paths([Path(out)], "http://bench.example/")
    return time.perf_counter() - t0


def child_dask_overhead(workers: int, tasks: int) -> dict:
    """A local cluster's start and stop, and the time per task of no-op tasks sent
    through the same ``map`` the scan uses (submit, run, result back, in order)."""
    from feeds.build.dask_executor import DaskWorkers

    t0 = time.perf_counter()
    pool = DaskWorkers(workers)
    pool.client()
    started = time.perf_counter()
    assert list(pool.map(abs, range(workers * 4))) == list(range(workers * 4))  # warm
    t1 = time.perf_counter()
    done = sum(1 for _ in pool.map(abs, range(tasks)))
    t2 = time.perf_counter()
    client = pool.client()  # for scale: every task submitted at once, no window
    client.gather(client.map(abs, range(tasks), pure=False))
    t3 = time.perf_counter()
    pool.close()
    return {"start_seconds": started - t0, "stop_seconds": time.perf_counter() - t3,
            "tasks": done, "seconds_per_task": (t2 - t1) / done,
            "seconds_per_task_unbounded": (t3 - t2) / tasks}


FLOOR_RE = re.compile(r"\nBy [^\n]+")  # the byline: one literal-led regex, as a grep would


def child_floor(corpus: str) -> dict:
    """Read every capture and run one regex over it: no build can be faster. Run twice:
    the second run, with the files in the page cache (as they are for the builds, which
    come after), is the floor the ratios use; the first is reported too."""
    runs = []
    for _ in range(2):
        t0 = time.perf_counter()
        hits = 0
        for path in sorted(Path(corpus).rglob("*.txt")):
            hits += len(FLOOR_RE.findall(path.read_text(encoding="utf-8")))
        runs.append(time.perf_counter() - t0)
    return {"seconds": runs[1], "first_run_seconds": runs[0], "hits": hits,
            "rss_mb": _rss_mb()[0]}


def child_naive(corpus: str, out: str) -> dict:
    """What a user would write: title = first line, paragraphs = the rest, one feed."""
    from datetime import UTC, datetime

    from feedgen.feed import FeedGenerator

    t0 = time.perf_counter()
    fg = FeedGenerator()
    fg.id("urn:naive")
    fg.title("All captures")
    fg.link(href="http://bench.example/", rel="alternate")
    fg.description("Everything")
    stamp = datetime(2024, 1, 1, tzinfo=UTC)
    for path in sorted(Path(corpus).rglob("*.txt")):
        lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        fe = fg.add_entry(order="append")
        fe.id(f"urn:naive:{path.name}")
        fe.title(lines[0])
        fe.link(href=f"http://bench.example/{path.name}")
        fe.published(stamp)
        fe.content("".join(f"<p>{x}</p>" for x in lines[1:]), type="CDATA")
    Path(out).mkdir(parents=True, exist_ok=True)
    fg.rss_file(str(Path(out) / "naive.xml"), pretty=True)
    return {"seconds": time.perf_counter() - t0, "rss_mb": _rss_mb()[0]}


# -- the driver ---------------------------------------------------------------------------


_child = partial(child, __file__)


def _corpus(work: Path, captures: int, sites: int, seed: int) -> tuple[Path, float]:
    from benchmarks.corpus import generate

    root = work / f"corpus-{captures}-{sites}-{seed}"
    done = root / ".complete"
    if not done.exists():
        shutil.rmtree(root, ignore_errors=True)
        generate(root, captures, sites, seed)
        done.write_text("ok\n")
    size = sum(p.stat().st_size for p in root.rglob("*.txt"))
    return root, size / 1e6


def _change_one(corpus: Path) -> tuple[Path, str]:
    """Add a paragraph to one capture, as a re-capture of an updated article would.
    Returns the file and its old text, to put back."""
    paths = sorted(corpus.rglob("*.txt"))
    path = paths[len(paths) // 2]
    text = path.read_text(encoding="utf-8")
    extra = "Officials confirmed further details of the plan late on Tuesday evening.\n\n"
    at = text.rfind("Related Articles")
    path.write_text(text[:at] + extra + text[at:] if at >= 0 else text + "\n\n" + extra,
                    encoding="utf-8")
    return path, text


def run(captures: int, sites: int, seed: int, work: Path, jobs: int) -> dict:
    corpus, mb = _corpus(work, captures, sites, seed)
    scratch = work / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    edited = corpus  # one capture is edited for the one-changed build, then put back
    out = scratch / "out"
    figures: dict = {"captures": captures, "sites": sites, "seed": seed, "corpus_mb": mb,
                     "cpus": os.cpu_count(), "jobs": jobs, "load_before": os.getloadavg()}
    figures["floor"] = _child("floor", str(edited))
    figures["naive"] = _child("naive", str(edited), str(scratch / "naive"))
    figures["full"] = _child("build", str(edited), str(out), str(jobs), "1")
    figures["no_change"] = _child("build", str(edited), str(out), str(jobs), "0")
    changed, text = _change_one(edited)
    try:
        figures["one_changed"] = _child("build", str(edited), str(out), str(jobs), "0")
    finally:
        changed.write_text(text, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)  # the page cache and disk hold one output
    for n in (1, 2):
        figures[f"jobs_{n}"] = _child("build", str(edited), str(scratch / f"out-j{n}"),
                                      str(n), "0")
        shutil.rmtree(scratch / f"out-j{n}", ignore_errors=True)
    if _has_dask():
        figures["dask_2"] = _child("build", str(edited), str(scratch / "out-dask"), "2", "0",
                                   "dask")
        shutil.rmtree(scratch / "out-dask", ignore_errors=True)
        tasks = min(2000, max(200, captures))  # a small corpus gets a quick estimate
        figures["dask_overhead"] = _child("dask_overhead", "2", str(tasks))
    figures["load_after"] = os.getloadavg()  # other work on the machine skews timings
    figures["ratios"] = _ratios(figures)
    shutil.rmtree(scratch, ignore_errors=True)
    return figures


def _ratios(f: dict) -> dict:
    full = f["full"]["seconds"]
    j1, j2 = f["jobs_1"]["stages"], f["jobs_2"]["stages"]
    core = j1["parse (in workers)"] + j1["merge"] + j1.get("dates (in workers)", 0.0)
    return {
        "full_captures_per_s": f["captures"] / full,
        "parse_dates_merge_captures_per_s_per_core": f["captures"] / core,
        "full_vs_floor": full / f["floor"]["seconds"],
        "full_vs_naive": full / f["naive"]["seconds"],
        "no_change_vs_full": f["no_change"]["seconds"] / full,
        "one_changed_vs_full": f["one_changed"]["seconds"] / full,
        "parse_stage_jobs2_speedup": j1["scan"] / j2["scan"],
        "full_jobs2_speedup": f["jobs_1"]["seconds"] / f["jobs_2"]["seconds"],
        "jobs2_captures_per_s": f["captures"] / f["jobs_2"]["seconds"],
        "jobs2_scan_captures_per_s": f["captures"] / j2["scan"],
        **(_dask_ratios(f) if "dask_2" in f else {}),
    }


def _dask_ratios(f: dict) -> dict:
    d, o = f["dask_2"], f["dask_overhead"]
    # the scan less the cluster's start and stop (paid once per build, not per capture),
    # as measured in another process: an estimate, left out when it comes out negative
    net = d["stages"]["scan"] - o["start_seconds"] - o["stop_seconds"]
    return {
        "dask2_captures_per_s": f["captures"] / d["seconds"],
        "dask2_scan_captures_per_s": f["captures"] / d["stages"]["scan"],
        "dask2_scan_net_captures_per_s": f["captures"] / net if net > 0 else None,
    }


def _has_dask() -> bool:
    import importlib.util

    return importlib.util.find_spec("distributed") is not None


def table(f: dict) -> str:
    r = f["ratios"]
    full = f["full"]
    rows = [
        ("captures", f"{f['captures']} ({f['corpus_mb']:.0f} MB, {f['sites']} sites); "
                     f"{f['cpus']} CPUs, load {f['load_before'][0]:.1f} -> "
                     f"{f['load_after'][0]:.1f}"),
        ("full build", f"{full['seconds']:.2f} s  ({r['full_captures_per_s']:.0f} captures/s, "
                       f"jobs={f['jobs']})"),
    ]
    for stage, seconds in full["stages"].items():
        rows.append((f"  {stage}", f"{seconds:.2f} s"))
    if full.get("validate_seconds") is not None:
        rows.append(("  validate (after)", f"{full['validate_seconds']:.2f} s"))
    rows += [
        ("peak RSS main / worker", f"{full['rss_mb']:.0f} MB / {full['worker_rss_mb']:.0f} MB"),
        ("no-change rebuild", f"{f['no_change']['seconds']:.3f} s  "
                              f"({r['no_change_vs_full']:.1%} of full, "
                              f"{f['no_change']['parsed']} parsed)"),
        ("one-changed rebuild", f"{f['one_changed']['seconds']:.3f} s  "
                                f"({r['one_changed_vs_full']:.1%} of full, "
                                f"{f['one_changed']['parsed']} parsed)"),
        ("--jobs 1 full / scan", f"{f['jobs_1']['seconds']:.2f} s / "
                                 f"{f['jobs_1']['stages']['scan']:.2f} s"),
        ("--jobs 2 full / scan", f"{f['jobs_2']['seconds']:.2f} s / "
                                 f"{f['jobs_2']['stages']['scan']:.2f} s"),
        ("--jobs 2 captures/s", f"{r['jobs2_captures_per_s']:.0f} full, "
                                f"{r['jobs2_scan_captures_per_s']:.0f} scan"),
    ]
    if "dask_2" in f:
        d, o = f["dask_2"], f["dask_overhead"]
        rows += [
            ("dask 2 workers full / scan", f"{d['seconds']:.2f} s / {d['stages']['scan']:.2f} s"),
            ("dask 2 workers captures/s", f"{r['dask2_captures_per_s']:.0f} full, "
                                          f"{r['dask2_scan_captures_per_s']:.0f} scan, "
                                          f"{r['dask2_scan_net_captures_per_s'] or 0:.0f} "
                                          "scan without cluster start/stop"),
            ("dask cluster start / stop", f"{o['start_seconds']:.2f} s / "
                                          f"{o['stop_seconds']:.2f} s"),
            ("dask overhead per task", f"{o['seconds_per_task'] * 1e3:.2f} ms "
                                       f"({o['tasks']} no-op tasks, 2 workers; "
                                       f"{o['seconds_per_task_unbounded'] * 1e3:.2f} ms "
                                       "all submitted at once)"),
        ]
    rows += [
        ("parse stage speed-up j2/j1", f"{r['parse_stage_jobs2_speedup']:.2f}x"),
        ("parse+dates+merge per core", f"{r['parse_dates_merge_captures_per_s_per_core']:.0f} "
                                       "captures/s (jobs 1)"),
        ("floor (read + 1 regex)", f"{f['floor']['seconds']:.2f} s (first run "
                                   f"{f['floor']['first_run_seconds']:.2f} s)  -> full is "
                                   f"{r['full_vs_floor']:.1f}x the floor"),
        ("naive script", f"{f['naive']['seconds']:.2f} s, {f['naive']['rss_mb']:.0f} MB  -> "
                         f"full is {r['full_vs_naive']:.2f}x the naive script"),
    ]
    return aligned(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        kind, *rest = argv[1:]
        if kind == "build":
            corpus, out, jobs, validate, *executor = rest
            result = child_build(corpus, out, int(jobs), validate == "1", *executor)
        elif kind == "dask_overhead":
            result = child_dask_overhead(int(rest[0]), int(rest[1]))
        elif kind == "floor":
            result = child_floor(*rest)
        else:
            result = child_naive(*rest)
        print(json.dumps(result))
        return 0
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--captures", type=int, default=10_000)
    p.add_argument("--sites", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="jobs for the full and incremental builds (default: CPUs)")
    p.add_argument("--work", type=Path, help="folder for the corpus and outputs "
                   "(default: a temp folder; the corpus is reused when it exists)")
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args(argv)
    work = args.work or Path(tempfile.gettempdir()) / "feeds-bench"
    figures = run(args.captures, args.sites, args.seed, work, args.jobs)
    report(figures, table(figures), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
