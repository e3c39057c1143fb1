"""Command line for feeds: turns captured news pages into feeds.

Turns arguments into options, calls the library,
prints, and returns an exit code. No work happens here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from feeds import (
    __version__,
    cli_explain,
    cli_serve,
    cli_validate,
    config,
    dask_executor,
    lock,
)
from feeds.build import BuildOptions, build, internal_error
from feeds.dates import (
    DateContext,
    context_from_env,
    load_almanac,
    load_overrides,
    parse_instant,
)
from feeds.errors import FeedsError
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
        "RSS 2.0 and Atom 1.0 feeds per site, article pages and an OPML index.",
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="capture files, folders or globs (default: [build].inputs, seeds/)")
    p.add_argument("-o", "--output", help="output folder (default: [build].output, out/)")
    p.add_argument("--base-url", help="URL the output folder is served from")
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
    p.add_argument("--lock-timeout", type=float, default=lock.DEFAULT_TIMEOUT,
                   metavar="SECONDS",
                   help="wait this long for another build of OUT to finish, then exit "
                   f"with status {lock.EX_TEMPFAIL} (default: %(default)g)")
    p.set_defaults(func=run_build)


def date_context(args: argparse.Namespace, settings: config.Settings) -> DateContext:
    """Environment first (reproducible builds), then feeds.toml, then flags."""
    ctx = context_from_env()
    almanac = args.almanac or settings.almanac
    overrides = args.dates or settings.dates
    if almanac:
        ctx = replace(ctx, almanac=load_almanac(almanac))
    if overrides:
        ctx = replace(ctx, overrides=load_overrides(overrides))
    if args.captured_at:
        ctx = replace(ctx, captured_at=args.captured_at)
    try:
        earliest = date.fromisoformat(settings.earliest_date)
    except ValueError as exc:
        raise FeedsError(f"[build].earliest_date: not a date: {settings.earliest_date!r} "
                         "(use 1990-01-01)") from exc
    return replace(ctx, earliest=earliest)


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
    settings = config.load(args.config)
    base_url = args.base_url or settings.base_url
    options = BuildOptions(
        inputs=tuple(args.inputs) or settings.inputs,
        output=Path(args.output or settings.output),
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        language=settings.language,
        title=settings.title,
        max_bytes=settings.max_bytes,
        captured_at=args.captured_at,
        max_items=settings.max_items,
        jobs=args.jobs,
        prune=args.prune,
        lock_timeout=args.lock_timeout,
        dates=date_context(args, settings),
        link_to_original=settings.link_to_original,
        debug=args.debug,
        executor=args.executor,
        scheduler=args.scheduler,
    )
    if args.validate:
        from feeds.staging import build_validated

        result, report, published = build_validated(options)
        if not published:
            print(render_text(report), file=sys.stderr)
            print(f"feeds: validation failed: {report.errors} errors; "
                  f"{options.output}/ left unchanged", file=sys.stderr)
            return EXIT_PROBLEMS
    else:
        result = build(options)
    for problem in result.problems:
        print(f"{printable(problem.path)}: error: {printable(problem.reason)}", file=sys.stderr)
    for warning in result.warnings:
        print(f"{printable(warning.path)}: warning: {printable(warning.reason)}", file=sys.stderr)
    sites = len({i.site_slug for i in result.items})
    print(f"{len(result.items)} items in {sites} site feeds written to {options.output}/"
          + (f"; {len(result.problems)} captures skipped" if result.problems else "")
          + (f"; {len(result.warnings)} warnings" if result.warnings else ""))
    return EXIT_PROBLEMS if result.problems else EXIT_OK


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
