"""`reader fetch`: refresh every enabled feed, with a progress bar on a terminal and a one-line summary."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from reader.core import make_reader
from reader.fetch.refresh import ProgressCallback, RefreshSummary, refresh
from reader.text.sanitize import single_line


@contextmanager
def progress_bar(enabled: bool) -> Iterator[ProgressCallback | None]:
    """A rich progress bar on stderr when it is a terminal; nothing at all otherwise."""
    if not enabled:
        yield None
        return
    from rich.markup import escape
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("fetching", total=None)

        def update(done: int, total: int, name: str) -> None:
            # Rich parses a description as markup: a feed named "[/]" would raise, "[link=...]" would link.
            shown = escape(single_line(name, 30))
            bar.update(task, completed=done, total=total, description=f"fetching {shown}")

        yield update


def print_summary(summary: RefreshSummary, out: TextIO = sys.stdout) -> None:
    """Failures and warnings on stderr, then the one-line summary on `out`."""
    for name, reason in summary.failures:  # names from feeds.toml, reasons quoting servers: sanitised once more
        print(f"  failed: {single_line(name)}: {single_line(reason)}", file=sys.stderr)
    for name, reason in summary.warnings:
        print(f"  warning: {single_line(name)}: {single_line(reason)}", file=sys.stderr)
    print(summary.line(), file=out)


def run(args: argparse.Namespace) -> int:
    reader = make_reader(args.config, args.db)
    try:
        with progress_bar(sys.stderr.isatty()) as progress:
            summary = refresh(reader.store, reader.config, progress=progress, force=args.force)
        print_summary(summary)
    finally:
        reader.close()
    return 0
