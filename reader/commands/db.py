"""`reader db check|backup PATH`: verify the store, or copy it safely, e.g. before repairing a damaged one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.folders import FolderError, refuse_file_in_the_way, refuse_unwritable_folder
from reader.commands.say import EXIT_FAILURE, result, shown
from reader.config import find_config_path, load_config, resolve_db_path
from reader.store.errors import RECOVER_ADVICE
from reader.store.maintenance import CheckReport, backup_store, check_store
from reader.text.sanitize import single_line
from reader.wording import count_of


def _db_path(args: argparse.Namespace) -> Path:
    """--db or $READER_DB without needing feeds.toml; otherwise its [storage].path, as every command resolves it."""
    config_path = find_config_path(args.config)
    config = load_config(config_path) if not args.db and config_path.exists() else None
    return resolve_db_path(args.db, config)


def _report(where: Path, report: CheckReport) -> int:
    for note in report.notes:
        result(f"note: {note}")
    if report.problems:
        for problem in report.problems:
            print(single_line(f"{where}: {problem}", None), file=sys.stderr)
        print(f"{shown(where)}: damaged. {RECOVER_ADVICE.format(db=shown(where))}", file=sys.stderr)
        return EXIT_FAILURE
    checked = "file and search index consistent" if report.index_checked else "file consistent"
    result(f"{where}: ok ({count_of(report.articles, 'article')}; {checked})")
    return 0


def _check_backup_target(dest: Path) -> None:
    """FolderError (bad input, status 2) for a PATH no backup can be written to, naming what is in the way."""
    refuse_file_in_the_way(dest, "db backup", "the backup")
    if dest.is_dir():
        raise FolderError(f"db backup {dest}: {dest} is a folder; give a new file name for the backup, such as "
                          f"{dest / 'reader-backup.db'}")
    if dest.exists() or dest.is_symlink():
        raise FolderError(f"db backup {dest}: {dest} already exists; give a new file name for the backup "
                          "(a backup never replaces a file)")
    if not dest.parent.is_dir():
        raise FolderError(f"db backup {dest}: the folder {dest.parent} does not exist; create it, or give a path "
                          "in an existing folder")
    refuse_unwritable_folder(dest, "db backup", "the backup")


def run(args: argparse.Namespace) -> int:
    db = _db_path(args)
    if args.action == "check":
        return _report(db, check_store(db))
    dest = Path(args.path)
    _check_backup_target(dest)
    report = backup_store(db, dest)
    result(f"backed up {db} to {dest}")
    return _report(dest, report)
