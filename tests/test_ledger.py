"""The publication record: ids kept through edits, dates that only narrow, append-only
archive pages, and a store that does not grow without bound."""

from datetime import UTC, datetime, timedelta

import pytest

from feeds.build.incremental import store
from feeds.model import Article, Block, BlockKind, DateEstimate, Precision
from feeds.publish.ledger import (
    Published,
    Site,
    better,
    first_seen,
    keep_apart,
    keep_date,
    keep_ids,
    place,
    sequence,
)

T0 = datetime(2024, 5, 1, tzinfo=UTC)


def published(sid: str, *paths: str) -> Published:
    return Published(sid, 1, "site", sid, 0, T0, None, None, "", paths)


def estimate(lo: datetime, hi: datetime, precision: Precision, value=None) -> DateEstimate:
    return DateEstimate(value or lo, lo, hi, precision, 0.5)


def test_an_edited_capture_keeps_its_items_id():
    prior = {"urn:a": published("urn:a", "x.txt"), "urn:b": published("urn:b", "y.txt")}
    # x.txt's headline was corrected: its story computes a new id, but keeps urn:a.
    assert keep_ids([("urn:new", ["x.txt"]), ("urn:b", ["y.txt"])], prior) == [
        "urn:a", "urn:b"]


def test_an_id_another_story_computes_is_not_taken():
    prior = {"urn:a": published("urn:a", "x.txt", "z.txt")}
    # z.txt still says what it said (urn:a); the edited x.txt split off: a new item.
    assert keep_ids([("urn:a", ["z.txt"]), ("urn:new", ["x.txt"])], prior) == [
        "urn:a", "urn:new"]
    # Two edited stories holding captures of one item: one keeps it, whatever the order.
    two = [("urn:n1", ["x.txt"]), ("urn:n2", ["z.txt"])]
    assert keep_ids(two, prior) == ["urn:a", "urn:n2"]
    assert keep_ids(list(reversed(two)), prior) == ["urn:n2", "urn:a"]


def test_new_stories_keep_their_own_ids():
    assert keep_ids([("urn:x", ["new.txt"])], {}) == ["urn:x"]


def test_a_date_moves_only_when_strictly_better():
    wide = estimate(T0, T0 + timedelta(days=400), Precision.UNKNOWN)
    narrow = estimate(T0, T0 + timedelta(days=100), Precision.UNKNOWN, T0 + timedelta(days=50))
    day = estimate(T0 + timedelta(days=3), T0 + timedelta(days=3, hours=23), Precision.DAY)
    other = estimate(T0 + timedelta(days=200), T0 + timedelta(days=600), Precision.UNKNOWN)
    assert better(wide, narrow) and better(narrow, day) and better(wide, day)
    assert not better(narrow, wide) and not better(day, narrow) and not better(day, day)
    assert not better(wide, other)  # as wide, elsewhere: not better, however it differs
    assert keep_date(wide, other) is wide
    assert keep_date(wide, narrow).value == narrow.value
    assert keep_date(None, other).value == other.value


def test_published_dates_are_whole_seconds_without_evidence():
    value = T0 + timedelta(microseconds=577000)
    d = keep_date(None, DateEstimate(value, T0, T0, Precision.DAY, 0.9))
    assert d.value == T0 and d.evidence == ()


def test_first_seen_is_the_files_time_never_after_now_nor_before_1990():
    now = datetime(2025, 1, 1, 12, tzinfo=UTC)
    saved = datetime(2024, 7, 1, 8, 30, 15, 250000, tzinfo=UTC)
    ns = int(saved.timestamp() * 1e9)
    assert first_seen([ns, ns + 10**12], now) == saved.replace(microsecond=0)
    assert first_seen([int((now + timedelta(days=9)).timestamp() * 1e9)], now) == now
    assert first_seen([1], now) == now and first_seen([], now) == now


def test_items_published_together_are_numbered_oldest_first():
    seqs = sequence([("b", T0), ("a", T0), ("c", T0 - timedelta(days=1))], 10)
    assert sorted(seqs, key=lambda s: -seqs[s]) == ["a", "b", "c"]
    assert set(seqs.values()) == {10, 11, 12}


def test_the_window_overflows_onto_the_open_page_which_closes_when_full():
    site = Site("s", "S")
    window = [(f"i{n}", n) for n in range(12)]  # i11 published last
    site, moved = place(site, window, keep=5, page_size=4)
    assert moved == {"i0": 1, "i1": 1, "i2": 1, "i3": 1, "i4": 2, "i5": 2, "i6": 2}
    assert (site.open_page, site.open_count) == (2, 3)
    site, moved = place(site, [(f"i{n}", n) for n in range(7, 14)], keep=5, page_size=4)
    assert moved == {"i7": 2, "i8": 3}  # page 2 fills with i7 and page 3 opens
    assert (site.open_page, site.open_count) == (3, 1)
    with pytest.raises(ValueError):
        place(site, window, keep=0, page_size=4)


def article(n: int) -> Article:
    return Article(f"c{n}.txt", f"Headline {n}",
                   blocks=(Block(BlockKind.PARAGRAPH, f"Paragraph {n} " * 40),))


def test_store_compacts_when_mostly_dead_and_keeps_what_lives(tmp_path):
    refs = [r for n in range(6) for r in store.write_pack(tmp_path, [article(n), article(n + 10)])]
    assert len(list(tmp_path.iterdir())) == 6
    assert store.compact(tmp_path, refs) == {}  # all live: nothing to do
    live = refs[::4]  # a quarter live
    moved = store.compact(tmp_path, live)
    assert set(moved) == set(live)
    store.collect(tmp_path, {r[0] for r in moved.values()})
    assert len(list(tmp_path.iterdir())) == 1
    assert [store.read(tmp_path, moved[r]) for r in live] == [article(n) for n in (0, 2, 4)]


def test_store_compacts_many_small_packs(tmp_path):
    refs = [store.write_pack(tmp_path, [article(n)])[0] for n in range(store.SPARE_PACKS + 3)]
    moved = store.compact(tmp_path, refs)
    assert len({r[0] for r in moved.values()}) == 1


def test_a_capture_bridging_two_published_items_does_not_merge_them():
    prior = {"urn:a": published("urn:a", "a.txt"), "urn:b": published("urn:b", "b.txt")}
    paths = ["a.txt", "b.txt", "c.txt"]
    ranks = [(1,), (2,), (3,)]
    stories = [("urn:ab", 2, (0, 1, 2))]  # c.txt made one story of both
    assert keep_apart(stories, paths, ranks, prior) == [
        ("urn:a", 0, (0,)), ("urn:b", 2, (1, 2))]  # c.txt joins the best published one
    assert keep_apart([("urn:a", 0, (0, 2))], paths, ranks, prior) == [("urn:a", 0, (0, 2))]
    # Another story computes urn:b: the bridged story stays whole.
    assert keep_apart(stories + [("urn:b", 1, (1,))], paths, ranks, prior)[0] == stories[0]
