"""Opening a store from before v16 makes a feed stored twice under one URL (the old rename bug) one feed.

Before feed_sync.py matched feeds by URL, a renamed feed got a new row: its articles were
stored again, unread, and the old row kept the read and starred ones where no view showed them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.config import FeedConfig
from reader.store import ArticleFilter, Store
from tests.store.test_store import entry


def _old_store(path: Path) -> dict[str, int]:
    """A v15 store as the rename bug left it: 'Outlet' renamed 'Outlet Renamed', the same URL written another way."""
    with Store(path) as store:
        with store._write() as c:
            c.execute("INSERT INTO feeds (name, url, active, etag, last_modified, last_fetched) VALUES "
                      "('Outlet', 'https://dup.example/feed', 0, '\"old\"', 'Sun, 01 Nov 2026', '2026-11-01T00:00')")
            c.execute("INSERT INTO feeds (name, url, active, etag, body_hash, last_fetched) VALUES "
                      "('Outlet Renamed', 'http://Dup.Example/feed/', 1, '\"new\"', 'h', '2026-11-20T00:00')")
            # Moved, then moved back under its first name: the inactive row was fetched last.
            c.execute("INSERT INTO feeds (name, url, active, etag, last_fetched) VALUES "
                      "('Back', '/back.xml', 1, '\"back-old\"', '2026-10-01T00:00')")
            c.execute("INSERT INTO feeds (name, url, active, etag, last_fetched) VALUES "
                      "('Back Briefly', '/back.xml', 0, '\"back-new\"', '2026-11-30T00:00')")
            c.execute("INSERT INTO feeds (name, url, active) VALUES ('Other', 'https://other.example/feed', 1)")
        ids = {f.name: f.id for f in store.feeds(active_only=False)}
        store.upsert_entries(ids["Outlet"], [entry("a", "Alpha"), entry("b", "Beta"), entry("c", "Gamma only old")])
        store.upsert_entries(ids["Outlet Renamed"], [entry("a", "Alpha"), entry("b", "Beta", body="longer body"),
                                                     entry("d", "Delta only new")])
        store.upsert_entries(ids["Other"], [entry("a", "Alpha")])
        store.upsert_entries(ids["Back"], [entry("x", "Ex")])
        store.upsert_entries(ids["Back Briefly"], [entry("x", "Ex"), entry("y", "Why")])
        old = {str(t): int(i) for i, t in store._query("SELECT id, title FROM articles WHERE feed_id = ?",
                                                       (ids["Outlet"],))}
        with store._write() as c:  # the hidden row's state: read and starred before the rename
            c.execute("UPDATE articles SET is_read = 1 WHERE id IN (?, ?)", (old["Alpha"], old["Gamma only old"]))
            c.execute("UPDATE articles SET is_starred = 1, first_seen = '2026-01-01T00:00' WHERE id = ?",
                      (old["Beta"],))
        store.add_pin(old["Beta"], "a pinned quote", None)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 15")  # before v16, which merges them
    conn.close()
    return ids


def test_a_feed_stored_twice_becomes_one_with_every_article_once_and_its_state(tmp_path: Path) -> None:
    ids = _old_store(tmp_path / "r.db")
    with Store(tmp_path / "r.db") as store:
        feeds = {f.name: f for f in store.feeds(active_only=False)}
        assert sorted(feeds) == ["Back", "Other", "Outlet Renamed"]
        kept = feeds["Outlet Renamed"]
        assert kept.id == ids["Outlet Renamed"] and (kept.etag, kept.body_hash) == ('"new"', "h")
        articles = {a.title: a for a in store.list_articles(ArticleFilter(feed_id=kept.id))}
        assert sorted(articles) == ["Alpha", "Beta", "Delta only new", "Gamma only old"]
        state = {t: (a.is_read, a.is_starred) for t, a in articles.items()}
        assert state == {"Alpha": (True, False), "Beta": (False, True), "Delta only new": (False, False),
                         "Gamma only old": (True, False)}
        beta = articles["Beta"]
        assert beta.text == "longer body" and beta.first_seen == "2026-01-01T00:00"
        assert [(p.article_id, p.text) for p in store.pins()] == [(beta.id, "a pinned quote")]
        assert [a.title for a in store.list_articles(ArticleFilter(search="Gamma"))] == ["Gamma only old"]
        assert sorted(a.feed_name for a in store.list_articles(ArticleFilter(search="Alpha"))) == [
            "Other", "Outlet Renamed"]  # the same key in another feed is another outlet's article
        back = feeds["Back"]  # the active row is kept; the validators are the row's fetched last
        assert back.id == ids["Back"] and back.etag == '"back-new"'
        assert sorted(a.title for a in store.list_articles(ArticleFilter(feed_id=back.id))) == ["Ex", "Why"]
        store.sync_feeds([FeedConfig("Outlet Renamed", "https://dup.example/feed"), FeedConfig("Back", "/back.xml"),
                          FeedConfig("Other", "https://other.example/feed")],
                         {"Outlet Renamed": "https://dup.example/feed", "Back": "/back.xml",
                          "Other": "https://other.example/feed"})
        assert {f.name: f.id for f in store.feeds()} == {"Outlet Renamed": kept.id, "Back": back.id,
                                                         "Other": ids["Other"]}
        assert store.count_articles() == 7


def test_a_store_without_a_feed_stored_twice_is_left_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    with Store(db) as store:
        store.sync_feeds([FeedConfig("A", "/a.xml")], {"A": "/a.xml"})
        store.upsert_entries(store.feeds()[0].id, [entry("a", "Alpha")])
        before = [tuple(r) for r in store._query("SELECT * FROM articles")]
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 15")  # before v16, which merges them
    conn.close()
    with Store(db) as store:
        assert [tuple(r) for r in store._query("SELECT * FROM articles")] == before
