"""Full text fetches a page only from a public address (every redirect included), unless the feed itself is private.

Two real servers: the feed's on 127.0.0.1 and an "internal admin" one on ::1. The injected
address check calls 127.0.0.1 public, so the feed plays a public site, while ::1 stays what it is.
Names other than IP literals are answered by FakeDNS: no test looks anything up for real.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import reader.fetch.addresses as addresses
from reader.config import FetchConfig, load_config
from reader.fetch.addresses import AddressCheck, IPAddress, PublicOnly, is_public_address
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
        assert reason.startswith("full text unavailable: refused: ::1 is a loopback address; pages are "
                                 "fetched only from public addresses unless the feed itself"), reason
    assert [p for p, _ in feed_server.requests].count("/hop") == 1


def test_a_feed_on_a_private_address_may_use_pages_there(tmp_path: Path, admin: FeedServer, store: Store) -> None:
    admin.routes["/feed"] = Route(body=full_text_feed(admin, [admin.url("/admin")]))
    run(tmp_path, store, admin.url("/feed"))
    [article] = store.list_articles()
    assert article.full_text_error is None and "victory for every family" in (article.full_content or "")


class FakeDNS:
    """Answers lookups of NAME from a list (the last answer repeats); any other name fails. No real DNS.

    An answer is a socket address, so it can point at another port too: one server on 127.0.0.1
    and one on ::1 stand for a public site and an internal one at the same port.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: tuple[str, int]) -> None:
        self.answers, self.lookups = list(answers), 0

        async def getaddrinfo(loop: object, host: str, port: int, *args: object, **kwargs: object) -> list[object]:
            if host != NAME:
                raise socket.gaierror(socket.EAI_NONAME, f"{host}: not looked up in tests")
            ip, real_port = self.answers[min(self.lookups, len(self.answers) - 1)]
            self.lookups += 1
            family, address = ((socket.AF_INET6, (ip, real_port, 0, 0)) if ":" in ip
                               else (socket.AF_INET, (ip, real_port)))
            return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", address)]

        monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", getaddrinfo)


NAME = "pages.test"


def guarded_fetches(*urls: str, guarded: tuple[bool, ...] = (), check: AddressCheck = v4_loopback_is_public
                    ) -> list[tuple[bytes | None, str | None]]:
    """(body, error) of each URL, fetched in turn on one client, with the guard unless `guarded` says not."""
    async def go() -> list[tuple[bytes | None, str | None]]:
        results = []
        async with make_client(FetchConfig()) as client:
            for n, url in enumerate(urls):
                guard = PublicOnly(check) if (guarded[n] if guarded else True) else None  # None: a feed's guard
                result = await fetch_http(client, url, FetchConfig(timeout=5), guard=guard)
                results.append((result.body, result.error))
        return results

    return asyncio.run(go())


def test_a_name_that_resolves_elsewhere_the_second_time_is_fetched_from_the_address_checked(
        feed_server: FeedServer, admin: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the name answers a public address to the check and an internal one to any later lookup."""
    feed_server.routes["/page"] = Route(body=page(1))
    admin.routes["/page"] = Route(body=page(99))
    dns = FakeDNS(monkeypatch, ("127.0.0.1", feed_server.port), ("::1", admin.port))
    [(body, error)] = guarded_fetches(f"http://{NAME}:{feed_server.port}/page")
    assert error is None and body == page(1)
    assert admin.requests == [] and dns.lookups == 1  # the connection went to the address checked
    [(path, headers)] = feed_server.requests
    assert path == "/page" and headers["host"] == f"{NAME}:{feed_server.port}"  # the name, as the server expects


def test_a_kept_connection_to_another_address_of_the_name_is_not_reused(
        feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    feed_server.routes["/page"] = Route(body=page(1))
    internal = FeedServer(host="::1", port=feed_server.port).start()  # the name's other address, at the same port
    try:
        internal.routes["/page"] = Route(body=page(99))
        dns = FakeDNS(monkeypatch, ("::1", feed_server.port), ("127.0.0.1", feed_server.port))
        url = f"http://{NAME}:{feed_server.port}/page"
        # A feed's own fetch may reach a loopback address and keeps its connection; the page fetch must not use it.
        (_, unguarded_error), (body, error) = guarded_fetches(url, url, guarded=(False, True))
        assert unguarded_error is None and error is None and body == page(1)
        assert len(internal.requests) == 1 and len(feed_server.requests) == 1 and dns.lookups == 2
    finally:
        internal.stop()


def test_each_address_checked_is_tried_in_turn(feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name with two addresses, the first not answering: the page comes from the second, with no new lookup."""
    feed_server.routes["/page"] = Route(body=page(1))
    dns = FakeDNS(monkeypatch, ("127.0.0.1", feed_server.port))

    async def two_addresses(host: str, port: int) -> list[IPAddress]:
        dns.lookups += 1
        return [ipaddress.ip_address("::1"), LOOPBACK_V4]  # nothing listens at [::1] on this port

    monkeypatch.setattr(addresses, "resolve", two_addresses)
    [(body, error)] = guarded_fetches(f"http://{NAME}:{feed_server.port}/page", check=lambda ip: ip.is_loopback)
    assert error is None and body == page(1) and dns.lookups == 1


@pytest.mark.parametrize(("address", "public"), [
    ("127.0.0.1", False), ("::1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("::ffff:127.0.0.1", False), ("fd00::1", False), ("fe80::1", False), ("::", False),
    ("93.184.216.34", True), ("2606:2800:220:1::", True),
])
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public


def refusal(feed_url: str, page_host: str) -> str | None:
    """What the guard for a feed at `feed_url` says of a page at `page_host` (an IP literal: nothing is looked up,
    nothing is connected to), or None when it accepts it."""
    async def vet() -> str | None:
        guard = await PublicOnly().for_feed(feed_url)
        try:
            await guard.vetted(page_host, 80)
        except addresses.AddressRefused as exc:
            return str(exc)
        return None
    return asyncio.run(vet())


@pytest.mark.parametrize("feed", ["http://127.0.0.1:1200/rss", "http://[::1]/feed", "http://10.0.0.5/feed"])
def test_a_feed_on_a_loopback_or_private_network_never_gets_pages_from_link_local_or_cloud_metadata(feed: str) -> None:
    for host in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "fe80::1", "169.254.1.1",
                 "0.0.0.0", "224.0.0.1"):
        said = refusal(feed, host)
        assert said is not None and said.startswith(f"refused: {host} is a "), (feed, host, said)
    assert refusal(feed, "93.184.216.34") is None  # public pages, as for any feed


def test_the_exemption_covers_only_the_feeds_own_kind_of_network() -> None:
    assert refusal("http://127.0.0.1:1200/rss", "127.0.0.1") is None  # a local RSS bridge's own pages
    assert refusal("http://127.0.0.1:1200/rss", "10.255.255.1") == (
        "refused: 10.255.255.1 is a private address; pages are fetched only from public "
        "addresses and the feed's own (loopback) network")
    assert refusal("http://10.0.0.5/feed", "10.0.0.7") is None  # an intranet's other hosts
    assert refusal("http://10.0.0.5/feed", "127.0.0.1") is not None  # never the reader's own machine
    assert refusal("http://93.184.216.34/feed", "10.0.0.7") == (
        "refused: 10.0.0.7 is a private address; pages are fetched only from public addresses "
        "unless the feed itself is on a loopback or private network")
    assert refusal("file:///srv/feed.xml", "127.0.0.1") is not None  # a local file's links get no exemption


def refresh_feed(tmp_path: Path, store: Store, feed_url: str) -> str:
    """Refresh one feed (127.0.0.1 playing a public site); its stored error, or "" when it was read."""
    body = f'[[feeds]]\nname = "S"\nurl = "{feed_url}"\n[fetch]\ntimeout = 5\n'
    refresh(store, load_config(write_config(tmp_path, body)), address_check=v4_loopback_is_public)
    [feed] = store.feeds()
    return feed.last_error or ""


def test_a_public_feeds_redirect_into_the_users_network_is_refused(tmp_path: Path, feed_server: FeedServer,
                                                                   admin: FeedServer, store: Store) -> None:
    admin.routes["/feed"] = Route(body=full_text_feed(admin, [admin.url("/admin")]))
    feed_server.routes["/moved"] = Route(status=301, headers={"Location": admin.url("/feed")})
    error = refresh_feed(tmp_path, store, feed_server.url("/moved"))
    assert admin.requests == []  # the server chose the hop: nothing is asked of the user's own network
    assert error == ("refused: the server redirected to ::1, a loopback address; a public site's redirects and "
                     "links may go only to public addresses, never into your network"), error
    assert store.feeds()[0].fetch_url == feed_server.url("/moved")  # a refused 301 is not remembered as a move
    assert store.list_articles() == []


def test_a_feeds_redirect_may_stay_on_its_own_network_or_go_public(tmp_path: Path, feed_server: FeedServer,
                                                                   admin: FeedServer, store: Store) -> None:
    feed_server.routes["/feed"] = Route(body=full_text_feed(feed_server, [feed_server.url("/a")]))
    admin.routes["/local"] = Route(status=302, headers={"Location": admin.url("/feed")})  # loopback to loopback
    admin.routes["/feed"] = Route(body=full_text_feed(admin, [admin.url("/b")]))
    admin.routes["/out"] = Route(status=302, headers={"Location": feed_server.url("/feed")})  # loopback to public
    for path in ("/local", "/out"):
        (tmp_path / path.strip("/")).mkdir()
        assert refresh_feed(tmp_path / path.strip("/"), Store(":memory:"), admin.url(path)) == ""


def test_feeds_add_does_not_follow_a_public_pages_feed_link_into_the_users_network(
        feed_server: FeedServer, admin: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.feeds.discover as discover

    admin.routes["/feed"] = Route(body=full_text_feed(admin, [admin.url("/admin")]))
    feed_server.routes["/page"] = Route(
        body=f'<html><head><link rel="alternate" type="application/rss+xml" href="{admin.url("/feed")}">'.encode(),
        headers={"Content-Type": "text/html"})
    monkeypatch.setattr(discover, "FEED_ADDRESSES", addresses.FeedAddresses(v4_loopback_is_public))
    with pytest.raises(discover.DiscoveryError, match="the page's feed link goes to ::1, a loopback address; a public "
                                                      "site's redirects and links may go only to public addresses"):
        discover.discover_feed(feed_server.url("/page"), FetchConfig(timeout=5))
    assert admin.requests == []
