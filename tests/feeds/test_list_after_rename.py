"""`feeds list` matches feeds.toml to the store as the next fetch will: a renamed feed shows its articles and status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import write_config
from tests.feed_server import FeedServer, Route, rss
from tests.feeds.test_feeds_cli import reader


def test_a_renamed_feed_is_listed_with_its_articles_before_the_next_fetch(tmp_path: Path,
                                                                         feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(body=rss(("1", "One"), ("2", "Two")))
    write_config(tmp_path, f'[[feeds]]\nname = "Dup Outlet"\nurl = "{feed_server.url("/feed.xml")}"\n')
    fetched = subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "--db",
                              str(tmp_path / "r.db"), "fetch"], capture_output=True, text=True, timeout=60)
    assert fetched.returncode == 0, fetched.stderr
    write_config(tmp_path, f'[[feeds]]\nname = "Dup Outlet Renamed"\nurl = "{feed_server.url("/feed.xml")}"\n')
    listed = reader(tmp_path, "list")
    assert listed.returncode == 0, listed.stderr
    [row] = [line for line in listed.stdout.splitlines() if line.startswith("Dup Outlet Renamed")]
    assert "never fetched" not in row and row.split()[-2:] == ["2", "2"], listed.stdout  # articles, unread
    moved = feed_server.url("/moved.xml")
    write_config(tmp_path, f'[[feeds]]\nname = "Dup Outlet"\nurl = "{moved}"\n')  # moved under its stored name
    [row] = [line for line in reader(tmp_path, "list").stdout.splitlines() if line.startswith("Dup Outlet")]
    assert "never fetched" in row and row.split()[-2:] == ["2", "2"]  # kept, but not yet fetched from there
