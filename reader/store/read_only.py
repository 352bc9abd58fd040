"""Opening a database only to read it: one this process cannot write, or one a command that only reads opens.

A WAL database (ours always is) needs a -shm file next to it even to be read. SQLite opens
it with `mode=ro` when the -shm exists or can be created; in a folder we cannot write, with
no -shm yet, it refuses. Then `immutable=1` (no -shm, no locks) reads the file as it is, which
is safe only if nothing can change it while we read: with no -wal file and a folder no one can
write (no w bit at all, or a read-only filesystem), no writer can exist, because a WAL writer
must first create the -wal there. Where someone else could still write the folder, reading
without locks could meet a checkpoint half done, so the open is refused with what to do.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from reader.files import NotARegularFile, open_regular_file
from reader.store.errors import SQLITE_CANTOPEN, SQLITE_READONLY, StoreReadOnlyError
from reader.store.schema import StoreError


def read_only_reason(path: Path) -> str | None:
    """Why this process cannot write the database file `path` or the files SQLite keeps beside it; None if it can."""
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):  # SQLite creates its -wal, -shm and -journal files there
        return f"its folder {path.parent} is not writable"
    return None


def _nobody_can_write(folder: Path) -> bool:
    try:
        return os.stat(folder).st_mode & 0o222 == 0 or bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection that only reads `path`: mode=ro, or immutable=1 where nothing can change the file (see above)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # the first read is when the -shm is needed
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF not in (SQLITE_READONLY, SQLITE_CANTOPEN):
            raise
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if wal.exists() or shm.exists() or not _nobody_can_write(path.parent):
        reason = (f"its write-ahead log {wal.name} can be read only with a {shm.name} file" if wal.exists() else
                  f"others can write to its folder, so reading it safely needs a {shm.name} file")
        raise StoreReadOnlyError(
            f"{path}: cannot read the database: {reason}, and you cannot create files in {path.parent}; make the "
            "folder writable for you, or copy the database (and any -wal file beside it) to a folder you can "
            "write and pass that --db") from None
    return sqlite3.connect(f"{uri}&immutable=1", uri=True, timeout=timeout, isolation_level=None,
                           check_same_thread=False)


SQLITE_HEADER = b"SQLite format 3\x00"


class NoDatabaseError(StoreError):
    """A command that only reads was pointed at a database that does not exist yet (no file, or an empty one)."""


def check_database_file(path: Path) -> None:
    """Refuse, without creating or changing anything, a path that holds no database a reading command can read.

    SQLite would turn a missing or empty file into a new database (an empty file is one it has
    not written yet), and a command that only reads must leave the file as it found it; a file
    that is something else (feeds.toml given as --db) is named as such rather than "file is not a database".
    """
    try:
        with open_regular_file(path) as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise NoDatabaseError(f"{path}: no database yet (no such file); `reader fetch` creates and fills it, "
                              "or pass the --db that `reader fetch` fills") from None
    except IsADirectoryError:
        raise StoreError(f"{path}: is a folder, not a database file; pass the --db file that `reader fetch` "
                         "fills") from None
    except NotARegularFile:
        raise StoreError(f"{path}: not a database file (a device, pipe or socket); pass the --db that "
                         "`reader fetch` fills") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the database ({exc.strerror or exc}); make it readable "
                         "(chmod u+r), or pass another --db") from None
    if not head:
        raise NoDatabaseError(f"{path}: no database yet (the file is empty); `reader fetch` fills it, or pass the "
                              "--db that `reader fetch` fills; the file is left as it is")
    if head != SQLITE_HEADER:
        raise StoreError(f"{path}: not an SQLite database (it begins {head.decode('latin-1')!r}); pass the --db that "
                         "`reader fetch` fills; the file is left as it is")


def connect_to_read(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection that will only read an existing database, creating and changing nothing.

    A file we may write is opened mode=rw (never created; no -shm or -wal is left behind, as a
    writer's last close removes them), but nothing is set up, migrated or switched to WAL: a
    backup copy in rollback-journal mode stays so. Any other file goes through connect_read_only.
    """
    check_database_file(path)
    if read_only_reason(path) is not None:
        return connect_read_only(path, timeout)
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=timeout, isolation_level=None,
                           check_same_thread=False)
