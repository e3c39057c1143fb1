from dataclasses import replace

from feeds.merge import group_stories
from feeds.model import Article, Block, BlockKind
from feeds.parse.textreader import parse_text


def art(source, headline, paras, site="Example Times"):
    blocks = tuple(Block(BlockKind.PARAGRAPH, p) for p in paras)
    return Article(source=source, headline=headline, site=site, blocks=blocks)


BODY = [
    f"Paragraph {i} says something specific about the harbour project and its cost."
    for i in range(8)
]


def test_two_seed_captures_become_one_story(seed_paths):
    articles = [parse_text(p.read_text(), str(p)) for p in seed_paths]
    stories = group_stories(articles)
    assert len(stories) == 1
    assert len(stories[0].captures) == 2
    assert stories[0].id.startswith("urn:uuid:")


def test_id_is_stable_across_runs_and_input_order(seed_paths):
    articles = [parse_text(p.read_text(), str(p)) for p in seed_paths]
    assert group_stories(articles)[0].id == group_stories(list(reversed(articles)))[0].id


def test_most_complete_capture_wins_and_missing_fields_are_filled():
    short = replace(art("a.txt", "Harbour plan approved", BODY[:4]), dek="The dek.")
    full = art("b.txt", "Harbour plan approved", BODY)
    [story] = group_stories([short, full])
    assert story.article.source == "b.txt"
    assert len(story.article.blocks) == 8
    assert story.article.dek == "The dek."


def test_same_headline_different_body_are_two_stories_with_distinct_ids():
    a = art("a.txt", "Weather warning", ["Snow is expected across the hills on Friday night."] * 3)
    b = art(
        "b.txt", "Weather warning", ["Flooding closed two bridges in the valley overnight."] * 3
    )
    stories = group_stories([a, b])
    assert len(stories) == 2
    assert len({s.id for s in stories}) == 2


def test_identical_text_from_two_sites_are_two_stories():
    stories = group_stories(
        [art("a", "Same words", BODY, "Site A"), art("b", "Same words", BODY, "Site B")]
    )
    assert len({s.id for s in stories}) == 2


def test_edited_headline_same_opening_paragraph_merges():
    a = art("a.txt", "Harbour plan approved", BODY)
    b = art("b.txt", "Harbour plan approved after long row", BODY[:6])
    assert len(group_stories([a, b])) == 1


def test_shingles_are_every_run_of_four_words():
    """The shingles are built from shifted word lists; they are the runs a slice per word
    gives, and a body shorter than a shingle is one shingle of all its words."""
    import random

    from feeds.merge import SHINGLE, shingles
    from feeds.textclean import normalise

    rng = random.Random(4)
    for n in range(12):
        words = [rng.choice(("Harbour", "cost", "é", "the", "2020", "a")) for _ in range(n)]
        article = art("x", "h", [" ".join(words)] if words else [])
        norm = normalise(article.body_text).split()
        want = frozenset(" ".join(norm[i:i + SHINGLE]) for i in range(len(norm) - SHINGLE + 1))
        if len(norm) < SHINGLE:
            want = frozenset([" ".join(norm)]) if norm else frozenset()
        assert shingles(article) == want, words


def test_story_ranks_each_capture_once_with_the_same_choice():
    """Ranks are worked out once per capture; the chosen body and the fields filled in
    from the others are those of ranking on every use."""
    import random

    from feeds.merge import _completeness, story

    def reference(sid, captures):
        best = max(captures, key=_completeness)
        filled = best
        for other in sorted(captures, key=_completeness, reverse=True):
            for name in ("dek", "byline", "dateline", "tagline", "url", "language"):
                if getattr(filled, name) is None and getattr(other, name) is not None:
                    filled = replace(filled, **{name: getattr(other, name)})
        return filled, tuple(sorted(captures, key=lambda a: a.source))

    rng = random.Random(2)
    for _ in range(300):
        captures = [
            replace(art(f"s{rng.randint(0, 9)}", "h", rng.choice((BODY[:2], BODY[:3], BODY[:2]))),
                    dek=rng.choice((None, "a dek", "other dek")),
                    byline=rng.choice((None, "By A")), url=rng.choice((None, "https://x/1")))
            for _ in range(rng.randint(1, 4))]
        got = story("id", captures)
        assert (got.article, got.captures) == reference("id", captures)
