from pathlib import Path

import pytest

from reader.config import load_config
from reader.feeds.edit import FeedEditError, NewFeed, add_feeds, remove_feed
from tests.conftest import REPO, write_config


def test_add_keeps_comments_and_layout(tmp_path: Path) -> None:
    original = (REPO / "feeds.toml").read_text(encoding="utf-8")
    path = write_config(tmp_path, original)
    config = add_feeds(load_config(path), [NewFeed('New "Outlet"', "https://new.example/feed", ("x", "y"))])
    text = path.read_text(encoding="utf-8")
    assert [f.name for f in config.feeds][-1] == 'New "Outlet"'
    assert config.feeds[-1].tags == ("x", "y")
    # The new table goes right after the last [[feeds]] table; every other byte is as it was.
    anchor = 'url = "reader/samples/borderlands-tribune.xml"\ntags = ["politics"]\n'
    added = '\n[[feeds]]\nname = "New \\"Outlet\\""\nurl = "https://new.example/feed"\ntags = ["x", "y"]\n'
    assert text == original.replace(anchor, anchor + added, 1)


def test_remove_keeps_everything_else(tmp_path: Path) -> None:
    original = (REPO / "feeds.toml").read_text(encoding="utf-8")
    path = write_config(tmp_path, original)
    config, removed = remove_feed(load_config(path), "reader/samples/civic-wire.xml")
    assert removed.name == "Civic Wire" and "Civic Wire" not in [f.name for f in config.feeds]
    block = '[[feeds]]\nname = "Civic Wire"\nurl = "reader/samples/civic-wire.xml"\ntags = ["wire"]\n\n'
    assert block in original
    assert path.read_text(encoding="utf-8") == original.replace(block, "", 1)
    assert len(config.topics) == 5


def test_duplicates_and_unknown_names_are_refused_and_nothing_changes(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[[feeds]]\nname = "A"\nurl = "https://a.example/"\n')
    before = path.read_bytes()
    config = load_config(path)
    with pytest.raises(FeedEditError, match="already in"):
        add_feeds(config, [NewFeed("A", "https://other.example/")])
    with pytest.raises(FeedEditError, match="already subscribed as 'A'"):
        add_feeds(config, [NewFeed("B", "https://a.example")])
    with pytest.raises(FeedEditError, match=r"would make feeds\.toml invalid"):
        add_feeds(config, [NewFeed("C", "ftp://nope/")])
    with pytest.raises(FeedEditError, match="no feed named or at 'Z'"):
        remove_feed(config, "Z")
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]  # no temporary files left behind


def test_add_to_a_file_without_feeds(tmp_path: Path) -> None:
    path = write_config(tmp_path, "# just topics\n[[topics]]\nname = \"T\"\nmatch = [\"t\"]\n")
    config = add_feeds(load_config(path), [NewFeed("A", "https://a.example/")])
    assert [f.name for f in config.feeds] == ["A"] and config.topics[0].name == "T"
    assert path.read_text().startswith("# just topics\n")


def test_full_text_and_disabled_survive_an_import(tmp_path: Path) -> None:
    path = write_config(tmp_path, "")
    config = add_feeds(load_config(path), [NewFeed("F", "https://f.example/", ("t",), enabled=False, full_text=True)])
    [feed] = config.feeds
    assert (feed.enabled, feed.full_text, feed.tags) == (False, True, ("t",))


def test_inline_feed_arrays_are_refused_with_a_message(tmp_path: Path) -> None:
    path = write_config(tmp_path, 'feeds = [{name = "A", url = "https://a.example/"}]\n')
    before = path.read_bytes()
    with pytest.raises(FeedEditError, match="other than \\[\\[feeds\\]\\] tables"):
        remove_feed(load_config(path), "A")
    with pytest.raises(FeedEditError, match="nothing was changed"):
        add_feeds(load_config(path), [NewFeed("B", "https://b.example/")])
    assert path.read_bytes() == before
