"""Property: whatever the captures hold, the build finishes, every input is either an
item or a reported problem, and every feed it writes is strict XML whose RSS and Atom
versions list the same items.

Examples: 300 by default (deterministic, so CI is stable); set FEEDS_HYPOTHESIS_EXAMPLES
for more (and a random seed).
"""

import os
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from feeds import atomic, chrome
from feeds.build import BuildOptions, build, load_story

EXAMPLES = int(os.environ.get("FEEDS_HYPOTHESIS_EXAMPLES", "0") or 0)
STRICT = etree.XMLParser(recover=False, resolve_entities=False, load_dtd=False, no_network=True)
NS = {"atom": "http://www.w3.org/2005/Atom"}

any_char = st.one_of(
    st.characters(),  # every code point but surrogates: controls, NUL, U+FFFE, emoji...
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates
    st.sampled_from("\x00\x07\x0b\x0c\x1b\x7f\x85\u00a0\u200b\u2028\u2029\ufeff\ufffe\uffff"),
)
latin = st.characters(codec="latin-1", categories=("L", "N", "P", "Zs"))
word = st.text(st.one_of(latin, latin, latin, any_char), min_size=1, max_size=10).filter(
    lambda w: " " not in w
)
prose = st.lists(word, min_size=4, max_size=25).map(lambda ws: " ".join(ws) + ".")
title = st.lists(word, min_size=2, max_size=9).map(" ".join)
chrome_line = st.sampled_from(
    sorted(chrome.UI_WORDS)
    + ["0:00", "×", "1:02 / 3:45", "Home | News | Sport | Weather", "Related Articles", "■■",
       "Read more:", "Published 3 March 2025", "Sunday, Feb 08, 2026", "By Jane Doe | 4 April 2023"]
)
markup = st.sampled_from(
    ["<script>alert('x')</script>", "]]>", '"quotes" & ampersands', "&lol9; &xxe;",
     '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "../../etc/passwd", "- item",
     "> quoted", "(Photo: Getty)"]
)
line = st.one_of(st.text(any_char, max_size=150), prose, title, chrome_line, markup)
line_end = st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\n\n\n", "\u2028", "\x0c"])
# Random line structure: any lines, any line ends.
loose = st.lists(st.tuples(line, line_end), max_size=30).map(
    lambda pairs: "".join(a + b for a, b in pairs)
)


@st.composite
def page(draw) -> str:
    """The shape of a real capture (header, headline, byline, body, related list) made of
    random words, with chrome and markup scattered through it."""
    parts = draw(st.lists(st.one_of(title, chrome_line), max_size=3))  # site, tagline, nav
    head = draw(title)
    parts += [head] * draw(st.integers(1, 2))
    parts += draw(st.lists(st.one_of(chrome_line, markup, prose), max_size=2))
    parts += draw(st.lists(st.one_of(prose, prose, title, markup, chrome_line), min_size=1,
                           max_size=12))
    parts += draw(st.lists(title, max_size=5))  # related headlines
    ends = draw(st.lists(line_end, min_size=len(parts), max_size=len(parts)))
    return "".join(a + b for a, b in zip(parts, ends, strict=True))


text = st.one_of(page(), loose)


@st.composite
def capture_bytes(draw) -> bytes:
    body = draw(text)
    how = draw(st.sampled_from(
        ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "raw"]
    ))
    if how == "raw":
        return draw(st.binary(max_size=400))
    errors = "surrogatepass" if how.startswith("utf") else "replace"
    return body.encode(how, errors=errors)


# Folder names: a capture without a site line is filed under its folder's name, which
# may hold any bytes but "/" and NUL (hidden folders are not walked, so no leading dot).
folder = st.binary(min_size=1, max_size=24).filter(
    lambda b: b"/" not in b and b"\x00" not in b and not b.startswith(b".")
)


def strict_feeds(out: Path) -> dict[Path, int]:
    """Parse every XML output strictly; return each site folder's item count."""
    counts = {}
    for path in sorted(out.rglob("*")):
        if path.suffix in (".xml", ".opml"):
            etree.parse(str(path), STRICT)
    for rss_path in out.glob("*/rss.xml"):
        rss = etree.parse(str(rss_path), STRICT)
        atom = etree.parse(str(rss_path.with_name("atom.xml")), STRICT)
        n = len(rss.findall("channel/item"))
        assert n == len(atom.findall("atom:entry", NS)), rss_path
        counts[rss_path.parent] = n
    return counts


@settings(
    max_examples=EXAMPLES or 300,
    derandomize=not EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.tuples(capture_bytes(), folder), min_size=1, max_size=4))
def test_any_captures_build_to_strict_matching_feeds(captures):
    # fsync is skipped for speed: durability is tested elsewhere (test_resilience).
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(atomic.os, "fsync"):
        root = Path(tmp)
        inputs = root / "in"
        inputs.mkdir()
        paths = set()
        for i, (data, name) in enumerate(captures):
            path = inputs / os.fsdecode(name) / f"{i}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            paths.add(str(path))
        out = root / "out"
        options = BuildOptions(
            inputs=(str(inputs),), output=out, base_url="https://x.example/", debug=True
        )
        result = build(options)  # debug: a bug raises here instead of becoming a problem
        problem_paths = {p.path for p in result.problems}
        used = {c.source for i in result.items for c in load_story(result, i).captures}
        assert problem_paths | used == paths and not problem_paths & used
        counts = strict_feeds(out)
        assert sum(counts.values()) == len(result.items)
        assert all(Path(w).resolve().is_relative_to(out.resolve()) for w in result.written)
