"""Synthetic captures in the seed text format, one article each, with distinct dates."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

FIRST_DAY = date(2024, 1, 1)
TOPICS = ("harbour", "railway", "library", "market", "bridge", "council", "school", "river")


def capture_text(n: int, site: str = "Gazette of Testing") -> str:
    """Site line, tagline, headline twice, dek, dateline, then paragraphs unique to ``n``."""
    day = FIRST_DAY + timedelta(days=n)
    topic = TOPICS[n % len(TOPICS)]
    headline = f"Story {n} on the {topic} plan"
    paragraphs = "\n\n".join(
        f"Report {n}.{k} says the {topic} plan moved forward in week {k} of review {n * 7 + k}."
        for k in range(1, 5)
    )
    return (
        f"{site}\n\nNews for testing readers.\n\n{headline}\n\n{headline}\n\n"
        f"A standfirst for story {n} about the {topic}.\n\n"
        f"Published {day.day} {day:%B %Y}\n\n{paragraphs}\n"
    )


def write_captures(folder: Path, count: int, start: int = 0, **kw: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"capture-{n:05d}.txt"
        path.write_text(capture_text(n, **kw), encoding="utf-8")
        paths.append(path)
    return paths
