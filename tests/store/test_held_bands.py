"""A refresh holds new articles' band keys back from the index: folding is unchanged, and nothing is lost."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import reader.store.refresh_writes as refresh_writes
import reader.store.story_fold as story_fold
from reader.store import Store
from tests.store.test_story_ids import EDITED, OTHER, TRIMMED, WIRE, add_feeds, story_ids, wire_entry


def fill(store: Store) -> None:
    one, two, three = add_feeds(store, "One", "Two", "Three")
    store.upsert_entries(one, [wire_entry("wire", WIRE), wire_entry("other", OTHER)])
    store.upsert_entries(two, [wire_entry("trimmed", TRIMMED), wire_entry("brief", "Too short.")])
    store.upsert_entries(three, [wire_entry("edited", EDITED), wire_entry("other-copy", OTHER[:-40])])


def bands(store: Store) -> tuple[list[tuple[int, int]], int]:
    return (store._query("SELECT band, article_id FROM story_bands ORDER BY 1, 2"),
            store._query("SELECT count(*) FROM story_bands_held")[0][0])


@pytest.mark.parametrize("held_rows", [story_fold.HELD_BAND_ROWS, 12])  # 12: moved into the index mid-refresh
def test_holding_bands_folds_as_the_index_does(held_rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_fold, "HELD_BAND_ROWS", held_rows)
    plain, held = Store(":memory:"), Store(":memory:")
    fill(plain)
    with held.holding_story_bands():
        fill(held)
        assert held._held is not None and (held._held.rows > 0) == (held_rows > 100)
    ids = story_ids(held)
    assert ids == story_ids(plain)
    assert ids["wire"] == ids["trimmed"] == ids["edited"] and ids["other"] == ids["other-copy"] != ids["wire"]
    assert bands(held) == bands(plain) and bands(held)[1] == 0  # all in the index when the refresh ends


def test_an_interrupted_refresh_leaves_its_bands_for_the_next() -> None:
    store = Store(":memory:")
    one, two = add_feeds(store, "One", "Two")
    with pytest.raises(KeyboardInterrupt), store.holding_story_bands():
        store.upsert_entries(one, [wire_entry("wire", WIRE)])
        raise KeyboardInterrupt
    assert bands(store)[1] == 10 and not bands(store)[0]  # kept in the table, not in the index
    with store.holding_story_bands():  # the next refresh indexes them first
        assert bands(store)[1] == 0 and len(bands(store)[0]) == 10
        store.upsert_entries(two, [wire_entry("trimmed", TRIMMED)])
    ids = story_ids(store)
    assert ids["wire"] == ids["trimmed"]


def test_a_rolled_back_feed_leaves_nothing_held(monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(":memory:")
    one, two = add_feeds(store, "One", "Two")
    real_index: Callable[..., None] = refresh_writes.index

    def failing_index(*args: object) -> None:
        raise ValueError("a value the index cannot take")

    with store.holding_story_bands():
        monkeypatch.setattr(refresh_writes, "index", failing_index)
        with pytest.raises(ValueError):
            store.store_fetched(one, [wire_entry("wire", WIRE)], status="200", etag='"v1"')
        assert store._held is not None and store._held.rows == 0 and not store._held.articles
        monkeypatch.setattr(refresh_writes, "index", real_index)
        store.upsert_entries(two, [wire_entry("trimmed", TRIMMED)])
    assert [a.guid for a in store.list_articles()] == ["trimmed"]
    assert store.feed(one) is not None and store.feed(one).etag is None  # type: ignore[union-attr]
    assert bands(store) == (bands(store)[0], 0) and len(bands(store)[0]) == 10


def test_entries_and_their_fetch_are_saved_together() -> None:
    store = Store(":memory:")
    [one] = add_feeds(store, "One")
    new, updated = store.store_fetched(one, [wire_entry("wire", WIRE)], status="200", etag='"v1"',
                                       body_hash="b1", item_hashes=b"\x01" * 8)
    row = store.feed(one)
    assert (new, updated) == (1, 0) and row is not None
    assert (row.etag, row.body_hash, row.item_hashes, row.last_status, row.last_error) == ('"v1"', "b1", b"\x01" * 8,
                                                                                          "200", None)
