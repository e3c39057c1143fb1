import shutil
import subprocess
import sys
import tomllib
from email.utils import parsedate_to_datetime
from pathlib import Path

from lxml import etree, html

from feeds.cli import main

from .conftest import FIXTURES, ROOT, SEEDS

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
BASE = "https://news.example.org/feeds/"


def run_build(out: Path, *inputs: str, extra=()) -> int:
    return main(["build", *(inputs or [str(SEEDS)]), "-o", str(out), "--base-url", BASE, *extra])


def tree(path: Path):
    return etree.parse(str(path))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every output file; the incremental-build state (out/.feeds-*) records paths and
    mtimes of inputs and outputs, so it is not part of what must be reproducible."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).parts[0].startswith(".feeds-")
    }


def test_seeds_become_one_item_in_each_feed(tmp_path):
    assert run_build(tmp_path) == 0
    rss = tree(tmp_path / "london-daily" / "rss.xml")
    atom = tree(tmp_path / "london-daily" / "atom.xml")
    assert len(rss.findall("channel/item")) == 1
    assert len(atom.findall("atom:entry", NS)) == 1


def test_rss_fields(tmp_path):
    run_build(tmp_path)
    ch = tree(tmp_path / "london-daily" / "rss.xml").find("channel")
    assert ch.findtext("title") == "London Daily"
    assert ch.findtext("link") == BASE + "london-daily/"  # the site page, not the feed
    assert ch.findtext("description") == "Focus on the big picture."
    assert ch.findtext("language") == "en"
    assert ch.findtext("generator") == "feeds"
    self_link = ch.find("atom:link[@rel='self']", NS)
    assert self_link.get("href") == BASE + "london-daily/rss.xml"
    assert self_link.get("type") == "application/rss+xml"
    parsedate_to_datetime(ch.findtext("lastBuildDate"))
    item = ch.find("item")
    assert item.findtext("title") == "NATO treads fine line on Ukraine membership"
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text.startswith("urn:uuid:")
    assert item.findtext("link").startswith(BASE + "london-daily/nato-treads-fine-line")
    assert item.findtext("description").startswith("Even some of Kyiv")
    assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
    body = html.fromstring(f"<div>{item.findtext('content:encoded', namespaces=NS)}</div>")
    assert len(body.findall("p")) >= 20
    assert [h.text for h in body.findall("h2")] == ["Assistance instead of membership"]
    assert len(body.findall("figure/figcaption")) == 1
    text = body.text_content()
    assert "Related Articles" not in text and "Newsletter" not in text and "0:00" not in text


def test_atom_fields_and_same_id_as_rss(tmp_path):
    run_build(tmp_path)
    feed = tree(tmp_path / "london-daily" / "atom.xml").getroot()
    assert feed.findtext("atom:title", namespaces=NS) == "London Daily"
    assert feed.find("atom:link[@rel='self']", NS).get("href") == BASE + "london-daily/atom.xml"
    assert feed.find("atom:link[@rel='alternate']", NS).get("href") == BASE + "london-daily/"
    assert feed.findtext("atom:author/atom:name", namespaces=NS) == "London Daily"
    entry = feed.find("atom:entry", NS)
    content = entry.find("atom:content", NS)
    assert content.get("type") == "html"
    assert "<h2>Assistance instead of membership</h2>" in content.text
    assert entry.findtext("atom:summary", namespaces=NS).startswith("Even some")
    rss_guid = tree(tmp_path / "london-daily" / "rss.xml").findtext("channel/item/guid")
    assert entry.findtext("atom:id", namespaces=NS) == rss_guid
    assert entry.findtext("atom:published", namespaces=NS)
    assert entry.findtext("atom:updated", namespaces=NS)


def test_item_page_exists_and_escapes(tmp_path):
    run_build(tmp_path)
    link = tree(tmp_path / "london-daily" / "rss.xml").findtext("channel/item/link")
    page = tmp_path / link.removeprefix(BASE)
    doc = html.parse(str(page)).getroot()
    assert doc.findtext(".//h1") == "NATO treads fine line on Ukraine membership"
    types = {e.get("type") for e in doc.findall(".//link[@rel='alternate']")}
    assert types == {"application/rss+xml", "application/atom+xml", "application/feed+json"}
    assert doc.find(".//link[@rel='outline']").get("href") == BASE + "index.opml"


def test_opml_subscribes_to_each_site_once(tmp_path):
    run_build(tmp_path)
    opml = tree(tmp_path / "index.opml").getroot()
    assert opml.get("version") == "2.0"
    parsedate_to_datetime(opml.findtext("head/dateCreated"))
    outlines = opml.findall("body/outline")
    assert [o.get("xmlUrl") for o in outlines] == [BASE + "london-daily/rss.xml"]
    for o in outlines:
        assert o.get("type") == "rss" and o.get("version") == "RSS2"
        assert o.get("text") == o.get("title") == "London Daily"
        assert o.get("htmlUrl") == BASE + "london-daily/"
        assert (tmp_path / o.get("xmlUrl").removeprefix(BASE)).is_file()
    # the other formats are announced on the site's page
    page = (tmp_path / "london-daily" / "index.html").read_text()
    for name in ("atom.xml", "feed.json"):
        assert f'href="{BASE}london-daily/{name}"' in page


def test_two_builds_are_byte_identical(tmp_path):
    run_build(tmp_path / "a")
    run_build(tmp_path / "b")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_input_order_and_location_do_not_change_output(tmp_path):
    moved = tmp_path / "in"
    moved.mkdir()
    for p in SEEDS.glob("*.txt"):  # renamed so the sort order flips
        shutil.copy(p, moved / ("z" + p.name if p.name.startswith("000") else "a" + p.name))
    run_build(tmp_path / "a")
    run_build(tmp_path / "b", str(moved))
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_source_date_epoch_sets_build_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run_build(tmp_path)
    ch = tree(tmp_path / "london-daily" / "rss.xml").find("channel")
    assert parsedate_to_datetime(ch.findtext("lastBuildDate")).timestamp() == 1700000000
    opml = tree(tmp_path / "index.opml")
    assert parsedate_to_datetime(opml.findtext("head/dateCreated")).timestamp() == 1700000000


def test_bad_files_are_reported_and_the_rest_is_built(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, inputs / p.name)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (inputs / "latin1.txt").write_bytes("Caf\xe9 headline here\n\nSome text.".encode("latin-1"))
    (inputs / "bad16.txt").write_bytes(b"\xff\xfe" + "Bad ".encode("utf-16-le") + b"\x00\xd8")
    code = run_build(tmp_path / "out", str(inputs))
    err = capsys.readouterr().err
    assert code == 1
    assert f"{inputs / 'empty.txt'}: error: empty" in err
    assert f"{inputs / 'binary.txt'}: error: binary" in err
    assert f"{inputs / 'bad16.txt'}: error: undecodable" in err
    # Legacy single-byte text is decoded, with a warning that does not fail the build.
    assert f"{inputs / 'latin1.txt'}: warning: encoding guessed as cp1252" in err
    assert "latin1.txt: error" not in err
    assert len(tree(tmp_path / "out" / "london-daily" / "rss.xml").findall("channel/item")) == 1


def test_extra_fixtures_build_one_feed_per_site(tmp_path):
    assert run_build(tmp_path, str(FIXTURES / "captures"), str(SEEDS)) == 0
    opml = tree(tmp_path / "index.opml")
    sites = {o.get("title") for o in opml.findall("body/outline")}
    # The reader-view captures have no site line, and their folder holds several sites'
    # captures under a generic name: they go to the feed that says so, not to "captures".
    assert "captures" not in sites and "London Daily" in sites
    assert "Captures without a site name" in sites
    named = {tomllib.loads(p.read_text()).get("site") for p in FIXTURES.glob("captures/*.toml")}
    assert len(sites) == len(named - {None}) + 2  # + no site name + London Daily


def test_glob_input_and_missing_input(tmp_path, capsys):
    assert run_build(tmp_path, str(SEEDS / "00*.txt")) == 0
    assert run_build(tmp_path / "x", str(tmp_path / "nope")) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_python_dash_m_entry_point(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "feeds", "build", str(SEEDS), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "1 items in 1 site feeds" in proc.stdout


def test_bad_config_is_a_usage_error(tmp_path, capsys):
    cfg = tmp_path / "feeds.toml"
    cfg.write_text("[build]\nbase_ur = 'x'\n")
    assert run_build(tmp_path / "o", extra=["--config", str(cfg)]) == 2
    assert "unknown setting [build].base_ur" in capsys.readouterr().err

