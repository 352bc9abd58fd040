"""Paths given on the command line (--db, --out, a backup's PATH): missing folders created and said, or refused.

Creating missing folders saves a second run; saying so lets a typo in the path (`--out
~/digsts/d.md`) be noticed at once instead of as a file that seems to have vanished. A path
that can never work (a file where one of its folders must be, a folder where the file goes)
is refused naming what is in the way and what to do: mkdir's own words ("File exists", "Not a
directory") name neither. Such a path is bad input, so it exits with status 2, as a bad option
or a configuration error does.
"""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path

from reader.commands.say import error
from reader.config import DB_ENV, Config, resolve_db_path
from reader.config.paths import in_the_way, key_error
from reader.files import NotARegularFile, file_in_the_way, is_disk_trouble


class FolderError(Exception):
    """A path given on the command line cannot be written; the message names the path, the option and why."""


def refuse_file_in_the_way(path: Path, option: str, what: str) -> None:
    """FolderError if a file stands where one of `path`'s folders must be."""
    blocker = file_in_the_way(path.parent)
    if blocker is not None:
        raise FolderError(f"{option} {path}: {in_the_way(path, blocker, what, f'give {option} a path in a folder')}")


def make_folders_for(path: Path, option: str, what: str = "the file") -> None:
    """Create the missing folders above `path`, saying which on stderr; FolderError if that cannot be done."""
    refuse_file_in_the_way(path, option, what)
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
    error(f"created {created} for {option} {path}")


def make_db_folders(args: argparse.Namespace, config: Config | None = None) -> None:
    """For --db (or $READER_DB), the database a command is about to create: its missing folders.

    A path that cannot be a database is refused first as every command refuses it (resolve_db_path),
    and so is a new database in a folder that cannot be written, from --db, $READER_DB or (given
    `config`) [storage] path with its line: SQLite would only say "unable to open database file",
    and that as a failure of the store rather than of the path given.
    """
    if getattr(args, "db", None) or os.environ.get(DB_ENV):
        resolve_db_path(getattr(args, "db", None), None)
    if getattr(args, "db", None):
        path, option = Path(args.db), "--db"
    elif os.environ.get(DB_ENV):
        path, option = Path(os.environ[DB_ENV]), f"${DB_ENV}"
    else:
        if config is not None and config.storage_path is not None:
            _refuse_unwritable_storage(config, config.storage_path)
        return
    make_folders_for(path, option, "the database")
    if not path.exists():
        refuse_unwritable_folder(path, option, "the database")


def unwritable_folder(path: Path) -> Path | None:
    """The folder that would have to be written to create `path` (its nearest existing one), if this user cannot."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK) else None


def refuse_unwritable_folder(path: Path, option: str, what: str) -> None:
    """FolderError if `path` (a file to be created) is in a folder this user cannot create files in."""
    folder = unwritable_folder(path)
    if folder is not None:
        raise FolderError(f"{option} {_not_writable(path, what, folder)}, or give {option} a path in a folder you "
                          "can write")


def _refuse_unwritable_storage(config: Config, path: Path) -> None:
    """ConfigError, with its line, if [storage] path names a new database where no file can be created."""
    folder = None if path.exists() else unwritable_folder(path)
    if folder is not None:
        raise key_error(config, "storage", "path", f"{_not_writable(path, 'the database', folder)}, or set "
                                                   "[storage] path to a file in a folder you can write")


def _not_writable(path: Path, what: str, folder: Path) -> str:
    """Why `what` cannot be created at `path`, and the first thing to do about it (the caller adds the other)."""
    return (f"{path}: {what} cannot be created there, because the folder {folder} is not writable for you (or is on "
            f"a read-only disk); make it writable (chmod u+w {folder})")


def cannot_write(path: Path, exc: OSError, option: str, example: str) -> str:
    """Why `path` (from `option`) could not be written, and what to do, for the errors a user can fix."""
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        return f"{path} is a folder; give {option} a file path such as {path / example}"
    if isinstance(exc, NotARegularFile):
        return f"{path} {exc.strerror}, so it was left as it is; give {option} the path of a file"
    blocker = file_in_the_way(path.parent)
    if blocker is not None:
        return in_the_way(path, blocker, "the file", f"give {option} a path in a folder")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"cannot write {path}: {exc.strerror}; make {path.parent} writable for you, "
                f"or give {option} a path in a folder you can write")
    if is_disk_trouble(exc):
        return (f"cannot write {path}: {exc.strerror}; free some space or check the disk, "
                f"or give {option} a path on another disk")
    return f"cannot write {path}: {exc.strerror or exc}; give {option} another path"
