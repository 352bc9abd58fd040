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
        ("[fetch]\nconcurrency = true\n", 2, "fetch.concurrency", "from 1 to 256, got true"),
        ("[colours]\nx = 1\n", 1, "colours", "unknown section; feeds.toml has the sections [[feeds]]"),
        ('title = "News"\n[[feeds]]\nname = "A"\nurl = "https://a.example/"\n', 1, "title",
         "unknown key outside any section; keys go under one of [[feeds]], [[topics]], [fetch]"),
        ('\nfetch = 3\n', 2, "fetch", "expected a section written [fetch]"),
        ('feeds = "https://a.example/"\n', 1, "feeds", "expected one [[feeds]] section per feed"),
        ("[digest]\nhistory_days = 0\n", 2, "digest.history_days", "a whole number of days from 1 to 365"),
        ("[digest]\nhistory_day = 7\n", 2, "digest.history_day", "unknown key"),
        ("[[topics]]\nname = \"T\"\nmatch = []\n", 3, "topics[0].match", "at least one"),
        ('[[feeds]]\nname = "A"\nurl = "https://a.example/\n', 3, None, "invalid TOML"),
    ],
)
def test_each_problem_is_one_clear_error(tmp_path: Path, body: str, line: int, key: str | None,
                                         expected: str) -> None:
    path = write_config(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    err = info.value
    assert (err.file, err.line, err.key) == (path, line, key)
    assert expected in err.expected
    assert str(err).startswith(f"{path}:{line}: {key}: " if key else f"{path}:{line}: invalid TOML: ")


def test_missing_and_binary_files_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(bad)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value) == (f"{tmp_path}: is a folder, not a feeds.toml; pass --config "
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
    assert info.value.line == line and f"feeds.toml:{line}: invalid TOML" in str(info.value)
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


@pytest.mark.parametrize(("body", "says"), [
    ("[fetch]\ntimeout = inf\n", "fetch.timeout: expected a number of seconds from 1 to 600, got inf"),
    ("[fetch]\ntimeout = [1]\n", "fetch.timeout: expected a number of seconds from 1 to 600, got a list"),
    ("[fetch]\ntimeout = 1979-05-27\n", "fetch.timeout: expected a number of seconds from 1 to 600, got 1979-05-27"),
    ("[fetch]\ntimeout = -inf\n", "fetch.timeout: expected a number of seconds from 1 to 600, got -inf"),
    ("[fetch]\ntimeout = nan\n", "fetch.timeout: expected a number of seconds from 1 to 600, got nan"),
    ("[fetch]\ntimeout = 0\n", "fetch.timeout: expected a number of seconds from 1 to 600, got 0"),
    ("[fetch]\ntimeout = 1e9\n", "fetch.timeout: expected a number of seconds from 1 to 600, got 1000000000.0"),
    ('[fetch]\ntimeout = "20"\n', 'fetch.timeout: expected a number of seconds from 1 to 600, got "20"'),
    ("[fetch]\nconcurrency = 100000\n",
     "fetch.concurrency: expected a whole number of feeds fetched at once from 1 to 256, got 100000"),
    ("[fetch]\nconcurrency = 4.0\n",
     "fetch.concurrency: expected a whole number of feeds fetched at once from 1 to 256, got 4.0"),
    ("[fetch]\nmax_bytes = 0\n",
     "fetch.max_bytes: expected a whole number of bytes from 1,000 to 1,000,000,000, got 0"),
    ("[fetch]\nmax_bytes = 9_000_000_000_000\n",
     "fetch.max_bytes: expected a whole number of bytes from 1,000 to 1,000,000,000, got 9000000000000"),
    ("[digest]\nmax_stories = 1_000_000\n",
     "digest.max_stories: expected a whole number of stories per topic from 1 to 1,000, got 1000000"),
    ("[digest]\nhistory_days = 1_000_000_000_000\n",
     "digest.history_days: expected a whole number of days from 1 to 365, got 1000000000000"),
    # An empty setting is not "the default": it says how to get the default.
    ('[storage]\npath = ""\n', "storage.path: is empty; remove the key to use the default (reader.db in the user "
                                "data directory)"),
    ('[storage]\npath = "   "\n', "storage.path: is empty; remove the key to use the default (reader.db in the "
                                   "user data directory)"),
    ('[digest]\ndirectory = ""\n', 'digest.directory: is empty; remove the key to use the default ("digests" next '
                                    "to feeds.toml)"),
    ('[fetch]\nuser_agent = ""\n', 'fetch.user_agent: is empty; remove the key to use the default ("policy-reader/0.1 '
                                    '(terminal news reader)")'),
])
def test_a_bad_setting_names_the_file_line_key_value_and_what_is_accepted(tmp_path: Path, body: str,
                                                                          says: str) -> None:
    path = write_config(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value) == f"{path}:2: {says}"


def test_the_ends_of_each_range_are_accepted(tmp_path: Path) -> None:
    cfg = load_config(write_config(tmp_path, "[fetch]\ntimeout = 600\nconcurrency = 256\nmax_bytes = 1000\n"
                                             "[digest]\nmax_stories = 1000\nhistory_days = 365\n"))
    assert (cfg.fetch.timeout, cfg.fetch.concurrency, cfg.fetch.max_bytes) == (600, 256, 1000)
    assert (cfg.digest_max_stories, cfg.history_days) == (1000, 365)
    assert load_config(write_config(tmp_path, "[fetch]\ntimeout = 1.5\n")).fetch.timeout == 1.5


@pytest.mark.parametrize("agent", ["a\\nb", "a\\tb", "a\\u001b[31mb", "a\\u0085b"])
def test_a_user_agent_with_control_characters_is_refused(tmp_path: Path, agent: str) -> None:
    path = write_config(tmp_path, f'[fetch]\nuser_agent = "{agent}"\n')
    with pytest.raises(ConfigError, match=r"user_agent: contains control characters: .*an HTTP header cannot carry"):
        load_config(path)


@pytest.mark.parametrize(("body", "key", "says"), [
    ('[[feeds]]\nname = "\\u200b\\u200d"\nurl = "https://a.example/"\n', "feeds[0].name",
     '"\\u200b\\u200d" shows as nothing: it has only invisible or control characters and spaces; give the feed a '
     "name that can be read"),
    ('[[feeds]]\nname = "\\u001b[2J\\u0007"\nurl = "https://a.example/"\n', "feeds[0].name",
     '"\\x1b[2J\\x07" shows as nothing'),
    ('[[feeds]]\nname = " \\t "\nurl = "https://a.example/"\n', "feeds[0].name", "is empty; give the feed a name"),
    ('[[feeds]]\nurl = "https://a.example/"\nname = "\\u202e\\u2066"\n', "feeds[0].name", "shows as nothing"),
    ('[[feeds]]\nname = "A"\nurl = "https://a.example/"\ntags = ["ok", "\\u2060\\u00ad"]\n', "feeds[0].tags",
     'a tag "\\u2060\\xad" shows as nothing'),
    ('[[feeds]]\nname = "A"\nurl = "https://a.example/"\ntags = ["ok", " "]\n', "feeds[0].tags",
     "a tag is empty; remove it or give it some text"),
    ('[[topics]]\nname = "\\ufeff"\nmatch = ["x"]\n', "topics[0].name", "give the topic a name that can be read"),
    ('[[topics]]\nname = "T"\nmatch = ["x", "\\u200b"]\n', "topics[0].match", 'a phrase "\\u200b" shows as nothing'),
    ('[[topics]]\nname = "T"\nmatch = ["x"]\nexclude = ["\\u0007"]\n', "topics[0].exclude", "a phrase"),
])
def test_a_name_that_would_display_as_nothing_is_refused(tmp_path: Path, body: str, key: str, says: str) -> None:
    path = write_config(tmp_path, body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == key and info.value.line is not None and says in str(info.value), str(info.value)


@pytest.mark.parametrize(("first", "second", "why"), [
    ("Metro Ledger", "Metro Ledger", ""),
    ("Metro Ledger", "Metro\\u200b Ledger", ' once invisible and control characters and extra spaces are dropped '
                                            '("Metro Ledger" and "Metro\\u200b Ledger")'),
    ("Metro Ledger", "\\u001b[31mMetro Ledger\\u001b[0m", ' ("Metro Ledger" and "\\x1b[31mMetro Ledger\\x1b[0m")'),
    ("Metro Ledger", "  Metro   Ledger ", ' ("Metro Ledger" and "  Metro   Ledger ")'),
    ("Metro Ledger", "Metro\\u202e Ledger", ' ("Metro Ledger" and "Metro\\u202e Ledger")'),
    ("Caf\\u00e9", "Cafe\\u0301", " (the same letters, typed as different Unicode sequences: 'Caf\\xe9' and "
                                  "'Cafe\\u0301')"),
])
def test_two_feeds_whose_names_display_the_same_are_duplicates_naming_both(tmp_path: Path, first: str, second: str,
                                                                          why: str) -> None:
    path = write_config(tmp_path, f'[[feeds]]\nname = "{first}"\nurl = "https://a.example/"\n\n'
                                  f'[[feeds]]\nname = "{second}"\nurl = "https://b.example/"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}:6: feeds[1].name: duplicate feed name ")
    assert ": feeds[0].name on line 2 reads the same" in message and message.endswith(
        "; each feed needs a name of its own")
    assert why in message


def test_two_topics_whose_names_display_the_same_are_duplicates(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[[topics]]\nname = "E-Verify"\nmatch = ["x"]\n\n'
                                  '[[topics]]\nname = "E-\\u00adVerify"\nmatch = ["y"]\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value) == (f'{path}:6: topics[1].name: duplicate topic name "E-Verify": topics[0].name on line 2 '
                               'reads the same once invisible and control characters and extra spaces are dropped '
                               '("E-Verify" and "E-\\xadVerify"); each topic needs a name of its own')


def test_names_and_tags_are_kept_as_displayed_and_case_tells_names_apart(tmp_path: Path) -> None:
    """The program gets what it shows, so the store, the sidebar and the digest agree on one name."""
    cfg = load_config(write_config(
        tmp_path, '[[feeds]]\nname = " WNYC\\u200b  News\\u001b[0m "\nurl = "https://a.example/"\n'
                  'tags = ["lo\\u200bcal", "local", " radio "]\n\n'
                  '[[feeds]]\nname = "wnyc news"\nurl = "https://b.example/"\n\n'
                  '[[topics]]\nname = "\\u2066ICE\\u2069"\nmatch = ["I\\u0007CE", "ICE"]\n'))
    assert [f.name for f in cfg.feeds] == ["WNYC News", "wnyc news"]  # case reads differently: both kept
    assert cfg.feeds[0].tags == ("local", "radio")
    assert cfg.topics[0].name == "ICE" and cfg.topics[0].match == ("ICE",)


def test_a_feed_url_with_an_impossible_port_is_a_config_error(tmp_path: Path) -> None:
    for url in ("https://a.example:99999/", "https://[::1/"):
        path = write_config(tmp_path, f'[[feeds]]\nname = "A"\nurl = "{url}"\n')
        with pytest.raises(ConfigError, match=r"feeds\[0\]\.url: expected an http\(s\) URL"):
            load_config(path)


@pytest.mark.parametrize("directory", ["blocker", "blocker/sub/deeper"])
def test_a_digest_directory_at_or_under_a_file_names_the_file_and_the_line(tmp_path: Path, directory: str) -> None:
    from reader.config import check_digest_dir

    (tmp_path / "blocker").write_text("x")
    path = write_config(tmp_path, f'[[feeds]]\nname = "A"\nurl = "https://a.example/"\n\n'
                                  f'[digest]\ndirectory = "{directory}"\n')
    with pytest.raises(ConfigError) as info:
        check_digest_dir(load_config(path))
    blocker, folder = tmp_path / "blocker", tmp_path / directory
    middle = "" if directory == "blocker" else f", so the digest folder {folder} cannot be under it"
    assert str(info.value) == (f"{path}:6: digest.directory: {blocker} is a file, not a folder{middle}; set [digest] "
                               f"directory to a folder, or move {blocker} away")


def test_a_database_path_under_a_file_names_the_file_and_where_the_path_came_from(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "blocker").write_text("x")
    cfg = load_config(write_config(tmp_path, '[storage]\npath = "blocker/r.db"\n'))
    db = tmp_path / "blocker" / "r.db"
    monkeypatch.delenv("READER_DB")
    with pytest.raises(ConfigError) as info:
        resolve_db_path(None, cfg)
    assert str(info.value) == (f"{cfg.path}:2: storage.path: {tmp_path / 'blocker'} is a file, not a folder, so the "
                               f"database {db} cannot be under it; set [storage] path to a file in a folder, or move "
                               f"{tmp_path / 'blocker'} away")
    with pytest.raises(ConfigError, match=r"--db: .* is a file, not a folder.*give --db a path in a folder"):
        resolve_db_path(str(db / "deeper.db"), cfg)
    monkeypatch.setenv("READER_DB", str(db))
    with pytest.raises(ConfigError, match=r"\$READER_DB: .* is a file, not a folder.*give \$READER_DB a path"):
        resolve_db_path(None, cfg)


@pytest.mark.parametrize("url", ["http:/../../etc/passwd", "HTTP:etc/hostname", "https:///rss", "ftp://a.example/rss",
                                 "feed:https://a.example/rss", "HTTP://a.example/ x"])
def test_a_url_that_is_not_a_whole_web_address_is_refused_never_read_as_a_path(tmp_path: Path, url: str) -> None:
    """try10: anything that starts like a URL is judged as one; "http:/x" was a file path under feeds.toml's folder."""
    path = write_config(tmp_path, f'[[feeds]]\nname = "A"\nurl = "{url}"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.key == "feeds[0].url" and "expected an http(s) URL or a file path" in info.value.expected


def test_a_scheme_in_capitals_is_the_web_and_a_drive_or_dotted_path_is_a_file(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[[feeds]]\nname = "A"\nurl = "HTTPS://A.example/rss"\n[[feeds]]\nname = "B"\n'
                                  'url = "./http:b.xml"\n[[feeds]]\nname = "C"\nurl = "C:/c.xml"\n')
    a, b, c = load_config(path).feeds
    assert (a.url, a.is_local) == ("https://A.example/rss", False)
    assert b.is_local and c.is_local
