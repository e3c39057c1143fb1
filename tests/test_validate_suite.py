"""``feeds validate`` against the W3C Feed Validation Service's conformance cases.

The cases live beside the repository (../shared/validator-suite); each states in a comment
the event the W3C checker must report (``Expect: Name{param:value}``, or ``!Name`` for one
it must not), read here with the W3C runner's own pattern. Whether an event is an error is
its class in the checker's logging.py. The checker itself is run over the cases for its
verdicts and lines: a case is *invalid* when it expects an error-level event, *valid*
when it expects none and the checker reports no error either (many cases are fragments
the checker, rightly, rejects for something other than what they test).

Targets, per format (RSS 2.0, Atom 1.0, OPML; RSS 0.9x/1.0 and Atom 0.3 are out of scope):
invalid cases exit 1 on >= 95%, with an error within one line of the checker's event on
>= 85%; valid cases exit 0 on >= 98%; no case crashes the validator.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from feeds.validate import validate_paths

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the clone (a checkout in a worktree folder looks one level further up)
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "validator-suite").is_dir()), ROOT.parent / "shared")
SUITE = SHARED / "validator-suite"
CHECKER = SHARED / "tools" / "w3c-feedvalidator" / "src"
# The W3C runner's pattern (validtest.py desc_re).
DESC = re.compile(r"<!--\s*Description:\s*(.*?)\s*Expect:\s*(!?)(\w*)(?:{(.*?)})?\s*-->")
_ROOT_TAG = re.compile(rb"<(?:[\w.-]+:)?(rss|feed|entry|opml|RDF)\b([^>]*)>")
# Rules the fixtures under fixtures/ do not cover, exercised by these cases instead.
SUITE_RULES = {
    "xml-not-utf8", "atom-duplicate-element", "atom-duplicate-alternate",
    "atom-unknown-element", "atom-unknown-attribute", "atom-missing-attribute", "atom-bad-iri",
    "atom-bad-email",
    "atom-bad-language", "atom-bad-mime-type", "atom-bad-text-type", "atom-xhtml-div",
    "atom-bad-number", "atom-not-base64", "atom-missing-summary", "atom-content-src",
    "atom-unexpected-text", "atom-not-escaped", "atom-html-in-title",
    "atom-html-in-text", "rss-missing-element",
    "rss-missing-attribute", "rss-duplicate-element", "rss-unknown-element",
    "rss-unexpected-text", "rss-bad-email", "rss-bad-language",
    "rss-bad-number", "rss-bad-value", "rss-html-in-text", "ext-unknown-element",
    "ext-bad-value", "ext-duplicate-element", "opml-bad-version", "opml-unknown-element",
    "opml-bad-email", "opml-bad-value", "opml-attribute-case", "opml-outline-no-xmlurl-1x",
}
_W3C_SCRIPT = r"""
import json, socket, sys
def offline(*args):  # the checker looks e-mail domains up in DNS: never, here
    raise OSError("offline")
socket.gethostbyname = socket.getaddrinfo = offline
sys.path.insert(0, sys.argv[1])
import feedvalidator
from feedvalidator import logging as L
for path in sys.argv[2:]:
    raw = open(path, "rb").read()
    try:
        events = feedvalidator.validateString(raw, fallback="US-ASCII",
                                              base="http://www.feedvalidator.org/")["loggedEvents"]
    except Exception:
        events = []
    print(json.dumps([[[c.__name__ for c in type(e).__mro__], e.params.get("line"),
                       isinstance(e, L.Error), {k: str(v) for k, v in e.params.items()}]
                      for e in events]))
"""

pytestmark = pytest.mark.skipif(not SUITE.is_dir(), reason=f"no conformance cases at {SUITE}")


def scope(raw: bytes) -> str | None:
    """'rss', 'atom' or 'opml' for RSS 2.0, Atom 1.0 and OPML documents; None otherwise."""
    m = _ROOT_TAG.search(re.sub(rb"<!--.*?-->", b"", raw, flags=re.DOTALL))
    if not m:
        return None
    name, attrs = m[1], m[2]
    if name == b"rss":
        version = re.search(rb"version\s*=\s*[\"']([^\"']*)", attrs)
        return None if version and version[1].startswith(b"0.9") else "rss"
    if name in (b"feed", b"entry"):
        return None if b"purl.org/atom/ns#" in attrs else "atom"
    return "opml" if name == b"opml" else None


@cache
def _levels() -> Any:
    """The checker's logging.py: event classes and whether each is an Error."""
    spec = importlib.util.spec_from_file_location("w3c_logging",
                                                  CHECKER / "feedvalidator" / "logging.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _checker_python() -> str | None:
    for python in (CHECKER.parent / ".venv" / "bin" / "python", Path(sys.executable)):
        if python.exists() and subprocess.run([str(python), "-c", "import html5lib"],
                                              capture_output=True).returncode == 0:
            return str(python)
    return None


@cache
def cases() -> list[tuple[Path, str, dict[str, Any]]]:
    found = []
    for path in sorted([*SUITE.rglob("*.xml"), *SUITE.rglob("*.opml")]):
        raw = path.read_bytes()
        kind = scope(raw)
        m = DESC.search(raw.decode("utf-8", "replace"))
        if kind and m:
            params = dict(p.strip().split(":", 1) for p in m[4].split(",")) if m[4] else {}
            found.append((path, kind, {"negated": bool(m[2]), "name": m[3], "params": params}))
    return found


@cache
def w3c_events() -> dict[Path, list[list[Any]]]:
    python = _checker_python()
    if python is None:
        pytest.skip("the W3C checker needs html5lib: pip install -e '.[test]'")
    paths = [c[0] for c in cases()]
    out = subprocess.run([python, "-c", _W3C_SCRIPT, str(CHECKER), *map(str, paths)],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return {path: json.loads(line) for path, line in zip(paths, out, strict=True)}


def _matches(event: list[Any], expect: dict[str, Any]) -> bool:
    mro, _, _, params = event
    return expect["name"] in mro and all(params.get(k) == v
                                         for k, v in expect["params"].items())


@cache
def results() -> dict[str, Counter[str]]:
    levels = _levels()
    events = w3c_events()
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    for path, kind, expect in cases():
        report = validate_paths([path])
        findings = report.files[0].findings
        errors = [f for f in findings if f.level == "error"]
        s = stats[kind]
        s["crashed"] += any(f.rule == "internal-error" for f in findings)
        cls = getattr(levels, expect["name"], None)
        is_error = cls is not None and issubclass(cls, levels.Error)
        if is_error and not expect["negated"]:
            s["invalid"] += 1
            s["invalid_exit_1"] += bool(errors)
            lines = [e[1] or 1 for e in events[path] if _matches(e, expect)]
            if lines and any(abs(f.line - lines[0]) <= 1 for f in errors):
                s["invalid_located"] += 1
        elif not any(e[2] for e in events[path]):
            s["valid"] += 1
            s["valid_exit_0"] += not errors
        for f in findings:
            s[f"rule:{f.rule}"] += 1
    return stats


@pytest.mark.parametrize("kind", ["rss", "atom", "opml"])
def test_invalid_cases_fail_at_the_checkers_line(kind: str) -> None:
    s = results()[kind]
    assert s["invalid"] >= 10
    assert s["invalid_exit_1"] / s["invalid"] >= 0.95, dict(s)
    assert s["invalid_located"] / s["invalid"] >= 0.85, dict(s)


@pytest.mark.parametrize("kind", ["rss", "atom", "opml"])
def test_valid_cases_pass(kind: str) -> None:
    s = results()[kind]
    assert s["valid"] >= 10
    assert s["valid_exit_0"] / s["valid"] >= 0.98, dict(s)


def test_no_case_crashes_the_validator() -> None:
    assert sum(s["crashed"] for s in results().values()) == 0


def test_rules_without_a_fixture_fire_on_the_cases() -> None:
    fired = {key[5:] for s in results().values() for key in s if key.startswith("rule:")}
    assert SUITE_RULES - fired == set()


def test_every_case_through_the_cli_never_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    from feeds.cli.validate import main

    assert main([str(SUITE)]) in (0, 1)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
