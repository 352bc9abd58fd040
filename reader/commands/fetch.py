"""`reader fetch`: refresh every enabled feed, with a progress bar on a terminal and a one-line summary."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from reader.commands.folders import check_db_before_work
from reader.commands.progress import progress_bar
from reader.commands.say import note
from reader.config import load_found_config, no_feeds_hint
from reader.core import make_reader
from reader.fetch.refresh import RefreshSummary, refresh
from reader.text.sanitize import single_line


def print_summary(summary: RefreshSummary, out: TextIO | None = None) -> None:
    """The one-line summary on `out` (stdout), each failed feed below it as `name: reason`, warnings on stderr.

    Failures follow the line they are counted in, on the same stream, so they read in order.
    """
    out = out or sys.stdout
    print(summary.line(), file=out)
    for name, reason in summary.failures:  # names from feeds.toml, reasons quoting servers: sanitised once more
        print(f"  {single_line(name)}: {single_line(reason)}", file=out)
    for name, reason in summary.warnings:
        print(f"  warning: {single_line(name)}: {single_line(reason)}", file=sys.stderr)


def say_waiting(pid: str) -> None:
    note(f"a refresh is already running (pid {pid}); waiting for it to finish")  # the pid is read from a file


def run(args: argparse.Namespace) -> int:
    config = load_found_config(args.config)
    db = check_db_before_work(args, config, writes=True)
    reader = make_reader(config, db)
    try:
        if not reader.config.feeds:
            note(no_feeds_hint(reader.config))
        with progress_bar(sys.stderr.isatty()) as progress:
            summary = refresh(reader.store, reader.config, progress=progress, force=args.force, wait=args.wait,
                              on_wait=say_waiting)
        print_summary(summary)
    finally:
        reader.close()
    return 0  # a run that completed succeeded, even if some feeds failed: they are listed
