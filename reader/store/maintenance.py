"""`reader db check` and `reader db backup`: a way out when the store is damaged, full or doubted.

Both open the file directly, without the Store's migration and without creating it, so they
work on a store the Store itself refuses to write to. The backup reads through a read-only
connection: a damaged file is copied, never changed.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from reader.store.errors import StoreCorruptError, translate
from reader.store.read_only import check_database_file, connect_read_only, read_only_reason
from reader.store.schema import SCHEMA_VERSION, StoreError

# FTS5's own consistency check; with rank 1 it also compares the index against the articles table.
_FTS_CHECK = "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"


@dataclass
class CheckReport:
    """What `reader db check` found: problems (empty when the store is sound) and notes."""

    articles: int = 0
    index_checked: bool = False
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _connect(path: Path, writable: bool) -> sqlite3.Connection:
    check_database_file(path)  # a missing, empty or non-SQLite file is refused as it is, never made a database
    try:
        if not writable:  # a folder we cannot write needs more than mode=ro: see read_only.py
            return connect_read_only(path, 5.0)
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise translate(exc, str(path)) or StoreError(f"{path}: cannot open ({exc})") from None


def _nothing_to_write_back(path: Path) -> bool:
    """Whether a writable connection's close would write nothing to `path`: no -wal frames, no hot -journal.

    The last connection to close a WAL database checkpoints the -wal into it and removes the -wal
    and -shm; one opened mode=ro cannot, and left them beside the file. Where there is nothing to
    checkpoint or roll back, a writable connection (made query_only) reads the file unchanged and
    tidies up as it closes; elsewhere a damaged file must not be written even so, and read-only is kept.
    """
    if read_only_reason(path) is not None:
        return False
    for beside in (Path(f"{path}-wal"), Path(f"{path}-journal")):
        try:
            if beside.stat().st_size:
                return False
        except FileNotFoundError:
            continue
        except OSError:
            return False
    return True


def _drop_beside(partial: Path, dest: Path | None) -> None:
    """Remove the -wal and -shm SQLite may leave beside our working copy; a -wal with frames moves with it to `dest`.

    The copy starts in WAL mode (the source's header is copied) until it is switched to DELETE.
    """
    for suffix in ("-wal", "-shm"):
        beside = Path(f"{partial}{suffix}")
        if not beside.exists():
            continue
        if suffix == "-wal" and dest is not None and beside.stat().st_size:
            os.replace(beside, f"{dest}{suffix}")  # committed pages not checkpointed: the copy needs them
        else:
            beside.unlink()


def check_store(path: Path) -> CheckReport:
    """SQLite's integrity_check, then (if the file is sound) the search index against the articles.

    Where a writable connection's close would checkpoint a -wal into the file, the file is
    checked read-only first: a damaged file is never written, and a sound one is then opened
    writable for FTS5's check.
    """
    report = CheckReport()
    read_only = read_only_reason(path) if path.is_file() else None
    conn = _connect(path, read_only is None and _nothing_to_write_back(path))
    try:
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
        except sqlite3.DatabaseError as exc:
            # Only damage is a finding; a locked, unreadable or read-only file is a reason the check could not run.
            error = translate(exc, str(path))
            if error is not None and not isinstance(error, StoreCorruptError):
                raise error from None
            rows = [str(exc)]
        if rows != ["ok"]:
            report.problems += [f"file: {r}" for r in rows]
            return report
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version != SCHEMA_VERSION:
            report.notes.append(f"schema version {version}; this program uses {SCHEMA_VERSION} "
                                "(the next fetch upgrades an older store)")
        if version == 0:
            return report
        try:
            report.articles = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.OperationalError as exc:  # a sound SQLite file, but someone else's
            raise StoreError(f"{path}: not a policy-reader database ({exc}); pass the right --db") from None
        undecodable = _undecodable_note(conn)
        if undecodable is not None:
            report.notes.append(undecodable)
        if read_only:
            report.notes.append(f"search index not checked: {read_only}, and FTS5 checks only through a "
                                "writable connection")
            return report
        report.index_checked = True
        conn.close()
        conn = _connect(path, writable=True)  # known sound: its close may checkpoint the -wal into it
        try:
            conn.execute(_FTS_CHECK)
        except sqlite3.DatabaseError as exc:
            report.problems.append(f"search index: does not match the stored articles ({exc}); "
                                   "searches may miss articles")
    finally:
        conn.close()
    return report


def _undecodable_note(conn: sqlite3.Connection) -> str | None:
    """Which feeds and articles columns hold text that is not UTF-8, and how many cells: a note, not damage.

    The reader shows such a cell with U+FFFD and keeps it as stored (connection.decode_text);
    the note says where the odd characters come from. One scan of each table (about 0.5 s per
    20,000 articles), as the integrity check reads the whole file anyway.
    """
    conn.create_function("is_utf8", 1, _is_utf8, deterministic=True)
    found: list[str] = []
    for table in ("feeds", "articles"):
        columns = [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})") if str(r[2]).upper() == "TEXT"]
        sums = ", ".join(f"sum(NOT is_utf8(CAST({c} AS BLOB)))" for c in columns)
        counts = conn.execute(f"SELECT {sums} FROM {table}").fetchone()
        found += [f"{table}.{c} ({n})" for c, n in zip(columns, counts, strict=True) if n]
    if not found:
        return None
    return ("text that is not UTF-8 in " + ", ".join(found) + "; the reader shows a replacement character "
            "(\ufffd) there and keeps the cell as stored (edited by hand, or from a damaged copy)")


def _is_utf8(cell: bytes | None) -> bool:
    if cell is None:
        return True
    try:
        cell.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def backup_store(path: Path, dest: Path) -> CheckReport:
    """Copy the store to `dest` with SQLite's online backup API (safe while the reader runs); checks the copy."""
    if dest.is_dir():
        raise StoreError(f"{dest} is a folder; give a new file name for the backup, such as "
                         f"{dest / 'reader-backup.db'}")
    if dest.exists():
        raise StoreError(f"{dest}: already exists; give a new file name for the backup")
    if not dest.parent.is_dir():
        raise StoreError(f"{dest.parent}: no such folder; create it or choose another place for the backup")
    partial = dest.with_name(f".{dest.name}.partial")
    source = _connect(path, writable=_nothing_to_write_back(path))
    source.execute("PRAGMA query_only = ON")  # a backup only reads its source, damaged or not
    try:
        try:
            target = sqlite3.connect(partial)
        except sqlite3.Error as exc:  # the backup's folder, not the database: --db is not what to change
            raise StoreError(f"{dest}: cannot create the backup ({exc}); make {dest.parent} writable "
                             "or choose another place") from None
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file; the reader turns WAL back on
        finally:
            target.close()
        os.replace(partial, dest)
        _drop_beside(partial, dest)
    except sqlite3.Error as exc:
        raise translate(exc, str(path)) or StoreError(f"{path}: backup failed ({exc})") from None
    except OSError as exc:
        raise StoreError(f"{dest}: cannot write the backup ({exc.strerror or exc}); choose another place") from None
    finally:
        source.close()
        if partial.is_file():  # not unlink(missing_ok=True): on a read-only filesystem that raises EROFS
            partial.unlink()
            _drop_beside(partial, None)
    return check_store(dest)
