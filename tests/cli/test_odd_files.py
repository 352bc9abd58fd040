"""Files a user may have, written oddly: a feeds.toml with a byte-order mark, or nested past Python's stack.

Each is read, or refused in one line naming the line to fix (exit 2), never met with a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import ConfigError, load_config
from tests.cli.test_awkward_input import reader
from tests.conftest import write_config

RSS = ('<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><item><title>One</title>'
       '<link>https://b.example/1</link></item></channel></rss>')
FEED = '[[feeds]]\nname = "A"\nurl = "http://127.0.0.1:9/a"\n'


def test_a_feeds_toml_with_a_byte_order_mark_is_read_and_keeps_it_when_edited(tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a BOM; tomllib read it as 'Invalid statement (at line 1, column 1)'."""
    path = tmp_path / "feeds.toml"
    path.write_bytes(b"\xef\xbb\xbf" + FEED.encode())
    assert [f.name for f in load_config(path).feeds] == ["A"]
    (tmp_path / "b.xml").write_text(RSS)
    added = reader(tmp_path, "--config", "feeds.toml", "feeds", "add", "--name", "B", "b.xml")
    assert added.returncode == 0, added.stderr
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf[[feeds]]") and text.count(b"\xef\xbb\xbf") == 1
    assert [f.name for f in load_config(path).feeds] == ["A", "B"]


def test_a_byte_order_mark_anywhere_else_is_still_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write_config(tmp_path, FEED + "\ufeff[fetch]\n"))
    assert info.value.line == 4


@pytest.mark.parametrize("value", ["[" * 100_000 + "]" * 100_000, "{a = " * 50_000 + "1" + "}" * 50_000],
                         ids=["arrays", "inline tables"])  # the id goes into the environment of the command run
def test_a_feeds_toml_nested_past_python_s_stack_names_the_line(tmp_path: Path, value: str) -> None:
    """tomllib reads a nested array by recursion: 'x = [[[[...' was a RecursionError traceback for every command."""
    write_config(tmp_path, FEED + "\n[fetch]\ntimeout = 5\nx = " + value + "\n")
    for command in (("feeds", "list"), ("feeds", "add", "--name", "B", "http://127.0.0.1:9/b")):
        out = reader(tmp_path, "--config", "feeds.toml", *command)
        assert out.returncode == 2, out.stderr
        assert out.stderr == ("reader: configuration error: feeds.toml:7: (syntax): arrays or inline tables nested "
                              "more than 100 deep, which no setting of feeds.toml takes; fix this line\n")


def test_nesting_tomllib_reads_is_judged_by_the_usual_rules(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write_config(tmp_path, FEED + 'tags = [["a"]]\n'))
    assert info.value.line == 4 and "tags" in str(info.value)


def test_feeds_list_and_remove_never_print_a_feed_s_password(tmp_path: Path) -> None:
    write_config(tmp_path, '[[feeds]]\nname = "Private"\nurl = "http://reader:s3cret@127.0.0.1:9/feed"\n')
    listed = reader(tmp_path, "--config", "feeds.toml", "--db", "r.db", "feeds", "list")
    assert "http://reader:***@127.0.0.1:9/feed" in listed.stdout and "s3cret" not in listed.stdout + listed.stderr
    removed = reader(tmp_path, "--config", "feeds.toml", "feeds", "remove", "Private")
    assert removed.returncode == 0 and "(http://reader:***@127.0.0.1:9/feed)" in removed.stdout
    assert "s3cret" not in removed.stdout + removed.stderr


@pytest.mark.parametrize("other", ["http://127.1:9/p.xml", "http://0x7f000001:9/p.xml", "http://2130706433:9/p.xml",
                                   "http://127.0.0.1:9/p.xml#latest", "HTTP://0177.0.0.1:9/p.xml/"])
def test_one_server_written_two_ways_or_a_fragment_is_one_feed(tmp_path: Path, other: str) -> None:
    """'127.1', '0x7f000001' and '127.0.0.1' are one server to the resolver; a #fragment is never sent."""
    with pytest.raises(ConfigError) as info:
        load_config(write_config(tmp_path, '[[feeds]]\nname = "A"\nurl = "http://127.0.0.1:9/p.xml"\n'
                                           f'[[feeds]]\nname = "B"\nurl = "{other}"\n'))
    assert "duplicate URL" in str(info.value) and "an IP address written another way" in str(info.value)


def test_a_host_name_of_hex_letters_or_another_port_is_another_feed(tmp_path: Path) -> None:
    body = "".join(f'[[feeds]]\nname = "{i}"\nurl = "{u}"\n' for i, u in enumerate(
        ["http://127.0.0.1:9/p.xml", "http://127.0.0.1:10/p.xml", "http://cafe.be/p.xml", "http://beef/p.xml",
         "http://127.0.0.2:9/p.xml", "http://[::1]:9/p.xml"]))
    assert len(load_config(write_config(tmp_path, body)).feeds) == 6


def test_a_name_made_from_a_long_title_is_cut_at_a_word_and_said_so(tmp_path: Path) -> None:
    """A 1,000-character channel title was written whole into feeds.toml, a name no one could type."""
    title = "Weird " * 30 + "W" * 500
    (tmp_path / "w.xml").write_text(RSS.replace("<title>B</title>", f"<title>{title}</title>", 1))
    added = reader(tmp_path, "--config", "feeds.toml", "feeds", "add", "w.xml")
    assert added.returncode == 0, added.stderr
    name = load_config(tmp_path / "feeds.toml").feeds[0].name
    assert name == ("Weird " * 13).rstrip() + "…" and len(name) <= 80
    assert "the feed's title is longer than 80 characters, so its name is cut" in added.stderr
    given = reader(tmp_path, "--config", "g.toml", "feeds", "add", "--name", "X" * 120, "w.xml")
    assert given.returncode == 0 and load_config(tmp_path / "g.toml").feeds[0].name == "X" * 120  # the user's own
    (tmp_path / "long.opml").write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body>'
        f'<outline text="{"Z" * 300}" xmlUrl="http://127.0.0.1:9/z"/><outline text="Short" xmlUrl="http://127.0.0.1:9/s"/>'
        "</body></opml>")
    imported = reader(tmp_path, "--config", "i.toml", "feeds", "import", "long.opml")
    assert imported.returncode == 0, imported.stderr
    assert [f.name for f in load_config(tmp_path / "i.toml").feeds] == ["Z" * 79 + "…", "Short"]
    assert "1 name longer than 80 characters cut to fit" in imported.stderr
