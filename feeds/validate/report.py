"""Findings, per-file results, and their text and JSON renderings."""

from __future__ import annotations

import json
from dataclasses import dataclass

from feeds.validate.rules import ERROR, RULES, WARNING


@dataclass(frozen=True)
class Finding:
    line: int
    rule: str
    message: str

    @property
    def level(self) -> str:
        return RULES[self.rule].level


def finding(rule: str, line: int | None, message: str) -> Finding:
    """Build a finding; unknown rule ids fail here, not in a user's CI log."""
    if rule not in RULES:
        raise KeyError(f"unknown rule id {rule!r}")
    return Finding(line or 1, rule, message)


@dataclass(frozen=True)
class FileReport:
    path: str
    kind: str  # "rss", "atom", "opml" or "unknown"
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

    @property
    def errors(self) -> int:
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.files)

    @property
    def ok(self) -> bool:
        """No errors and at least one file: an empty run must not pass CI."""
        return bool(self.files) and self.errors == 0


def render_text(report: Report) -> str:
    lines: list[str] = []
    for fr in report.files:
        if not fr.findings:
            lines.append(f"{fr.path}: OK")
        for f in fr.findings:
            lines.append(f"{fr.path}:{f.line}: {f.level} {f.rule} {f.message}")
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
                "ok": fr.errors == 0,
                "problems": [
                    {"line": f.line, "level": f.level, "rule": f.rule, "message": f.message}
                    for f in fr.findings
                ],
            }
            for fr in report.files
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False)
