"""What a build's output depends on besides its inputs: the code and the options (the
fingerprint that decides whether the last build's state can be reused), and the build time
every feed states, which never comes from the clock."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from feeds import __version__
from feeds.build.incremental import state
from feeds.build.options import BuildOptions
from feeds.model import Entry
from feeds.publish import ledger


def build_time(items: Sequence[Entry]) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set, else the newest item's date or change: never the
    clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    if items:
        return ledger.instant(max(i.modified for i in items))
    return datetime(2000, 1, 1, tzinfo=UTC)


def fingerprint(options: BuildOptions) -> str:
    """Everything besides the inputs that output depends on: the code and the options."""
    skip = {"inputs", "output", "jobs", "prune", "lock_timeout", "debug", "executor", "scheduler",
            "progress"}
    opts = [repr(getattr(options, f.name)) for f in fields(options) if f.name not in skip]
    return state.digest(code_digest(), opts, os.environ.get("SOURCE_DATE_EPOCH", ""))


@cache
def code_digest() -> str:
    root = Path(__file__).resolve().parent.parent  # the whole feeds package
    h = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()
