"""An article dated in the future sorts as seen now; its published date is kept as the feed gave it."""

from __future__ import annotations

from dataclasses import replace

from reader.store import Store
from reader.store.refresh_writes import sort_date, utc_now
from tests.store.test_store import add_feed, entry


def test_a_future_date_sorts_as_now_and_is_kept_as_published(store: Store) -> None:
    fid = add_feed(store)
    store.upsert_entries(fid, [replace(entry("far", title="Far"), published="9999-12-31T23:59:59+00:00")])
    store.upsert_entries(fid, [replace(entry("new", title="New"), published=utc_now())])
    newest_first = store.list_articles()
    assert [a.title for a in newest_first] == ["New", "Far"]  # the later one seen is above the "year 9999" one
    assert newest_first[1].published == "9999-12-31T23:59:59+00:00"
    # An update to a future date moves it no further up than now either.
    changed = replace(entry("new", title="New", body="changed"), published="9000-01-01T00:00:00+00:00")
    store.upsert_entries(fid, [changed])
    assert store.list_articles()[0].published == "9000-01-01T00:00:00+00:00"


def test_sort_date() -> None:
    now = "2026-12-01T12:00:00+00:00"
    assert sort_date(None, now) == now
    assert sort_date("2026-11-30T08:00:00+00:00", now) == "2026-11-30T08:00:00+00:00"
    assert sort_date("2026-12-01T12:00:01+00:00", now) == now
    assert sort_date("0001-01-01T00:00:00+00:00", now) == "0001-01-01T00:00:00+00:00"
