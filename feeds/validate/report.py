"""Findings, per-file results, and their text and JSON renderings."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from feeds.validate.rules import ERROR, RULES, WARNING


@dataclass(frozen=True)
class Finding:
    line: int
    rule: str
    message: str
    column: int | None = None  # 1-based, where the element or value starts on its line
    level: str = ERROR  # set from the rule table by finding() and by Report.strictly()


def finding(rule: str, line: int | None, message: str, column: int | None = None) -> Finding:
    """Build a finding; unknown rule ids fail here, not in a user's CI log."""
    if rule not in RULES:
        raise KeyError(f"unknown rule id {rule!r}")
    return Finding(line or 1, rule, message, column, RULES[rule].level)


@dataclass(frozen=True)
class FileReport:
    path: str
    kind: str  # "rss", "atom", "opml", "json" or "unknown"
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> int:
        return sum(f.level == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.level == WARNING for f in self.findings)


@dataclass(frozen=True)
class Report:
    files: tuple[FileReport, ...]
    warnings_fail: bool = False  # --strict / --warnings-as-errors: warnings fail the run too

    @property
    def errors(self) -> int:
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.files)

    @property
    def ok(self) -> bool:
        """No errors and at least one file: an empty run must not pass CI."""
        failing = self.errors + (self.warnings if self.warnings_fail else 0)
        return bool(self.files) and failing == 0

    def strictly(self, strict: bool) -> Report:
        """The same findings at the levels of ``--strict`` (house rules as errors)."""
        if not strict:
            return self
        files = tuple(
            replace(fr, findings=tuple(replace(f, level=RULES[f.rule].level_for(True))
                                       for f in fr.findings))
            for fr in self.files
        )
        return replace(self, files=files, warnings_fail=True)

    def counts(self) -> dict[str, int]:
        """How many files of each kind were checked: a folder check says what it saw."""
        found: dict[str, int] = {}
        for fr in self.files:
            found[fr.kind] = found.get(fr.kind, 0) + 1
        return found


def _where(fr: FileReport, f: Finding) -> str:
    return f"{fr.path}:{f.line}:{f.column}" if f.column else f"{fr.path}:{f.line}"


def render_text(report: Report) -> str:
    lines: list[str] = []
    for fr in report.files:
        if not fr.findings:
            lines.append(f"{fr.path}: OK")
        for f in fr.findings:
            lines.append(f"{_where(fr, f)}: {f.level} {f.rule} {f.message}")
    return "\n".join(lines)


def render_json(report: Report) -> str:
    doc = {
        "ok": report.ok,
        "errors": report.errors,
        "warnings": report.warnings,
        "files": [
            {
                "path": fr.path,
                "kind": fr.kind,
                "ok": fr.errors == 0 and not (report.warnings_fail and fr.warnings),
                "problems": [
                    {"line": f.line, "level": f.level, "rule": f.rule, "message": f.message}
                    for f in fr.findings
                ],
            }
            for fr in report.files
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)
