"""The benchmark script runs end to end and reports every figure (timings not checked)."""

import json
import subprocess
import sys

from .conftest import ROOT

FIGURES = ("floor", "naive", "full", "no_change", "one_changed", "jobs_1", "jobs_2")
RATIOS = ("full_captures_per_s", "parse_dates_merge_captures_per_s_per_core",
          "full_vs_floor", "full_vs_naive", "no_change_vs_full", "one_changed_vs_full",
          "parse_stage_jobs2_speedup", "full_jobs2_speedup")
STAGES = ("discover", "read (in workers)", "parse (in workers)", "scan", "merge",
          "dates (in workers)", "pages", "feeds", "index")


def test_benchmark_smoke(tmp_path):
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--captures", "150",
         "--work", str(tmp_path / "work"), "--json", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "no-change rebuild" in proc.stdout and "naive script" in proc.stdout
    figures = json.loads(out.read_text())
    for name in FIGURES:
        assert figures[name]["seconds"] > 0
    for name in RATIOS:
        assert figures["ratios"][name] > 0
    assert set(STAGES) <= set(figures["full"]["stages"])
    assert figures["full"]["rss_mb"] > 0 and figures["full"]["parsed"] == 150
    assert figures["no_change"]["parsed"] == 0 and figures["one_changed"]["parsed"] == 1
    assert "validate_seconds" in figures["full"]  # None when feeds.validate is absent
    if "dask_2" in figures:  # run when Dask is installed
        assert figures["dask_2"]["parsed"] == 150
        assert figures["ratios"]["dask2_captures_per_s"] > 0
        assert figures["dask_overhead"]["seconds_per_task"] > 0


def test_realpages_scorer_smoke(tmp_path):
    """The real-page scorer runs our three readers on a few corpus pages and prints one table."""
    corpus = ROOT.parent / "shared" / "corpus"
    if not (corpus / "truth.jsonl").exists():
        import pytest

        pytest.skip("the real-page corpus is not beside the repository")
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.realpages", "--limit", "6", "--json", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "feeds html" in proc.stdout and "feeds reader" in proc.stdout
    rows = {r["name"]: r for r in json.loads(out.read_text())}
    assert set(rows) == {"feeds html", "feeds text", "feeds reader"}
    for row in rows.values():
        assert 0 <= row["headline"] <= 1 and row["answered"].endswith("/6")


def test_html_extract_corpus_smoke(tmp_path):
    """The HTML reader benchmark scores our reader with the Zyte metric on corpus pages."""
    corpus = ROOT.parent / "shared" / "corpus"
    if not (corpus / "truth.jsonl").exists():
        import pytest

        pytest.skip("the real-page corpus is not beside the repository")
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.html_extract", "--corpus", str(corpus),
         "--limit", "40", "--readers", "ours", "--json", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(out.read_text())["ours"]
    assert figures["pages"] == 40 and figures["body_pages"] > 0
    assert 0 < figures["body_f1"] <= 1 and figures["cpu_ms_per_170kb"] > 0


def test_realpages_recognises_a_label_that_is_the_site_name():
    """A silver headline equal to the page's og:site_name or host name is set apart, from markup
    alone; an article headline that merely mentions the site is not."""
    from benchmarks.realpages import label_names_site

    row = {"url": "https://www.example-blog.de/2020/01/post/", "site": "Bloghaus"}
    assert label_names_site(row, "Bloghaus")
    assert label_names_site(row, "bloghaus ")
    assert label_names_site(row, "Example-Blog.de")
    assert label_names_site({"url": "http://seelenradio.de/x", "site": None}, "seelenradio")
    assert not label_names_site(row, "Bloghaus: ein Jahr Twitterfeed")
    assert not label_names_site({"url": "", "site": None}, "Anything")


def test_datespeed_times_and_compares(tmp_path):
    """The date-stage benchmark times real pages and synthetic captures, and a second dump
    of the same build compares equal to the first."""
    corpus = ROOT.parent / "shared" / "corpus"
    if not (corpus / "truth.jsonl").exists():
        import pytest

        pytest.skip("the real-page corpus is not beside the repository")
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    args = [sys.executable, "-m", "benchmarks.datespeed", "--corpus", str(corpus), "--limit",
            "4", "--synthetic", "6", "--rounds", "1"]
    proc = subprocess.run([*args, "--dump", str(first)], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    assert [line.split()[0] for line in proc.stdout.splitlines()] == ["html", "text",
                                                                     "synthetic"]
    assert len(first.read_text().splitlines()) == 4 + 4 + 6
    proc = subprocess.run([*args, "--dump", str(second), "--compare", str(first)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "14 captures, 0 differ" in proc.stdout


def test_realbuild_smoke(tmp_path):
    """The real-page build benchmark builds a folder of gzipped HTML pages and the
    trafilatura + feedgen reference on the same pages, and reports both."""
    import gzip

    import pytest

    pytest.importorskip("trafilatura")
    html = tmp_path / "corpus" / "html"
    html.mkdir(parents=True)
    body = "<p>" + " ".join(["The council voted on the new bridge on Tuesday."] * 8) + "</p>"
    for n, site in enumerate(("Gazette", "Gazette", "Courier")):
        page = (f"<html><head><title>Story {n} | {site}</title>"
                f'<meta property="og:site_name" content="{site}"></head><body><article>'
                f"<h1>Story {n}</h1>{body}{body}</article></body></html>")
        (html / f"{n:012x}.html.gz").write_bytes(gzip.compress(page.encode()))
    out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.realbuild", "--corpus", str(tmp_path / "corpus"),
         "--json", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "trafilatura + feedgen" in proc.stdout
    figures = json.loads(out.read_text())
    assert figures["pages"] == 3 and figures["build"]["parsed"] == 3
    assert figures["build"]["cpu_seconds"] > 0 and figures["reference"]["cpu_seconds"] > 0
    assert figures["ratios"]["build_vs_reference_by_cpu"] > 0


def test_textsame_dumps_html_pages_and_finds_a_changed_answer(tmp_path):
    """The identity check reads HTML pages as a build does; a dump compares equal to
    itself, and one changed field is reported."""
    import gzip

    html = tmp_path / "corpus" / "html"
    html.mkdir(parents=True)
    body = "<p>" + " ".join(["The council voted on the new bridge on Tuesday."] * 8) + "</p>"
    pages = {"a": f"<html><head><title>Bridge vote</title></head><body><article><h1>Bridge "
                  f"vote</h1>{body}</article></body></html>",
             "b": "<html><body><p>no article here</p></body></html>"}
    for name, page in pages.items():
        (html / f"{name}.html.gz").write_bytes(gzip.compress(page.encode()))
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    args = [sys.executable, "-m", "benchmarks.textsame", "--corpus", str(tmp_path / "corpus"),
            "--captures", "0", "--kinds", "html"]
    proc = subprocess.run([*args, "--out", str(first)], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in first.read_text().splitlines()]
    assert [r["name"] for r in rows] == ["html/a.html", "html/b.html"]
    assert rows[0]["article"]["headline"] == "Bridge vote"
    assert rows[0]["article"]["source"] == "a.html"  # not the temporary folder's path
    assert "error" in rows[1]["article"]
    changed = first.read_text().replace("Bridge vote", "Bridge poll")
    first.write_text(changed)
    proc = subprocess.run([*args, "--out", str(second), "--compare", str(first)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 1 and "2 captures, 1 differ" in proc.stdout, proc.stdout
