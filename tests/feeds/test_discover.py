"""`feeds add PAGE` finds the page's feed: each of its feed links is tried in turn, web addresses only."""

from __future__ import annotations

import pytest

from reader.config import FetchConfig
from reader.feeds.discover import DiscoveryError, discover_feed
from tests.feed_server import FeedServer, Route, rss

HTML = {"Content-Type": "text/html"}


def page(*hrefs: str) -> bytes:
    links = "".join(f'<link rel="alternate" type="application/rss+xml" href="{href}">' for href in hrefs)
    return f"<html><head>{links}</head><body>news</body></html>".encode()


def test_links_that_are_not_web_addresses_or_give_no_feed_are_passed_over(feed_server: FeedServer) -> None:
    feed_server.routes["/feed.xml"] = Route(body=rss(("1", "One"), title="The Outlet"))
    feed_server.routes["/not-a-feed"] = Route(body=b"<html>oops</html>", headers=HTML)
    feed_server.routes["/page"] = Route(body=page("javascript:alert(1)", "file:///etc/passwd", "/gone.xml",
                                                  "/not-a-feed", "/feed.xml"), headers=HTML)
    assert discover_feed(feed_server.url("/page"), FetchConfig(timeout=5)) == (feed_server.url("/feed.xml"),
                                                                                "The Outlet")
    assert [path for path, _ in feed_server.requests] == ["/page", "/gone.xml", "/not-a-feed", "/feed.xml"]


def test_a_page_whose_feed_links_all_fail_says_what_each_gave(feed_server: FeedServer) -> None:
    feed_server.routes["/page"] = Route(body=page("/gone.xml", "file:///etc/passwd"), headers=HTML)
    feed_server.routes["/local"] = Route(body=page("file:///etc/passwd"), headers=HTML)
    with pytest.raises(DiscoveryError) as failed:
        discover_feed(feed_server.url("/page"), FetchConfig(timeout=5))
    assert str(failed.value).startswith(f"{feed_server.url('/page')}: not a feed, and no feed link of the page gives "
                                        f"a feed ({feed_server.url('/gone.xml')}: HTTP 404")
    with pytest.raises(DiscoveryError, match=r"the page's feed links are not web addresses \('file:///etc/passwd'\)"):
        discover_feed(feed_server.url("/local"), FetchConfig(timeout=5))
