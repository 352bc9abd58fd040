"""A feed that repeats one article (same link and title under new guids, no guid, a guid twice) stores it once.

Through the real refresh (a feed served from 127.0.0.1, parse workers, the store), and across
refreshes: a new guid on a stored article's link and title updates that article and keeps its
read and starred state. Never across feeds (two feeds that link one page are two outlets), nor
items of one link under different titles (a feed that links every item to its home page).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

import reader.fetch.parse as parse_module
from reader.article_links import link_title_key
from reader.config import Config, load_config
from reader.fetch.parse import parse_feed_bytes
from reader.fetch.refresh import refresh
from reader.models import ParsedEntry
from reader.store import ArticleFilter, Store
from tests.conftest import write_config
from tests.feed_server import FeedServer, Route

LINK = "https://news.example/2026/11/30/sheriff-ends-agreement"
SHORT = "<p>The sheriff ended the agreement.</p>"
FULL = ("<p>The sheriff ended the agreement on Friday, after a year of hearings.</p>"
        "<p>Advocates who packed the hearing said they would watch what the county does next.</p>")


def item(guid: str | None, link: str | None, body: str, title: str = "Sheriff ends agreement") -> str:
    guid_tag = f"<guid isPermaLink=\"false\">{escape(guid)}</guid>" if guid else ""
    link_tag = f"<link>{escape(link)}</link>" if link else ""
    return f"<item>{guid_tag}<title>{escape(title)}</title>{link_tag}<description>{escape(body)}</description></item>"


def rss(*items: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            f"<link>https://news.example/</link>{''.join(items)}</channel></rss>").encode()


def config(tmp_path: Path, server: FeedServer, *paths: str) -> Config:
    feeds = "".join(f'[[feeds]]\nname = "{p.strip("/")}"\nurl = "{server.url(p)}"\n\n' for p in paths)
    limits = "[fetch]\ntimeout = 10\nmax_bytes = 5_000_000\nmax_items = 100_000\n"
    return load_config(write_config(tmp_path, feeds + limits))


def articles(store: Store, feed: str) -> list[tuple[str | None, str | None, str]]:
    [feed_id] = [f.id for f in store.feeds() if f.name == feed]
    return sorted(((a.guid, a.link, a.content) for a in store.list_articles(ArticleFilter(feed_id=feed_id))),
                  key=lambda row: (row[0] or "", row[2]))


REPEATS = rss(
    *(item(f"cms-{n}", LINK, SHORT) for n in range(30)),  # the CMS bug: one link under 30 guids
    # The most complete, its link written another way:
    item("cms-full", "https://News.Example:443/2026/11/30/sheriff-ends-agreement/?utm_source=rss", FULL),
    item(None, LINK, SHORT),  # the same link without a guid
    item("cms-3", "https://news.example/moved", SHORT),  # a guid repeated (under another link): the same article
    item("other", "https://news.example/other", "<p>Another story.</p>", "Another"),
    item("live-1", "https://news.example/live#post-1", "<p>First post.</p>", "Live"),  # a live blog's posts:
    item("live-2", "https://news.example/live#post-2", "<p>Second post.</p>", "Live"),  # fragments differ
    item(None, None, "<p>No link, no guid.</p>", "Bare one"),  # no identity: each kept as before
    item(None, None, "<p>Nor this one.</p>", "Bare two"),
    item("home-1", "https://news.example/", "<p>Office closed Monday.</p>", "Notice"),  # one page, two titles
    item("home-2", "https://news.example/", "<p>Office open Tuesday.</p>", "Another notice"),
)


def test_repeats_in_one_document_are_one_article_the_most_complete(tmp_path: Path, feed_server: FeedServer,
                                                                    store: Store) -> None:
    feed_server.routes["/cms"] = Route(body=REPEATS, headers={"Content-Type": "application/rss+xml"})
    result = refresh(store, config(tmp_path, feed_server, "/cms"))
    assert (result.ok, result.new, result.failed) == (1, 8, 0)
    stored = articles(store, "cms")
    assert [(guid, link) for guid, link, _ in stored if guid and guid.startswith("cms")] == [
        ("cms-full", "https://News.Example:443/2026/11/30/sheriff-ends-agreement/?utm_source=rss")]
    assert [content for guid, _, content in stored if guid == "cms-full"] == [FULL]
    assert sorted(guid or "" for guid, _, _ in stored) == ["", "", "cms-full", "home-1", "home-2", "live-1",
                                                           "live-2", "other"]
    assert store.count_articles() == 8


def test_a_new_guid_on_a_stored_link_updates_the_article_and_keeps_its_state(tmp_path: Path,
                                                                             feed_server: FeedServer,
                                                                             store: Store) -> None:
    route = feed_server.routes["/cms"] = Route(body=rss(item("v1", LINK, SHORT), item("o", LINK + "-2", SHORT)))
    cfg = config(tmp_path, feed_server, "/cms")
    assert refresh(store, cfg).new == 2
    [first] = [a for a in store.list_articles() if a.guid == "v1"]
    store.set_read([first.id])
    store.set_starred([first.id])

    route.body = rss(item("v2", LINK + "/", FULL, "Sheriff Ends  Agreement"), item("o", LINK + "-2", SHORT))
    second = refresh(store, cfg)
    assert (second.new, second.updated) == (0, 1)
    now = store.article(first.id)
    assert now is not None and (now.guid, now.link, now.content) == ("v2", LINK + "/", FULL)
    assert now.title == "Sheriff Ends Agreement" and now.is_read and now.is_starred
    assert store.count_articles() == 2
    assert [a.id for a in store.list_articles(ArticleFilter(search="advocates"))] == [first.id]

    route.body = rss(item("v3", LINK, FULL, "Sheriff Ends  Agreement"), item("o", LINK + "-2", SHORT))
    third = refresh(store, cfg)  # a new guid again, nothing else new: nothing to write
    assert (third.new, third.updated) == (0, 0) and store.count_articles() == 2

    route.body = rss(item("v4", LINK, SHORT, "Sheriff's deputies to stay"), item("o", LINK + "-2", SHORT))
    fourth = refresh(store, cfg)  # the same link under another title: another article, as the rule says
    assert (fourth.new, fourth.updated) == (1, 0) and store.count_articles() == 3


def test_feeds_that_link_one_page_are_not_merged(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    for path in ("/one", "/two"):
        feed_server.routes[path] = Route(body=rss(item(f"{path}-a", LINK, FULL), item(f"{path}-b", LINK, FULL)))
    result = refresh(store, config(tmp_path, feed_server, "/one", "/two"))
    assert result.new == 2
    assert [len(articles(store, name)) for name in ("one", "two")] == [1, 1]


HOSTILE_ITEMS = 10_000


def test_ten_thousand_repeats_of_one_link_cost_one_row_and_a_fixed_number_of_statements(
        tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    """Not timed: the store's statements for the feed do not grow with its repeats, and the parser
    maps one entry. (By hand: 10,000 repeats refreshed in 3.5 s, 20,000 in 6.3 s; before, 37.6 s and 10,000 rows.)"""
    body = rss(*(f"<item><guid>{n}</guid><title>Same</title><link>{LINK}</link></item>"
                 for n in range(HOSTILE_ITEMS)))
    feed_server.routes["/hostile"] = Route(body=body)
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    try:
        result = refresh(store, config(tmp_path, feed_server, "/hostile"))
    finally:
        store._conn.set_trace_callback(None)
    assert (result.ok, result.new) == (1, 1) and store.count_articles() == 1
    assert len(statements) < 100, len(statements)
    [kept] = store.list_articles()
    assert kept.guid == str(HOSTILE_ITEMS - 1)  # all equally complete: the last in the document


def test_the_parser_maps_one_entry_for_an_article_however_often_it_is_repeated(
        monkeypatch: pytest.MonkeyPatch) -> None:
    mapped: list[ParsedEntry] = []
    entry = parse_module.entry_of

    def counted(*args: object) -> ParsedEntry:
        mapped.append(entry(*args))  # type: ignore[arg-type]
        return mapped[-1]

    monkeypatch.setattr(parse_module, "entry_of", counted)  # as parse calls it
    repeats = 2000
    body = rss(*(item(f"g{n}", LINK + ("/" if n % 2 else ""), SHORT) for n in range(repeats)))
    parsed = parse_feed_bytes(body, "application/rss+xml", "http://127.0.0.1/f", max_items=repeats)
    assert [e.guid for e in parsed.entries] == [f"g{repeats - 1}"] and len(mapped) == 1


def test_a_parsed_entry_carries_its_link_title_key_so_the_store_need_not_compute_it() -> None:
    body = rss(item("g1", LINK + "/?utm_source=rss", SHORT), item("g2", None, SHORT))
    with_link, without = parse_feed_bytes(body, "application/rss+xml", "http://127.0.0.1/f").entries
    assert with_link.link_title_key == link_title_key(with_link.link, with_link.title)
    assert with_link.link_title_key == "//news.example/2026/11/30/sheriff-ends-agreement\nsheriff ends agreement"
    assert without.link_title_key is None


def test_items_sharing_one_guid_or_one_link_under_different_titles_are_different_articles(
        tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    """A CMS bug: every item given the home page as its guid (or no guid and the home page as link)."""
    titles = ["Sheriff ends agreement", "Council delays vote", "Judge orders release", "Mayor signs order",
              "Jail audit"]
    one_guid = [item("https://site.example/", f"https://site.example/{n}", f"<p>Story {n}.</p>", t)
                for n, t in enumerate(titles)]
    one_link = [item(None, "https://site.example/", f"<p>Story {n}.</p>", t) for n, t in enumerate(titles)]
    route = feed_server.routes["/guid"] = Route(body=rss(*one_guid))
    feed_server.routes["/link"] = Route(body=rss(*one_link))
    assert refresh(store, config(tmp_path, feed_server, "/guid", "/link")).new == 10
    for feed in ("guid", "link"):
        assert sorted(content for _, _, content in articles(store, feed)) == [f"<p>Story {n}.</p>" for n in range(5)]
    route.body = rss(*one_guid[:4], item("https://site.example/", "https://site.example/4", "<p>Updated.</p>",
                                         titles[4]))
    again = refresh(store, config(tmp_path, feed_server, "/guid", "/link"))
    assert (again.new, again.updated) == (0, 1)  # the changed one is updated in place; the others stay as they were
    assert sorted(content for _, _, content in articles(store, "guid")) == sorted(
        [f"<p>Story {n}.</p>" for n in range(4)] + ["<p>Updated.</p>"])


def test_new_items_that_share_the_guid_come_one_at_a_time_and_never_overwrite_each_other(
        tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    """A changed feed's parse sees only its new items: one alone with the shared guid is keyed apart all the same."""
    def story(n: int) -> str:
        return item("https://site.example/", f"https://site.example/{n}", f"<p>Story {n}.</p>", f"Headline {n}")

    route = feed_server.routes["/guid"] = Route(body=rss(*(story(n) for n in range(3))))
    cfg = config(tmp_path, feed_server, "/guid")
    assert refresh(store, cfg).new == 3
    for newest in (3, 4):
        route.body = rss(*(story(n) for n in range(newest, -1, -1)))
        assert (refresh(store, cfg).new, store.count_articles()) == (1, newest + 1)
    assert sorted(content for _, _, content in articles(store, "guid")) == [f"<p>Story {n}.</p>" for n in range(5)]
