"""Command line for feeds: turns captured news pages into feeds.

Turns arguments into options, calls the library, prints, and returns an exit code. No
work happens here. ``feeds build`` and the parser live in this module; ``explain``,
``validate`` and ``serve`` in the package's modules of those names."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from feeds import __version__, config, lock, progress
from feeds.build import build, dask_executor, fingerprint, internal_error
from feeds.build.incremental import state
from feeds.build.options import BuildOptions, Flags, assemble
from feeds.build.options import date_context as assemble_dates
from feeds.cli import explain as cli_explain
from feeds.cli import serve as cli_serve
from feeds.cli import validate as cli_validate
from feeds.dates import DateContext, parse_instant
from feeds.errors import FeedsError
from feeds.model import BuildResult
from feeds.pool import default_jobs
from feeds.textclean import printable
from feeds.validate.report import render_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def iso_datetime(text: str) -> datetime:
    """``--captured-at`` values: ISO 8601, UTC when no offset is given."""
    try:
        return parse_instant(text)
    except FeedsError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="turn captures into feeds",
        description="Read captures (folders are walked, files and globs accepted) and write "
        "RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds per site, article pages and an OPML "
        "index.",
        epilog="Exit status: 0 when the output was published and no capture new or changed "
        "since the last build was unusable; 1 when one was (each reported once, as "
        "'path: error: reason'), or with --strict when any capture is unusable; 2 bad "
        f"usage; 3 a failed write or an internal error; {lock.EX_TEMPFAIL} another build "
        "held the output's lock.",
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="capture files, folders or globs (default: [build].inputs, seeds/)")
    p.add_argument("-o", "--output", help="output folder (default: [build].output, out/)")
    p.add_argument("--base-url", help="absolute http(s) URL the output folder is served from")
    p.add_argument("--config", help="settings file (default: ./feeds.toml when present)")
    p.add_argument("--captured-at", type=iso_datetime,
                   help="when the captures were taken (ISO 8601), an upper bound for dates")
    p.add_argument("-j", "--jobs", type=_positive, default=default_jobs(),
                   help="worker processes for parsing and writing (default: CPUs)")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="where captures are read and parsed: the local process pool "
                   "(default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster "
                   "of --jobs workers)")
    p.add_argument("--prune", action="store_true",
                   help="drop items whose captures are no longer among the inputs")
    p.add_argument("--almanac", metavar="FILE",
                   help="dated events that pin dates (TOML; see examples/almanac.toml)")
    p.add_argument("--dates", metavar="FILE",
                   help="manual date overrides that always win (TOML; see examples/dates.toml)")
    p.add_argument("--validate", action="store_true",
                   help="validate the new output before publishing it; on an error the "
                   "previous output stays in place and the exit status is 1")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print only errors for captures new or changed since the last "
                   "build: no progress, no warnings, no summary (for cron)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when any capture is unusable, and list every one, not only "
                   "those new or changed since the last build")
    p.add_argument("--lock-timeout", type=float, default=lock.DEFAULT_TIMEOUT,
                   metavar="SECONDS",
                   help="wait this long for another build of OUT to finish, then exit "
                   f"with status {lock.EX_TEMPFAIL} (default: %(default)g)")
    p.set_defaults(func=run_build)


def date_context(args: argparse.Namespace, settings: config.Settings) -> DateContext:
    """The date context parsed arguments and ``settings`` give (``feeds.build.options``)."""
    return assemble_dates(Flags.of(args), settings)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return value


def run_build(args: argparse.Namespace) -> int:
    if args.executor == "dask":
        dask_executor.require()  # fail before any work when Dask is not installed
    elif args.scheduler:
        raise FeedsError("--scheduler needs --executor dask")
    display = progress.for_stream(sys.stderr, args.quiet)
    options = assemble(
        Flags.of(args),
        jobs=args.jobs,
        prune=args.prune,
        lock_timeout=args.lock_timeout,
        debug=args.debug,
        executor=args.executor,
        scheduler=args.scheduler,
        progress=display,
    )
    before = reported_before(options)
    try:
        if args.validate:
            from feeds.build.staging import build_validated

            result, report, published = build_validated(options)
        else:
            result, published = build(options), True
    finally:
        if display is not None:
            display.close()
    if not published:
        print(render_text(report), file=sys.stderr)
        print(f"feeds: validation failed: {report.errors} errors; "
              f"{options.output}/ left unchanged", file=sys.stderr)
        return EXIT_PROBLEMS
    new = [p for p in result.problems if (p.path, p.reason) not in before.problems]
    for problem in result.problems if args.strict else new:
        print(f"{printable(problem.path)}: error: {printable(problem.reason)}", file=sys.stderr)
    if not args.quiet:
        warnings = [w for w in result.warnings if (w.path, w.reason) not in before.warnings]
        for warning in result.warnings if args.strict else warnings:
            print(f"{printable(warning.path)}: warning: {printable(warning.reason)}",
                  file=sys.stderr)
        print(summary(result, options.output, len(result.problems) - len(new)))
    failed = result.problems if args.strict else new
    return EXIT_PROBLEMS if failed else EXIT_OK


def summary(result: BuildResult, output: Path, known: int) -> str:
    """The one line a build ends with."""
    sites = len({i.site_slug for i in result.items})
    text = f"{len(result.items)} items in {sites} site feeds written to {output}/"
    if result.problems:
        text += f"; {len(result.problems)} captures skipped"
        if known:
            text += f" ({known} reported by an earlier build; --strict lists them)"
    if result.warnings:
        text += f"; {len(result.warnings)} warnings"
    return text


@dataclass(frozen=True)
class Reported:
    problems: frozenset[tuple[str, str]] = frozenset()
    warnings: frozenset[tuple[str, str]] = frozenset()


def reported_before(options: BuildOptions) -> Reported:
    """The errors and warnings the last build into the same folder, with the same code
    and options, reported: a cron job hears about an unusable capture once."""
    last = state.peek(options.output, fingerprint(options))
    try:
        problems, warnings = last.result[1][:2] if last is not None else ([], [])
        return Reported(frozenset((p, r) for p, r in problems),
                        frozenset((p, r) for p, r in warnings))
    except (TypeError, ValueError, IndexError):
        return Reported()


COMMANDS = (_add_build, cli_explain.register, cli_validate.register, cli_serve.register)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="feeds", description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version", version=f"feeds {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in COMMANDS:
        register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    try:
        return args.func(args)
    except FeedsError as exc:
        if args.debug:
            raise
        print(f"feeds: error: {printable(str(exc))}", file=sys.stderr)
        return exc.exit_status
    except BrokenPipeError:  # the reader went away (``feeds explain | head``): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return 0
    except OSError as exc:  # e.g. the output folder is not writable or the disk is full
        if args.debug:
            raise
        print(f"feeds: error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:  # a bug: one line, the traceback only with --debug
        if args.debug:
            raise
        print(f"feeds: {printable(internal_error(exc))} "
              "(run with --debug for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


def entrypoint() -> None:
    sys.exit(main())
