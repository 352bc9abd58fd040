"""The store's connection: opening (WAL, migrations), one short write transaction at a time, and failures.

Kept apart from the queries in store.py so that how the file is opened, verified before the
first write and protected from a damaged or full disk lives in one place.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from reader.store.errors import StoreCorruptError, StoreReadOnlyError, damaged_message, translate
from reader.store.read_only import connect_read_only, connect_to_read, read_only_reason
from reader.store.schema import (
    SCHEMA_VERSION,
    StoreError,
    enable_wal,
    fold_unfolded_articles,
    folding_pending,
    migrate,
)

BUSY_TIMEOUT_S = 15.0
READING_ONLY = "this command only reads it"  # read_only's reason for a store opened with reading_only


def decode_text(stored: bytes) -> str:
    """A TEXT cell as a str, with U+FFFD for bytes that are not UTF-8 (the cell itself is left as it is).

    sqlite3's own decoding raises on such a cell (a file edited by hand, or damaged), and a
    command that lists feeds or shows an article then died with a traceback. This costs about
    70 ms more over 20,000 whole articles (275 -> 345 ms), 0.7 ms on a page of 200.
    """
    return stored.decode("utf-8", "replace")


class StoreConnection:
    """Thread-safe access to one database file (or ":memory:"); Store adds the queries."""

    def __init__(self, path: str | Path, *, reading_only: bool = False) -> None:
        """Open (creating if need be) the database at `path`; with `reading_only`, an existing one, changing nothing.

        A command that only reads (`show`, `feeds list`) passes reading_only: a missing, empty or
        non-SQLite file is then refused as it is (NoDatabaseError, StoreError), never made a database.
        """
        self.path = str(path)
        self._damaged: str | None = None  # set once the file is known to be corrupt: no write after that
        self._verified = False  # quick_check runs once, before this instance's first write
        self.read_only: str | None = None  # why this process cannot write the file, when it cannot
        self._checking: tuple[threading.Thread, list[list[str]]] | None = None  # verify_in_background's
        if reading_only:
            self._open_to_read(Path(self.path))
            self._lock = threading.RLock()
            return
        if self.path != ":memory:":
            if Path(self.path).is_file():
                self.read_only = read_only_reason(Path(self.path))
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create the database's folder ({exc.strerror or exc}); "
                                 "pass another --db") from None
        try:
            if self.read_only:
                self._conn = connect_read_only(Path(self.path), BUSY_TIMEOUT_S)
            else:
                self._conn = sqlite3.connect(
                    self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
                )
            self._conn.text_factory = decode_text
            try:
                if self.read_only:
                    self._check_readable_as_is()
                else:
                    self._prepare()
            except BaseException as exc:
                self._close_connection(exc)  # a store that failed to open holds no file handle
                raise
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self.path) or StoreError(
                f"{self.path}: cannot open the database ({exc}); check the file or pass another --db"
            ) from None
        self._lock = threading.RLock()

    def _open_to_read(self, path: Path) -> None:
        """An existing database, opened to be read as it is: no folder, file, setup, migration or WAL switch."""
        self.read_only = read_only_reason(path) or READING_ONLY
        try:
            self._conn = connect_to_read(path, BUSY_TIMEOUT_S)
            self._conn.text_factory = decode_text
            try:
                self._check_readable_as_is()
            except BaseException as exc:
                self._close_connection(exc)
                raise
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self.path) or StoreError(
                f"{self.path}: cannot open the database ({exc}); check the file or pass another --db"
            ) from None

    def _prepare(self) -> None:
        """WAL, the schema's migrations and any folding left to do: the writes opening a writable store makes."""
        self._conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:" and self._sound_for_wal():
            enable_wal(self._conn, BUSY_TIMEOUT_S)
            self._conn.execute("PRAGMA synchronous = NORMAL")
        if 0 < self._conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            self._verify()  # a migration writes: never to a damaged file
        migrate(self._conn)
        if folding_pending(self._conn):
            self._fold_unfolded()

    def _sound_for_wal(self) -> bool:
        """Whether the file may be switched to WAL: it already is, or quick_check finds it sound first.

        The switch writes the header (a backup copy is in rollback-journal mode), and nothing may
        write to a file before it is known to be sound. A damaged one stays as it is, to be read.
        """
        try:
            with self._failures():  # a damaged header page fails the first read itself
                if str(self._conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                    return True
                self._verify()
        except StoreCorruptError:
            return False
        return True

    def _check_readable_as_is(self) -> None:
        """A store opened read-only cannot be set up or upgraded: only the current schema can be read."""
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            migrate(self._conn)  # raises: newer than this program
        what = "is empty and must be set up" if version == 0 else \
            f"has schema version {version} and must be upgraded to {SCHEMA_VERSION}"
        if self.read_only == READING_ONLY:
            raise StoreError(f"{self.path}: the database {what} before it can be read, and this command only reads; "
                             "run `reader fetch` once (it does that), then run this command again")
        raise StoreReadOnlyError(f"{self.path}: the database {what} before it can be read, which writes to it, but "
                                 f"{self.read_only}; {self._make_writable()} and run `reader fetch` once, "
                                 "or pass another --db")

    def _make_writable(self) -> str:
        return f"make {'the file' if str(self.read_only).startswith('the file') else 'the folder'} writable (chmod u+w)"

    def require_writable(self) -> None:
        """Raise StoreReadOnlyError, saying what is read-only and what to do, if this store cannot be written."""
        if self.read_only:
            raise StoreReadOnlyError(f"{self.path}: this command writes to the database, and {self.read_only}; "
                                     f"{self._make_writable()}, or pass another --db")

    def close(self) -> None:
        """Close the file; one found damaged is left exactly as it was, its -wal (if any) beside it."""
        with self._lock:
            if self._checking is not None:
                self._checking[0].join()  # its connection closes before the process may exit
            self._close_connection()

    def _close_connection(self, failure: BaseException | None = None) -> None:
        """Close the connection; one to a file found damaged checkpoints nothing into it.

        `failure`, why opening failed, may be damage met outside _failures (a migration's read of a bad page).
        """
        if isinstance(failure, sqlite3.DatabaseError) and isinstance(translate(failure, self.path), StoreCorruptError):
            self._damaged = str(failure)
        guard = self._hold_off_checkpoint() if self._damaged is not None else None
        try:
            self._conn.close()
        finally:
            if guard is not None:
                guard.close()  # read-only: as the last connection it cannot checkpoint either

    def _hold_off_checkpoint(self) -> sqlite3.Connection | None:
        """A read-only connection holding the file open, so closing the writable one writes nothing to it.

        The last connection to close a WAL database checkpoints the -wal into the file (Python
        3.11's sqlite3 cannot turn that off): while another connection reads, the close is not the
        last, and a mode=ro connection closing last cannot write. None where no guard is needed or
        none can be opened or read (then the close is as before).
        """
        if self.path == ":memory:" or self.read_only not in (None, READING_ONLY):
            return None  # a read-only connection's close never writes (reading_only opens a writable file mode=rw)
        try:
            guard = sqlite3.connect(f"{Path(self.path).absolute().as_uri()}?mode=ro", uri=True,
                                    timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        except sqlite3.Error:
            return None
        try:
            guard.execute("PRAGMA schema_version").fetchone()  # the first read takes the lock a WAL reader keeps
        except sqlite3.Error:
            guard.close()  # a first page this damaged was never read as WAL by the store either: nothing to hold off
            return None
        return guard

    def stories_pending(self) -> bool:
        """Whether stored articles still wait to be folded into stories (an upgrade stopped before its end, and this
        store opened only to read): an article without a story id may have copies not yet found."""
        with self._lock, self._failures():
            return folding_pending(self._conn)

    def interrupt(self) -> None:
        """Stop the statement running on the connection now, from any thread: it raises, and SQLite rolls its write
        transaction back. For a program that is quitting (the reader's q), which must not wait for a long query."""
        self._conn.interrupt()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def verify_in_background(self) -> None:
        """Start the check that comes before the first write now, on a connection of its own, while the caller works.

        quick_check reads the whole file (about 0.1 s per 200 MB, most of a refresh where every
        feed answers 304): a refresh starts it before its requests go out, and its first write
        waits only for what is left of it. Should the check fail to run there (the file cannot
        be opened read-only, say), the first write runs it itself as before.
        """
        if self._verified or self._checking is not None or self.path == ":memory:" or self.read_only:
            return
        found: list[list[str]] = []
        uri = f"{Path(self.path).absolute().as_uri()}?mode=ro"

        def check() -> None:
            try:
                conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
                try:
                    found.append([r[0] for r in conn.execute("PRAGMA quick_check(3)")])
                finally:
                    conn.close()
            except sqlite3.Error:
                return  # found stays empty: _verify runs the check on the store's own connection

        self._checking = (threading.Thread(target=check, name="store quick_check", daemon=True), found)
        self._checking[0].start()

    def _verify(self) -> None:
        """Refuse to write to a damaged file: quick_check (about 0.1 s per 200 MB) before the first write."""
        if self._damaged is None and not self._verified:
            if self._checking is not None:
                self._checking[0].join()
            checked = self._checking[1] if self._checking is not None else []
            problems = checked[0] if checked else [r[0] for r in self._conn.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                self._damaged = "; ".join(problems)
            self._verified = True
        if self._damaged is not None:
            raise StoreCorruptError(damaged_message(self.path, self._damaged))

    def _fold_unfolded(self) -> None:
        """Fold the articles stored before story ids (schema v9), or the rest of them if an upgrade was interrupted.

        A damaged file is still opened, to be read: its unfolded articles show no copies.
        """
        try:
            with self._failures():  # quick_check itself may fail on a damaged page
                self._verify()
        except StoreCorruptError:
            return
        fold_unfolded_articles(self._conn)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; BEGIN IMMEDIATE takes the lock up front so it never deadlocks."""
        self.require_writable()
        with self._lock, self._failures():
            self._verify()
            self._after_commit: list[Callable[[], None]] = []
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")  # inside: a failed COMMIT must not leave the transaction open
            except BaseException:
                if self._conn.in_transaction:  # SQLite may already have rolled back (a full disk does)
                    self._conn.execute("ROLLBACK")
                self._rolled_back()
                raise
            for step in self._after_commit:  # still under the lock: the next transaction sees what they keep
                step()

    def _rolled_back(self) -> None:
        """Forget what a rolled-back write (whole, or to a savepoint) kept in memory: RefreshWrites does."""

    def _on_commit(self, step: Callable[[], None]) -> None:
        """Run `step` once the current write transaction has committed (never when it rolls back)."""
        self._after_commit.append(step)

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._failures():
            return self._conn.execute(sql, params).fetchall()

    @contextmanager
    def _failures(self) -> Iterator[None]:
        """Turn a full disk, a read-only file or corruption into a StoreError that says what to do."""
        try:
            yield
        except sqlite3.Error as exc:
            error = translate(exc, self.path)
            if error is None:
                raise
            if isinstance(error, StoreCorruptError):
                self._damaged = str(exc)
            raise error from None
