"""Which new entries of a feed are re-issues of an article it stored lately (reader/reissued_items.py says why).

A re-issue updates its article in place, so five fetches of a feed that stamps a fresh guid,
link and time on one item each time leave one article, not five.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import datetime, timedelta

from reader.models import ParsedEntry
from reader.reissued_items import REISSUE_WINDOW
from reader.store.rows import select_in

Fresh = tuple[ParsedEntry, str | None]  # (entry, its link_title_key)
Changed = tuple[int, ParsedEntry, str | None]  # (stored article id, entry, its link_title_key)

# Recent by sort date first (the (feed_id, sort_date) index narrows the rows read to the last SORT_WINDOW's),
# then changed within REISSUE_WINDOW. A re-issue is dated when it is made, so its article's sort date is recent.
_RECENT = "feed_id = ? AND sort_date >= ? AND updated >= ? AND reissue_key IS NOT NULL"
SORT_WINDOW = timedelta(days=2)


def _since(now: str) -> tuple[str, str]:
    """(the earliest sort date, the earliest change) of an article an item may re-issue."""
    when = datetime.fromisoformat(now)
    return ((when - SORT_WINDOW).isoformat(timespec="seconds"), (when - REISSUE_WINDOW).isoformat(timespec="seconds"))


def recent_reissue_keys(c: sqlite3.Connection, feed_id: int, now: str) -> frozenset[str]:
    """The reissue keys of the feed's articles changed within REISSUE_WINDOW: what a parse worker checks."""
    return frozenset(str(key) for (key,) in c.execute(
        f"SELECT reissue_key FROM articles WHERE {_RECENT}", (feed_id, *_since(now))))


def reissues(c: sqlite3.Connection, feed_id: int, fresh: list[Fresh], taken: set[int], now: str
             ) -> tuple[list[Changed], list[Fresh]]:
    """Of entries new to the feed, (those that update the article they re-issue, those still new).

    An article an entry already updates (`taken`) is not matched again; of two entries of one
    batch with one reissue key neither is a re-issue (the parser gives such items none; this
    holds for entries handed to the store some other way); of several recent articles with the
    key, the one changed last. An entry the same as its match (same content hash) changes nothing.
    """
    counts = Counter(e.reissue_key for e, _ in fresh if e.reissue_key is not None)
    keys = sorted(key for key, count in counts.items() if count == 1)
    if not keys:
        return [], fresh
    latest: dict[str, tuple[str, int, str]] = {}
    for aid, key, updated, digest in select_in(
            c, f"SELECT id, reissue_key, updated, content_hash FROM articles WHERE {_RECENT} AND reissue_key IN ({{}})",
            keys, (feed_id, *_since(now))):
        if aid not in taken and (key not in latest or (updated, aid) > latest[key][:2]):
            latest[key] = (str(updated), int(aid), str(digest))
    changed: list[Changed] = []
    still_new: list[Fresh] = []
    for e, link in fresh:
        match = latest.get(e.reissue_key) if e.reissue_key is not None and counts[e.reissue_key] == 1 else None
        if match is None:
            still_new.append((e, link))
        elif match[2] != e.content_hash:
            changed.append((match[1], e, link))
    return changed, still_new
