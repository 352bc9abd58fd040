"""Nothing writes to a store before it is known to be sound, and a backup leaves no -wal or -shm behind.

A backup copy is in rollback-journal mode; opening it switched it to WAL (bytes 18, 19, 28 and
96 of the header) before quick_check, so a damaged copy was written to. And a backup read its
source through a read-only connection, which cannot remove the -wal and -shm it made.
"""

from __future__ import annotations

import gc
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import SCHEMA_VERSION, ArticleFilter, Store
from reader.store.errors import StoreCorruptError
from reader.store.maintenance import backup_store, check_store
from tests.store.test_failures import _damage, big_store, workdir

__all__ = ["workdir"]  # the fixture, imported to be used here


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _beside(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name) and p != db
                  and not p.name.endswith(".refresh-lock"))


def _crashed_with_wal(workdir: Path, version: int | None = None) -> Path:
    """A store as a writer that died leaves it: committed frames in its -wal, not yet checkpointed."""
    db = big_store(workdir)
    crashed = workdir / "crashed.db"
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        if version is not None:  # a store from before the last migration
            writer.execute(f"PRAGMA user_version = {version}")
        for suffix in ("", "-wal"):
            shutil.copy(f"{db}{suffix}", f"{crashed}{suffix}")
    finally:
        writer.close()
    return crashed


@pytest.mark.parametrize("command", [["fetch"], ["digest", "--no-fetch", "--stdout"]])
def test_a_damaged_backup_copy_is_not_switched_to_wal(workdir: Path, command: list[str]) -> None:
    db = big_store(workdir)
    copy = workdir / "copy.db"
    backup_store(db, copy)
    _damage(copy)
    before = _sha(copy)
    assert main([*command, "--db", str(copy)]) == 1
    assert _sha(copy) == before and _beside(copy) == []


def test_a_sound_backup_copy_is_checked_then_switched_to_wal(workdir: Path) -> None:
    db = big_store(workdir)
    copy = workdir / "copy.db"
    backup_store(db, copy)
    statements: list[str] = []
    original = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = original(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(statements.append)
        return conn

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sqlite3, "connect", traced)
        Store(copy).close()
    checked = next(i for i, s in enumerate(statements) if "quick_check" in s)
    assert checked < next(i for i, s in enumerate(statements) if "journal_mode = WAL" in s)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("damaged", [False, True])
def test_a_backup_leaves_no_wal_or_shm_beside_either_file(workdir: Path, damaged: bool) -> None:
    db = big_store(workdir)
    gc.collect()  # big_store's `with sqlite3.connect` left its connection, and its -wal and -shm, to the collector
    before = _damage(db) if damaged else _sha(db)
    assert _beside(db) == []
    copy = workdir / "copy.db"
    assert main(["db", "backup", str(copy), "--db", str(db)]) == int(damaged)
    assert _beside(db) == [] and _beside(copy) == []
    assert _sha(db) == before


def test_db_check_of_a_damaged_file_does_not_checkpoint_its_wal_into_it(workdir: Path) -> None:
    """The last writable connection to close checkpoints the -wal into the file: checking must not do that."""
    crashed = _crashed_with_wal(workdir)
    sound_copy = workdir / "sound.db"
    shutil.copy(crashed, sound_copy)
    shutil.copy(f"{crashed}-wal", f"{sound_copy}-wal")
    before = _damage(crashed)
    assert check_store(crashed).problems
    assert _sha(crashed) == before
    sound = check_store(sound_copy)  # a sound file is still checked in full, search index included
    assert sound.problems == [] and sound.index_checked


def test_closing_a_store_found_damaged_does_not_checkpoint_its_wal_into_it(workdir: Path) -> None:
    """Store.close was the last writable connection: it wrote the -wal's frames into the damaged file."""
    crashed = _crashed_with_wal(workdir)
    wal = Path(f"{crashed}-wal").read_bytes()
    before = _damage(crashed)
    store = Store(crashed)
    with pytest.raises(StoreCorruptError):
        store.set_setting("theme", "dark")  # the check before the first write finds the damage
    store.close()
    assert _sha(crashed) == before
    assert Path(f"{crashed}-wal").read_bytes() == wal  # the committed frames are kept for a repair to read


def test_a_damaged_store_whose_upgrade_is_refused_is_left_as_it_was(workdir: Path) -> None:
    """The upgrade checks the file first and is refused: closing the connection that failed to open writes nothing."""
    crashed = _crashed_with_wal(workdir, version=SCHEMA_VERSION - 1)
    wal = Path(f"{crashed}-wal").read_bytes()
    before = _damage(crashed)
    with pytest.raises(StoreCorruptError):
        Store(crashed)
    assert _sha(crashed) == before and Path(f"{crashed}-wal").read_bytes() == wal


def test_a_damaged_store_only_read_is_left_as_it_was(workdir: Path) -> None:
    """A reading command opens a writable file mode=rw: its close would checkpoint too once it met the damage."""
    crashed = _crashed_with_wal(workdir)
    wal = Path(f"{crashed}-wal").read_bytes()
    before = _damage(crashed)
    store = Store(crashed, reading_only=True)
    with pytest.raises(StoreCorruptError):
        store.count_articles(ArticleFilter(search="word"))
    store.close()
    assert _sha(crashed) == before and Path(f"{crashed}-wal").read_bytes() == wal


def test_closing_a_sound_store_still_checkpoints_and_tidies_up(workdir: Path) -> None:
    crashed = _crashed_with_wal(workdir)
    with Store(crashed) as store:
        store.set_setting("theme", "dark")
    assert _beside(crashed) == []
    with sqlite3.connect(crashed) as conn:
        assert dict(conn.execute("SELECT key, value FROM settings"))["x"] == "y"
