"""Rows to data classes, and the search index the store keeps itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from reader.models import Article, FeedRow

ARTICLE_COLUMNS = (
    "a.id, a.feed_id, f.name, a.guid, a.link, a.title, a.author, a.published, a.first_seen, "
    "a.content, a.text, a.is_read, a.is_starred, a.full_content, a.full_text_error, a.story_id, a.content_type, "
    "a.updated, f.active"
)
FEED_COLUMNS = (
    "id, name, url, effective_url, tags, etag, last_modified, last_status, last_error, error_since, "
    "last_fetched, next_due, disabled, title, full_text, body_hash, item_hashes, last_warning"
)


def select_in(c: sqlite3.Connection, sql: str, ids: Sequence[Any], params: Sequence[Any] = (),
              chunk: int = 500) -> list[tuple[Any, ...]]:
    """Rows of `sql` for these ids (its one "{}" stands for their placeholders, `params` precede them).

    Asked `chunk` ids at a time, because SQLite limits how many variables one statement may have
    (999 before version 3.32), and a store's lists of ids can be longer.
    """
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        rows += c.execute(sql.format(",".join("?" * len(part))), (*params, *part))
    return rows


# The search index is kept by the functions below rather than by triggers (schema v6 says why):
# an article's old title and text leave the index before they change and the new ones enter
# after, in the same transaction. Plain VALUES statements: an INSERT ... SELECT into FTS5 costs
# as much as the triggers did.
def indexed_rows(c: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[int, str, str]]:
    """The (id, title, text) now in the index for these articles."""
    return select_in(c, "SELECT id, title, text FROM articles WHERE id IN ({})", ids)


def unindex(c: sqlite3.Connection, rows: Iterable[tuple[int, str, str]]) -> None:
    c.executemany("INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)", rows)


def index(c: sqlite3.Connection, rows: Iterable[tuple[int, str, str]]) -> None:
    c.executemany("INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)", rows)


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: each word quoted, all required, last one a prefix."""
    words = [w.replace('"', '""') for w in text.split() if w.strip('"')]
    if not words:
        return '""'
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def feed_row(r: tuple[Any, ...]) -> FeedRow:
    tags = tuple(t for t in str(r[4] or "").split("\n") if t)
    return FeedRow(id=r[0], name=r[1], url=r[2], effective_url=r[3], tags=tags, etag=r[5], last_modified=r[6],
                   last_status=r[7], last_error=r[8], error_since=r[9], last_fetched=r[10], next_due=r[11],
                   disabled=bool(r[12]), title=r[13], full_text=bool(r[14]), body_hash=r[15],
                   item_hashes=bytes(r[16] or b""), last_warning=r[17])


def article_row(r: tuple[Any, ...]) -> Article:
    return Article(id=r[0], feed_id=r[1], feed_name=r[2], guid=r[3], link=r[4], title=r[5], author=r[6],
                   published=r[7], first_seen=r[8], content=r[9], text=r[10], is_read=bool(r[11]),
                   is_starred=bool(r[12]), full_content=r[13], full_text_error=r[14], story_id=r[15],
                   content_type=r[16], updated=r[17], subscribed=bool(r[18]))
