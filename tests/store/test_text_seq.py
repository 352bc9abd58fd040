"""The store's change sequence (schema v13): each write that inserts an article or changes its title or text numbers
its rows, so a reader finds what changed since its mark whenever the write began or committed."""

import sqlite3
from pathlib import Path

import pytest

from reader.models import FetchedFeed, UnchangedFetch
from reader.store import Store
from reader.store.refresh_writes import RefreshWrites
from reader.store.schema import migrate
from tests.store.test_store import add_feed, entry


def seqs(store: Store) -> dict[str, int]:
    return {str(a.guid): int(store._query("SELECT text_seq FROM articles WHERE id = ?", (a.id,))[0][0])
            for a in store.list_articles()}


def test_a_v12_store_keeps_its_articles_and_numbers_writes_from_then_on(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 12)
    conn.execute("INSERT INTO feeds (id, name, url) VALUES (1, 'F', '/f.xml')")
    conn.execute("INSERT INTO articles (feed_id, key, guid, title, sort_date, first_seen, updated, text, content_hash, "
                 "is_read, is_starred) VALUES (1, 'old', 'old', 'Old article', 'x', 'x', 'x', 'Old text', 'h', 1, 1)")
    conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles")
    conn.close()
    with Store(path) as store:
        [old] = store.list_articles()
        assert (old.title, old.text, old.is_read, old.is_starred) == ("Old article", "Old text", True, True)
        assert store.change_mark() == 0 and store.changed_since(0) == set()
        store.upsert_entries(1, [entry("new", body="fresh")])
        assert seqs(store) == {"old": 0, "new": 1}
        assert store.change_mark() == 1 and store.changed_since(0) == {a.id for a in store.list_articles()} - {old.id}


def test_each_writer_of_text_numbers_its_rows_once_a_transaction(store: Store) -> None:
    fid = add_feed(store)
    store.upsert_entries(fid, [entry("a"), entry("b")])
    assert seqs(store) == {"a": 1, "b": 1}
    store.upsert_entries(fid, [entry("a", body="edited"), entry("b")])  # b unchanged: keeps its number
    assert seqs(store) == {"a": 2, "b": 1}
    [b] = [a.id for a in store.list_articles() if a.guid == "b"]
    store.save_full_text(b, "<p>The page.</p>", None)
    assert seqs(store) == {"a": 2, "b": 3} and store.changed_since(2) == {b}
    store.save_full_text(b, None, "no page")  # no text changed: no number taken
    store.set_read([b])
    store.record_unchanged([UnchangedFetch(fid, "304")])
    assert store.change_mark() == 3
    store.store_fetched_together([FetchedFeed(fid, [entry("c")], "200"), FetchedFeed(fid, [entry("d")], "200")])
    assert seqs(store) == {"a": 2, "b": 3, "c": 4, "d": 4}
    store.store_fetched_together([FetchedFeed(fid, [], "200")])  # nothing to store: no number taken
    store.upsert_entries(fid, [entry("e")])
    assert seqs(store)["e"] == 5


def test_a_feed_rolled_back_in_a_shared_transaction_leaves_the_number_to_the_others(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The number is taken outside the feeds' savepoints: a failed feed's rollback cannot give it to the next write."""
    bad, good = add_feed(store, "Bad", "/bad.xml"), add_feed(store, "Good", "/good.xml")
    real = RefreshWrites._upsert

    def upsert(self: Store, c: sqlite3.Connection, feed_id: int, entries: list[object], seq: int) -> tuple[int, int]:
        counts = real(self, c, feed_id, entries, seq)  # type: ignore[arg-type]
        if feed_id == bad:
            raise ValueError("a value the store cannot bind")
        return counts

    monkeypatch.setattr(RefreshWrites, "_upsert", upsert)
    store.store_fetched_together([FetchedFeed(bad, [entry("x")], "200"), FetchedFeed(good, [entry("y")], "200")])
    monkeypatch.setattr(RefreshWrites, "_upsert", real)
    assert store.change_mark() == 1
    store.upsert_entries(good, [entry("z")])
    assert seqs(store) == {"y": 1, "z": 2}
