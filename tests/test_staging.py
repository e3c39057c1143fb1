from lxml import etree

from feeds import publish
from feeds.cli import main

from .conftest import SEEDS


def snapshot(root):
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_build_validate_publishes_valid_output(tmp_path):
    assert main(["build", str(SEEDS), "-o", str(tmp_path / "out"), "--validate"]) == 0
    etree.parse(str(tmp_path / "out" / "london-daily" / "atom.xml"))
    assert not list(tmp_path.glob(".feeds-staging-*"))


def test_invalid_build_leaves_previous_output_in_place(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "-o", str(out)]) == 0
    before = snapshot(out)

    real = publish.rss_bytes

    def broken(channel, items, *rest):  # a guid that is not a URL, claimed as a permalink
        return real(channel, items, *rest).replace(b'isPermaLink="false"', b'isPermaLink="true"')

    monkeypatch.setattr(publish, "rss_bytes", broken)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # the new build would differ
    assert main(["build", str(SEEDS), "-o", str(out), "--validate"]) == 1
    err = capsys.readouterr().err
    assert "rss-guid-permalink" in err
    assert f"{out}/london-daily/rss.xml" in err
    assert "left unchanged" in err
    assert snapshot(out) == before
    assert not list(tmp_path.glob(".feeds-staging-*"))


def test_validated_build_hands_over_its_items_and_state(tmp_path):
    """The items' stories are read from the article store, which moves from the staging
    folder into the published one; the next build finds everything already parsed."""
    from feeds.build import BuildOptions, build, load_story
    from feeds.build.staging import build_validated

    out = tmp_path / "out"
    options = BuildOptions(inputs=(str(SEEDS),), output=out, base_url="http://127.0.0.1:8000/")
    result, _, published = build_validated(options)
    assert published and not list(tmp_path.glob(".feeds-staging-*"))
    assert all(load_story(result, i).article.body_text for i in result.items)  # staging gone
    before = snapshot(out)
    again = build(options)
    assert again.parsed == 0
    assert {k: v for k, v in snapshot(out).items() if not k.startswith(".feeds")} == {
        k: v for k, v in before.items() if not k.startswith(".feeds")}
