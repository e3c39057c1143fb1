"""``feeds validate [PATH ...]``: exit 0 when no feed has errors, 1 on errors, 2 on misuse.

``--strict`` applies the house rules (self links, UTF-8 only, four-digit years, the Atom
schema) as errors and fails on warnings too; ``--warnings-as-errors`` only does the latter.

``feeds/cli/__init__.py`` calls :func:`register`; :func:`main` runs the command on its own (tests,
``python -m feeds.cli.validate``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from feeds.validate import RULES, validate_paths
from feeds.validate.report import Report, render_json, render_text

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "validate",
        help="check RSS, Atom, OPML and JSON Feed files the way feed readers will",
        description="Find every RSS 2.0, Atom 1.0, OPML and JSON Feed file under the given "
        "folders (by content, not file name) and check it against its spec. Prints 'PATH: OK' "
        "or one line per problem: 'PATH:LINE[:COLUMN]: LEVEL RULE-ID MESSAGE'. Exit 1 on "
        "errors only, unless --strict or --warnings-as-errors.",
    )
    parser.add_argument("paths", nargs="*", default=["out"], metavar="PATH",
                        help="files or folders to check (default: out)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--base-url", metavar="URL", default=None,
                        help="public URL of the output folder: OPML xmlUrls under it are "
                        "checked as files next to the OPML")
    parser.add_argument("--strict", action="store_true",
                        help="the house rules for feeds' own output: a self link, UTF-8 only, "
                        "four-digit years, the Atom schema and the rest marked 'strict' in "
                        "--list-rules are errors, and warnings fail the run")
    parser.add_argument("--warnings-as-errors", action="store_true",
                        help="exit 1 on warnings too (levels unchanged)")
    parser.add_argument("--list-rules", action="store_true",
                        help="print every rule id with its level (and --strict level) and exit")
    parser.set_defaults(func=run)
    return parser


def rules_table() -> str:
    width = max(len(rule_id) for rule_id in RULES)
    return "\n".join(
        f"{r.id:<{width}}  {r.level:<7}  {'strict:' + r.strict if r.strict else '':<12}  "
        f"{r.summary}"
        for r in RULES.values()
    )


_KIND_NAMES = {"rss": "RSS", "atom": "Atom", "opml": "OPML", "json": "JSON Feed",
               "unknown": "other"}


def summary(report: Report) -> str:
    """'checked 2 RSS, 2 Atom, 1 OPML files: 0 errors, 1 warning' for the terminal."""
    counts = report.counts()
    kinds = ", ".join(f"{counts[k]} {_KIND_NAMES[k]}" for k in _KIND_NAMES if k in counts)
    return (f"feeds validate: checked {kinds} file(s): {report.errors} error(s), "
            f"{report.warnings} warning(s)")


def run(args: argparse.Namespace) -> int:
    if args.list_rules:
        print(rules_table())
        return EXIT_OK
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        for p in missing:
            print(f"feeds validate: no such file or directory: {p}", file=sys.stderr)
        return EXIT_USAGE
    report = validate_paths(args.paths, base_url=args.base_url, strict=args.strict,
                            warnings_as_errors=args.warnings_as_errors)
    if args.format == "json":
        print(render_json(report))
    elif report.files:
        print(render_text(report))
    if not report.files:
        where = ", ".join(args.paths)
        print(f"feeds validate: no RSS, Atom, OPML or JSON Feed files found in {where}",
              file=sys.stderr)
    else:
        print(summary(report), file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_ERRORS


def main(argv: list[str] | None = None) -> int:
    """Run ``feeds validate`` with ``argv`` as the arguments after the command name."""
    parser = argparse.ArgumentParser(prog="feeds")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    try:
        args = parser.parse_args(["validate", *(sys.argv[1:] if argv is None else argv)])
    except SystemExit as stop:  # argparse exits 2 on bad usage; return it instead
        return int(stop.code or 0)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
