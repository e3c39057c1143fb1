"""``feeds build --validate``: build into a staging copy, validate it, then publish.

The published folder only changes when the new output passes validation, so a build that
would write an invalid feed leaves what readers already have untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from feeds import lock
from feeds.atomic import write_bytes
from feeds.build import BuildOptions, build
from feeds.build.incremental import state
from feeds.model import BuildResult
from feeds.validate import Report, validate_paths


def build_validated(options: BuildOptions) -> tuple[BuildResult, Report, bool]:
    """Return the build result, the validation report, and whether output was published."""
    out = options.output
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        lock.hold(out, options.lock_timeout),
        tempfile.TemporaryDirectory(prefix=".feeds-staging-", dir=out.parent) as tmp,
    ):
        stage = Path(tmp) / "out"
        # Start from what is published, so unchanged files (and build state) carry over.
        shutil.copytree(out, stage, symlinks=False, ignore=shutil.ignore_patterns(".*"))
        _carry_state(out, stage)
        result = build(replace(options, output=stage))
        report = validate_paths([stage], base_url=options.base_url, strict=True)
        if not report.ok:
            # The staging folder goes now, and the article store the entries point into.
            return replace(result, store=None), _relabel(report, stage, out), False
        for path in sorted(stage.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                write_bytes(out / path.relative_to(stage), path.read_bytes())
        # The staging build's state and article store replace the published folder's: the
        # entries' texts are read from it, and the next build finds the articles parsed (its
        # files' mtimes differ from the copies', so pages are rendered again, not trusted).
        shutil.rmtree(out / state.STORE, ignore_errors=True)
        if (stage / state.STORE).is_dir():
            (stage / state.STORE).rename(out / state.STORE)
        state.adopt(stage, out)
        result = replace(result, store=out / state.STORE)
    written = tuple(str(out / Path(p).relative_to(stage)) for p in result.written)
    return replace(result, written=written), _relabel(report, stage, out), True


def _carry_state(out: Path, stage: Path) -> None:
    """The build state and the article store go into the staging folder too: the record
    of what was published (ids, order, archive pages, dates) must outlive every build, and
    the staging build stays incremental. Packs and state parts are never changed once
    written, so they are hard-linked, not copied, where the filesystem allows."""
    if (out / state.FILE).is_file():
        shutil.copy2(out / state.FILE, stage / state.FILE)
    for folder in (state.STORE, state.PARTS):
        if (out / folder).is_dir():
            shutil.copytree(out / folder, stage / folder, copy_function=_link_or_copy,
                            ignore=shutil.ignore_patterns(".*"))


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _relabel(report: Report, stage: Path, out: Path) -> Report:
    """Report problems under the published path the user knows, not the staging folder."""
    files = tuple(
        replace(f, path=f.path.replace(str(stage), str(out), 1)) for f in report.files
    )
    return replace(report, files=files)
