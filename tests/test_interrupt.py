"""A build killed half-way leaves the previous output in place and valid."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from lxml import etree

from feeds.cli import main

from .conftest import ROOT
from .gen import write_captures

BASE = "https://news.example.org/feeds/"
STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
FEEDS = ("index.html", "index.opml", "gazette-of-testing/rss.xml",
         "gazette-of-testing/atom.xml", "gazette-of-testing/feed.json")


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def check_valid(root: Path) -> None:
    """Every document parses strictly, and every item a feed lists has its page."""
    for rel, data in files(root).items():
        if rel.endswith((".xml", ".opml")):
            doc = etree.fromstring(data, STRICT)
            for link in doc.iterfind("channel/item/link"):
                assert (root / link.text.removeprefix(BASE)).is_file(), link.text
        elif rel.endswith(".json"):
            for item in json.loads(data)["items"]:
                assert (root / item["url"].removeprefix(BASE)).is_file(), item["url"]
        elif rel.endswith(".html"):
            assert data.rstrip().endswith(b"</html>")


def test_killed_build_leaves_previous_output_intact(tmp_path):
    small, big, out = tmp_path / "small", tmp_path / "big", tmp_path / "out"
    write_captures(small, 60)
    write_captures(big, 2500)  # the same 60 stories and many newer ones
    assert main(["build", str(small), "-o", str(out), "--base-url", BASE]) == 0
    before = files(out)
    check_valid(out)

    proc = subprocess.Popen(
        [sys.executable, "-m", "feeds", "build", str(big), "-o", str(out), "--base-url", BASE],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # Kill it once it has started writing the new pages: the middle of the write phase.
    deadline = time.monotonic() + 60
    while len(list((out / "gazette-of-testing").glob("*.html"))) <= 61:
        assert time.monotonic() < deadline and proc.poll() is None, "build ended too soon"
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=10) == -signal.SIGKILL

    after = files(out)
    assert set(before) <= set(after)  # nothing the previous build wrote is gone
    for rel in FEEDS:  # feeds and indexes are written last: still the previous ones
        assert after[rel] == before[rel], rel
    check_valid(out)

    # The next build takes the lock (the kernel released it), clears the temp files the
    # killed build left, and completes.
    assert main(["build", str(big), "-o", str(out), "--base-url", BASE]) == 0
    assert not list(out.rglob(".tmp-*"))
    check_valid(out)
    assert len(json.loads((out / "gazette-of-testing" / "feed.json").read_text())["items"]) == 50
