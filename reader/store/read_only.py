"""Opening a database this process cannot write: read it through SQLite's read-only modes, never write to it.

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

from reader.store.errors import SQLITE_CANTOPEN, SQLITE_READONLY, StoreReadOnlyError


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
