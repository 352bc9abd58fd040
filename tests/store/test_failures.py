"""A full disk, a read-only file, a damaged file: one line saying what to do, and nothing stored is lost.

The disk is "filled" with PRAGMA max_page_count (SQLite then reports SQLITE_FULL exactly as for
a full disk), read-only is a real file mode (with root's override dropped where needed), and
damage is bytes overwritten in the middle of the file, so every case runs without root mounts.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.store import Store, StoreError
from reader.store.errors import StoreCorruptError
from reader.store.maintenance import backup_store, check_store
from reader.store.schema import FOLDING_PENDING
from tests.conftest import REPO


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(REPO / "feeds.toml", tmp_path / "feeds.toml")
    shutil.copytree(REPO / "reader" / "samples", tmp_path / "reader" / "samples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "feeds.toml"))
    return tmp_path


def _count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def page_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Set limit[0] to cap every Store's database at that many pages, as a full disk would."""
    limit: list[int] = []
    original = Store.__init__

    def capped(self: Store, path: str | Path) -> None:
        original(self, path)
        if limit:
            self._conn.execute(f"PRAGMA max_page_count = {limit[0]}")

    monkeypatch.setattr(Store, "__init__", capped)
    yield limit


def test_a_full_disk_stops_fetch_with_one_line_and_the_next_fetch_completes(
        workdir: Path, page_limit: list[int], capsys: pytest.CaptureFixture[str]) -> None:
    db = workdir / "r.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    page_limit.append(pages + 2)  # room for a feed or two, not for every sample article
    assert main(["fetch", "--db", str(db)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "the disk is full" in err[0] and "Free some space" in err[0], err
    stored = _count(db)
    page_limit.clear()  # space freed
    assert main(["fetch", "--db", str(db)]) == 0
    assert "0 failed" in capsys.readouterr().out
    assert main(["fetch", "--db", str(workdir / "reference.db")]) == 0  # the same feeds, never short of space
    assert _count(db) == _count(workdir / "reference.db") > stored
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _read_only(path: Path) -> list[str]:
    """Make `path` read-only; returns the command prefix under which even root obeys it."""
    path.chmod(0o444)
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a read-only file stays writable")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


def test_a_read_only_database_says_so(workdir: Path) -> None:
    db = workdir / "r.db"
    assert main(["fetch", "--db", str(db)]) == 0
    prefix = _read_only(db)
    out = subprocess.run([*prefix, sys.executable, "-m", "reader", "fetch", "--db", str(db)], cwd=workdir,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2, out.stdout + out.stderr  # what was given cannot be used: refused before any work
    assert out.stderr == (f"reader: --db {db}: this command writes to the database, and the file is read-only for "
                          f"you; make it writable (chmod u+w {db}), or give --db another path\n")


def _damage(db: Path) -> str:
    """Overwrite a page in the middle of the file; returns the file's hash afterwards."""
    size = db.stat().st_size
    with db.open("r+b") as f:
        f.seek(size // 2 // 4096 * 4096)
        f.write(b"\xa5" * 4096)
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.fixture
def damaged(workdir: Path) -> tuple[Path, str]:
    """A store of several hundred articles with one page in the middle overwritten."""
    db = big_store(workdir)
    return db, _damage(db)


def big_store(workdir: Path) -> Path:
    """A store of several hundred articles, all in the main file."""
    db = workdir / "r.db"
    feed = workdir / "reader" / "samples" / "big.xml"
    items = "".join(f"<item><guid>g{i}</guid><title>Story {i}</title><description>{'word ' * 200}{i}"
                    "</description></item>" for i in range(400))
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}</channel></rss>')
    with (workdir / "feeds.toml").open("a") as f:
        f.write('\n[[feeds]]\nname = "Big"\nurl = "reader/samples/big.xml"\n')
    assert main(["fetch", "--db", str(db)]) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def test_a_damaged_store_whose_upgrade_was_cut_short_still_opens_to_be_read(workdir: Path) -> None:
    db = big_store(workdir)
    with sqlite3.connect(db, isolation_level=None) as conn:  # as an upgrade to v9 interrupted after some batches
        conn.execute("UPDATE articles SET story_id = NULL WHERE id > 200")
        conn.execute(f"INSERT INTO settings (key, value) VALUES ('{FOLDING_PENDING}', 'articles stored before v9')")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    digest = _damage(db)
    with Store(db) as store:  # folding would write: it waits for a sound file
        assert store.setting(FOLDING_PENDING) is not None
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("command", [["fetch"], ["digest", "--stdout"]])  # `feeds list` writes nothing
def test_a_damaged_store_is_detected_and_never_written(
        damaged: tuple[Path, str], command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    db, digest = damaged
    assert main([*command, "--db", str(db)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "the database is damaged" in err[0] and "reader db check" in err[0], err
    wal = db.with_name(db.name + "-wal")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_store_that_found_damage_refuses_every_later_write(damaged: tuple[Path, str]) -> None:
    db, digest = damaged
    store = Store(db)
    try:
        with pytest.raises(StoreCorruptError):
            store.set_setting("theme", "x")
        with pytest.raises(StoreCorruptError):
            store.set_setting("theme", "y")
    finally:
        store.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_db_check_finds_damage_and_backup_copies_what_is_there(
        damaged: tuple[Path, str], workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = damaged
    assert main(["db", "check", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and f"sqlite3 {db} .recover | sqlite3 NEW.db" in err  # not a backup: it copies the damage
    assert main(["db", "backup", str(workdir / "copy.db"), "--db", str(db)]) == 1  # copied, and said to be damaged
    out, err = capsys.readouterr()
    assert (workdir / "copy.db").exists() and "backed up" in out
    assert ".recover" in err and "Copy what can be read with `reader db backup" not in err  # try10: advice went round


def test_db_check_and_backup_of_a_sound_store(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = workdir / "r.db"
    assert main(["fetch", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["db", "check", "--db", str(db)]) == 0
    assert f"ok ({_count(db)} articles; file and search index consistent)" in capsys.readouterr().out
    copy = workdir / "backups" / "copy.db"
    copy.parent.mkdir()
    store = Store(db)  # the reader is open meanwhile: the online backup still gets a consistent copy
    try:
        assert main(["db", "backup", str(copy), "--db", str(db)]) == 0
    finally:
        store.close()
    assert _count(copy) == _count(db) and not check_store(copy).problems
    with pytest.raises(StoreError, match="already exists"):
        backup_store(db, copy)
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.db"]  # no partial file left


def test_db_backup_that_cannot_create_its_file_names_the_backup_not_the_database(
        workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A backup whose file cannot be made is the backup's place to change, not --db (and no OSError leaks)."""
    db = workdir / "r.db"
    assert main(["fetch", "--db", str(db)]) == 0
    copy = workdir / "copy.db"
    (workdir / ".copy.db.partial").mkdir()  # SQLite cannot open the backup's working file (as in a read-only folder)
    capsys.readouterr()
    assert main(["db", "backup", str(copy), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"reader: store error: {copy}: cannot create the backup") and "--db" not in err
    assert not copy.exists()


def test_db_check_finds_a_search_index_out_of_step(workdir: Path) -> None:
    db = workdir / "r.db"
    assert main(["fetch", "--db", str(db)]) == 0
    with sqlite3.connect(db) as conn:  # an article changed behind the index's back
        conn.execute("UPDATE articles SET text = 'something else entirely' WHERE id = 1")
    report = check_store(db)
    assert len(report.problems) == 1 and report.problems[0].startswith("search index: does not match")


def test_the_check_before_the_first_write_can_run_in_the_background(damaged: tuple[Path, str], workdir: Path) -> None:
    """verify_in_background's finding counts as the first write's check: damage refused, a sound file checked once."""
    db, digest = damaged
    store = Store(db)
    try:
        store.verify_in_background()
        with pytest.raises(StoreCorruptError):
            store.set_setting("theme", "x")
    finally:
        store.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    sound = workdir / "sound.db"
    with Store(sound) as store:
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        store.verify_in_background()
        store.set_setting("theme", "x")
        assert store.setting("theme") == "x" and not any("quick_check" in s for s in statements)
