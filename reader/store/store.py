"""The Store facade: every read and write of the SQLite database goes through here.

Transactions are short (one feed's entries at a time) and the connection waits on a busy
timeout, so the TUI and a `reader digest` from cron can share one file safely.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reader.config import FeedConfig
from reader.models import Article, FeedRow, Pin
from reader.store.connection import BUSY_TIMEOUT_S
from reader.store.feed_sync import StoredFeed, free_names, match_feeds
from reader.store.refresh_writes import RefreshWrites, utc_now
from reader.store.rows import (
    ARTICLE_COLUMNS,
    FEED_COLUMNS,
    article_row,
    feed_row,
    fts_query,
    select_in,
)
from reader.store.story_queries import StoryQueries


@dataclass(frozen=True)
class ArticleFilter:
    """What the article list shows: a feed, a tag, a set of ids (topic), unread/starred, or a search."""

    feed_id: int | None = None
    tag: str | None = None
    unread_only: bool = False
    starred_only: bool = False
    search: str | None = None
    ids: tuple[int, ...] | None = None


# Days asked per statement by topic_days; the topics fill the rest, up to SQLite's old limit of 999 variables.
_DAYS_A_STATEMENT = 400


@dataclass(frozen=True)
class TopicDay:
    """A tracked topic's day as the digest keeps it: counts for the trend, sentence signatures for New today."""

    day_articles: int  # all articles first seen that day, when this was computed
    articles: int
    outlets: int
    signatures: str

class Store(RefreshWrites, StoryQueries):
    """Every read and write of the database: feeds, articles, state, pins, settings and search."""

    # -- feeds ---------------------------------------------------------------------------

    def sync_feeds(self, feeds: Iterable[FeedConfig], locate: dict[str, str]) -> None:
        """Make the feeds table match feeds.toml; feeds that left the file keep their articles but go inactive.

        A listed feed continues the stored feed with its URL, else the one with its name (feed_sync.py):
        a rename keeps its articles, their read and starred state and its fetch validators.
        """
        feeds = list(feeds)
        if self._feeds_match(feeds, locate):  # the usual case: no write, so none of the check before one either
            return
        with self._write() as c:
            stored = [StoredFeed(int(r[0]), str(r[1]), str(r[2]), bool(r[3]))
                      for r in c.execute("SELECT id, name, url, active FROM feeds")]
            matched = match_feeds([(feed.name, locate[feed.name]) for feed in feeds], stored)
            free_names(c, matched)
            urls = {row.id: row.url for row in stored}
            c.execute("UPDATE feeds SET active = 0")
            for feed in feeds:
                url = locate[feed.name]
                fid = matched[feed.name]
                tags = "\n".join(feed.tags)
                if fid is None:
                    c.execute(
                        "INSERT INTO feeds (name, url, tags, active, disabled) VALUES (?, ?, ?, 1, ?)",
                        (feed.name, url, tags, int(not feed.enabled)),
                    )
                    fid = int(c.execute("SELECT last_insert_rowid()").fetchone()[0])
                elif urls[fid] != url:
                    # A new URL (or the same written another way): forget redirects and validators, keep articles.
                    c.execute(
                        "UPDATE feeds SET url = ?, tags = ?, active = 1, disabled = ?, effective_url = NULL, "
                        "etag = NULL, last_modified = NULL, next_due = NULL, body_hash = NULL, item_hashes = NULL, "
                        "last_warning = NULL "
                        "WHERE id = ?",
                        (url, tags, int(not feed.enabled), fid),
                    )
                else:
                    # enabled = false always disables; enabled = true re-enables unless the feed is gone (410),
                    # which only a new URL undoes.
                    c.execute(
                        "UPDATE feeds SET tags = ?, active = 1, "
                        "disabled = CASE WHEN ? THEN (last_status IS '410') ELSE 1 END WHERE id = ?",
                        (tags, int(feed.enabled), fid),
                    )
                c.execute("UPDATE feeds SET full_text = ? WHERE id = ?", (int(feed.full_text), fid))

    def _feeds_match(self, feeds: Sequence[FeedConfig], locate: dict[str, str]) -> bool:
        """Whether the feeds table already says what sync_feeds would write."""
        stored = {str(name): tuple(rest) for name, *rest in self._query(
            "SELECT name, url, tags, active, disabled, last_status, full_text FROM feeds")}
        listed = {feed.name for feed in feeds}
        if any(active and name not in listed for name, (_, _, active, *_) in stored.items()):
            return False
        for feed in feeds:
            row = stored.get(feed.name)
            if row is None:
                return False
            url, tags, active, disabled, last_status, full_text = row
            gone = last_status == "410"  # as sync_feeds writes it: an enabled feed stays disabled once gone
            wanted = (locate[feed.name], "\n".join(feed.tags), 1, int(gone or not feed.enabled), int(feed.full_text))
            if (url, tags, active, disabled, full_text) != wanted:
                return False
        return True

    def feeds(self, active_only: bool = True) -> list[FeedRow]:
        where = "WHERE active = 1" if active_only else ""
        return [feed_row(r) for r in self._query(f"SELECT {FEED_COLUMNS} FROM feeds {where} ORDER BY name")]

    def feed(self, feed_id: int) -> FeedRow | None:
        rows = self._query(f"SELECT {FEED_COLUMNS} FROM feeds WHERE id = ?", (feed_id,))
        return feed_row(rows[0]) if rows else None

    # -- articles ------------------------------------------------------------------------

    def article(self, article_id: int) -> Article | None:
        """The article with this id, or None (also for an id past SQLite's 64-bit range, as a user may type)."""
        if not -(1 << 63) <= article_id < 1 << 63:
            return None
        rows = self._query(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?",
            (article_id,),
        )
        return article_row(rows[0]) if rows else None

    def _filter_sql(self, flt: ArticleFilter) -> tuple[str, list[object]]:
        """The WHERE clause of a view and its parameters.

        A feed removed from feeds.toml keeps its articles, and "kept" means found: All, Starred and
        a search list them (Article.subscribed says whose they are). What is still to be read (an
        unread view), a tag's and a topic's views are of the feeds subscribed to.
        """
        where = ["f.active = 1"] if flt.unread_only or flt.tag is not None or flt.ids is not None else ["1"]
        params: list[object] = []
        if flt.feed_id is not None:
            where.append("a.feed_id = ?")
            params.append(flt.feed_id)
        if flt.tag is not None:
            where.append("(char(10) || f.tags || char(10)) LIKE ?")
            params.append(f"%\n{flt.tag}\n%")
        if flt.unread_only:
            where.append("a.is_read = 0")
        if flt.starred_only:
            where.append("a.is_starred = 1")
        if flt.ids is not None:
            where.append(f"a.id IN ({','.join(str(int(i)) for i in flt.ids) or 'NULL'})")
        if flt.search:
            where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(fts_query(flt.search))

        return " AND ".join(where), params

    def list_articles(self, flt: ArticleFilter = ArticleFilter(), limit: int = 200, offset: int = 0) -> list[Article]:
        """One page of articles, newest first; the page size keeps cost independent of store size."""
        where, params = self._filter_sql(flt)
        rows = self._query(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE {where} "
            "ORDER BY a.sort_date DESC, a.id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [article_row(r) for r in rows]

    def count_articles(self, flt: ArticleFilter = ArticleFilter()) -> int:
        where, params = self._filter_sql(flt)
        rows = self._query(f"SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE {where}", params)
        return int(rows[0][0])

    def unread_neighbour(self, flt: ArticleFilter, article_id: int | None, forward: bool = True
                         ) -> tuple[int, int] | None:
        """(id, position in the list) of the nearest unread article below (or above) `article_id` in list order.

        The list is loaded a page at a time, so the store answers for rows not loaded yet.
        """
        where, params = self._filter_sql(flt)
        if article_id is not None:
            side = "<" if forward else ">"
            where += f" AND (a.sort_date, a.id) {side} (SELECT sort_date, id FROM articles WHERE id = ?)"
            params.append(article_id)
        order = "DESC" if forward else "ASC"
        found = self._query(f"SELECT a.id, a.sort_date FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE {where}"
                            f" AND a.is_read = 0 ORDER BY a.sort_date {order}, a.id {order} LIMIT 1", params)
        if not found:
            return None
        where, params = self._filter_sql(flt)
        above = self._query(f"SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE {where} "
                            "AND (a.sort_date, a.id) > (?, ?)", (*params, found[0][1], found[0][0]))
        return int(found[0][0]), int(above[0][0])

    def is_write_locked(self) -> bool:
        """True while another connection holds the write lock, so a UI can say it waits instead of looking frozen."""
        with self._lock, self._failures():  # a read-only or damaged file is a StoreError, as for any write
            self._conn.execute("PRAGMA busy_timeout = 0")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                    return True
                raise
            finally:
                self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self._conn.execute("ROLLBACK")
            return False

    def has_articles(self) -> bool:
        return bool(self._query("SELECT 1 FROM articles LIMIT 1"))

    def data_version(self) -> int:
        """A number that changes when another connection commits (this one's own writes leave it): a long-lived
        reader polls it to see a `reader fetch` from cron, at the cost of one pragma and no read of the data."""
        return int(self._query("PRAGMA data_version")[0][0])

    def iter_phrase_candidates(self, phrases: Sequence[str], unread_only: bool = False,
                               batch: int = 2000) -> Iterator[tuple[int, bool, str, str]]:
        """(id, is_read, title, text) of active articles FTS finds for any phrase, in id order.

        The FTS match runs once; rows are then read in batches with the lock released between
        them, so counting a topic over a large store holds neither much memory nor the store.
        """
        match = " OR ".join('"' + p.replace('"', '""') + '"' for p in phrases)
        ids = [int(r[0]) for r in self._query(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid", (match,))]
        unread = " AND a.is_read = 0" if unread_only else ""
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            rows = self._query(
                "SELECT a.id, a.is_read, a.title, a.text FROM articles a JOIN feeds f ON f.id = a.feed_id "
                f"WHERE f.active = 1{unread} AND a.id IN ({','.join('?' * len(chunk))}) ORDER BY a.id",
                chunk,
            )
            for r in rows:
                yield int(r[0]), bool(r[1]), str(r[2]), str(r[3])

    def unread_active_ids(self) -> set[int]:
        """Every unread article of an active feed (the unread index alone: 20,000 ids in about 15 ms)."""
        return {int(r[0]) for r in self._query(
            "SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE f.active = 1 AND a.is_read = 0")}

    def change_mark(self) -> int:
        """The number of the last committed write that inserted an article or changed its text (schema v13).

        What changed_since compares with. A write still open when this is read commits with a
        higher number, so its rows are found then (a clock stamp taken when it began would not be).
        """
        return int(self._query("SELECT coalesce(max(text_seq), 0) FROM articles")[0][0])

    def changed_since(self, mark: int) -> set[int]:
        """Articles added, or whose title or text changed, since change_mark() gave `mark` (by index, no text)."""
        return {int(r[0]) for r in self._query("SELECT id FROM articles WHERE text_seq > ?", (mark,))}

    def story_texts(self, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
        """id -> (title, text), what topics are matched on, for these articles."""
        with self._lock, self._failures():
            rows = select_in(self._conn, "SELECT id, title, text FROM articles WHERE id IN ({})", sorted(set(ids)))
        return {int(r[0]): (str(r[1]), str(r[2])) for r in rows}

    def articles_first_seen_between(self, start: str, end: str) -> list[Article]:
        """Articles first seen in [start, end), for the digest of one local day."""
        rows = self._query(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
            "WHERE a.first_seen >= ? AND a.first_seen < ? AND f.active = 1 ORDER BY a.id",
            (start, end),
        )
        return [article_row(r) for r in rows]

    def articles_of_day(self, start: str, end: str) -> list[Article]:
        """Articles first seen in [start, end), then those first seen before it whose text changed in it (their
        `updated`): the day's news, an article updated with a vote's outcome included."""
        rows = self._query(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
            "WHERE f.active = 1 AND ((a.first_seen >= ? AND a.first_seen < ?) "
            "OR (a.updated >= ? AND a.updated < ? AND a.first_seen < ?)) ORDER BY a.id",
            (start, end, start, end, start),
        )
        return [article_row(r) for r in rows]

    def count_of_day(self, start: str, end: str) -> int:
        """How many articles articles_of_day() gives: whether a stored topic day is stale."""
        return int(self._query("SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id "
                               "WHERE f.active = 1 AND ((a.first_seen >= ? AND a.first_seen < ?) "
                               "OR (a.updated >= ? AND a.updated < ? AND a.first_seen < ?))",
                               (start, end, start, end, start))[0][0])

    def count_first_seen_between(self, start: str, end: str) -> int:
        """How many active articles were first seen in [start, end): whether a stored topic day is stale."""
        return int(self._query("SELECT count(*) FROM articles a JOIN feeds f ON f.id = a.feed_id "
                               "WHERE a.first_seen >= ? AND a.first_seen < ? AND f.active = 1", (start, end))[0][0])

    def topic_days(self, topics: Sequence[str], days: Sequence[str]) -> dict[tuple[str, str], TopicDay]:
        """(topic, day) -> what is stored of the topic's day, for these topics and days."""
        if not topics or not days:
            return {}
        rows: list[tuple[Any, ...]] = []
        with self._lock, self._failures():
            # Both lists are chunked: each statement's days and topics together stay within SQLite's limit.
            for start in range(0, len(days), _DAYS_A_STATEMENT):
                part = days[start:start + _DAYS_A_STATEMENT]
                rows += select_in(self._conn, "SELECT topic, day, day_articles, articles, outlets, signatures "
                                  f"FROM topic_days WHERE day IN ({','.join('?' * len(part))}) AND topic IN ({{}})",
                                  topics, part, chunk=_DAYS_A_STATEMENT)
        return {(str(r[0]), str(r[1])): TopicDay(int(r[2]), int(r[3]), int(r[4]), str(r[5])) for r in rows}

    def save_topic_days(self, day: str, rows: dict[str, TopicDay]) -> None:
        """Store (or replace) each topic's row for one day; a read-only store keeps none (they are computed again)."""
        if self.read_only:
            return
        with self._write() as c:
            c.executemany("INSERT OR REPLACE INTO topic_days (topic, day, day_articles, articles, outlets, signatures) "
                          "VALUES (?, ?, ?, ?, ?, ?)",
                          [(t, day, r.day_articles, r.articles, r.outlets, r.signatures) for t, r in rows.items()])

    def set_read(self, ids: Iterable[int], read: bool = True) -> None:
        self._set_flag("is_read", ids, read)

    def set_starred(self, ids: Iterable[int], starred: bool = True) -> None:
        self._set_flag("is_starred", ids, starred)

    def _set_flag(self, column: str, ids: Iterable[int], value: bool) -> None:
        with self._write() as c:
            c.executemany(f"UPDATE articles SET {column} = ? WHERE id = ?", [(int(value), i) for i in ids])

    def unread_counts(self) -> dict[int, int]:
        rows = self._query("SELECT feed_id, count(*) FROM articles WHERE is_read = 0 GROUP BY feed_id")
        return {int(r[0]): int(r[1]) for r in rows}

    def starred_count(self) -> int:
        return int(self._query("SELECT count(*) FROM articles WHERE is_starred = 1")[0][0])

    def article_counts(self) -> dict[int, int]:
        rows = self._query("SELECT feed_id, count(*) FROM articles GROUP BY feed_id")
        return {int(r[0]): int(r[1]) for r in rows}

    # -- pins and settings ---------------------------------------------------------------

    def add_pin(self, article_id: int, text: str, speaker: str | None) -> None:
        with self._write() as c:
            c.execute(
                "INSERT OR IGNORE INTO pins (article_id, text, speaker, created) VALUES (?, ?, ?, ?)",
                (article_id, text, speaker, utc_now()),
            )

    def remove_pin(self, article_id: int, text: str) -> None:
        with self._write() as c:
            c.execute("DELETE FROM pins WHERE article_id = ? AND text = ?", (article_id, text))

    def pins(self, article_ids: Iterable[int] | None = None) -> list[Pin]:
        sql = "SELECT id, article_id, text, speaker, created FROM pins"
        if article_ids is None:
            rows = self._query(sql + " ORDER BY id")
        else:
            with self._lock, self._failures():
                rows = sorted(select_in(self._conn, sql + " WHERE article_id IN ({})", sorted(set(article_ids))))
        return [Pin(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def setting(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as c:
            c.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
