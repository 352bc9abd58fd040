"""`reader` / `reader tui`: open the Textual reader (the only command that imports Textual)."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from reader.fetch.pool import start_parse_helpers
    from reader.tui.app import build_app

    app = build_app(args.config, args.db)
    start_parse_helpers()  # before Textual captures stderr
    try:
        app.run()
    finally:
        app.reader.close()
    return 0
