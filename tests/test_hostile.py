"""Hostile and broken captures (issue #6): each gives its documented error or a safe item,
and the build as a whole only ever writes strict XML, inert HTML, inside its output."""

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from lxml import etree, html

from feeds.build import BuildOptions, build, load_story
from feeds.cli import main
from feeds.model import BuildResult

from .conftest import FIXTURES, SEEDS

HOSTILE = FIXTURES / "hostile"
EXPECT = tomllib.loads((HOSTILE / "expect.toml").read_text(encoding="utf-8"))
CASES = {**EXPECT["files"], **EXPECT["generated"]}
BASE = "https://news.example.org/feeds/"
# Strict: no recovery, no DTD, no entity expansion, no network.
STRICT = etree.XMLParser(
    recover=False, resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
)
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NS = {"atom": "http://www.w3.org/2005/Atom"}
SITE = 'The "Example" Gazette & <script>Co</script>'  # site line of script_quotes_ampersands


def generate(folder: Path) -> None:
    """Inputs too big to commit."""
    line = b"An ordinary line of captured article text, repeated to make a huge file.\n"
    with (folder / "huge_10mb.txt").open("wb") as handle:
        handle.write(line * (10 * 1024 * 1024 // len(line) + 1))


def files_under(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One build of every hostile capture together with the seeds."""
    root = tmp_path_factory.mktemp("hostile")
    inputs = root / "in"
    shutil.copytree(HOSTILE, inputs, ignore=shutil.ignore_patterns("*.toml", "*.py"))
    shutil.copytree(SEEDS, inputs / "seeds")
    generate(inputs)
    before = files_under(root)
    out = root / "out"
    result = build(BuildOptions(inputs=(str(inputs),), output=out, base_url=BASE))
    return root, inputs, out, result, before


def test_every_fixture_is_documented():
    on_disk = {p.name for p in HOSTILE.iterdir() if p.suffix == ".txt"}
    assert on_disk == set(EXPECT["files"])
    assert len(CASES) >= 15


@pytest.mark.parametrize("name", sorted(CASES))
def test_documented_outcome(run, name):
    _, inputs, _, result, _ = run
    expect = CASES[name]
    path = str(inputs / name)
    result: BuildResult
    problems = [p.reason for p in result.problems if p.path == path]
    warnings = [w.reason for w in result.warnings if w.path == path]
    stories = {i.id: load_story(result, i) for i in result.items}
    items = [i for i in result.items if any(c.source == path for c in stories[i.id].captures)]
    if "error" in expect:
        assert len(problems) == 1 and problems[0].startswith(expect["error"]), problems
        assert "\n" not in problems[0]
        assert not items
    else:
        assert expect["item"] is True
        assert not problems
        assert len(items) == 1
        item = items[0]
        article = stories[item.id].article
        if "headline" in expect:
            assert article.headline == expect["headline"]
        if "site_slug" in expect:
            assert item.site_slug == expect["site_slug"]
        assert item.slug.startswith(expect.get("slug_prefix", ""))
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", item.slug) and len(item.slug) <= 100
        text = "\n".join((article.dek or "", article.body_text, *article.related))
        for part in expect.get("text_contains", []):
            assert part in text
    wanted = expect.get("warnings", [])
    assert len(warnings) == len(wanted), warnings
    for got, prefix in zip(sorted(warnings), sorted(wanted), strict=True):
        assert got.startswith(prefix)


def test_seeds_still_build_alongside(run):
    _, _, out, result, _ = run
    assert any(i.site_slug == "london-daily" for i in result.items)
    assert (out / "london-daily" / "rss.xml").is_file()


def test_every_xml_file_parses_strictly_and_feeds_agree(run):
    _, _, out, result, _ = run
    xml_files = sorted(p for p in out.rglob("*") if p.suffix in (".xml", ".opml"))
    assert len(xml_files) == 2 * len({i.site_slug for i in result.items}) + 1
    for path in xml_files:
        doc = etree.parse(str(path), STRICT)
        assert doc.docinfo.doctype == "", path
    for folder in {p.parent for p in xml_files if p.name == "rss.xml"}:
        rss = etree.parse(str(folder / "rss.xml"), STRICT)
        atom = etree.parse(str(folder / "atom.xml"), STRICT)
        assert len(rss.findall("channel/item")) == len(atom.findall("atom:entry", NS))
        first_atom_title = atom.findtext("atom:entry/atom:title", None, NS)
        assert rss.findtext("channel/item/title") == first_atom_title


def test_text_is_escaped_everywhere_it_lands(run):
    _, _, out, result, _ = run
    for path in out.rglob("*"):
        # .feeds-state.json and .feeds-store/ are the incremental build's cache, not output
        # (feeds serve refuses dot files).
        if not path.is_file() or path.relative_to(out).parts[0].startswith(".feeds-"):
            continue
        text = path.read_bytes().decode("utf-8")  # strict: every output is valid UTF-8
        assert "<script" not in text.lower(), path
        assert not ILLEGAL_XML.search(text), path
        assert "root:x:0:0" not in text  # the external entity was never resolved
        if path.suffix == ".html":
            doc = html.fromstring(text)
            assert not doc.xpath("//script | //img | //*[@*[starts-with(name(), 'on')]]"), path
    folder = out / CASES["script_quotes_ampersands.txt"]["site_slug"]
    page = next(folder.glob("script-*.html"))
    doc = html.parse(str(page)).getroot()
    headline = CASES["script_quotes_ampersands.txt"]["headline"]
    assert doc.findtext(".//h1") == headline
    assert doc.findtext(".//title") == headline
    assert "By <img src=x onerror=alert(1)> Staff" in doc.text_content()
    rss = etree.parse(str(folder / "rss.xml"), STRICT)
    assert rss.findtext("channel/item/title") == headline
    assert rss.findtext("channel/title") == SITE
    content = rss.findtext("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded")
    assert "&lt;script&gt;document.cookie&lt;/script&gt;" in content  # escaped HTML
    entity = etree.parse(str(out / "entity-test-times" / "atom.xml"), STRICT)
    assert "&lol9;" in entity.findtext("atom:entry/atom:title", None, NS)


def test_opml_attributes_are_escaped(run):
    _, _, out, _, _ = run
    opml = etree.parse(str(out / "index.opml"), STRICT)
    titles = {o.get("title") for o in opml.findall("body/outline")}
    assert SITE in titles and "../../.." not in titles  # punctuation names no site
    front = html.parse(str(out / "index.html")).getroot()
    assert f"{SITE} (RSS)" in {e.get("title") for e in front.findall(".//link")}
    assert all(o.get("xmlUrl").startswith(BASE) for o in opml.findall("body/outline"))


def test_nothing_written_outside_the_output_folder(run):
    root, _, out, result, before = run
    after = files_under(root)
    outside = {p: v for p, v in after.items() if not Path(p).is_relative_to(out)}
    assert outside == before
    for written in result.written:
        assert Path(written).resolve().is_relative_to(out.resolve())
    for path in out.rglob("*"):
        assert len(path.name.encode()) <= 120
        assert not path.name.startswith(".tmp-")


def test_feeds_validate_accepts_the_output(run):
    from feeds import validate

    _, _, out, _, _ = run
    report = validate.validate_paths([out], base_url=BASE)
    assert report.errors == 0, report


def test_cli_lists_every_error_once_and_exits_1(tmp_path, capsys):
    inputs = tmp_path / "in"
    shutil.copytree(HOSTILE, inputs, ignore=shutil.ignore_patterns("*.toml", "*.py"))
    generate(inputs)
    code = main(["build", str(inputs), "-o", str(tmp_path / "out"), "--base-url", BASE])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    for name, expect in CASES.items():
        errors = [ln for ln in lines if ln.startswith(f"{inputs / name}: error: ")]
        warns = [ln for ln in lines if ln.startswith(f"{inputs / name}: warning: ")]
        assert len(errors) == ("error" in expect), name
        assert len(warns) == len(expect.get("warnings", [])), name
    skipped = sum("error" in e for e in CASES.values())
    warned = sum(len(e.get("warnings", [])) for e in CASES.values())
    assert f"{skipped} captures skipped; {warned} warnings" in captured.out
