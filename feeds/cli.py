"""Command line for feeds: turns captured news pages into feeds.

Turns arguments into options, calls the library,
prints, and returns an exit code. No work happens here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from feeds import __version__, config, dask_executor
from feeds.build import BuildOptions, build
from feeds.errors import FeedsError
from feeds.pool import default_jobs

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def iso_datetime(text: str) -> datetime:
    """``--captured-at`` values: ISO 8601, UTC when no offset is given."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date: {text!r}") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


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
    p.set_defaults(func=run_build)


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
        executor=args.executor,
        scheduler=args.scheduler,
    )
    result = build(options)
    for problem in result.problems:
        print(f"{problem.path}: error: {problem.reason}", file=sys.stderr)
    sites = len({i.site_slug for i in result.items})
    print(f"{len(result.items)} items in {sites} site feeds written to {options.output}/"
          + (f"; {len(result.problems)} captures skipped" if result.problems else ""))
    return EXIT_PROBLEMS if result.problems else EXIT_OK


COMMANDS = (_add_build,)


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
        print(f"feeds: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def entrypoint() -> None:
    sys.exit(main())
