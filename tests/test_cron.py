"""Thirty days of a cron job: one output folder rebuilt every day while captures arrive
(some of old articles, some undated), are captured again, corrected, deleted and pruned.
After each day, what a subscriber relies on must hold; a feed reader (feedparser) that
polls the feed every day must see every article exactly once and lose none, and so must
newsboat where it is installed."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from feeds.build import BuildOptions, build, fingerprint, load_story
from feeds.build.incremental import state, store
from feeds.publish import archive

BASE = "https://news.example.org/feeds/"
ATOM = "{http://www.w3.org/2005/Atom}"
START = date(2025, 3, 1)
DAYS = 30
SITES = {"Gazette of Testing": 6, "Harbour Courier": 2, "Valley Post": 1}  # new a day
TOPICS = ("harbour", "railway", "library", "market", "bridge", "council", "school", "river")


def capture(site: str, n: int, published: date | None, banner: date | None = None,
            headline: str | None = None, extra: str = "") -> str:
    """A text capture: site line, tagline (and banner), headline twice, dek, dateline
    (when ``published``), then paragraphs unique to article ``n``."""
    topic = TOPICS[n % len(TOPICS)]
    headline = headline or f"Story {n} on the {topic} plan"
    top = "News for our readers." + (f"\n{banner:%A, %b %d, %Y}" if banner else "")
    dateline = f"Published {published.day} {published:%B %Y}\n\n" if published else ""
    body = "\n\n".join(f"Report {n}.{k} says the {topic} plan moved forward in week {k} "
                       f"of review {n * 7 + k}." for k in range(1, 5))
    return (f"{site}\n\n{top}\n\n{headline}\n\n{headline}\n\nA standfirst for story {n} "
            f"about the {topic}.\n\n{dateline}{body}{extra}\n")


@dataclass
class Article:
    """One article as the test made it: its captures and what was first published."""

    n: int
    site: str
    published: date | None
    files: list[Path] = field(default_factory=list)
    headline: str | None = None
    pruned: bool = False
    id: str = ""
    link: str = ""
    site_slug: str = ""


class World:
    def __init__(self, root: Path) -> None:
        self.inputs, self.out = root / "in", root / "out"
        self.articles: list[Article] = []
        self.day = START

    def write(self, path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        stamp = datetime.combine(self.day, datetime.min.time(), UTC).timestamp() + 3600
        os.utime(path, (stamp, stamp))  # saved on the simulated day

    def add(self, site: str, published: date | None) -> Article:
        a = Article(len(self.articles), site, published)
        path = self.inputs / f"{self.day:%m%d}" / f"{a.n:04d}.txt"
        self.write(path, capture(site, a.n, published))
        a.files.append(path)
        self.articles.append(a)
        return a

    def recapture(self, a: Article) -> None:
        path = self.inputs / f"{self.day:%m%d}" / f"{a.n:04d}-again.txt"
        self.write(path, capture(a.site, a.n, a.published, banner=self.day,
                                 headline=a.headline))
        a.files.append(path)

    def correct_headline(self, a: Article) -> None:
        a.headline = f"Story {a.n} on the {TOPICS[a.n % len(TOPICS)]} plan (updated)"
        for path in a.files:
            self.write(path, capture(a.site, a.n, a.published, headline=a.headline))

    def correct_body(self, a: Article) -> None:
        self.write(a.files[0], capture(a.site, a.n, a.published, headline=a.headline,
                                       extra="\n\nThis article was corrected."))

    def live(self) -> list[Article]:
        return [a for a in self.articles if not a.pruned]


def docs(out: Path, slug: str) -> list[Path]:
    """The site's RSS documents: the feed, then its archive pages by number."""
    pages = sorted((out / slug / "archive" / "rss").glob("*.xml"), key=lambda p: int(p.stem))
    return [out / slug / "rss.xml", *pages]


def rss_entries(path: Path) -> list[tuple[str, datetime]]:
    items = etree.parse(str(path)).getroot().iterfind("channel/item")
    return [(i.findtext("guid"), _rfc822(i.findtext("pubDate"))) for i in items]


def atom_entries(path: Path) -> list[tuple[str, datetime]]:
    entries = etree.parse(str(path)).getroot().iterfind(f"{ATOM}entry")
    return [(e.findtext(f"{ATOM}id"), datetime.fromisoformat(e.findtext(f"{ATOM}published")))
            for e in entries]


def _rfc822(text: str) -> datetime:
    from email.utils import parsedate_to_datetime

    return parsedate_to_datetime(text)


def check_formats(out: Path, slug: str) -> None:
    """RSS, Atom and JSON Feed list the same ids and instants, in the same order."""
    rss = rss_entries(out / slug / "rss.xml")
    assert rss == atom_entries(out / slug / "atom.xml")
    feed = json.loads((out / slug / "feed.json").read_text(encoding="utf-8"))
    assert rss == [(i["id"], datetime.fromisoformat(i["date_published"])) for i in feed["items"]]
    atom_updated = [e.findtext(f"{ATOM}updated") for e in
                    etree.parse(str(out / slug / "atom.xml")).getroot().iterfind(f"{ATOM}entry")]
    assert [datetime.fromisoformat(u) for u in atom_updated] == [
        datetime.fromisoformat(i["date_modified"]) for i in feed["items"]]
    for page in (out / slug / "archive" / "rss").glob("*.xml"):
        assert rss_entries(page) == atom_entries(out / slug / "archive" / "atom" / page.name)


def store_bound(out: Path, options: BuildOptions) -> None:
    """The article store holds no more dead bytes than live ones (after a build's own
    pack), in a bounded number of packs; the state is a few hundred bytes per record."""
    loaded = state.load(out, fingerprint(options))
    assert loaded.captures
    refs = [c.ref for c in loaded.captures.values() if c.ref]
    live = sum(r[2] + 1 for r in refs)
    packs = list((out / state.STORE).iterdir())
    assert len(packs) <= store.SPARE_PACKS + 1 + live // store.PACK_BYTES
    assert sum(p.stat().st_size for p in packs) <= 2 * live + 64_000
    records = len(loaded.captures) + len(loaded.items) + len(loaded.outputs)
    size = (out / state.FILE).stat().st_size + sum(
        p.stat().st_size for p in (out / state.PARTS).iterdir())
    assert size <= 1_000 * records


class Newsboat:
    """A real subscriber, where newsboat is installed: it reloads every feed each day
    into its cache, as a reader left running would."""

    def __init__(self, home: Path) -> None:
        self.home = home
        home.mkdir()
        (home / "config").write_text("", encoding="utf-8")

    def reload(self, feeds: list[Path]) -> None:
        (self.home / "urls").write_text("".join(f"{f.as_uri()}\n" for f in feeds),
                                        encoding="utf-8")
        subprocess.run(["newsboat", "-u", str(self.home / "urls"), "-c",
                        str(self.home / "cache.db"), "-C", str(self.home / "config"),
                        "-x", "reload"], check=True, capture_output=True, timeout=120,
                       env={**os.environ, "HOME": str(self.home)})

    def guids(self) -> list[str]:
        with sqlite3.connect(self.home / "cache.db") as db:
            return [g for (g,) in db.execute("SELECT guid FROM rss_item WHERE deleted = 0")]

    def unread(self) -> set[str]:
        with sqlite3.connect(self.home / "cache.db") as db:
            return {g for (g,) in db.execute("SELECT guid FROM rss_item WHERE unread = 1")}

    def read_all(self) -> None:
        with sqlite3.connect(self.home / "cache.db") as db:
            db.execute("UPDATE rss_item SET unread = 0")


def test_thirty_days_of_a_cron_job(tmp_path):
    world = World(tmp_path)
    newsboat = Newsboat(tmp_path / "newsboat") if shutil.which("newsboat") else None
    reader: dict[str, str] = {}  # what a subscriber polling rss.xml has seen: id -> title
    full: dict[Path, bytes] = {}  # archive pages as they were when they filled
    frozen = 0  # times a full page was found as it was
    for day in range(DAYS):
        world.day = START + timedelta(days=day)
        today: list[Article] = []
        changed: set[int] = set()  # articles edited or captured again today
        for site, count in SITES.items():
            today += [world.add(site, world.day) for _ in range(count)]
        old = world.live()[: max(1, len(world.live()) - 20)]
        if day % 3 == 1:
            world.recapture(old[-1])
            changed.add(old[-1].n)
        if day % 4 == 2:
            world.correct_headline(old[day % len(old)])
            changed.add(old[day % len(old)].n)
        if day % 5 == 3:
            world.correct_body(old[-2])
            changed.add(old[-2].n)
        if day % 7 == 5:  # an old article captured late: still new to subscribers
            today.append(world.add("Harbour Courier", world.day - timedelta(days=200)))
        if day in (8, 17):  # nothing dates it: dated by the day its capture was saved
            today.append(world.add("Valley Post", None))
        if day % 6 == 4:  # a capture deleted without --prune: its item stays
            gone = old[day % len(old)]
            for path in gone.files:
                path.unlink(missing_ok=True)
        if day == 12:  # touched files change nothing
            for path in sorted(world.inputs.rglob("*.txt"))[:20]:
                os.utime(path)
        prune = day in (20, 27)
        if prune:
            for a in world.live()[3 + day : 5 + day]:  # two items on a full archive page
                for path in a.files:
                    path.unlink(missing_ok=True)
                a.pruned = True
                changed.add(a.n)
            for a in world.live():  # deleted earlier without --prune: pruned now
                if not any(p.exists() for p in a.files):
                    a.pruned = True

        options = BuildOptions(inputs=(str(world.inputs),), output=world.out, base_url=BASE,
                               jobs=1, prune=prune)
        result = build(options)
        assert not result.problems, result.problems

        # Every article that is not pruned is one item, under the id, URL and feed it was
        # first published with.
        of_path = {c.source: i for i in result.items for c in load_story(result, i).captures}
        ids = set()
        for a in world.live():
            item = of_path[str(next(p for p in a.files if str(p) in of_path))]
            ids.add(item.id)
            if not a.id:
                a.id, a.link, a.site_slug = item.id, item.link, item.site_slug
            assert (item.id, item.link, item.site_slug) == (a.id, a.link, a.site_slug), a
            assert (world.out / item.site_slug / f"{item.slug}.html").is_file()
        assert ids == {i.id for i in result.items}
        assert len(ids) == len(world.live())  # one item per article

        for slug in {a.site_slug for a in world.live()}:
            chain = docs(world.out, slug)
            window = [i for i, _ in rss_entries(chain[0])]
            for a in today:  # new items are in the feed window, however old
                if a.site_slug == slug:
                    assert a.id in window
            listed = [i for doc in chain for i, _ in rss_entries(doc)]
            assert sorted(listed) == sorted(a.id for a in world.live() if a.site_slug == slug)
            check_formats(world.out, slug)
            edited = {a.id for a in world.articles if a.n in changed}
            for page in chain[1:]:
                entries = [i for i, _ in rss_entries(page)]
                if page not in full and len(entries) == archive.PAGE_SIZE:
                    full[page] = page.read_bytes()  # full from today: frozen
                elif page in full and not edited & set(rss_entries_ids(full[page])):
                    assert page.read_bytes() == full[page], page
                    frozen += 1
                elif page in full:  # a page item changed: same entries, in place
                    before = rss_entries_ids(full[page])
                    assert entries == [i for i in before if i in ids]
                    full[page] = page.read_bytes()

            # The subscriber polls rss.xml; feedparser reads it as a reader does.
            parsed = feedparser.parse(str(chain[0]))
            assert not parsed.bozo
            for entry in parsed.entries:
                reader.setdefault(entry.id, entry.title)
        # No article the reader has seen is lost unless it was pruned.
        everywhere = {i for slug in {a.site_slug for a in world.live()}
                      for doc in docs(world.out, slug) for i, _ in rss_entries(doc)}
        pruned = {a.id for a in world.articles if a.pruned}
        assert set(reader) - pruned <= everywhere
        if newsboat is not None:
            newsboat.reload(sorted(world.out.glob("*/rss.xml")))
            cached = newsboat.guids()
            assert len(cached) == len(set(cached))  # never the same article twice
            assert {a.id for a in today} <= set(cached)  # today's articles reached it
            assert set(cached) <= {a.id for a in world.articles}
            assert newsboat.unread() <= {a.id for a in today}  # nothing read comes back
            newsboat.read_all()
        store_bound(world.out, options)

    # Every article reached the subscriber, each exactly once, under one id.
    assert len({a.id for a in world.articles}) == len(world.articles)
    assert {a.id for a in world.articles} <= set(reader)
    assert len(reader) == len(world.articles)
    if newsboat is not None:
        assert sorted(newsboat.guids()) == sorted(a.id for a in world.articles)
    big = max(SITES, key=SITES.get)
    assert sum(a.site == big for a in world.articles) > 150
    assert len(full) >= 2 and frozen >= 10  # pages filled, then stayed as they were
    assert (world.out / ".feeds-store").is_dir()


def rss_entries_ids(data: bytes) -> list[str]:
    return [g.text for g in etree.fromstring(data).iterfind("channel/item/guid")]


@pytest.mark.parametrize("touch", [False, True])
def test_an_undated_capture_keeps_its_first_seen_date_across_rebuilds(tmp_path, touch):
    """Nothing dates it: the feed date is when its file was saved, the page says so, and
    the date stays through a touched file and an edited one, build after build."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    path = inputs / "undated.txt"
    path.write_text(capture("Valley Post", 1, None), encoding="utf-8")
    saved = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)
    os.utime(path, (saved.timestamp(), saved.timestamp()))
    options = BuildOptions(inputs=(str(inputs),), output=out, base_url=BASE, jobs=1)
    first = build(options)
    (item,) = first.items
    assert item.date.value == saved
    page = (out / item.site_slug / f"{item.slug}.html").read_text(encoding="utf-8")
    assert "date unknown; first captured 4 March 2025" in page
    assert "2000" not in json.loads((out / item.site_slug / "feed.json").read_text()
                                    )["items"][0]["date_published"]
    later = saved + timedelta(days=30)
    if touch:
        os.utime(path, (later.timestamp(), later.timestamp()))
    else:
        path.write_text(capture("Valley Post", 1, None, extra="\n\nA line added."),
                        encoding="utf-8")
        os.utime(path, (later.timestamp(), later.timestamp()))
    for _ in range(2):
        again = build(options)
        assert [(i.id, i.date.value) for i in again.items] == [(item.id, saved)]
    feed = json.loads((out / item.site_slug / "feed.json").read_text())
    assert feed["items"][0]["date_published"] == "2025-03-04T10:30:00Z"
    clean = build(BuildOptions(inputs=(str(inputs),), output=tmp_path / "clean",
                               base_url=BASE, jobs=1))
    assert clean.items[0].date.value == later  # only the record remembers the first


def test_an_undated_capture_without_a_file_time_takes_the_build_time(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    inputs = tmp_path / "in"
    inputs.mkdir()
    path = inputs / "undated.txt"
    path.write_text(capture("Valley Post", 1, None), encoding="utf-8")
    os.utime(path, ns=(1, 1))
    result = build(BuildOptions(inputs=(str(inputs),), output=tmp_path / "out",
                                base_url=BASE, jobs=1))
    assert result.items[0].date.value == datetime.fromtimestamp(1750000000, UTC)


@pytest.mark.parametrize("change", ["options", "code"])
def test_the_record_survives_an_option_or_code_change(tmp_path, monkeypatch, change):
    """Caches go when the options or the code change; what was published stays: ids,
    pages, places, and the items of captures deleted without --prune."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    world = World(tmp_path)
    world.inputs = inputs
    for n in range(60):
        world.day = START + timedelta(days=n)
        world.add("Gazette of Testing", world.day)
    first = build(BuildOptions(inputs=(str(inputs),), output=out, base_url=BASE, jobs=1))
    where = {slug: [rss_entries(d) for d in docs(out, slug)] for slug in
             {i.site_slug for i in first.items}}
    world.articles[5].files[0].unlink()
    if change == "code":
        monkeypatch.setattr("feeds.build.identity.code_digest", lambda: "a later version")
    again = build(BuildOptions(inputs=(str(inputs),), output=out, base_url=BASE, jobs=1,
                               title="Renamed" if change == "options" else "feeds"))
    assert again.parsed == 59  # the caches went: everything read again
    assert [(i.id, i.slug, i.date) for i in again.items] == [
        (i.id, i.slug, i.date) for i in first.items]
    assert {slug: [rss_entries(d) for d in docs(out, slug)] for slug in where} == where


def test_a_validated_build_keeps_the_record_and_parses_only_what_changed(tmp_path):
    """``build --validate`` builds in a staging copy: it starts from the state and the
    store, so items published later still head the feed, and nothing unchanged is parsed."""
    from feeds.build.staging import build_validated

    world = World(tmp_path)
    for n in range(60):
        world.day = START + timedelta(days=n)
        world.add("Gazette of Testing", world.day)
    options = BuildOptions(inputs=(str(world.inputs),), output=world.out, base_url=BASE,
                           jobs=1)
    build(options)
    world.day = START + timedelta(days=61)
    late = world.add("Gazette of Testing", START - timedelta(days=90))  # old, captured late
    result, report, published = build_validated(options)
    assert published and report.ok and result.parsed == 1
    window = [i for i, _ in rss_entries(world.out / "gazette-of-testing" / "rss.xml")]
    assert window[0] == next(i.id for i in result.items
                             if load_story(result, i).article.source == str(late.files[0]))


def test_after_a_code_change_an_unreadable_stored_article_is_not_used(tmp_path, monkeypatch):
    """A capture gone from the inputs keeps its item through a code change only if the
    new code still reads its stored article; one it cannot read is dropped, not a crash."""
    world = World(tmp_path)
    for n in range(3):
        world.add("Gazette of Testing", START + timedelta(days=n))
    options = BuildOptions(inputs=(str(world.inputs),), output=world.out, base_url=BASE,
                           jobs=1)
    build(options)
    world.articles[0].files[0].unlink()
    for pack in (world.out / state.STORE).iterdir():  # same size, another shape
        pack.write_bytes(b"[" * pack.stat().st_size)
    monkeypatch.setattr("feeds.build.identity.code_digest", lambda: "a later version")
    result = build(options)
    assert not result.problems and len(result.items) == 2


def test_a_capture_that_bridges_two_published_articles_keeps_both(tmp_path):
    """A new capture with one article's headline and another's opening would merge the
    two into one story; both stay published, each under its own id and page."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()

    def text(headline: str, paragraphs: list[str]) -> str:
        return ("Gazette of Testing\n\nNews for our readers.\n\n" + f"{headline}\n\n" * 2
                + "Published 3 March 2025\n\n" + "\n\n".join(paragraphs) + "\n")

    pa = [f"The harbour board met on the third day to agree plan {k} for the quay walls."
          for k in range(4)]
    pb = [f"The railway company said timetable {k} would change before the summer rush."
          for k in range(4)]
    (inputs / "a.txt").write_text(text("Harbour board agrees quay plan", pa), encoding="utf-8")
    (inputs / "b.txt").write_text(text("Railway timetable to change", pb), encoding="utf-8")
    options = BuildOptions(inputs=(str(inputs),), output=out, base_url=BASE, jobs=1)
    first = {i.id: i.slug for i in build(options).items}
    assert len(first) == 2
    (inputs / "c.txt").write_text(text("Harbour board agrees quay plan", pb + pa),
                                  encoding="utf-8")
    again = build(options)
    assert {i.id: i.slug for i in again.items} == first
    assert sorted(len(load_story(again, i).captures) for i in again.items) == [1, 2]


def test_a_published_date_moves_only_when_the_estimate_narrows(tmp_path, monkeypatch):
    """The seed article captured once is dated only from below; its second capture (with
    a banner) narrows the interval: the date moves and so does ``updated``. A later
    capture that widens it again changes nothing, though a clean build would differ."""
    from .conftest import SEEDS

    first, second = sorted(SEEDS.glob("*.txt"))
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / first.name).write_bytes(first.read_bytes())
    options = BuildOptions(inputs=(str(inputs),), output=out, base_url=BASE, jobs=1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")
    (before,) = build(options).items
    assert before.updated is None and before.date.latest.year > 2900

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770000000")
    (inputs / second.name).write_bytes(second.read_bytes())
    (after,) = build(options).items
    assert after.id == before.id and after.date.value != before.date.value
    assert after.updated == datetime.fromtimestamp(1770000000, UTC) > after.date.value
    atom = etree.parse(str(out / after.site_slug / "atom.xml")).getroot()
    entry = atom.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}updated") == "2026-02-02T02:40:00+00:00"
    assert entry.findtext(f"{ATOM}published") == after.date.value.isoformat()

    wider = (inputs / second.name).read_text(encoding="utf-8").replace(
        "Sunday, Feb 08, 2026", "Monday, Feb 09, 2026")
    (inputs / second.name).write_text(wider, encoding="utf-8")
    (kept,) = build(options).items
    assert (kept.date, kept.updated) == (after.date, after.updated)
    (clean,) = build(replace(options, output=tmp_path / "clean")).items
    assert clean.date.value != kept.date.value
