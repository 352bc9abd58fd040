"""Full text fetches a page only from a public address (every redirect included), unless the feed itself is private.

Two real servers: the feed's on 127.0.0.1 and an "internal admin" one on ::1. The injected
address check calls 127.0.0.1 public, so the feed plays a public site, while ::1 stays what it is.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest

import reader.fetch.addresses as addresses
from reader.config import FetchConfig, load_config
from reader.fetch.addresses import IPAddress, PublicOnly, is_public_address
from reader.fetch.http import fetch_http, make_client
from reader.fetch.refresh import refresh
from reader.store import Store
from tests.conftest import write_config
from tests.feed_server import FeedServer, Route
from tests.fetch.test_full_text import page

LOOPBACK_V4 = ipaddress.ip_address("127.0.0.1")


def v4_loopback_is_public(ip: IPAddress) -> bool:
    return ip == LOOPBACK_V4


@pytest.fixture
def admin() -> Iterator[FeedServer]:
    server = FeedServer(host="::1").start()
    server.routes["/admin"] = Route(body=page(99), headers={"Content-Type": "text/html"})
    try:
        yield server
    finally:
        server.stop()


def full_text_feed(server: FeedServer, links: list[str]) -> bytes:
    items = "".join(f"<item><guid>{link}</guid><title>T{i}</title><link>{link}</link>"
                    f"<description>Summary {i}.</description></item>" for i, link in enumerate(links))
    return f"<rss version='2.0'><channel><title>S</title>{items}</channel></rss>".encode()


def run(tmp_path: Path, store: Store, feed_url: str) -> None:
    body = f'[[feeds]]\nname = "S"\nurl = "{feed_url}"\nfull_text = true\n[fetch]\ntimeout = 5\n'
    refresh(store, load_config(write_config(tmp_path, body)), address_check=v4_loopback_is_public)


def test_pages_at_private_addresses_are_refused(tmp_path: Path, feed_server: FeedServer, admin: FeedServer,
                                                store: Store) -> None:
    feed_server.routes["/story"] = Route(body=page(1), headers={"Content-Type": "text/html"})
    feed_server.routes["/hop"] = Route(status=302, headers={"Location": admin.url("/admin")})
    links = [feed_server.url("/story"), admin.url("/admin"), feed_server.url("/hop")]
    feed_server.routes["/feed"] = Route(body=full_text_feed(feed_server, links))
    run(tmp_path, store, feed_server.url("/feed"))
    assert admin.requests == []  # never asked, directly or through the redirect
    articles = {a.guid: a for a in store.list_articles()}
    assert "victory for every family" in (articles[links[0]].full_content or "")
    for link in links[1:]:
        assert articles[link].full_content is None
        reason = articles[link].full_text_error or ""
        assert reason.startswith("full text unavailable: refused: ::1 is at ::1, a loopback, private or local"), reason
    assert [p for p, _ in feed_server.requests].count("/hop") == 1


def test_a_feed_on_a_private_address_may_use_pages_there(tmp_path: Path, admin: FeedServer, store: Store) -> None:
    admin.routes["/feed"] = Route(body=full_text_feed(admin, [admin.url("/admin")]))
    run(tmp_path, store, admin.url("/feed"))
    [article] = store.list_articles()
    assert article.full_text_error is None and "victory for every family" in (article.full_content or "")


def test_the_address_connected_to_is_checked_too(feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that resolves to a public address for the check and to a private one for the connection."""
    feed_server.routes["/page"] = Route(body=page(1))

    async def public_first(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("192.0.2.1")]  # what a rebinding name answers the first time

    monkeypatch.setattr(addresses, "resolve", public_first)

    async def fetch() -> str | None:
        async with make_client(FetchConfig()) as client:
            guard = PublicOnly(lambda ip: ip != LOOPBACK_V4)  # TEST-NET-1 plays public here
            return (await fetch_http(client, feed_server.url("/page"), FetchConfig(), guard=guard)).error

    assert (asyncio.run(fetch()) or "").startswith("refused: 127.0.0.1 is at 127.0.0.1")


@pytest.mark.parametrize(("address", "public"), [
    ("127.0.0.1", False), ("::1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("::ffff:127.0.0.1", False), ("fd00::1", False), ("fe80::1", False), ("::", False),
    ("93.184.216.34", True), ("2606:2800:220:1::", True),
])
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public
