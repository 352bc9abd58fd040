"""What a failing SQLite operation means for the user: a full disk, a read-only or damaged file.

sqlite3 raises the same OperationalError/DatabaseError for a full disk, a read-only file and a
corrupt page; each needs a different next step, so the store turns them into one-line StoreErrors
that say what happened and what to do, and the CLI prints that line instead of a traceback.
"""

from __future__ import annotations

import sqlite3

from reader.store.schema import StoreError

# Primary result codes (https://sqlite.org/rescode.html); extended codes keep these in their low byte.
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26


class StoreFullError(StoreError):
    """The disk (or the database's page limit) is full; what was committed before is kept."""


class StoreReadOnlyError(StoreError):
    """The database file or its folder cannot be written."""


class StoreCorruptError(StoreError):
    """The database file is damaged; the store refuses every further write to it."""


def is_store_wide(exc: BaseException) -> bool:
    """A full disk, a read-only, locked or corrupt database, or no memory: every feed would fail alike.

    A refresh stops on these (reader/fetch/containment.py), and a transaction writing several
    feeds ends on them rather than rolling back only the feed that met one.
    """
    return isinstance(exc, StoreError | MemoryError) or type(exc) in (sqlite3.OperationalError, sqlite3.DatabaseError)


# `reader db backup` copies a file page for page, damage included (try10): only SQLite's own recovery reads round it.
RECOVER_ADVICE = ("Recover what can be read with the sqlite3 program: `sqlite3 {db} .recover | sqlite3 NEW.db`, "
                  "then use --db NEW.db; or restore a backup (`reader db backup` would copy the damage too)")


def damaged_message(path: str, detail: str) -> str:
    return (f"{path}: the database is damaged ({detail}); nothing more will be written to it. "
            f"Run `reader db check` for details. {RECOVER_ADVICE.format(db=path)}")


def translate(exc: sqlite3.Error, path: str) -> StoreError | None:
    """The StoreError a user should see for `exc`, or None for an error that is a bug, not the disk's fault."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == SQLITE_FULL:
        return StoreFullError(f"{path}: the disk is full ({exc}); everything stored before is kept. "
                              "Free some space, then run the command again")
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return StoreReadOnlyError(f"{path}: the database is read-only ({exc}); make the file and its folder "
                                  "writable (chmod u+w), or pass another --db")
    if code == SQLITE_CORRUPT:
        return StoreCorruptError(damaged_message(path, str(exc)))
    if code == SQLITE_NOTADB:
        return StoreCorruptError(f"{path}: cannot open the database: the file is not an SQLite database ({exc}); "
                                 "pass the right --db, or restore a backup if it was one")
    if code == SQLITE_CANTOPEN:
        return StoreError(f"{path}: cannot open the database ({exc}); check that its folder exists and is "
                          "writable, or pass another --db")
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(f"{path}: another program kept the database locked ({exc}); try again in a moment")
    if code == SQLITE_IOERR:
        return StoreError(f"{path}: the disk reported an error ({exc}); check the disk, then run `reader db check`")
    if code == SQLITE_NOMEM:
        return StoreError(f"{path}: SQLite ran out of memory ({exc}); close other programs and try again")
    return None
