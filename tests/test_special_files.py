"""A path a user names may be a device, a FIFO or a folder: every reader of such paths refuses it in one line.

/dev/zero as a feed once grew `reader fetch` to 24 GB until the kernel killed it; a FIFO hung it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.config import FetchConfig
from reader.fetch.http import read_local
from reader.files import FileTooLarge, NotARegularFile, read_regular_file


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_devices_fifos_folders_and_big_files_are_refused_without_reading(tmp_path: Path, fifo: Path) -> None:
    for path in ("/dev/zero", fifo):
        with pytest.raises(NotARegularFile):
            read_regular_file(path)
        result = read_local(str(path), FetchConfig())
        assert result.error is not None and "not a regular file" in result.error and result.body is None
    with pytest.raises(IsADirectoryError):
        read_regular_file(tmp_path)
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(FileTooLarge):
        read_regular_file(tmp_path / "big", limit=100)
    assert read_regular_file(tmp_path / "big", limit=101)[0] == b"x" * 101


@pytest.mark.parametrize("args", [["show", "/dev/zero"], ["--config", "/dev/zero", "feeds", "list"],
                                  ["feeds", "add", "/dev/zero"], ["show", "{fifo}"], ["--config", "{fifo}", "fetch"],
                                  ["summarize", "/dev/zero"], ["summarize", "{fifo}"]])
def test_each_command_refuses_them_in_one_line(tmp_path: Path, fifo: Path, args: list[str]) -> None:
    (tmp_path / "feeds.toml").write_text("")
    args = [a.format(fifo=fifo) for a in args]
    if "--config" not in args:
        args = ["--config", str(tmp_path / "feeds.toml"), *args]
    done = subprocess.run([sys.executable, "-m", "reader", "--db", str(tmp_path / "r.db"), *args],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "not a regular file" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_writing_never_renames_over_a_fifo_or_socket_and_follows_a_symlink(tmp_path: Path, fifo: Path) -> None:
    """`--out /dev/null` once left a plain file where /dev/null was; a symlinked feeds.toml must stay linked."""
    import socket
    import stat

    from reader.files import write_text_atomically

    sock_path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        for path, is_kind in ((fifo, stat.S_ISFIFO), (sock_path, stat.S_ISSOCK)):
            with pytest.raises(NotARegularFile):
                write_text_atomically(path, "text")
            assert is_kind(os.lstat(path).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "sock"]  # no temp file left behind
    (tmp_path / "dotfiles").mkdir()
    target = tmp_path / "dotfiles" / "feeds.toml"
    target.write_text("old")
    link = tmp_path / "feeds.toml"
    link.symlink_to(target)
    write_text_atomically(link, "new")
    assert link.is_symlink() and target.read_text() == "new"
    dangling = tmp_path / "digest.md"
    dangling.symlink_to(tmp_path / "dotfiles" / "digest.md")
    write_text_atomically(dangling, "d")
    assert dangling.is_symlink() and dangling.read_text() == "d"


def test_export_to_a_fifo_is_refused_with_the_fifo_left_as_it_is(tmp_path: Path, fifo: Path) -> None:
    import stat

    (tmp_path / "feeds.toml").write_text('[[feeds]]\nname = "A"\nurl = "https://a.example/feed"\n')
    done = subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "feeds",
                           "export", "--out", str(fifo)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "not a regular file" in done.stderr and "left as it is" in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_empty_feed_file_is_called_empty_not_a_server_that_sent_nothing(tmp_path: Path) -> None:
    for body in (b"", b"  \n\t\n"):
        (tmp_path / "feed.xml").write_bytes(body)
        result = read_local(str(tmp_path / "feed.xml"), FetchConfig())
        assert result.status == "error" and result.error is not None
        assert "is empty" in result.error and "server" not in result.error and str(tmp_path) in result.error
