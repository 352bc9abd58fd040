"""Missing folders of a path given on the command line (--db, --out): created, and said on stderr.

Creating them saves a second run; saying so lets a typo in the path (`--out ~/digsts/d.md`) be
noticed at once instead of as a file that seems to have vanished.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.config import DB_ENV
from reader.text.sanitize import single_line


class FolderError(Exception):
    """A folder a path needs could not be created; the message names the path, the option and why."""


def make_folders_for(path: Path, option: str) -> None:
    """Create the missing folders above `path`, saying which on stderr; FolderError if that fails."""
    missing: list[Path] = []
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    if not missing:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FolderError(f"cannot create the folder {missing[-1]} for {option} {path}: {exc.strerror or exc}; "
                          f"create it, or give {option} a path in an existing folder") from None
    created = f"the folder {path.parent}" if len(missing) == 1 else (
        f"the folders {missing[-1]} … {path.parent}" if len(missing) > 2 else
        f"the folders {missing[-1]} and {path.parent}")
    print(f"reader: created {single_line(created)} for {option} {single_line(str(path))}", file=sys.stderr)


def make_db_folders(args: argparse.Namespace) -> None:
    """For --db (or $READER_DB), the database a command is about to create: its missing folders."""
    if getattr(args, "db", None):
        make_folders_for(Path(args.db), "--db")
    elif os.environ.get(DB_ENV):
        make_folders_for(Path(os.environ[DB_ENV]), f"${DB_ENV}")
