"""`reader feeds add` and `feeds import` know a subscribed feed under another spelling of its URL.

The same normalisation as feeds.toml's check and the store's article links (reader/article_links.py):
a default port, the host's case, a dot after the host, a slash at the end, http or https.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import load_config
from tests.conftest import write_config
from tests.feed_server import FeedServer, Route
from tests.feeds.test_feeds_cli import reader


@pytest.mark.parametrize("spelling", ["HTTP://LOCALHOST:{port}/feed.xml", "http://localhost.:{port}/feed.xml",
                                      "https://localhost:{port}/feed.xml/", "http://localhost:{port}/feed.xml?"])
def test_add_refuses_another_spelling_of_a_subscribed_url_before_any_request(
        tmp_path: Path, feed_server: FeedServer, spelling: str) -> None:
    subscribed = feed_server.url("/feed.xml").replace("127.0.0.1", "localhost")
    write_config(tmp_path, f'[[feeds]]\nname = "Outlet"\nurl = "{subscribed}"\n')
    feed_server.routes["/feed.xml"] = Route(status=500)  # were it asked, the answer would be an HTTP error
    other = spelling.format(port=feed_server.port)
    out = reader(tmp_path, "add", other, "--name", "Again")
    given = other.replace("HTTP://", "http://")  # an upper-case scheme is a web address too (it was read as a path)
    assert out.returncode == 2 and out.stderr == (
        f"reader: feeds add: {given} is already subscribed as 'Outlet' at {subscribed}, the same feed (http or "
        "https, a default port, the host's case, a dot after the host, a slash at the end, a #fragment or an IP "
        "address written another way make no difference) "
        f"in {tmp_path / 'feeds.toml'}; nothing was changed\n"), out.stderr
    assert feed_server.requests == []


def test_default_ports_are_one_feed_in_feeds_toml_and_on_import(tmp_path: Path) -> None:
    write_config(tmp_path, '[[feeds]]\nname = "Outlet"\nurl = "http://news.example/rss"\n')
    opml = tmp_path / "in.opml"
    opml.write_text('<opml version="2.0"><body>'
                    '<outline text="Same" xmlUrl="http://NEWS.example:80/rss"/>'
                    '<outline text="Same TLS" xmlUrl="https://news.example.:443/rss/"/>'
                    '<outline text="Other port" xmlUrl="http://news.example:8080/rss"/>'
                    '</body></opml>')
    out = reader(tmp_path, "import", str(opml))
    assert out.returncode == 0 and "imported 1 feed" in out.stdout and "2 already subscribed" in out.stdout, out
    assert [f.url for f in load_config(tmp_path / "feeds.toml").feeds] == ["http://news.example/rss",
                                                                          "http://news.example:8080/rss"]


def test_remove_finds_a_feed_by_another_spelling_of_its_url_or_name(tmp_path: Path) -> None:
    write_config(tmp_path, '[[feeds]]\nname = "Metro Ledger"\nurl = "http://news.example/rss"\n\n'
                           '[[feeds]]\nname = "Civic Wire"\nurl = "https://wire.example/rss"\n')
    out = reader(tmp_path, "remove", "https://NEWS.example:443/rss/")
    assert out.returncode == 0 and out.stdout.startswith("removed 'Metro Ledger' (http://news.example/rss)"), out
    out = reader(tmp_path, "remove", "Civic\u200b Wire")
    assert out.returncode == 0 and out.stdout.startswith("removed 'Civic Wire'"), out
    assert load_config(tmp_path / "feeds.toml").feeds == ()
