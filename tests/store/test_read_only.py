"""A database this user may read but not write (a read-only file, or a folder they cannot write): every
command that only reads works, and every command that writes says what is read-only and what to do.

SQLite needs a -shm file beside a WAL database to read it; in a folder no one can write, the store
reads it immutable instead, and where others could still write, it refuses rather than risk a torn
read. Root's override of file modes is dropped for the commands (setpriv), as in test_failures.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from tests.conftest import REPO
from tests.e2e.test_bad_inputs import _without_root_powers


def _run(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_without_root_powers(), sys.executable, "-m", "reader", *args], cwd=workdir,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "READER_CONFIG": str(workdir / "feeds.toml"), "COLUMNS": "200"})


@pytest.fixture
def fetched(tmp_path: Path) -> Iterator[Path]:
    """The sample feeds fetched into data/r.db; the folder's mode is restored afterwards so it can be removed."""
    shutil.copy(REPO / "feeds.toml", tmp_path / "feeds.toml")
    shutil.copytree(REPO / "reader" / "samples", tmp_path / "reader" / "samples")
    db = tmp_path / "data" / "r.db"
    assert main(["--config", str(tmp_path / "feeds.toml"), "fetch", "--db", str(db)]) == 0
    yield db
    db.parent.chmod(0o755)


def _articles(db: Path) -> int:
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def test_in_a_read_only_folder_reading_commands_work_and_writing_ones_say_why_not(fetched: Path) -> None:
    db, workdir = fetched, fetched.parent.parent
    count = _articles(db)
    db.parent.chmod(0o555)
    before = sorted(p.name for p in db.parent.iterdir())
    listed = _run(workdir, "feeds", "list", "--db", str(db))
    assert listed.returncode == 0 and listed.stderr == "", listed.stderr
    assert "WNYC News" in listed.stdout and "ok (read, " in listed.stdout
    checked = _run(workdir, "db", "check", "--db", str(db))
    assert checked.returncode == 0, checked.stderr
    assert f"{db}: ok ({count} articles; file consistent)" in checked.stdout and "damaged" not in checked.stderr
    assert f"its folder {db.parent} is not writable" in checked.stdout
    shown = _run(workdir, "show", "1", "--db", str(db))
    assert shown.returncode == 0 and shown.stdout.strip(), shown.stderr
    digest = _run(workdir, "digest", "--no-fetch", "--stdout", "--db", str(db))
    assert digest.returncode == 0 and "feeds_read: 5" in digest.stdout, digest.stderr
    copy = workdir / "copy.db"
    backed_up = _run(workdir, "db", "backup", str(copy), "--db", str(db))
    assert backed_up.returncode == 0 and _articles(copy) == count, backed_up.stderr
    refused = _run(workdir, "fetch", "--db", str(db))  # the path given cannot be used for this: status 2
    assert refused.returncode == 2 and refused.stderr == (
        f"reader: --db {db}: this command writes to the database, and its folder {db.parent} is not writable for "
        f"you (SQLite keeps its -wal and -shm files there); make the folder writable (chmod u+w {db.parent}), or "
        "give --db another path\n")
    fetching = _run(workdir, "digest", "--stdout", "--db", str(db))  # it would refresh first: not the lock's error
    assert fetching.returncode == 2 and fetching.stderr.count("\n") == 1, fetching.stderr
    assert (f"make the folder writable (chmod u+w {db.parent}), pass --no-fetch to digest what is stored, or give "
            "--db another path") in fetching.stderr
    assert sorted(p.name for p in db.parent.iterdir()) == before  # nothing was created or left beside it


def test_a_read_only_file_is_listed_with_feeds_toml_as_it_is_now_without_writing(fetched: Path) -> None:
    db, workdir = fetched, fetched.parent.parent
    with (workdir / "feeds.toml").open("a") as f:  # a feed the database has not seen: listing must not sync it
        f.write('\n[[feeds]]\nname = "Newcomer"\nurl = "reader/samples/wnyc.xml#2"\ntags = ["new"]\n')
    db.chmod(0o444)
    data = db.read_bytes()
    listed = _run(workdir, "feeds", "list", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    newcomer = next(line for line in listed.stdout.splitlines() if line.startswith("Newcomer"))
    assert newcomer.split()[-4:] == ["never", "fetched", "0", "0"] and " new " in newcomer
    assert "WNYC News" in listed.stdout and db.read_bytes() == data


def test_a_folder_others_may_write_is_not_read_without_the_shm_file(fetched: Path) -> None:
    """Reading without SQLite's locks (immutable) could meet another user's checkpoint half done: refused."""
    if os.geteuid() != 0:
        pytest.skip("giving the folder to another user needs root")
    db, workdir = fetched, fetched.parent.parent
    for path in (db.parent, db):
        os.chown(path, 65534, 65534)  # nobody's: writable by its owner, not by us
    out = _run(workdir, "feeds", "list", "--db", str(db))  # a database that cannot be read where it is, as given: 2
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
    assert (f"{db}: cannot read the database: others can write to its folder, so reading it safely needs a r.db-shm "
            f"file, and you cannot create files in {db.parent}") in out.stderr


def test_a_writer_still_at_work_is_read_consistently_through_its_shm(fetched: Path) -> None:
    """With the owner's -wal and -shm present, mode=ro sees what the owner committed, not the stale main file."""
    db, workdir = fetched, fetched.parent.parent
    owner = sqlite3.connect(db, isolation_level=None)
    try:
        owner.execute("PRAGMA wal_autocheckpoint = 0")
        owner.execute("UPDATE articles SET is_read = 1")  # committed to the -wal only
        db.parent.chmod(0o555)
        listed = _run(workdir, "feeds", "list", "--db", str(db))
    finally:
        owner.close()
    assert listed.returncode == 0, listed.stderr
    rows = [line.split() for line in listed.stdout.splitlines()[1:]]
    assert rows and all(r[-1] == "0" for r in rows), listed.stdout  # UNREAD: every article was marked read


def test_a_read_only_store_that_would_need_setting_up_says_so(tmp_path: Path) -> None:
    (tmp_path / "feeds.toml").write_text("")
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "empty.db").write_bytes(b"")
    with sqlite3.connect(folder / "other.db") as conn:  # a sound SQLite file that is not the reader's
        conn.execute("CREATE TABLE notes (x)")
        conn.execute("PRAGMA user_version = 3")
    folder.chmod(0o555)
    try:
        empty = _run(tmp_path, "fetch", "--db", str(folder / "empty.db"))
        listed = _run(tmp_path, "feeds", "list", "--db", str(folder / "empty.db"))  # only reads: no set-up needed
        other = _run(tmp_path, "db", "check", "--db", str(folder / "other.db"))
    finally:
        folder.chmod(0o755)
    assert empty.returncode == 2 and empty.stderr == (  # refused before SQLite is asked to set it up
        f"reader: --db {folder / 'empty.db'}: this command writes to the database, and its folder {folder} is not "
        f"writable for you (SQLite keeps its -wal and -shm files there); make the folder writable (chmod u+w "
        f"{folder}), or give --db another path\n")
    assert listed.returncode == 0 and listed.stderr.startswith("reader: note: "), listed.stderr
    assert "has no feeds yet" in listed.stderr, listed.stderr
    assert (folder / "empty.db").read_bytes() == b""
    assert other.returncode == 1 and "not a policy-reader database (no such table: articles)" in other.stderr
    assert "Traceback" not in other.stderr
