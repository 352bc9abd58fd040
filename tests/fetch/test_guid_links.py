"""Only a guid that is an absolute http(s) URL is an item's link (try11 F3).

A guid such as "12345" with isPermaLink left out was joined with the feed's address and shown
as the article's link (`https://site/12345`, a page that does not exist), in the digest too.
"""

from __future__ import annotations

from pathlib import Path

from reader.fetch.parse import parse_feed_bytes
from reader.fetch.refresh import refresh
from reader.store import Store
from tests.conftest import config_for
from tests.feed_server import FeedServer, Route

ITEMS = {
    "Number": "<guid>12345</guid>",
    "Path": "<guid>/2026/12/story</guid>",
    "Tag": "<guid>tag:site.example,2026:1</guid>",
    "Permalink": "<guid>https://site.example/2026/story</guid>",
    "Not a permalink": '<guid isPermaLink="false">https://site.example/?p=9</guid>',
    "Link after guid": "<guid>77</guid><link>https://site.example/77</link>",
    "Link before guid": "<link>https://site.example/78</link><guid>78</guid>",
}


def _feed() -> bytes:
    items = "".join(f"<item><title>{title}</title>{fields}<description>Text.</description></item>"
                    for title, fields in ITEMS.items())
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>G</title>{items}</channel></rss>'.encode()


EXPECTED = {"Number": None, "Path": None, "Tag": None, "Permalink": "https://site.example/2026/story",
            "Not a permalink": None, "Link after guid": "https://site.example/77",
            "Link before guid": "https://site.example/78"}


def test_a_guid_is_a_link_only_when_it_is_an_absolute_web_address() -> None:
    entries = parse_feed_bytes(_feed(), "application/rss+xml", "https://site.example/feed.xml").entries
    assert {e.title: e.link for e in entries} == EXPECTED
    # The key is the guid as before (joined with the feed's address), so stored articles keep theirs.
    assert {e.title: e.key for e in entries}["Number"] == "g:https://site.example/12345"


def test_a_fetched_article_with_an_id_guid_has_no_invented_link(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/feed"] = Route(body=_feed(), headers={"Content-Type": "application/rss+xml"})
    with Store(tmp_path / "r.db") as store:
        refresh(store, config_for(tmp_path, {"G": feed_server.url("/feed")}))
        assert {a.title: a.link for a in store.list_articles()} == EXPECTED
