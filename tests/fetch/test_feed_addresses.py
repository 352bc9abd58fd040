"""Feeds, their redirects and the pages `feeds add` reads are never fetched from link-local or cloud metadata addresses.

A feed may be on any network (a local RSS bridge, an intranet); but a feed or a page that points
at 169.254.169.254 would make the reader ask a cloud machine for its credentials (try10). The
refusal comes before any connection, so these tests contact nothing but 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import subprocess
import sys
from pathlib import Path

import pytest

from reader.config import load_config
from reader.fetch.addresses import is_feed_address
from reader.fetch.refresh import refresh
from reader.store import Store
from tests.conftest import write_config
from tests.feed_server import FeedServer, Route, rss


@pytest.mark.parametrize(("address", "fetched"), [
    ("127.0.0.1", True), ("::1", True), ("10.1.2.3", True), ("192.168.1.9", True), ("100.64.0.7", True),
    ("93.184.216.34", True), ("169.254.169.254", False), ("169.254.1.1", False), ("fe80::1", False),
    ("fd00:ec2::254", False), ("100.100.100.200", False), ("::ffff:169.254.169.254", False), ("224.0.0.1", False),
    ("0.0.0.0", False),
])
def test_a_feed_may_be_on_any_network_but_where_no_feed_is(address: str, fetched: bool) -> None:
    assert is_feed_address(ipaddress.ip_address(address)) is fetched


def test_a_feed_or_its_redirect_to_a_metadata_address_is_refused_before_any_connection(
        tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    feed_server.routes["/meta"] = Route(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    feed_server.routes["/relative"] = Route(status=301, headers={"Location": "//169.254.169.254/latest/"})
    feed_server.routes["/fine"] = Route(body=rss(("g1", "Fine")))
    feeds = {"Meta": feed_server.url("/meta"), "Relative": feed_server.url("/relative"),
             "Direct": "http://[fe80::1]/feed", "Fine": feed_server.url("/fine")}
    body = "".join(f'[[feeds]]\nname = "{name}"\nurl = "{url}"\n' for name, url in feeds.items())
    summary = refresh(store, load_config(write_config(tmp_path, body + "[fetch]\ntimeout = 5\n")))
    assert summary.new == 1
    errors = {f.name: f.last_error or "" for f in store.feeds()}
    assert errors["Fine"] == ""
    assert errors["Meta"] == ("refused: the server redirected to 169.254.169.254, a cloud metadata address; a site's "
                              "redirects and links may go only to public addresses and its own (loopback) network")
    assert "169.254.169.254, a cloud metadata address" in errors["Relative"]
    assert "a link-local address, where no feed is" in errors["Direct"]


def test_feeds_add_does_not_follow_a_page_link_to_a_metadata_address(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/page"] = Route(
        body=b'<html><head><link rel="alternate" type="application/rss+xml" href="http://169.254.169.254/feed">'
             b"</head><body>news</body></html>", headers={"Content-Type": "text/html"})
    out = subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "--db",
                          str(tmp_path / "r.db"), "feeds", "add", feed_server.url("/page")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1, out.stderr  # the page's doing, not the address given
    assert "the page's feed link goes to 169.254.169.254, a cloud metadata address" in out.stderr
    assert not (tmp_path / "feeds.toml").exists()


@pytest.mark.parametrize(("address", "said"), [
    ("http://169.254.169.254/latest/", "refused: 169.254.169.254 is a cloud metadata address, where no feed is"),
    ("http://2852039166/", "refused: 2852039166 is at 169.254.169.254, a cloud metadata address"),
    ("http://[::ffff:169.254.169.254]/", "refused: ::ffff:169.254.169.254 is a cloud metadata address"),
    ("http://0.0.0.0:9/feed", "refused: 0.0.0.0 is the unspecified address, which names no server; for a feed on "
                              "this computer use 127.0.0.1 (or localhost)"),
    ("http://[ff02::1]/feed", "refused: ff02::1 is a multicast address, which names a group, never one server"),
])
def test_an_address_given_that_no_request_may_go_to_is_bad_input_and_says_what_it_is(
        tmp_path: Path, address: str, said: str) -> None:
    """README: 2 is an address no request could be made to; these were 1, and read '169.254.169.254 is at
    169.254.169.254', and 0.0.0.0 was called a link-local or metadata address."""
    for command in (("show", address), ("feeds", "add", address)):
        out = subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "--db",
                              str(tmp_path / "r.db"), *command], capture_output=True, text=True, timeout=60)
        assert out.returncode == 2 and said in out.stderr, out.stderr
    assert not (tmp_path / "feeds.toml").exists()
