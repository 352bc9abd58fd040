"""A feed is the same feed when its URL is: a rename keeps its articles, their state and its validators.

Before, sync_feeds matched feeds.toml to the store by name, so renaming a feed stored every
article again as unread and hid the old ones, read and starred state with them.
"""

from __future__ import annotations

from pathlib import Path

from reader.config import FeedConfig
from reader.fetch.refresh import refresh
from reader.store import ArticleFilter, Store
from reader.store.feed_sync import StoredFeed, match_feeds
from tests.conftest import config_for
from tests.feed_server import FeedServer, Route, rss
from tests.store.test_store import entry


def sync(store: Store, feeds: dict[str, str]) -> dict[str, int]:
    store.sync_feeds([FeedConfig(n, u) for n, u in feeds.items()], dict(feeds))
    return {f.name: f.id for f in store.feeds()}


def test_a_rename_keeps_articles_state_and_validators(store: Store) -> None:
    fid = sync(store, {"Dup Outlet": "https://dup.example/feed"})["Dup Outlet"]
    store.upsert_entries(fid, [entry("a", "One"), entry("b", "Two")])
    store.record_fetch(fid, status="200", etag='"e"', last_modified="Tue, 01 Dec 2026 10:00:00 GMT")
    one, two = sorted(store.list_articles(), key=lambda a: a.title)
    store.set_read([one.id])
    store.set_starred([two.id])
    assert sync(store, {"Dup Outlet Renamed": "https://dup.example/feed"}) == {"Dup Outlet Renamed": fid}
    feed = store.feed(fid)
    assert feed is not None and (feed.name, feed.etag, feed.last_modified) == (
        "Dup Outlet Renamed", '"e"', "Tue, 01 Dec 2026 10:00:00 GMT")
    assert store.upsert_entries(fid, [entry("a", "One"), entry("b", "Two")]) == (0, 0)
    shown = {a.title: (a.feed_name, a.is_read, a.is_starred) for a in store.list_articles()}
    assert shown == {"One": ("Dup Outlet Renamed", True, False), "Two": ("Dup Outlet Renamed", False, True)}
    assert len(store.feeds(active_only=False)) == 1


def test_the_same_url_written_another_way_is_the_same_feed(store: Store) -> None:
    fid = sync(store, {"A": "https://dup.example/feed"})["A"]
    assert sync(store, {"B": "http://Dup.Example:80/feed/"}) == {"B": fid}


def test_a_new_url_under_the_same_name_keeps_the_articles(store: Store) -> None:
    fid = sync(store, {"F": "https://old.example/rss"})["F"]
    store.upsert_entries(fid, [entry("a", "One")])
    store.set_read([store.list_articles()[0].id])
    assert sync(store, {"F": "https://new.example/rss"}) == {"F": fid}
    assert [(a.title, a.is_read) for a in store.list_articles()] == [("One", True)]


def test_removed_then_added_under_another_name_comes_back_with_its_articles(store: Store) -> None:
    fid = sync(store, {"Old": "/o.xml", "Other": "/x.xml"})["Old"]
    store.upsert_entries(fid, [entry("a", "One")])
    sync(store, {"Other": "/x.xml"})
    assert [a.outlet for a in store.list_articles()] == ["Old (unsubscribed)"]  # kept, and found
    assert sync(store, {"Other": "/x.xml", "New": "/o.xml"})["New"] == fid
    assert [a.outlet for a in store.list_articles()] == ["New"]


def test_two_feeds_may_swap_names(store: Store) -> None:
    ids = sync(store, {"A": "/a.xml", "B": "/b.xml"})
    assert sync(store, {"B": "/a.xml", "A": "/b.xml"}) == {"B": ids["A"], "A": ids["B"]}


def test_a_rename_onto_an_old_feeds_name_sets_the_old_one_aside(store: Store) -> None:
    """A stored feed that no listed feed continues keeps its articles under a name of its own."""
    ids = sync(store, {"X": "/old.xml"})
    store.upsert_entries(ids["X"], [entry("a", "Kept")])
    y = sync(store, {"Y": "/y.xml"})["Y"]
    assert sync(store, {"X": "/y.xml"}) == {"X": y}
    everything = {f.id: f.name for f in store.feeds(active_only=False)}
    assert everything == {ids["X"]: f"X (earlier, #{ids['X']})", y: "X"}
    assert store.article_counts() == {ids["X"]: 1}


def test_a_store_holding_one_url_twice_continues_the_row_with_the_listed_name() -> None:
    """Stores renamed before this rule hold the old row (inactive) and the new one under one URL."""
    stored = [StoredFeed(1, "Dup Outlet", "https://d/", False), StoredFeed(2, "Dup Outlet Renamed", "https://d/", True)]
    assert match_feeds([("Dup Outlet Renamed", "https://d/")], stored) == {"Dup Outlet Renamed": 2}
    assert match_feeds([("Dup Outlet", "https://d/")], stored) == {"Dup Outlet": 1}
    assert match_feeds([("Third", "https://d/")], stored) == {"Third": 2}  # the active one
    assert match_feeds([("Third", "https://e/")], stored) == {"Third": None}


def test_renaming_in_feeds_toml_does_not_store_the_articles_again(tmp_path: Path, feed_server: FeedServer) -> None:
    """The user's repro, through a real refresh: fetch, rename, fetch; nothing new, read state kept."""
    feed_server.routes["/f"] = Route(body=rss(("g1", "First"), ("g2", "Second")),
                                     headers={"Content-Type": "application/rss+xml"})
    with Store(tmp_path / "r.db") as store:
        assert refresh(store, config_for(tmp_path, {"Dup Outlet": feed_server.url("/f")})).new == 2
        store.set_read([a.id for a in store.list_articles()])
        again = refresh(store, config_for(tmp_path, {"Dup Outlet Renamed": feed_server.url("/f")}), force=True)
        assert again.new == 0
        assert store.count_articles(ArticleFilter(unread_only=True)) == 0
        assert {a.feed_name for a in store.list_articles()} == {"Dup Outlet Renamed"}
