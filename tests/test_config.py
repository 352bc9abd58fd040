from pathlib import Path

import pytest

from reader.config import ConfigError, load_config, resolve_db_path
from tests.conftest import REPO, write_config

GOOD = """
[[feeds]]
name = "A"
url = "https://a.example/feed.xml"
tags = ["x", "x", "y"]

[[feeds]]
name = "Local"
url = "samples/local.xml"
enabled = false

[[topics]]
name = "Secure Communities"
match = ["Secure Communities", "S-Comm"]
exclude = ["secure communities grant"]

[fetch]
concurrency = 4
timeout = 2.5

[storage]
path = "data/r.db"

[digest]
directory = "out"
max_stories = 10
history_days = 3
"""


def test_valid_config_loads_every_section(tmp_path: Path) -> None:
    cfg = load_config(write_config(tmp_path, GOOD))
    assert [f.name for f in cfg.feeds] == ["A", "Local"]
    assert cfg.feeds[0].tags == ("x", "y")
    assert cfg.feeds[1].enabled is False and cfg.feeds[1].is_local
    assert cfg.resolve_feed_location(cfg.feeds[1]) == str(tmp_path / "samples" / "local.xml")
    assert cfg.topics[0].exclude == ("secure communities grant",)
    assert cfg.fetch.concurrency == 4 and cfg.fetch.timeout == 2.5 and cfg.fetch.max_bytes == 10_000_000
    assert cfg.storage_path == tmp_path / "data" / "r.db"
    assert cfg.digest_dir == tmp_path / "out" and cfg.digest_max_stories == 10 and cfg.history_days == 3


@pytest.mark.parametrize(
    ("body", "line", "key", "expected"),
    [
        ('[[feeds]]\nname = "A"\nurl = "https://a.example/"\nenabeld = false\n', 4, "feeds[0].enabeld", "unknown key"),
        ('[[feeds]]\nname = "A"\nurl = "https://a.example/"\ntags = "x"\n', 4, "feeds[0].tags", "list of"),
        ('[[feeds]]\nname = "A"\nurl = "ftp://a.example/"\n', 3, "feeds[0].url", "http(s) URL"),
        ('[[feeds]]\nname = "A"\nurl = "https://"\n', 3, "feeds[0].url", "http(s) URL"),
        ('[[feeds]]\nname = "A"\nurl = "https://a.example/"\n\n[[feeds]]\nname = "A"\nurl = "https://b.example/"\n',
         6, "feeds[1].name", "duplicate feed name"),
        ('[[feeds]]\nname = "A"\nurl = "https://A.example/x"\n\n[[feeds]]\nname = "B"\nurl = "https://a.example/x"\n',
         7, "feeds[1].url", "duplicate URL"),
        ('[[feeds]]\nname = "A"\n', 1, "feeds[0].url", "is required"),
        ("[fetch]\ntimeout = -1\n", 2, "fetch.timeout", "a number of seconds from 1 to 600, got -1"),
        ("[digest]\nmax_stories = 0\n", 2, "digest.max_stories", "a whole number of stories per topic from 1 to 1,000"),
        ("[fetch]\nconcurrency = true\n", 2, "fetch.concurrency", "from 1 to 256, got True"),
        ("[colours]\nx = 1\n", 1, "colours", "unknown section; feeds.toml has the sections [[feeds]]"),
        ('title = "News"\n[[feeds]]\nname = "A"\nurl = "https://a.example/"\n', 1, "title",
         "unknown key outside any section; keys go under one of [[feeds]], [[topics]], [fetch]"),
        ('\nfetch = 3\n', 2, "fetch", "expected a section written [fetch]"),
        ('feeds = "https://a.example/"\n', 1, "feeds", "expected one [[feeds]] section per feed"),
        ("[digest]\nhistory_days = 0\n", 2, "digest.history_days", "a whole number of days from 1 to 365"),
        ("[digest]\nhistory_day = 7\n", 2, "digest.history_day", "unknown key"),
        ("[[topics]]\nname = \"T\"\nmatch = []\n", 3, "topics[0].match", "at least one"),
        ('[[feeds]]\nname = "A"\nurl = "https://a.example/\n', 3, "(syntax)", "invalid TOML"),
    ],
)
def test_each_problem_is_one_clear_error(tmp_path: Path, body: str, line: int, key: str, expected: str) -> None:
    path = write_config(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    err = info.value
    assert (err.file, err.line, err.key) == (path, line, key)
    assert expected in err.expected
    assert str(err).startswith(f"{path}:{line}: {key}: ")


def test_missing_and_binary_files_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(bad)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value) == (f"{tmp_path}: (file): is a folder, not a feeds.toml; pass --config "
                               f"{tmp_path / 'feeds.toml'} or another file")


def test_a_database_path_that_is_a_folder_is_refused_naming_where_it_came_from(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    cfg = load_config(write_config(tmp_path, '[storage]\npath = "data"\n'))
    for given, says in ((str(folder), f"{folder}: --db: is a folder"), (None, f"{folder}: $READER_DB: is a folder")):
        monkeypatch.setenv("READER_DB", str(folder))
        with pytest.raises(ConfigError) as info:
            resolve_db_path(given, cfg)
        assert str(info.value).startswith(says) and str(info.value).endswith(f"a file path such as {folder}/reader.db")
    monkeypatch.delenv("READER_DB")
    with pytest.raises(ConfigError) as info:
        resolve_db_path(None, cfg)
    assert str(info.value) == (f"{cfg.path}:2: storage.path: {folder} is a folder, not a database file; give a file "
                               f"path such as {folder}/reader.db")


def test_db_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = load_config(write_config(tmp_path, GOOD))
    assert resolve_db_path("x.db", cfg) == Path("x.db")
    assert resolve_db_path(None, cfg) == Path(str(tmp_path / "reader.db"))  # $READER_DB from the fixture
    monkeypatch.delenv("READER_DB")
    assert resolve_db_path(None, cfg) == tmp_path / "data" / "r.db"
    no_storage = load_config(write_config(tmp_path, "[digest]\ndirectory = 'd'\n"))
    assert no_storage.history_days == 7
    assert resolve_db_path(None, no_storage).name == "reader.db"
    assert str(tmp_path) in str(resolve_db_path(None, no_storage))  # platformdirs under the test's XDG dir


def test_default_feeds_toml_is_valid_and_offline() -> None:
    cfg = load_config(REPO / "feeds.toml")
    assert len(cfg.feeds) >= 4 and all(f.is_local for f in cfg.feeds)
    for feed in cfg.feeds:
        assert Path(cfg.resolve_feed_location(feed)).is_file()
    assert {t.name for t in cfg.topics} >= {"Secure Communities"}


@pytest.mark.parametrize(("body", "line"), [
    ('[[feeds]]\nname = "A"\nurl = "https://a.example/"\ntags = ["x",\n  "y"\n\n[fetch]\ntimeout = 3\n', 4),
    ('[[topics]]\nname = "T"\nmatch = ["a", ["b", "c"]\n', 3),
    ('[[feeds]]\nname = """A\nurl = "x"\n', 2),
    ('x = [ # a comment with ] in it\n  "]", "[",\n', 1),
])
def test_a_construct_left_open_names_the_line_it_opened_on(tmp_path: Path, body: str, line: int) -> None:
    """tomllib says only "at end of document"; the error must point at the line to fix."""
    with pytest.raises(ConfigError) as info:
        load_config(write_config(tmp_path, body))
    assert info.value.line == line and f"feeds.toml:{line}: (syntax)" in str(info.value)
    assert "opened on this line and never closed" in str(info.value)


def test_an_inline_table_left_open_and_other_syntax_errors_keep_their_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write_config(tmp_path, 'a = 1\nb = {x = 1\nc = 2\n'))
    assert info.value.line == 2
    with pytest.raises(ConfigError) as info:
        load_config(write_config(tmp_path, 'a = 1\nb = = 2\n'))
    assert info.value.line == 2 and "never closed" not in str(info.value)


def test_a_hostile_key_is_quoted_without_its_controls(tmp_path: Path) -> None:
    from tests.hostile import assert_terminal_safe

    path = tmp_path / "feeds.toml"
    path.write_text('[[feeds]]\nname = "A"\nurl = "https://example.org/a"\n"\\u001b]0;T\\u0007k\\u202e" = 1\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert_terminal_safe(str(info.value))
    assert "]0;T" not in info.value.key and "k" in info.value.key
