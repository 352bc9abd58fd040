"""Schema v12: each article's link_title_key, and the repeats a feed stored before it made one article.

Before v12 a feed that repeated an article under new guids (a CMS bug) had each repeat stored
and listed; from v12 the parse and the store keep one (reader/article_links.py). Opening an
older store merges what it already holds the same way, so the list shows the article once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from reader.article_links import link_title_key
from reader.store.rows import index, indexed_rows, select_in, unindex

_CHUNK = 500  # ids a statement: SQLite allowed 999 variables before 3.32


def add_link_title_keys(conn: sqlite3.Connection) -> None:
    """The v12 migration: compute every article's key (in Python: the normalisation is not SQL's), index it, merge."""
    conn.execute("ALTER TABLE articles ADD COLUMN link_title_key TEXT")
    rows = conn.execute("SELECT id, link, title FROM articles WHERE link IS NOT NULL").fetchall()
    conn.executemany("UPDATE articles SET link_title_key = ? WHERE id = ?",
                     [(link_title_key(link, title), aid) for aid, link, title in rows])
    conn.execute("CREATE INDEX articles_by_link ON articles (feed_id, link_title_key)")
    merge_stored_repeats(conn)


def merge_stored_repeats(conn: sqlite3.Connection, feed_ids: Sequence[int] | None = None) -> int:
    """Make each feed's articles with one link_title_key one article (merge_articles); returns how many rows went.

    Every feed's, or only those of `feed_ids` (the v16 merge of a feed stored twice).
    """
    only = f" AND feed_id IN ({','.join(str(int(f)) for f in feed_ids)})" if feed_ids is not None else ""
    groups = conn.execute("SELECT feed_id, link_title_key FROM articles WHERE link_title_key IS NOT NULL"
                          f"{only} GROUP BY feed_id, link_title_key HAVING count(*) > 1").fetchall()
    gone: list[int] = []
    for feed_id, key in groups:
        ids = [int(r[0]) for r in conn.execute("SELECT id FROM articles WHERE feed_id = ? AND link_title_key = ?",
                                               (feed_id, key))]
        gone += merge_articles(conn, ids)[1]
    delete_articles(conn, gone)
    return len(gone)


def merge_articles(conn: sqlite3.Connection, ids: Sequence[int]) -> tuple[int, list[int]]:
    """Make these stored copies of one article one: returns (the id kept, the ids to delete with delete_articles).

    The one kept is the one the parser would keep (article_links.completeness: the most
    content, then a title, then a date, then the last stored). It is read if any copy was
    read, starred if any was, first seen when the first was, and it takes the others' pins. Without
    page text of its own it takes the newest a copy has (one link: one page), which may be gone
    from the web by now.
    """
    rows = select_in(conn, "SELECT id, length(content), title != '', published IS NOT NULL, is_read, is_starred, "
                           "first_seen, full_content FROM articles WHERE id IN ({})", sorted(ids))
    kept_row = max(rows, key=lambda r: (r[1], r[2], r[3], r[0]))
    kept = int(kept_row[0])
    others = [int(r[0]) for r in rows if r[0] != kept]
    conn.execute("UPDATE articles SET is_read = ?, is_starred = ?, first_seen = ? WHERE id = ?",
                 (max(r[4] for r in rows), max(r[5] for r in rows), min(r[6] for r in rows), kept))
    pages = [r for r in rows if r[7] is not None]
    if kept_row[7] is None and pages:
        _take_page_text(conn, kept, max(pages, key=lambda r: r[0])[7])
    conn.executemany("UPDATE OR IGNORE pins SET article_id = ? WHERE article_id = ?", [(kept, o) for o in others])
    return kept, others


def delete_articles(conn: sqlite3.Connection, gone: Sequence[int]) -> None:
    """Delete these articles with their pins and band keys (the delete trigger of schema v2 unindexes them).

    Their band keys would only be skipped by the folder's join, so they go too.
    """
    for start in range(0, len(gone), _CHUNK):
        part = gone[start:start + _CHUNK]
        marks = ",".join("?" * len(part))
        for table in ("pins", "story_bands", "story_bands_held"):
            conn.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", part)
        conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", part)


def _take_page_text(conn: sqlite3.Connection, article_id: int, page: str) -> None:
    """Give the article this page text and index it, as Store.save_full_text does (its story is left as it is).

    No text_seq is set: this runs only in migrations (v12, before v13 adds the column, and v16),
    and a reader takes its change mark only after opening (and so migrating) the store.
    """
    from reader.text.html import html_to_search_text  # lazy: only a store with page text to move needs it

    [(_, title, text)] = old = indexed_rows(conn, [article_id])
    unindex(conn, old)
    text += "\n" + html_to_search_text(page)
    conn.execute("UPDATE articles SET full_content = ?, full_text_error = NULL, text = ? WHERE id = ?",
                 (page, text, article_id))
    index(conn, [(article_id, title, text)])
