"""``feeds validate``: check RSS 2.0, Atom 1.0, OPML and JSON Feed files before readers do.

Each file goes through the byte and XML checks (:mod:`.xmlcheck`), the checks of its
format (:mod:`.atom`, :mod:`.rss` with :mod:`.rss_ext` for modules, :mod:`.opml`,
:mod:`.jsonfeed`) and, for feeds, feedparser (:mod:`.roundtrip`). Then OPML outlines are
followed into the output and each folder's RSS and Atom feeds are compared. Rule ids,
levels and the levels ``--strict`` applies: :data:`RULES`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lxml import etree

from feeds.validate import jsonfeed, roundtrip
from feeds.validate.atom import check_atom
from feeds.validate.discover import candidates, sniff
from feeds.validate.locate import Source
from feeds.validate.opml import Target, check_opml
from feeds.validate.report import FileReport, Finding, Report, finding
from feeds.validate.rss import check_rss
from feeds.validate.rules import RULES
from feeds.validate.xmlcheck import check_xml

__all__ = ["RULES", "Report", "validate_paths"]


@dataclass(frozen=True)
class _Checked:
    """One file's report plus what the cross-file checks need from it."""

    report: FileReport
    tree: etree._ElementTree | None = None
    parsed: Any = None  # feedparser's result, for feeds
    targets: tuple[Target, ...] = ()


def _kind_of(tree: etree._ElementTree | None, sniffed: str | None) -> str:
    if tree is None:
        return sniffed or "unknown"
    name = etree.QName(tree.getroot()).localname
    return {"rss": "rss", "feed": "atom", "entry": "atom", "opml": "opml"}.get(name, "unknown")


def _check_file(path: Path, base_url: str | None) -> _Checked:
    """One file's checks; never raises (a checker's bug is reported, not a traceback)."""
    try:
        return _check_file_unguarded(path, base_url)
    except Exception as err:  # noqa: BLE001 - a validator must report, not crash
        problem = finding("internal-error", 1, f"could not be checked: {type(err).__name__}: "
                          f"{err}")
        return _Checked(FileReport(str(path), "unknown", (problem,)))


def _check_file_unguarded(path: Path, base_url: str | None) -> _Checked:
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        return _Checked(FileReport(shown, "unknown",
                                   (finding("file-unreadable", 1, err.strerror or str(err)),)))
    if path.suffix.lower() == ".json" or jsonfeed.is_jsonfeed(data, path):
        doc, problems = jsonfeed.load(data)
        if doc is not None:
            text = data.decode("utf-8", "replace")
            problems += jsonfeed.check_jsonfeed(doc, jsonfeed.locate(text))
        return _Checked(FileReport(shown, "json", tuple(problems)), parsed=doc)
    xml = check_xml(data)
    src = Source.of(xml.text)
    kind = _kind_of(xml.tree, sniff(data))
    if kind == "unknown":  # a named file (folders are sniffed): its XML is not our business
        problem = finding("not-a-feed", 1, "not an RSS, Atom or OPML document")
        return _Checked(FileReport(shown, kind, (problem,)))
    found: list[Finding] = list(xml.findings)
    targets: list[Target] = []
    parsed = None
    if xml.tree is not None:
        if kind == "atom":
            found += check_atom(xml.tree, src)
        elif kind == "rss":
            found += check_rss(xml.tree, src)
        else:
            opml_findings, targets = check_opml(xml.tree, path, base_url, src)
            found += opml_findings
    if kind in ("rss", "atom"):
        parsed = roundtrip.parse(data)
        found += roundtrip.bozo(parsed, data)
    found.sort(key=lambda f: (f.line, f.column or 0))
    return _Checked(FileReport(shown, kind, tuple(found)), xml.tree, parsed, tuple(targets))


def _follow_outlines(checked: dict[Path, _Checked], base_url: str | None) -> None:
    """Validate every feed an OPML outline names, and flag outlines naming bad ones."""
    for key in [k for k, c in checked.items() if c.targets]:
        extra: list[Finding] = []
        for target in checked[key].targets:
            dest = target.path.resolve()
            if dest not in checked:
                checked[dest] = _check_file(target.path, base_url)
            report = checked[dest].report
            if report.kind not in ("rss", "atom", "json"):
                extra.append(finding("opml-xmlurl-invalid", target.line,
                                     f"xmlUrl {target.url!r} names {report.path}, which is not "
                                     "an RSS, Atom or JSON feed"))
            elif report.errors:
                extra.append(finding("opml-xmlurl-invalid", target.line,
                                     f"xmlUrl {target.url!r} names {report.path}, which has "
                                     f"{report.errors} error(s)"))
        if extra:
            old = checked[key].report
            merged = tuple(sorted(old.findings + tuple(extra), key=lambda f: f.line))
            checked[key] = replace(checked[key], report=replace(old, findings=merged))


def _item_lines(tree: etree._ElementTree | None) -> list[int]:
    if tree is None:
        return []
    return [item.sourceline or 1 for item in tree.getroot().iterfind("channel/item")]


def _compare_siblings(checked: dict[Path, _Checked]) -> None:
    """Where a folder holds exactly one RSS and one Atom feed, they must agree."""
    by_folder: dict[Path, dict[str, list[Path]]] = defaultdict(lambda: defaultdict(list))
    for key, c in checked.items():
        by_folder[key.parent][c.report.kind].append(key)
    for kinds in by_folder.values():
        if len(kinds["rss"]) != 1 or len(kinds["atom"]) != 1:
            continue
        rss, atom = checked[kinds["rss"][0]], checked[kinds["atom"][0]]
        if rss.tree is None or atom.tree is None:
            continue  # already failing; a comparison would only add noise
        extra = roundtrip.compare(rss.parsed, atom.parsed, Path(atom.report.path).name,
                                  _item_lines(rss.tree))
        if extra:
            merged = tuple(sorted(rss.report.findings + tuple(extra), key=lambda f: f.line))
            checked[kinds["rss"][0]] = replace(rss, report=replace(rss.report, findings=merged))
        if len(kinds["json"]) == 1 and rss.parsed is not None:
            _compare_json(checked, kinds["json"][0], [e.get("id", "") for e in rss.parsed.entries])


def _compare_json(checked: dict[Path, _Checked], key: Path, rss_ids: list[str]) -> None:
    """The JSON feed must carry the same items, in the same order, as the RSS feed."""
    doc = checked[key]
    if doc.report.errors or doc.parsed is None:
        return
    ids = jsonfeed.item_ids(doc.parsed)
    if ids != rss_ids:
        problem = finding("roundtrip-mismatch", 1,
                          f"item ids {ids[:3]}... differ from the RSS guids {rss_ids[:3]}...")
        checked[key] = replace(doc, report=replace(doc.report, findings=(problem,)))


def validate_paths(paths: Iterable[str | Path], base_url: str | None = None, *,
                   strict: bool = False, warnings_as_errors: bool = False) -> Report:
    """Check every feed under ``paths`` (files are checked whatever their content).

    ``strict`` applies the house rules' stricter levels and fails on warnings too;
    ``warnings_as_errors`` only fails on warnings.
    """
    checked: dict[Path, _Checked] = {}
    for file in candidates(Path(p) for p in paths):
        key = file.resolve()
        if key not in checked:
            checked[key] = _check_file(file, base_url)
    _follow_outlines(checked, base_url)
    _compare_siblings(checked)
    report = Report(tuple(c.report for c in checked.values()), warnings_fail=warnings_as_errors)
    return report.strictly(strict)
