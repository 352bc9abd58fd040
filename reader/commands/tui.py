"""`reader` / `reader tui`: open the Textual reader (the only command that imports Textual).

It refuses to start where a full-screen app cannot work (no terminal on stdin or stdout, or
TERM=dumb) instead of drawing garbage or hanging, and an unexpected error exits non-zero with
the terminal restored and one line naming the crash log.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

EXIT_CRASH, EXIT_NOT_A_TERMINAL = 1, 2


def terminal_refusal(stdin: TextIO, stdout: TextIO, term: str | None) -> str | None:
    """Why the reader cannot run here, or None when stdin and stdout are a capable terminal."""
    if not (stdin.isatty() and stdout.isatty()):
        which = "standard input" if not stdin.isatty() else "standard output"
        return (f"the reader needs a terminal, but {which} is not one; "
                "for scripts use `reader fetch`, `reader show` or `reader digest`")
    if term == "dumb":
        return ("the reader needs a full-screen terminal, but TERM=dumb; "
                "set TERM (for example xterm-256color), or use `reader fetch`, `reader show` or `reader digest`")
    return None


def run(args: argparse.Namespace) -> int:
    from reader.commands.folders import check_db_before_work
    from reader.config import load_found_config

    config = load_found_config(args.config)  # a broken feeds.toml is the first thing to hear about
    refusal = terminal_refusal(sys.stdin, sys.stdout, os.environ.get("TERM"))
    if refusal is not None:
        print(f"reader: {refusal}", file=sys.stderr)
        return EXIT_NOT_A_TERMINAL
    from reader.crash_log import write_crash_log
    from reader.tui.app import build_app

    db = check_db_before_work(args, config, writes=False)  # one it cannot write is opened read-only, and says so
    app = build_app(config, db)  # feeds.toml as read above: it is parsed once
    try:
        app.run()
    except Exception as exc:  # raised outside Textual's own handling (driver start-up, say): same one line
        app.crashed, app.crash_log = True, write_crash_log(exc)
    finally:
        app.reader.close()
    if app.crashed:
        where = f"the details are in {app.crash_log}" if app.crash_log else "the details are above"
        from reader.commands.say import error

        error(f"stopped by an unexpected error; {where}")
        return EXIT_CRASH
    return app.return_code or 0
