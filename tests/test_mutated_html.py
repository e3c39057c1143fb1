"""Property: damaged real-looking HTML pages never cause an internal error, and whatever
the build publishes passes ``feeds validate``.

The pages are the labelled HTML fixtures (real page shapes: metadata, JSON-LD, bylines,
canonical links, several languages), damaged the ways saved pages get damaged: flipped
bytes, control characters (anywhere, and right after a tag), truncation, lone surrogates
(as WTF-8 bytes), a canonical URL that swallowed the rest of the ``<head>``. Examples:
deterministic, 40 builds by default; set FEEDS_HYPOTHESIS_EXAMPLES for more.
"""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds.build import BuildOptions, build
from feeds.validate import validate_paths

from .conftest import FIXTURES

EXAMPLES = int(os.environ.get("FEEDS_HYPOTHESIS_EXAMPLES", "0") or 0)
PAGES = sorted((FIXTURES / "html").glob("*.html"))
BASE = "https://feeds.example/"
CONTROLS = [bytes([b]) for b in (*range(0, 9), 11, 12, *range(14, 32), 127)] + [
    "\u0085".encode(), "\ufffe".encode(), "\uffff".encode(), b"\x1b[31m"]
SURROGATES = [c.encode("utf-8", "surrogatepass") for c in ("\ud800", "\udfff", "\udc80")]


@st.composite
def damage(draw, data: bytes) -> bytes:
    """One page's bytes, damaged 1-4 times."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        kind = draw(st.sampled_from(["flip", "control", "surrogate", "truncate", "canonical",
                                     "after-tag"]))
        if kind == "flip":
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "control":
            out[at:at] = draw(st.sampled_from(CONTROLS))
        elif kind == "surrogate":
            out[at:at] = draw(st.sampled_from(SURROGATES))
        elif kind == "after-tag":  # in a text node lxml's tree edits set again
            tag = out.find(b">", at)
            if tag >= 0:
                out[tag + 1 : tag + 1] = draw(st.sampled_from(CONTROLS + SURROGATES))
        elif kind == "truncate":
            del out[max(1, at):]
        else:  # a canonical link whose closing quote was lost
            href = out.find(b'rel="canonical" href="')
            end = out.find(b'"', href + 22) if href >= 0 else -1
            if end > 0:
                out[end : end + 1] = draw(st.sampled_from([b"\xc2\xba", b"\x00", b" "]))
    return bytes(out)


@st.composite
def site(draw) -> list[tuple[str, bytes]]:
    chosen = draw(st.lists(st.sampled_from(PAGES), min_size=2, max_size=5, unique=True))
    return [(p.name, draw(damage(p.read_bytes()))) for p in chosen]


@settings(max_examples=EXAMPLES or 40, derandomize=not EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pages=site())
def test_damaged_pages_build_and_the_output_validates(pages):
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp, "in")
        inputs.mkdir()
        for name, data in pages:
            (inputs / name).write_bytes(data)
        out = Path(tmp, "out")
        result = build(BuildOptions(inputs=(str(inputs),), output=out, base_url=BASE, jobs=1))
        assert not [p for p in result.problems if "internal error" in p.reason], result.problems
        assert len(result.items) + len(result.problems) >= 1
        if result.items:
            report = validate_paths([out], base_url=BASE)
            errors = [(f.path, i.rule, i.message) for f in report.files for i in f.findings
                      if i.level == "error"]
            assert report.errors == 0, errors[:5]
