"""A path given that cannot be written is bad input, like a bad option: one line saying what and where, exit 2.

Before, a new database (`fetch --db ro/new.db`) or a backup in a folder that cannot be written was
left to SQLite, whose "unable to open database file" came back as a failure of the store, exit 1,
while `digest --out ro/d.md` said the same thing with status 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import run_reader

OPML = Path(__file__).resolve().parent.parent / "feeds" / "opml" / "feedly.opml"

CASES = {
    "fetch --db": (("fetch", "--db", "ro/new.db"),
                   "reader: --db ro/new.db: the database cannot be created there, because the folder ro is not "
                   "writable for you (or is on a read-only disk); make it writable (chmod u+w ro), or give --db a "
                   "path in a folder you can write"),
    "digest --db": (("digest", "--db", "ro/new.db"), "reader: --db ro/new.db: the database cannot be created there"),
    "db backup": (("db", "backup", "ro/copy.db"),
                  "reader: db backup ro/copy.db: the backup cannot be created there, because the folder ro is not "
                  "writable for you (or is on a read-only disk); make it writable (chmod u+w ro), or give db backup "
                  "a path in a folder you can write"),
    "db backup into the folder": (("db", "backup", "ro/"), "reader: db backup ro: ro is a folder; give a new file "
                                                          "name for the backup, such as ro/reader-backup.db"),
    "digest --out": (("digest", "--no-fetch", "--date", "2026-11-30", "--out", "ro/d.md"),
                     "reader: digest: cannot write the digest: cannot write ro/d.md: "),
    "feeds export --out": (("feeds", "export", "--out", "ro/f.opml"), "reader: feeds export: cannot write ro/f.opml: "),
    "feeds add --config": (("feeds", "add", "reader/samples/wnyc.xml", "--config", "ro/feeds.toml"),
                           "reader: feeds add: cannot write ro/feeds.toml: "),
    "feeds import --config": (("feeds", "import", str(OPML), "--config", "ro/feeds.toml"),
                              "reader: feeds import: cannot write ro/feeds.toml: "),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_folder_that_cannot_be_written_exits_2_saying_what_to_do(read_only_folder: Path,
                                                                   case: tuple[tuple[str, ...], str]) -> None:
    args, says = case
    out = run_reader(read_only_folder.parent, *args)
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith(says) and out.stderr.count("\n") == 1, out.stderr
    assert ("writable" in out.stderr or "is a folder" in out.stderr) and "Traceback" not in out.stderr
    assert list(read_only_folder.iterdir()) == []


def test_the_database_from_the_environment_is_named_as_such(read_only_folder: Path) -> None:
    out = run_reader(read_only_folder.parent, "fetch", env={"READER_DB": "ro/new.db"})
    assert out.returncode == 2 and out.stderr.startswith("reader: $READER_DB ro/new.db: the database cannot be "
                                                         "created there"), out.stderr


def test_a_path_under_a_file_exits_2_as_root_does_too(workdir: Path) -> None:
    """Runs whoever runs the suite: a file where the folder must be stops root as it stops anyone."""
    for args in (("fetch", "--db", "X/new.db"), ("db", "backup", "X/copy.db"),
                 ("feeds", "add", "reader/samples/wnyc.xml", "--config", "X/feeds.toml"),
                 ("feeds", "import", str(OPML), "--config", "X/feeds.toml")):
        out = run_reader(workdir, *args)
        assert out.returncode == 2 and "X is a file, not a folder" in out.stderr, (args, out.stderr)
        assert out.stderr.count("\n") == 1, out.stderr


def test_the_network_and_the_store_are_still_status_1(workdir: Path) -> None:
    """Not what was given but what it met: a missing database for a command that only reads; a URL that fails."""
    missing = run_reader(workdir, "show", "1", "--db", "missing.db")
    assert missing.returncode == 1 and "no database yet" in missing.stderr
    refused = run_reader(workdir, "show", "http://127.0.0.1:9/nothing-listens-here")
    assert refused.returncode == 1 and refused.stderr.startswith("reader: show: http://127.0.0.1:9/"), refused.stderr


def test_input_that_cannot_be_used_is_status_2(workdir: Path) -> None:
    (workdir / "bin.dat").write_bytes(b"\x00\x01" * 100)
    (workdir / "bad.opml").write_text("<opml><body>")
    for args, says in ((("show", "nope.txt"), "reader: show: no such file: nope.txt; give a .txt, .html or feed "
                                              "file, a stored article's id or an http(s) URL"),
                       (("show", "bin.dat"), "reader: show: bin.dat is a binary file"),
                       (("show", "99"), "reader: show: no article with id 99 in r.db"),
                       (("feeds", "import", "nope.opml"), "reader: feeds import: cannot read nope.opml: No such file "
                                                          "or directory; give the path of an OPML file"),
                       (("feeds", "import", "bad.opml"), "reader: feeds import: bad.opml: not well-formed XML"),
                       (("feeds", "remove", "Nobody"), "reader: feeds remove: no feed named or at 'Nobody'"),
                       (("feeds", "add", "reader/samples/wnyc.xml", "--name", "Other"),
                        "reader: feeds add: reader/samples/wnyc.xml is already subscribed as 'WNYC News'"),
                       (("summarize", "nope.jsonl"), "reader: summarize: cannot read nope.jsonl")):
        out = run_reader(workdir, *args)
        assert out.returncode == 2 and out.stderr.startswith(says), (args, out.stderr)
        assert out.stderr.count("\n") == 1, out.stderr


@pytest.mark.parametrize("storage", ["ro/new.db", "ro/sub/new.db"])
def test_storage_path_in_a_folder_that_cannot_be_written_names_its_line(read_only_folder: Path, storage: str) -> None:
    workdir = read_only_folder.parent
    (workdir / "feeds.toml").write_text('[[feeds]]\nname = "WNYC"\nurl = "reader/samples/wnyc.xml"\n\n'
                                        f'[storage]\npath = "{storage}"\n')
    for args in (("fetch",), ("digest", "--stdout")):
        out = run_reader(workdir, *args, env={"READER_DB": ""})
        assert out.returncode == 2 and out.stderr == (
            f"reader: configuration error: feeds.toml:6: storage.path: {storage}: the database cannot be created "
            "there, because the folder ro is not writable for you (or is on a read-only disk); make it writable "
            "(chmod u+w ro), or set [storage] path to a file in a folder you can write\n"), out.stderr
    assert list(read_only_folder.iterdir()) == []


def test_a_file_in_the_current_folder_that_cannot_be_written_names_the_folder(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.commands.folders import cannot_write

    monkeypatch.chdir(tmp_path)
    said = cannot_write(Path("out.md"), PermissionError(13, "Permission denied"), "--out", "digest.md")
    assert said == (f"cannot write out.md: Permission denied; make the folder {tmp_path} writable for you "
                    f"(chmod u+w {tmp_path}), or give --out a path in a folder you can write")
