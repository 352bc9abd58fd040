"""Commands that only read never create or change a database file, whatever --db points at.

`show ID`, `show ID --copies`, `feeds list`, `db check`, `db backup` and `digest --no-fetch`
read the store. Given a missing or empty file (SQLite would make either a new database) or a
file that is not SQLite, they say so and leave it as it was: the same bytes, size and mtime,
and no -wal or -shm beside it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

READING = {
    "show": ("show", "1"),
    "show-copies": ("show", "1", "--copies"),
    "feeds-list": ("feeds", "list"),
    "db-check": ("db", "check"),
    "db-backup": ("db", "backup", "copy.db"),
    "digest-no-fetch": ("digest", "--no-fetch", "--date", "2026-11-30"),
    "digest-no-fetch-stdout": ("digest", "--no-fetch", "--stdout"),
}


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "READER_CONFIG": "feeds.toml", "READER_DB": ""}
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(REPO / "feeds.toml", tmp_path / "feeds.toml")
    shutil.copytree(REPO / "reader" / "samples", tmp_path / "reader" / "samples")
    return tmp_path


def _state(path: Path) -> tuple[bytes, int, int, list[str]]:
    st = path.stat()
    return path.read_bytes(), st.st_size, st.st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


@pytest.mark.parametrize("args", READING.values(), ids=READING.keys())
def test_an_empty_file_is_no_database_yet_and_stays_byte_identical(workdir: Path, args: tuple[str, ...]) -> None:
    db = workdir / "empty.db"
    db.write_bytes(b"")
    os.utime(db, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = _state(db)
    out = _run(workdir, *args, "--db", "empty.db")
    assert _state(db) == before  # same bytes, size and mtime; no -wal, -shm, copy or digest beside it
    assert "Traceback" not in out.stderr
    if args == ("feeds", "list"):  # feeds.toml's feeds, never fetched, and why
        assert out.returncode == 0 and "WNYC News" in out.stdout and "never fetched" in out.stdout
        assert out.stderr == ("reader: note: no database yet at empty.db, so no feed has been fetched; `reader fetch` "
                              "fetches them\n")
    else:
        assert out.returncode == 1 and out.stderr == (
            "reader: empty.db: no database yet (the file is empty); `reader fetch` fills it, or pass the --db that "
            "`reader fetch` fills; the file is left as it is\n")


@pytest.mark.parametrize("args", READING.values(), ids=READING.keys())
def test_a_missing_file_is_no_database_yet_and_is_not_created(workdir: Path, args: tuple[str, ...]) -> None:
    before = sorted(p.name for p in workdir.iterdir())
    out = _run(workdir, *args, "--db", "data/missing.db")
    assert sorted(p.name for p in workdir.iterdir()) == before
    if args == ("feeds", "list"):
        assert out.returncode == 0 and out.stderr.startswith("reader: note: no database yet at data/missing.db")
    else:
        assert out.returncode == 1 and out.stderr == ("reader: data/missing.db: no database yet (no such file); "
                                                      "`reader fetch` creates and fills it, or pass the --db that "
                                                      "`reader fetch` fills\n")


@pytest.mark.parametrize("args", READING.values(), ids=READING.keys())
def test_a_file_that_is_not_sqlite_is_refused_and_left_as_it_is(workdir: Path, args: tuple[str, ...]) -> None:
    before = _state(workdir / "feeds.toml")
    out = _run(workdir, *args, "--db", "feeds.toml")
    assert _state(workdir / "feeds.toml") == before
    assert out.returncode == 2 and out.stderr == (  # bad input, as the other paths that cannot be used
        "reader: configuration error: feeds.toml: --db: is not an SQLite database (it begins '# policy-reader '), "
        "and is left as it is; give --db the database `reader fetch` fills, or a new file\n")


@pytest.mark.parametrize("args", [("fetch",), ("digest", "--out", "d.md")])
def test_a_command_that_writes_refuses_a_file_that_is_not_sqlite_too(workdir: Path, args: tuple[str, ...]) -> None:
    before = _state(workdir / "feeds.toml")
    out = _run(workdir, *args, "--db", "feeds.toml")
    assert _state(workdir / "feeds.toml") == before
    assert out.returncode == 2 and "feeds.toml: --db: is not an SQLite database" in out.stderr, out.stderr


@pytest.mark.parametrize(("name", "journal"), [("r.db", "wal"), ("backup.db", "delete")])
def test_showing_and_listing_leave_a_database_byte_identical(workdir: Path, name: str, journal: str) -> None:
    """Also a backup, a self-contained file in rollback-journal mode: reading it must not switch it to WAL."""
    assert _run(workdir, "fetch", "--db", "r.db").returncode == 0
    assert _run(workdir, "db", "backup", "backup.db", "--db", "r.db").returncode == 0
    db = workdir / name
    before = _state(db)
    for args in (("show", "1"), ("show", "1", "--copies"), ("feeds", "list"), ("db", "check")):
        out = _run(workdir, *args, "--db", name)
        assert out.returncode == 0, (args, out.stderr)
    after = _state(db)
    # No file left beside it either (db backup's read-only connection may have left a -wal and -shm before).
    assert after[:3] == before[:3] and set(after[3]) <= set(before[3])
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == journal
    conn.close()


def test_a_store_from_an_older_version_is_not_upgraded_by_a_command_that_only_reads(workdir: Path) -> None:
    assert _run(workdir, "fetch", "--db", "r.db").returncode == 0
    with sqlite3.connect(workdir / "r.db") as conn:
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    before = _state(workdir / "r.db")
    out = _run(workdir, "show", "1", "--db", "r.db")
    assert _state(workdir / "r.db") == before
    assert out.returncode == 1 and "has schema version 1 and must be upgraded" in out.stderr
    assert "run `reader fetch` once (it does that), then run this command again" in out.stderr
