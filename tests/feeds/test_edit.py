import os
import stat
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.feeds.edit import FeedEditError, add_feeds, remove_feed
from tests.conftest import REPO, write_config


def test_add_keeps_comments_and_layout(tmp_path: Path) -> None:
    original = (REPO / "feeds.toml").read_text(encoding="utf-8")
    path = write_config(tmp_path, original)
    config = add_feeds(path, [FeedConfig('New "Outlet"', "https://new.example/feed", ("x", "y"))])
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
    config, removed = remove_feed(path, "reader/samples/civic-wire.xml")
    assert removed.name == "Civic Wire" and "Civic Wire" not in [f.name for f in config.feeds]
    block = '[[feeds]]\nname = "Civic Wire"\nurl = "reader/samples/civic-wire.xml"\ntags = ["wire"]\n\n'
    assert block in original
    assert path.read_text(encoding="utf-8") == original.replace(block, "", 1)
    assert len(config.topics) == 5


def test_duplicates_and_unknown_names_are_refused_and_nothing_changes(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[[feeds]]\nname = "A"\nurl = "https://a.example/"\n')
    before = path.read_bytes()
    with pytest.raises(FeedEditError, match="already in"):
        add_feeds(path, [FeedConfig("A", "https://other.example/")])
    with pytest.raises(FeedEditError, match="already subscribed as 'A'"):
        add_feeds(path, [FeedConfig("B", "https://a.example")])
    with pytest.raises(FeedEditError, match=r"would make feeds\.toml invalid"):
        add_feeds(path, [FeedConfig("C", "ftp://nope/")])
    with pytest.raises(FeedEditError, match="no feed named or at 'Z'"):
        remove_feed(path, "Z")
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]  # no temporary files left behind


def test_add_to_a_file_without_feeds(tmp_path: Path) -> None:
    path = write_config(tmp_path, "# just topics\n[[topics]]\nname = \"T\"\nmatch = [\"t\"]\n")
    config = add_feeds(path, [FeedConfig("A", "https://a.example/")])
    assert [f.name for f in config.feeds] == ["A"] and config.topics[0].name == "T"
    assert path.read_text().startswith("# just topics\n")


def test_full_text_and_disabled_survive_an_import(tmp_path: Path) -> None:
    path = write_config(tmp_path, "")
    config = add_feeds(path, [FeedConfig("F", "https://f.example/", ("t",), enabled=False, full_text=True)])
    [feed] = config.feeds
    assert (feed.enabled, feed.full_text, feed.tags) == (False, True, ("t",))


def test_inline_feed_arrays_are_refused_with_a_message(tmp_path: Path) -> None:
    path = write_config(tmp_path, 'feeds = [{name = "A", url = "https://a.example/"}]\n')
    before = path.read_bytes()
    with pytest.raises(FeedEditError, match="other than \\[\\[feeds\\]\\] tables"):
        remove_feed(path, "A")
    with pytest.raises(FeedEditError, match="nothing was changed"):
        add_feeds(path, [FeedConfig("B", "https://b.example/")])
    assert path.read_bytes() == before


def test_an_edit_refuses_to_replace_a_file_changed_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor saving feeds.toml while an add is under way keeps its edit; the add says to run again."""
    import reader.feeds.edit as edit

    path = write_config(tmp_path, '[[feeds]]\nname = "A"\nurl = "https://a.example/"\n')
    hand_edit = '# saved from an editor\n[[feeds]]\nname = "A"\nurl = "https://a.example/"\n'
    original_insert = edit._insert

    def editor_saves_meanwhile(*args: object, **kwargs: object) -> str:
        path.write_text(hand_edit)
        return original_insert(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(edit, "_insert", editor_saves_meanwhile)
    with pytest.raises(FeedEditError, match=r"changed while it was being edited.*run the command again"):
        add_feeds(path, [FeedConfig("B", "https://b.example/")])
    assert path.read_text() == hand_edit
    monkeypatch.setattr(edit, "_insert", original_insert)
    assert [f.name for f in add_feeds(path, [FeedConfig("B", "https://b.example/")]).feeds] == ["A", "B"]


def test_an_edit_rereads_the_file_so_an_earlier_edit_is_kept(tmp_path: Path) -> None:
    path = write_config(tmp_path, "")
    add_feeds(path, [FeedConfig("A", "https://a.example/")])
    add_feeds(path, [FeedConfig("B", "https://b.example/")])
    with pytest.raises(FeedEditError, match="already subscribed as 'A'"):
        add_feeds(path, [FeedConfig("C", "https://a.example")])
    assert [f.name for f in remove_feed(path, "A")[0].feeds] == ["B"]


def test_adding_to_a_missing_feeds_toml_creates_it_with_a_header(tmp_path: Path) -> None:
    path = tmp_path / "new" / "feeds.toml"
    config = add_feeds(path, [FeedConfig("A", "https://a.example/")])
    assert [f.name for f in config.feeds] == ["A"]
    assert path.read_text().startswith("# policy-reader subscriptions and settings")


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_new_files_follow_the_umask(tmp_path: Path, umask: int) -> None:
    from reader.files import write_text_atomically

    old = os.umask(umask)
    try:
        write_text_atomically(tmp_path / "digest.md", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "digest.md").stat().st_mode) == 0o666 & ~umask


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc only")
def test_the_umask_is_read_without_setting_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Setting the umask to read it would race other threads' file creation, so /proc is read instead."""
    from reader import files

    old = os.umask(0o027)
    try:
        monkeypatch.setattr(files.os, "umask", lambda mask: pytest.fail("umask was set to read it"))
        assert files._umask() == 0o027
    finally:
        monkeypatch.undo()
        os.umask(old)


def test_an_edited_feeds_toml_keeps_its_mode_and_owner(tmp_path: Path) -> None:
    path = write_config(tmp_path, "")
    path.chmod(0o640)
    owner = (os.getuid(), os.getgid())
    if os.geteuid() == 0:  # only root can give a file to someone else; a non-root run checks the mode
        owner = (1234, 5678)
        os.chown(path, *owner)
    add_feeds(path, [FeedConfig("A", "https://a.example/")])
    st = path.stat()
    assert (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid) == (0o640, *owner)


def test_a_feeds_toml_that_cannot_be_written_names_its_real_folder(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.feeds.edit import _cannot_use

    monkeypatch.chdir(tmp_path)
    message = str(_cannot_use(Path("feeds.toml"), "replace", PermissionError(13, "Permission denied")))
    assert f"make the folder {tmp_path} writable for you (chmod u+w {tmp_path})" in message, message
    assert "make . " not in message and message.startswith("cannot replace feeds.toml: Permission denied; ")
