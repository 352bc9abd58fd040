"""The database's path, wherever it comes from (--db, $READER_DB, [storage] path, the default), checked before work.

A command that writes (fetch, a digest that refreshes first) refuses a database it cannot write as
bad input, exit 2, naming where the path came from and what to do; the default location gets the
same check as --db; an environment variable with control characters is refused as --db is. Run in
process: root's override of file modes is met with an immutable file or folder (chattr +i).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.commands.say import error, note
from reader.store import Store
from tests.cli.conftest import Unwritable
from tests.conftest import REPO

FEEDS = f'[[feeds]]\nname = "WNYC News"\nurl = "{REPO / "reader" / "samples" / "wnyc.xml"}"\n'


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "feeds.toml").write_text(FEEDS)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("READER_CONFIG", "feeds.toml")
    return tmp_path


def _database(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    Store(path).close()
    return path.read_bytes()


DEFAULT = "data/policy-reader/reader.db"  # with XDG_DATA_HOME=$PWD/data (platformdirs ignores a relative one)
SOURCES = {  # where the path comes from: arguments, environment, feeds.toml's addition; what the message says
    "--db": (["--db", "data/r.db"], {}, "",
             "reader: --db data/r.db: {why}, or give --db another path"),
    "$READER_DB": ([], {"READER_DB": "data/r.db"}, "",
                   "reader: $READER_DB data/r.db: {why}, or give $READER_DB another path"),
    "[storage] path": ([], {"READER_DB": ""}, '\n[storage]\npath = "data/r.db"\n',
                       "reader: configuration error: feeds.toml:6: storage.path: data/r.db: {why}, or set [storage] "
                       "path to another file"),
    "the default": ([], {"READER_DB": "", "XDG_DATA_HOME": "{pwd}/data"}, "",
                    "reader: the default database {pwd}/" + DEFAULT + ": {why}, or pass --db with another file (or "
                    "set $READER_DB, or [storage] path in feeds.toml)"),
}


@pytest.mark.parametrize("source", SOURCES.values(), ids=SOURCES.keys())
def test_a_read_only_database_file_is_refused_by_fetch_as_bad_input(
        workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], unwritable: Unwritable,
        source: tuple[list[str], dict[str, str], str, str]) -> None:
    args, env, storage, says = source
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(pwd=workdir))
    (workdir / "feeds.toml").write_text(FEEDS + storage)
    db = workdir / DEFAULT if "XDG_DATA_HOME" in env else Path("data/r.db")  # as the message names it
    data = _database(workdir / db)
    unwritable(workdir / db)
    assert main(["fetch", *args]) == 2
    why = f"this command writes to the database, and the file is read-only for you; make it writable (chmod u+w {db})"
    assert capsys.readouterr().err == says.format(why=why, pwd=workdir) + "\n"
    assert (workdir / db).read_bytes() == data and [p.name for p in (workdir / db).parent.iterdir()] == [db.name]


def test_a_digest_that_would_refresh_a_database_in_a_read_only_folder_offers_no_fetch(
        workdir: Path, capsys: pytest.CaptureFixture[str], unwritable: Unwritable) -> None:
    data = _database(workdir / "data" / "r.db")
    unwritable(workdir / "data")
    assert main(["digest", "--stdout", "--db", "data/r.db"]) == 2
    assert capsys.readouterr().err == (
        "reader: --db data/r.db: this command writes to the database, and its folder data is not writable for you "
        "(SQLite keeps its -wal and -shm files there); make the folder writable (chmod u+w data), pass --no-fetch to "
        "digest what is stored, or give --db another path\n")
    assert (workdir / "data" / "r.db").read_bytes() == data


def test_a_new_default_database_where_no_file_can_be_created_is_refused_before_work(
        workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        unwritable: Unwritable) -> None:
    share = workdir / "share"
    monkeypatch.setenv("READER_DB", "")
    monkeypatch.setenv("XDG_DATA_HOME", str(share))
    share.mkdir()
    unwritable(share)
    assert main(["fetch"]) == 2
    assert capsys.readouterr().err == (
        f"reader: the default database {share}/policy-reader/reader.db: the database cannot be created there, "
        f"because the folder {share} is not writable for you (or is on a read-only disk); make it writable (chmod u+w "
        f"{share}), or pass --db with a file in a folder you can write (or set $READER_DB, or [storage] path in "
        "feeds.toml)\n")
    assert list((workdir / "share").iterdir()) == []


def test_commands_that_only_read_create_no_folder_for_the_default_database(
        workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("READER_DB", "")
    monkeypatch.setenv("XDG_DATA_HOME", str(workdir / "share"))
    assert main(["feeds", "list"]) == 0
    assert main(["db", "check"]) == 1  # no database yet
    assert main(["digest", "--no-fetch", "--stdout"]) == 1
    assert not (workdir / "share").exists()
    assert capsys.readouterr().err.startswith(f"reader: note: no database yet at {workdir}/share/policy-reader/")
    assert main(["fetch"]) == 0 and (workdir / "share" / "policy-reader" / "reader.db").is_file()


ENVIRONMENT = {  # a variable, the command that reads it, and the message
    "READER_DB": ({"READER_DB": "a\x1bb.db"}, ["fetch"],
                  '$READER_DB has control characters ("a\\x1bb.db"); set it without them, or unset it to use the '
                  "default"),
    "READER_CONFIG": ({"READER_CONFIG": "a\nfeeds.toml"}, ["feeds", "list"],
                      '$READER_CONFIG has control characters ("a\\x0afeeds.toml"); set it without them, or unset it '
                      "to use the default"),
    "READER_DB blank": ({"READER_DB": " "}, ["db", "check"],
                        '$READER_DB is blank (" "); set it to a file\'s path, or unset it to use the default'),
    "XDG_DATA_HOME": ({"READER_DB": "", "XDG_DATA_HOME": "/x\x9by"}, ["fetch"],
                      'the default data folder "/x\\x9by/policy-reader" has control characters, from $XDG_DATA_HOME; '
                      "set $XDG_DATA_HOME without them, or pass --db PATH"),
    "HOME": ({"READER_CONFIG": "", "XDG_CONFIG_HOME": "", "HOME": "/h\x07me"}, ["feeds", "export"],
             'the default config folder "/h\\x07me/.config/policy-reader" has control characters, from $HOME; set '
             "$HOME without them, or pass --config PATH"),
}


@pytest.mark.parametrize("case", ENVIRONMENT.values(), ids=ENVIRONMENT.keys())
def test_a_path_from_the_environment_with_control_characters_is_refused_as_an_option_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        case: tuple[dict[str, str], list[str], str]) -> None:
    env, command, says = case
    monkeypatch.chdir(tmp_path)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if "READER_CONFIG" not in env:
        (tmp_path / "feeds.toml").write_text(FEEDS)
        monkeypatch.setenv("READER_CONFIG", "feeds.toml")
    assert main(command) == 2
    assert capsys.readouterr().err == f"reader: {says}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == (["feeds.toml"] if "READER_CONFIG" not in env else [])


def test_notes_are_labelled_apart_from_errors_and_both_made_safe(capsys: pytest.CaptureFixture[str]) -> None:
    note("created the folder \x1b[31mred for --db red/r.db")
    error("cannot write x\ny")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "reader: note: created the folder red for --db red/r.db\nreader: cannot write x y\n"


@pytest.mark.parametrize("command", [["fetch"], ["feeds", "list"], ["db", "check"], ["digest", "--stdout"]])
def test_a_device_as_the_database_is_refused_as_a_folder_is(workdir: Path, capsys: pytest.CaptureFixture[str],
                                                            command: list[str]) -> None:
    """SQLite called /dev/null a disk error (exit 1, "check the disk") for a command that writes."""
    assert main([*command, "--db", "/dev/null"]) == 2
    assert capsys.readouterr().err == ("reader: configuration error: /dev/null: --db: is a device, pipe or socket, "
                                       "not a database file; give --db the path of a file\n")


def test_a_symbolic_link_no_database_can_be_made_through_is_refused_before_fetch(
        workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "loop1.db").symlink_to("loop2.db")
    (workdir / "loop2.db").symlink_to("loop1.db")
    (workdir / "dangling.db").symlink_to("nowhere/r.db")
    for name, target in (("loop1.db", "loop2.db"), ("dangling.db", "nowhere/r.db")):
        assert main(["fetch", "--db", name]) == 2
        assert capsys.readouterr().err == (
            f"reader: --db {name}: it is a symbolic link to {target}, which leads to no folder (or round in a loop); "
            "point it at the database, or give --db another path\n")
    (workdir / "data").mkdir()
    (workdir / "through.db").symlink_to("data/r.db")  # one SQLite can create the database through
    assert main(["fetch", "--db", "through.db"]) == 0 and (workdir / "data" / "r.db").is_file()
