"""Schema v16: a feed stored twice under one URL (the rename bug before feed_sync.py matched URLs) becomes one feed.

Before feed_sync.py (session 9) a renamed feed got a new row: its articles were stored again,
unread, and the old ones (with their read and starred state) stayed under the old, inactive
row. Matching by URL now finds one of the two rows; the other's articles stayed hidden. This
migration moves every article into one row, keeping each article once with its state.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from reader.store.feed_sync import url_identity
from reader.store.stored_repeats import delete_articles, merge_articles, merge_stored_repeats

# What a fetch writes of a feed (validators, redirects, status): taken from the row fetched last.
_FETCH_STATE = ("effective_url", "etag", "last_modified", "last_status", "last_error", "error_since",
                "last_fetched", "next_due", "title", "body_hash", "item_hashes", "last_warning")


def merge_duplicate_feeds(conn: sqlite3.Connection) -> int:
    """The v16 migration: make the rows of each feed URL one; returns how many feed rows went.

    The row kept is the active one (the name feeds.toml gives it now), else the newest. It takes
    the fetch state of whichever row was fetched last, so the next refresh sends its validators.
    """
    rows = conn.execute("SELECT id, url, active, coalesce(last_fetched, '') FROM feeds").fetchall()
    groups: dict[str, list[tuple[int, bool, str]]] = {}
    for fid, url, active, fetched in rows:
        groups.setdefault(url_identity(str(url)), []).append((int(fid), bool(active), str(fetched)))
    merged = 0
    for group in groups.values():
        if len(group) > 1:
            kept = max(group, key=lambda r: (r[1], r[0]))[0]
            latest = max(group, key=lambda r: (r[2], r[0]))[0]
            _merge_feeds(conn, kept, [fid for fid, _, _ in group if fid != kept], latest)
            merged += len(group) - 1
    return merged


def _merge_feeds(conn: sqlite3.Connection, kept: int, others: Sequence[int], latest: int) -> None:
    """Move the articles of `others` into `kept` (an article both hold, by its key, kept once), then drop `others`."""
    for other in others:
        pairs = conn.execute("SELECT a.id, b.id FROM articles a JOIN articles b ON b.feed_id = ? AND b.key = a.key "
                             "WHERE a.feed_id = ?", (kept, other)).fetchall()
        gone: list[int] = []
        for old, new in pairs:
            gone += merge_articles(conn, [int(old), int(new)])[1]
        delete_articles(conn, gone)  # before the move: a copy kept from `other` must not meet its twin's key
        conn.execute("UPDATE articles SET feed_id = ? WHERE feed_id = ?", (kept, other))
    merge_stored_repeats(conn, [kept])  # one article under another key (a guid changed) is one by link and title
    if latest != kept:
        columns = ", ".join(f"{c} = (SELECT {c} FROM feeds WHERE id = ?)" for c in _FETCH_STATE)
        conn.execute(f"UPDATE feeds SET {columns} WHERE id = ?", (*[latest] * len(_FETCH_STATE), kept))
    conn.executemany("DELETE FROM feeds WHERE id = ?", [(fid,) for fid in others])
