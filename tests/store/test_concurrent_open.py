"""Two programs opening a new database file at the same moment both get a working store."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from reader.store import Store, StoreError
from reader.store.schema import SCHEMA_VERSION


@pytest.mark.parametrize("attempt", range(8))
def test_stores_opened_at_once_on_a_new_file_migrate_it_once(tmp_path: Path, attempt: int) -> None:
    path = tmp_path / f"new-{attempt}.db"
    start = threading.Barrier(6)
    errors: list[BaseException] = []

    def open_store() -> None:
        start.wait()
        try:
            Store(path).close()
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_opening_an_up_to_date_store_waits_for_no_write_lock(tmp_path: Path) -> None:
    path = tmp_path / "reader.db"
    Store(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another program in the middle of a long refresh
    try:
        with sqlite3.connect(path, timeout=0.2, isolation_level=None) as probe:
            assert probe.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        Store(path).close()  # would wait 15 s and fail if opening took the write lock
    finally:
        writer.execute("ROLLBACK")
        writer.close()


class _CommitFailsOnce:
    """A connection whose next COMMIT fails, as one does when the disk fills while the WAL is written."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn, self.failed = conn, False

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql == "COMMIT" and not self.failed:
            self.failed = True
            full = sqlite3.OperationalError("database or disk is full")
            full.sqlite_errorcode = sqlite3.SQLITE_FULL  # as SQLite sets it
            raise full
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)


def test_a_failed_commit_leaves_the_store_usable(tmp_path: Path) -> None:
    store = Store(tmp_path / "reader.db")
    store._conn = _CommitFailsOnce(store._conn)  # type: ignore[assignment]
    with pytest.raises(StoreError, match="full"):
        store.set_setting("theme", "dark")
    store.set_setting("theme", "light")  # no "cannot start a transaction within a transaction"
    assert store.setting("theme") == "light"
    store.close()


def test_is_write_locked_while_another_program_writes(tmp_path: Path) -> None:
    store = Store(tmp_path / "reader.db")
    assert store.is_write_locked() is False
    writer = sqlite3.connect(tmp_path / "reader.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        assert store.is_write_locked() is True
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert store.is_write_locked() is False
    store.set_setting("theme", "dark")  # the probe left no transaction open
    store.close()
