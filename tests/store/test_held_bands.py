"""New articles' band keys go to a small index beside story_bands: folding is unchanged, and nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import reader.store.refresh_writes as refresh_writes
import reader.store.story_fold as story_fold
from reader.store import Store
from reader.stories import shingles, story_bands, story_text
from tests.store.test_story_ids import EDITED, OTHER, TRIMMED, WIRE, add_feeds, story_ids, wire_entry


def fill(store: Store) -> None:
    one, two, three = add_feeds(store, "One", "Two", "Three")
    store.upsert_entries(one, [wire_entry("wire", WIRE), wire_entry("other", OTHER)])
    store.upsert_entries(two, [wire_entry("trimmed", TRIMMED), wire_entry("brief", "Too short.")])
    store.upsert_entries(three, [wire_entry("edited", EDITED), wire_entry("other-copy", OTHER[:-40])])


def bands(store: Store) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(rows in story_bands, rows in story_bands_held)."""
    return (store._query("SELECT band, article_id FROM story_bands ORDER BY 1, 2"),
            store._query("SELECT band, article_id FROM story_bands_held ORDER BY 1, 2"))


@pytest.mark.parametrize("held_rows", [story_fold.HELD_BAND_ROWS, 12])  # 12: moved into story_bands as it fills
def test_folding_reads_both_indexes_the_same_in_a_refresh_or_not(held_rows: int,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_fold, "HELD_BAND_ROWS", held_rows)
    plain, refreshing = Store(":memory:"), Store(":memory:")
    fill(plain)
    with refreshing.refresh_session():
        fill(refreshing)
    ids = story_ids(refreshing)
    assert ids == story_ids(plain)
    assert ids["wire"] == ids["trimmed"] == ids["edited"] and ids["other"] == ids["other-copy"] != ids["wire"]
    index, held = bands(refreshing)
    assert (index, held) == bands(plain) and len(index) + len(held) == 75  # five long texts, 15 bands each
    assert (len(index) > 0) == (held_rows == 12) and len(held) < held_rows


def test_held_band_keys_last_from_one_run_to_the_next(tmp_path: Path) -> None:
    first = Store(tmp_path / "r.db")
    one, two = add_feeds(first, "One", "Two")
    with first.refresh_session():
        first.upsert_entries(one, [wire_entry("wire", WIRE)])
    first.close()  # as a run that ends (or is killed) with its rows still held
    again = Store(tmp_path / "r.db")
    assert bands(again) == ([], bands(again)[1]) and len(bands(again)[1]) == 15
    again.upsert_entries(two, [wire_entry("trimmed", TRIMMED)])
    ids = story_ids(again)
    assert ids["wire"] == ids["trimmed"]


def test_a_changed_article_leaves_no_held_band_behind() -> None:
    store = Store(":memory:")
    [one] = add_feeds(store, "One")
    store.upsert_entries(one, [wire_entry("wire", WIRE)])
    store.upsert_entries(one, [wire_entry("wire", OTHER)])  # the same guid, a new text
    index, held = bands(store)
    assert not index and len(held) == 15  # OTHER's bands only, none of WIRE's left
    assert sorted(b for b, _ in held) == sorted(story_bands(shingles(story_text("Wire story", OTHER))))


def test_a_rolled_back_feed_leaves_nothing_cached_or_held(monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(":memory:")
    one, two = add_feeds(store, "One", "Two")
    real_index: Callable[..., None] = refresh_writes.index

    def failing_index(*args: object) -> None:
        raise ValueError("a value the index cannot take")

    with store.refresh_session():
        monkeypatch.setattr(refresh_writes, "index", failing_index)
        with pytest.raises(ValueError):
            store.store_fetched(one, [wire_entry("wire", WIRE)], status="200", etag='"v1"')
        assert store._fold_cache is not None and not store._fold_cache.texts
        monkeypatch.setattr(refresh_writes, "index", real_index)
        store.upsert_entries(two, [wire_entry("trimmed", TRIMMED)])
    assert [a.guid for a in store.list_articles()] == ["trimmed"]
    assert store.feed(one) is not None and store.feed(one).etag is None  # type: ignore[union-attr]
    assert len(bands(store)[1]) == 15  # the trimmed copy's only


def test_entries_and_their_fetch_are_saved_together() -> None:
    store = Store(":memory:")
    [one] = add_feeds(store, "One")
    new, updated = store.store_fetched(one, [wire_entry("wire", WIRE)], status="200", etag='"v1"',
                                       body_hash="b1", item_hashes=b"\x01" * 8)
    row = store.feed(one)
    assert (new, updated) == (1, 0) and row is not None
    assert (row.etag, row.body_hash, row.item_hashes, row.last_status, row.last_error) == ('"v1"', "b1", b"\x01" * 8,
                                                                                          "200", None)


def test_a_feed_with_new_and_changed_entries_counts_both_toward_the_move(monkeypatch: pytest.MonkeyPatch) -> None:
    """keep_bands runs twice in such a feed's transaction (new, then changed): the second adds to the first."""
    monkeypatch.setattr(story_fold, "HELD_BAND_ROWS", 37)
    store = Store(":memory:")
    [one] = add_feeds(store, "One")
    with store.refresh_session():
        store.upsert_entries(one, [wire_entry("wire", WIRE)])  # 15 held, counted
        # 15 new (trimmed) + 15 for the changed wire entry: 45 counted >= 37, so all move into story_bands.
        store.upsert_entries(one, [wire_entry("trimmed", TRIMMED), wire_entry("wire", OTHER)])
    index, held = bands(store)
    assert held == [] and len(index) == 30


def test_feeds_stored_in_one_transaction_all_count_toward_the_move(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refresh writes several feeds in one transaction (StoreQueue): each feed's folder goes on from the last one's
    count, and a feed rolled back to its savepoint (which may have moved rows) makes the next fold count again."""
    from reader.models import FetchedFeed

    monkeypatch.setattr(story_fold, "HELD_BAND_ROWS", 52)
    store = Store(":memory:")
    one, two, three, four = add_feeds(store, "One", "Two", "Three", "Four")
    with store.refresh_session():
        store.store_fetched_together([FetchedFeed(one, [wire_entry("wire", WIRE)], "200")])  # 15 held, counted
        store.store_fetched_together([FetchedFeed(two, [wire_entry("other", OTHER)], "200"),
                                      FetchedFeed(three, [wire_entry("trimmed", TRIMMED)], "200")])
        assert store._fold_cache is not None and store._fold_cache.held_rows == len(bands(store)[1]) == 45
        real = refresh_writes.RefreshWrites._upsert

        def upsert(self: Store, c: object, feed_id: int, entries: list[object], seq: int) -> tuple[int, int]:
            real(self, c, feed_id, entries, seq)  # type: ignore[arg-type]  # 60 >= 52: rows moved, then...
            raise ValueError("a value the store cannot bind")  # ...rolled back with the feed

        monkeypatch.setattr(refresh_writes.RefreshWrites, "_upsert", upsert)
        [failed] = store.store_fetched_together([FetchedFeed(four, [wire_entry("edited", EDITED)], "200")])
        assert isinstance(failed, ValueError) and store._fold_cache.held_rows is None  # counted again when needed
        assert bands(store) == ([], bands(store)[1]) and len(bands(store)[1]) == 45
        monkeypatch.setattr(refresh_writes.RefreshWrites, "_upsert", real)
        store.store_fetched_together([FetchedFeed(four, [wire_entry("edited", EDITED)], "200")])
    index, held = bands(store)
    assert held == [] and len(index) == 60  # 45 counted again + 15 new >= 52: all moved
