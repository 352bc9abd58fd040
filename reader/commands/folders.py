"""Paths given on the command line (--db, --out, a backup's PATH): missing folders created and said, or refused.

Creating missing folders saves a second run; saying so lets a typo in the path (`--out
~/digsts/d.md`) be noticed at once instead of as a file that seems to have vanished. A path
that can never work (a file where one of its folders must be, a folder where the file goes)
is refused naming what is in the way and what to do: mkdir's own words ("File exists", "Not a
directory") name neither. Such a path is bad input, so it exits with status 2, as a bad option
or a configuration error does; so is an http(s) address that no request could be made to (unfetchable).
"""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path
from typing import NoReturn

from reader.commands.say import note
from reader.config import DB_ENV, Config, resolve_db_path
from reader.config.paths import DEFAULT_DB, STORAGE_PATH, GivenPathError, db_location, in_the_way, key_error
from reader.files import NotARegularFile, file_in_the_way, is_disk_trouble
from reader.text.links import shown_url


class FolderError(GivenPathError):
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
    note(f"created {created} for {option} {path}")


def check_db_before_work(args: argparse.Namespace, config: Config, *, writes: bool, instead: str = "") -> Path:
    """The database a command will open, from wherever it comes (--db, $READER_DB, [storage] path, the default),
    checked before any work: a path that can never work is refused as bad input (FolderError, or ConfigError with
    its line for [storage] path), since SQLite would only say "unable to open database file", and as a failure
    of the store, after a refresh's work.

    A new database's missing folders are made for --db and $READER_DB (said on stderr, so a typo shows), and
    refused where no file can be created. With `writes` (fetch, a digest that refreshes first), an existing
    database this user cannot write, or whose folder they cannot write (SQLite creates its -wal and -shm files
    there), is refused too, `instead` offering what else to do; the reader opens one read-only instead.
    """
    path, given = db_location(getattr(args, "db", None), config)
    resolve_db_path(getattr(args, "db", None), config)  # a folder, or a file where a folder must be
    if path.exists():
        if writes:
            _refuse_read_only(config, path, given, instead)
        return path
    if _leads_nowhere(path):
        _refuse_db(config, path, given, f"it is a symbolic link to {path.readlink()}, which leads to no folder (or "
                                        "round in a loop); point it at the database", in_folder=False)
    if given in ("--db", f"${DB_ENV}"):
        make_folders_for(path, given, "the database")
    folder = unwritable_folder(path)
    if folder is not None:
        _refuse_db(config, path, given, _not_writable(what="the database", folder=folder), in_folder=True)
    return path


def _leads_nowhere(path: Path) -> bool:
    """Whether `path` is a symbolic link no database can be created through: it loops, or its target's folder is
    missing (SQLite would only say "unable to open database file")."""
    if not path.is_symlink():
        return False
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return True
    return not Path(os.path.realpath(path)).parent.is_dir()


def _refuse_read_only(config: Config, path: Path, given: str, instead: str) -> None:
    """Refuse (see _refuse_db) an existing database this user cannot write, or whose folder they cannot write."""
    from reader.store.read_only import read_only_reason  # the store's own test, so both say the same

    reason = read_only_reason(path)
    if reason is None:
        return
    if reason.startswith("the file"):
        why, fix = f"{reason} for you", f"make it writable (chmod u+w {path})"
    else:  # SQLite writes a -wal and a -shm file beside the database, even to read it as a writer
        why, fix = f"{reason} for you (SQLite keeps its -wal and -shm files there)", \
            f"make the folder writable (chmod u+w {path.parent})"
    _refuse_db(config, path, given, f"this command writes to the database, and {why}; {fix}{instead}",
               in_folder=False)


def _refuse_db(config: Config, path: Path, given: str, why: str, *, in_folder: bool) -> NoReturn:
    """FolderError naming the database's path and where it came from, or for [storage] path a ConfigError with its
    line; `why` ends with the first thing to do, and this adds the other: another path (`in_folder` you can write)."""
    file, path_for = ("a file", "a path") if in_folder else ("another file", "another path")
    where = " in a folder you can write" if in_folder else ""
    if given == STORAGE_PATH:
        raise key_error(config, "storage", "path", f"{path}: {why}, or set [storage] path to {file}{where}")
    if given == DEFAULT_DB:
        raise FolderError(f"{given} {path}: {why}, or pass --db with {file}{where} (or set ${DB_ENV}, or [storage] "
                          f"path in {config.path})")
    raise FolderError(f"{given} {path}: {why}, or give {given} {path_for}{where}")


def unfetchable(url: str) -> str | None:
    """Why an http(s) address given on the command line could never be fetched (no host, a broken IPv6 bracket), or
    None: that is what was given, status 2, not the server's failing or the network's (status 1)."""
    from reader.fetch.connections import InvalidAddress, web_address

    try:
        web_address(url)
    except InvalidAddress as exc:
        return f"{shown_url(url)}: not an address that can be fetched ({exc}); give a whole http(s) URL, such as " \
               "https://example.org/news"
    return None


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
        raise FolderError(f"{option} {path}: {_not_writable(what, folder)}, or give {option} a path in a folder you "
                          "can write")


def _not_writable(what: str, folder: Path) -> str:
    """Why `what` cannot be created in `folder`, and the first thing to do about it (the caller adds the other)."""
    return (f"{what} cannot be created there, because the folder {folder} is not writable for you (or is on "
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
    if exc.errno == errno.EACCES and path.is_file() and not os.access(path, os.W_OK):
        return (f"{path} is read-only for you, so it was left as it is; make it writable (chmod u+w {path}), "
                f"or give {option} another path")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        folder = path.parent if path.parent.name else path.absolute().parent  # never "make . writable"
        return (f"cannot write {path}: {exc.strerror}; make the folder {folder} writable for you (chmod u+w {folder}), "
                f"or give {option} a path in a folder you can write")
    if is_disk_trouble(exc):
        return (f"cannot write {path}: {exc.strerror}; free some space or check the disk, "
                f"or give {option} a path on another disk")
    return f"cannot write {path}: {exc.strerror or exc}; give {option} another path"
