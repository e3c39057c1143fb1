"""Stage 5, the front of the output: the OPML index and the front page, written last so a
reader never meets a feed whose items are not there yet; files the last build wrote that
this one did not are removed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from feeds.build.identity import build_time
from feeds.build.incremental.state import State
from feeds.build.options import BuildOptions
from feeds.model import Entry
from feeds.publish import layout, opml, render
from feeds.publish.outdir import write_many_inside


def write_index(
    items: Sequence[Entry], refs: Sequence[opml.FeedRef], options: BuildOptions
) -> list[str]:
    path = options.output / layout.OPML
    html_path = options.output / layout.INDEX
    page = render.index_page(options.title, refs, items[:50], options.language,
                             layout.Urls(options.base_url).opml)
    write_many_inside(options.output, [
        (path, opml.opml_bytes(options.title, refs, build_time(items))),
        (html_path, page.encode("utf-8"))])
    return [str(html_path), str(path)]


def remove_stale(out: Path, prior: State, new: State) -> None:
    """Files the last build wrote that this one did not (a renamed or pruned item)."""
    for rel in prior.outputs.keys() - new.outputs.keys():
        (out / rel).unlink(missing_ok=True)
