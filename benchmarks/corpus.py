"""Synthetic capture corpus for benchmarks: realistic shapes and sizes, reproducible.

Real captures cannot be redistributed in bulk, so the benchmark writes its own: pages in
the shapes the parser meets (full page with chrome, byline/dateline only, reader view
without a site line, hard-wrapped text), 5-15 KB each, spread over several sites, with a
share of articles captured twice (different chrome, sometimes cut short). Body paragraphs
mention weekdays, dates, years, relative phrases, numbers and names at the rates measured
on real article bodies (``RATES``), so the date grammar works as hard as on real news. The same seed
always gives the same files, so timings can be compared between commits.

    python benchmarks/corpus.py OUT --captures 10000 --sites 20 --seed 1
"""

from __future__ import annotations

import argparse
import random
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path


def _list(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WORDS = _list("""
the council said government minister plan new water bridge river city town road
school hospital police report people year week month local national public money
budget tax price market bank energy power plant farm farmers food worker workers union
strike court judge law case rule vote election party leader member members committee
board company firm chief executive director staff jobs contract project building
homes housing rent train station line bus airport flight port harbour ship coast storm
rain flood weather summer winter spring autumn morning evening night officials data
study research university students teachers parents children family families health
doctors nurses patients care service services region district village county street
park museum festival music film book art team match season club coach players fans
league cup final record growth inflation rates debt deal talks trade export import
border security army defence war peace aid support crisis risk warning plan plans
changes change cost costs rise fall increase cut cuts decision review inquiry evidence
witness claims claim figures figure survey poll result results group groups network
climate carbon emissions fuel gas oil electricity grid wind solar homes owners
residents neighbours visitors tourists business businesses shops sales online digital
phone internet software technology system systems safety fire crew rescue lifeboat
""")
VERBS = _list("""
approves rejects warns says plans delays opens closes wins loses backs blocks raises
cuts extends launches reviews finds signs agrees faces promises confirms announces
""")
FIRST = _list("Jane John Maria Tomás Aisha Peter Chen Fatima Lukas Sofia Omar Hannah Ravi Elena")
LAST = _list("Doe Smith Ferreira Khan Novak Okafor Müller Rossi Larsen Dubois Silva Ito Berg")
SITE_A = _list("Harbour Riverside Northern Valley Capital Coastal Evening Morning Daily Weekly")
SITE_B = _list("Times Courier Herald Gazette Post Chronicle Observer Record Echo Standard")
AGENCIES = ("Reuters", "Getty", "AP", "AFP", "EPA")
SHAPES = ("full", "full", "byline", "reader", "wrapped")


@dataclass(frozen=True)
class Story:
    """The facts of one article, from which one or more captures are printed."""

    site: str
    tagline: str
    headline: str
    dek: str
    author: str
    published: date | None
    body: tuple[tuple[str, str], ...]  # (kind, text): "p", "h" (sub-head), "c" (caption)


def _sentence(rng: random.Random, lo: int = 8, hi: int = 22) -> str:
    words = rng.choices(WORDS, k=rng.randint(lo, hi))
    words.insert(min(2, len(words)), rng.choice(VERBS))
    return " ".join(words).capitalize() + "."


def _title(rng: random.Random, lo: int, hi: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(lo, hi))
    words.insert(1, rng.choice(VERBS))
    return " ".join(words).capitalize()


def _site(i: int) -> str:
    name = f"{SITE_A[i % len(SITE_A)]} {SITE_B[(i // len(SITE_A)) % len(SITE_B)]}"
    return name if i < len(SITE_A) * len(SITE_B) else f"{name} {i}"


# Shares of body paragraphs (40+ characters) that mention each kind of thing, measured on
# the gold article bodies of the real-page corpus (1,911 paragraphs): 37.5% hold a digit,
# 5.1% a weekday, 4.8% a day and month, 8.3% a year, 5.5% a relative phrase ("last week",
# "ago"), 2.5% a percentage, 4.9% a sum of money. Without them the date grammar never finds
# anything to do and the benchmark flatters it.
RATES = (("weekday", 0.051), ("day_month", 0.048), ("year", 0.083), ("relative", 0.055),
         ("percent", 0.025), ("money", 0.049), ("count", 0.18), ("quote", 0.25))
WEEKDAYS = _list("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
RELATIVE = ("last week", "last month", "last year", "yesterday", "earlier this year",
            "two weeks ago", "three days ago", "next month", "this week", "last night")


def _mention(rng: random.Random, kind: str, published: date | None) -> str:
    """One clause of the given kind, dated around ``published`` as real reports are."""
    day = (published or date(2024, 5, 1)) - timedelta(days=rng.randrange(0, 40))
    if kind == "weekday":
        return f"on {WEEKDAYS[day.weekday()]} the {rng.choice(WORDS)} {rng.choice(VERBS)} it"
    if kind == "day_month":
        return f"from {day.day} {day:%B} the {rng.choice(WORDS)} {rng.choice(VERBS)} it"
    if kind == "year":
        return f"in {day.year - rng.randrange(1, 15)} the {rng.choice(WORDS)} {rng.choice(VERBS)}"
    if kind == "relative":
        return f"{rng.choice(RELATIVE)} the {rng.choice(WORDS)} {rng.choice(VERBS)} it"
    if kind == "percent":
        return f"a rise of {rng.randrange(2, 90)}.{rng.randrange(10)}%"
    if kind == "money":
        return f"at a cost of £{rng.randrange(2, 900)} million"
    if kind == "count":
        return f"{rng.randrange(3, 5000):,} {rng.choice(WORDS)} in {rng.randrange(2, 40)} areas"
    return f"{rng.choice(FIRST)} {rng.choice(LAST)} said"


def _paragraph(rng: random.Random, published: date | None) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(2, 5))]
    for kind, share in RATES:
        if rng.random() < share:
            i = rng.randrange(len(sentences))
            sentences[i] = f"{sentences[i][:-1]}, {_mention(rng, kind, published)}."
    return " ".join(sentences)


def make_story(rng: random.Random, site: str, tagline: str, serial: int) -> Story:
    target = rng.randint(4_800, 14_000)
    published = None
    if rng.random() < 0.9:
        published = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    body: list[tuple[str, str]] = []
    size = 0
    while size < target:
        if body and len(body) % 7 == 6:
            body.append(("h", _title(rng, 2, 5)))
        elif body and len(body) % 11 == 5:
            who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            body.append(("c", f"{_title(rng, 4, 9)} (Photo by {who} / {rng.choice(AGENCIES)})"))
        else:
            body.append(("p", _paragraph(rng, published)))
        size += len(body[-1][1]) + 2
    return Story(
        site=site,
        tagline=tagline,
        # The serial keeps headlines distinct across a large corpus, as real ones are.
        headline=f"{_title(rng, 5, 10)} {serial}",
        dek=_sentence(rng, 10, 24),
        author=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        published=published,
        body=tuple(body),
    )


def _fmt_long(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def render(story: Story, shape: str, rng: random.Random, related: list[str]) -> str:
    """Print one capture of ``story`` in ``shape``."""
    lines: list[str] = []
    shown = story.published or date(2025, 6, 1)
    banner = f"{shown + timedelta(days=rng.randrange(0, 30)):%A, %b %d, %Y}"
    if shape != "reader":
        lines += [story.site, "", "News | Sport | Business | Culture | Opinion", ""]
        if shape != "byline":
            lines += [story.tagline, "", banner, ""]
        lines += [story.headline, ""]
        if shape != "byline":
            lines += [story.headline, ""]
    else:
        lines += [story.headline, ""]
    if shape in ("full", "wrapped"):
        lines += [story.dek, ""]
    if story.published and shape in ("byline", "reader"):
        lines += [f"By {story.author} · {_fmt_long(story.published)}", ""]
    else:
        lines += [f"By {story.author}", ""]
        if story.published:
            lines += [f"Published {_fmt_long(story.published)}", ""]
    if shape == "full":
        lines += ["0:00", "", "×", ""]
    for kind, text in story.body:
        if shape == "wrapped" and kind == "p":
            lines += textwrap.wrap(text, 72)
        else:
            lines.append(text)
        lines.append("")
        if kind == "h" and shape == "full" and rng.random() < 0.3:
            lines += ["Newsletter", ""]
    if shape != "reader":
        lines += ["Related Articles", ""] + related + [""]
    return "\n".join(lines)


def generate(root: Path, captures: int, sites: int = 20, seed: int = 1,
             twice: float = 0.08) -> list[Path]:
    """Write ``captures`` files under ``root/<site>/``; a ``twice`` share are second
    captures of an article already written (another shape, sometimes cut short)."""
    rng = random.Random(seed)
    names = [_site(i) for i in range(sites)]
    taglines = [_sentence(rng, 3, 6) for _ in names]
    recent: list[Story] = []
    paths: list[Path] = []
    for n in range(captures):
        if recent and rng.random() < twice:
            story = rng.choice(recent)
            if rng.random() < 0.5:  # cut short: the capture was taken before the page loaded
                story = Story(**{**story.__dict__,
                                 "body": story.body[: max(3, len(story.body) * 2 // 3)]})
        else:
            s = rng.randrange(sites)
            story = make_story(rng, names[s], taglines[s], n)
            recent = (recent + [story])[-200:]
        related = [_title(rng, 5, 10) for _ in range(rng.randint(4, 6))]
        text = render(story, rng.choice(SHAPES), rng, related)
        folder = root / story.site.lower().replace(" ", "-")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{n:07d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("root", type=Path)
    p.add_argument("--captures", type=int, default=1000)
    p.add_argument("--sites", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    paths = generate(args.root, args.captures, args.sites, args.seed)
    size = sum(x.stat().st_size for x in paths)
    print(f"{len(paths)} captures, {size / 1e6:.1f} MB in {args.root}")


if __name__ == "__main__":
    main()
