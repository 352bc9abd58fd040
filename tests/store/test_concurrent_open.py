"""Two programs opening a new database file at the same moment both get a working store."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from reader.store import Store
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
