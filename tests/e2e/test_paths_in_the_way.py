"""A file where a command must make or find a folder: named, with why and what to do, exit 2, nothing written.

mkdir says only "File exists" or "Not a directory"; every path a user gives (--out, --db,
$READER_DB, [digest] directory, [storage] path, db backup PATH, --config) must instead name the
file in the way. Such a path is bad input, so the status is 2, as for a bad option or feeds.toml.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.store import Store
from tests.conftest import REPO

IN_THE_WAY = "X is a file, not a folder"
OPML = REPO / "tests" / "feeds" / "opml" / "feedly.opml"


def _run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(REPO / "feeds.toml", tmp_path / "feeds.toml")
    shutil.copytree(REPO / "reader" / "samples", tmp_path / "reader" / "samples")
    Store(tmp_path / "r.db").close()
    (tmp_path / "X").write_text("a file, not a folder\n")
    return tmp_path


CASES = {
    "digest --out X/d.md": (("digest", "--no-fetch", "--out", "X/d.md"),
                            "reader: --out X/d.md: X is a file, not a folder, so the digest X/d.md cannot be under "
                            "it; give --out a path in a folder, or move X away"),
    "digest --out X/a/b/d.md": (("digest", "--no-fetch", "--out", "X/a/b/d.md"), "give --out a path in a folder"),
    "feeds export --out X/f.opml": (("feeds", "export", "--out", "X/f.opml"),
                                    "reader: --out X/f.opml: X is a file, not a folder, so the export X/f.opml "
                                    "cannot be under it; give --out a path in a folder, or move X away"),
    "feeds export --out X/a/f.opml": (("feeds", "export", "--out", "X/a/f.opml"), "give --out a path in a folder"),
    "db backup X/b.db": (("db", "backup", "X/b.db"),
                         "reader: db backup X/b.db: X is a file, not a folder, so the backup X/b.db cannot be under "
                         "it; give db backup a path in a folder, or move X away"),
    "db backup X/s/b.db": (("db", "backup", "X/s/b.db"), IN_THE_WAY),
    "feeds add --config X/feeds.toml": (("feeds", "add", "reader/samples/wnyc.xml", "--config", "X/feeds.toml"),
                                        "reader: --config X/feeds.toml: X is a file, not a folder, so feeds.toml "
                                        "X/feeds.toml cannot be under it; give --config a path in a folder, or move X "
                                        "away"),
    "feeds import --config X/sub/feeds.toml": (("feeds", "import", str(OPML), "--config", "X/sub/feeds.toml"),
                                               "give --config a path in a folder"),
    "fetch --config X/feeds.toml": (("fetch", "--config", "X/feeds.toml"),
                                    "reader: configuration error: X/feeds.toml: X is a file, not a folder, so "
                                    "it holds no feeds.toml; pass --config with the path of a feeds.toml"),
    **{f"{' '.join(command)} --db X/sub/db.sqlite": (
        (*command, "--db", "X/sub/db.sqlite"),
        "reader: configuration error: X/sub/db.sqlite: --db: X is a file, not a folder, so the database "
        "X/sub/db.sqlite cannot be under it; give --db a path in a folder, or move X away")
       for command in (("fetch",), ("feeds", "list"), ("show", "1"), ("show", "1", "--copies"), ("db", "check"),
                       ("db", "backup", "new.db"), ("digest",), ("digest", "--no-fetch"))},
    "fetch --db X/db.sqlite": (("fetch", "--db", "X/db.sqlite"), "give --db a path in a folder, or move X away"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_file_in_the_way_is_named_with_what_to_do_and_exit_2(workdir: Path,
                                                               case: tuple[tuple[str, ...], str]) -> None:
    args, says = case
    before = sorted(p.name for p in workdir.iterdir())
    out = _run(workdir, *args, env={"READER_CONFIG": "feeds.toml", "READER_DB": "r.db"})
    assert out.returncode == 2, out.stderr
    assert says in out.stderr and len(out.stderr.splitlines()) == 1, out.stderr
    assert "File exists" not in out.stderr and "Not a directory" not in out.stderr
    assert sorted(p.name for p in workdir.iterdir()) == before  # nothing created beside it
    assert (workdir / "X").read_text() == "a file, not a folder\n"


def test_readers_db_under_a_file_is_named_as_coming_from_the_environment(workdir: Path) -> None:
    out = _run(workdir, "fetch", env={"READER_CONFIG": "feeds.toml", "READER_DB": "X/r.db"})
    assert out.returncode == 2 and out.stderr == (
        "reader: configuration error: X/r.db: $READER_DB: X is a file, not a folder, so the database X/r.db cannot be "
        "under it; give $READER_DB a path in a folder, or move X away\n")


@pytest.mark.parametrize(("directory", "storage", "says"), [
    ("X", "r.db", ":6: digest.directory: X is a file, not a folder; set [digest] directory to a folder, or move X "
                  "away"),
    ("X/2026", "r.db", ":6: digest.directory: X is a file, not a folder, so the digest folder X/2026 cannot be under "
                       "it; set [digest] directory to a folder, or move X away"),
    ("digests", "X/r.db", ":9: storage.path: X is a file, not a folder, so the database X/r.db cannot be under it; "
                          "set [storage] path to a file in a folder, or move X away"),
])
def test_a_folder_from_feeds_toml_in_the_way_names_its_line(workdir: Path, directory: str, storage: str,
                                                            says: str) -> None:
    (workdir / "feeds.toml").write_text(f'[[feeds]]\nname = "WNYC"\nurl = "reader/samples/wnyc.xml"\n\n'
                                        f'[digest]\ndirectory = "{directory}"\n\n[storage]\npath = "{storage}"\n')
    for args in (("digest",), ("digest", "--no-fetch")):
        out = _run(workdir, *args, env={"READER_CONFIG": "feeds.toml", "READER_DB": ""})
        assert out.returncode == 2 and out.stderr == f"reader: configuration error: feeds.toml{says}\n", out.stderr
    assert not (workdir / "digests").exists()


def test_other_unusable_backup_and_output_paths_exit_2_with_what_to_do(workdir: Path) -> None:
    (workdir / "folder").mkdir()
    (workdir / "digests" / "2026-11-30.md").mkdir(parents=True)
    env = {"READER_CONFIG": "feeds.toml", "READER_DB": "r.db"}
    for args, says in ((("db", "backup", "folder"), "reader: db backup folder: folder is a folder; give a new file "
                                                    "name for the backup, such as folder/reader-backup.db"),
                       (("db", "backup", "r.db"), "reader: db backup r.db: r.db already exists; give a new file name "
                                                  "for the backup (a backup never replaces a file)"),
                       (("db", "backup", "nope/b.db"), "reader: db backup nope/b.db: the folder nope does not exist; "
                                                       "create it, or give a path in an existing folder"),
                       (("digest", "--no-fetch", "--date", "2026-11-30", "--out", "folder"),
                        "reader: digest: cannot write the digest: folder is a folder; give --out a file path such as "
                        "folder/2026-11-30.md"),
                       (("digest", "--no-fetch", "--date", "2026-11-30"),
                        "reader: digest: digests/2026-11-30.md is a folder, where the day's digest goes; move it away, "
                        "or pass --out PATH"),
                       (("feeds", "export", "--out", "folder"),
                        "reader: feeds export: folder is a folder; give --out a file path such as folder/feeds.opml")):
        out = _run(workdir, *args, env=env)
        assert out.returncode == 2 and out.stderr == says + "\n", (args, out.stderr)
