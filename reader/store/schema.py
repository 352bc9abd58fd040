"""Versioned schema (PRAGMA user_version) and the migrations that bring an older store up to date.

Each migration is applied in its own transaction, so a store is always at exactly one version
and an interrupted upgrade leaves the previous version intact.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable, Sequence

from reader.models import FULL_TEXT_TRIES
from reader.store.duplicate_feeds import merge_duplicate_feeds
from reader.store.rows import select_in
from reader.store.stored_repeats import add_link_title_keys
from reader.store.story_fold import StoryFolder
from reader.stories import WordHashes


class StoreError(Exception):
    """The database cannot be opened or used; the message says which file and what to do."""


# Opening a store with folding left that will take longer than this says, once, why it waits and how long.
FOLD_NOTICE_S = 3.0
# Articles folded per write transaction: about a second's work, so another program waiting for
# the write lock (a refresh, a cron digest) waits that long at most, well inside its busy timeout.
FOLD_BATCH = 2000
# The pause between two batches. A program waiting for the lock polls for it at most every
# 100 ms (SQLite's busy handler), so without a pause this long the next batch would take the
# lock again before it looked, batch after batch.
FOLD_PAUSE_S = 0.1


# A settings row the v9 migration writes and the last folded batch deletes: opening a store
# looks for it instead of for articles without a story, so opening reads no articles.
FOLDING_PENDING = "folding_pending"
# The settings row that counts the write transactions that inserted an article or changed its text (v13).
TEXT_SEQ = "text_seq"


def folding_pending(conn: sqlite3.Connection) -> bool:
    """True while the articles stored before v9 (or v14, which folds them again) are not all folded into stories."""
    return conn.execute("SELECT 1 FROM settings WHERE key = ?", (FOLDING_PENDING,)).fetchone() is not None


def fold_unfolded_articles(conn: sqlite3.Connection) -> int:
    """Give every article without a story id its story, FOLD_BATCH articles per write transaction; returns how many.

    How a store from before story ids (schema v9), or from before v14's rules, gets them. Not in
    the migration's transaction: folding 100,000 articles takes about a minute of CPU, and holding
    the write lock that long made every other program opening the store fail after its busy
    timeout. Each batch is committed, so an interrupted upgrade keeps what it folded and the next
    open goes on from there; two programs opening the store at once share the work (each batch
    skips what the other folded). Once the first batch is done, a long wait is explained (fold_notice).
    """
    words = WordHashes()  # a word's hash never changes: kept across batches
    folded = 0
    told = False
    while True:
        ids = [int(r[0]) for r in conn.execute("SELECT id FROM articles WHERE story_id IS NULL ORDER BY sort_date, id")]
        for start in range(0, len(ids), FOLD_BATCH):
            if start:
                time.sleep(FOLD_PAUSE_S)
            began = time.monotonic()
            folded += _fold_batch(conn, ids[start:start + FOLD_BATCH], words)
            if not told:
                told = True
                notice = fold_notice(len(ids), time.monotonic() - began)
                if notice is not None:
                    print(notice, file=sys.stderr, flush=True)
        if not ids:
            _fold_batch(conn, [], words)  # none left: the last transaction says so
            return folded


def fold_notice(articles: int, first_batch_s: float) -> str | None:
    """What opening says while it folds `articles`, timed by the first batch: None when it is done within FOLD_NOTICE_S.

    Timed here rather than quoted: folding costs about 0.5 ms of CPU an article (0.45 ms over
    20,000 and 0.47 ms over 100,000 benchmark articles of 1,700 characters), but a machine busy
    with other programs took 3.7 times as long in wall time (100,000 in 177 s; said: 4 minutes).
    """
    batches = -(-articles // FOLD_BATCH)
    seconds = batches * first_batch_s + (batches - 1) * FOLD_PAUSE_S
    if batches < 2 or seconds < FOLD_NOTICE_S:
        return None
    return (f"policy-reader: upgrading the database once: folding {articles:,} stored articles into stories, "
            f"about {_duration(seconds)} here (Ctrl-C stops it; the next start goes on from there)...")


def _duration(seconds: float) -> str:
    """A wait as a person says it: 'a few seconds', '40 seconds', '1 minute', '12 minutes'."""
    if seconds < 8:
        return "a few seconds"
    if seconds < 50:
        return f"{max(10, round(seconds / 5) * 5)} seconds"
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'s' if minutes > 1 else ''}"


def _fold_batch(conn: sqlite3.Connection, ids: Sequence[int], words: WordHashes) -> int:
    """Fold those of `ids` still without a story, oldest first, in one write transaction; returns how many.

    Given no ids, it ends the upgrade instead: the pending mark goes if no article is left unfolded.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        rows = sorted(select_in(conn, "SELECT sort_date, id, title, text FROM articles "
                                      "WHERE story_id IS NULL AND id IN ({})", ids))
        if rows:
            folder = StoryFolder(conn)  # anew each batch: another program may have stored stories meanwhile
            folder.words = words
            folder.fold_stored([(aid, title, text) for _, aid, title, text in rows])
        elif not ids and conn.execute("SELECT 1 FROM articles WHERE story_id IS NULL LIMIT 1").fetchone() is None:
            conn.execute("DELETE FROM settings WHERE key = ?", (FOLDING_PENDING,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return len(rows)


# v9: the story each article belongs to (reader/store/story_fold.py folds each article as it is
# stored), so the list's "+N outlets", the copies screen and the digest count a story's copies
# across the whole store and agree; story_bands holds each article's LSH band keys, so a new
# article's copies are found by index. Stored articles are folded after it, in
# batches (fold_unfolded_articles).
STORY_IDS = """
    ALTER TABLE articles ADD COLUMN story_id INTEGER;
    CREATE INDEX articles_by_story ON articles (story_id);
    CREATE TABLE story_bands (band INTEGER NOT NULL, article_id INTEGER NOT NULL,
                              PRIMARY KEY (band, article_id)) WITHOUT ROWID;
    INSERT INTO settings (key, value) VALUES ('folding_pending', 'articles stored before v9');
"""

def refold_stories(conn: sqlite3.Connection) -> None:
    """v14: fold every stored article again, by the rules that fold a trimmed copy with its long original.

    Band keys changed (bands of the sample and of the lead: reader/stories.py), so the stored ones
    are dropped and every article is folded anew after the migration, in batches, as from v9
    (fold_unfolded_articles): a short copy stored beside its original joins its story.
    """
    conn.execute("DELETE FROM story_bands")
    conn.execute("DELETE FROM story_bands_held")
    conn.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, 'articles folded before v14')",
                 (FOLDING_PENDING,))


def add_content_types(conn: sqlite3.Connection) -> None:
    """v17: the articles' content_type column (NULL for every article stored before), unless it is there already.

    A store put back to an older version (tests of earlier migrations do it) must migrate again.
    """
    if not any(row[1] == "content_type" for row in conn.execute("PRAGMA table_info(articles)")):
        conn.execute("ALTER TABLE articles ADD COLUMN content_type TEXT")


def add_reissue_keys(conn: sqlite3.Connection) -> None:
    """v18: the articles' reissue_key column (NULL for every article stored before), unless it is there already."""
    if not any(row[1] == "reissue_key" for row in conn.execute("PRAGMA table_info(articles)")):
        conn.execute("ALTER TABLE articles ADD COLUMN reissue_key TEXT")


MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], object], ...] = (
    # v1: feeds and articles.
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        effective_url TEXT,
        tags TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1,
        etag TEXT,
        last_modified TEXT,
        last_status TEXT,
        last_error TEXT,
        error_since TEXT,
        last_fetched TEXT,
        next_due TEXT,
        disabled INTEGER NOT NULL DEFAULT 0,
        title TEXT
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        guid TEXT,
        link TEXT,
        title TEXT NOT NULL DEFAULT '',
        author TEXT,
        published TEXT,
        sort_date TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        updated TEXT NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL,
        is_read INTEGER NOT NULL DEFAULT 0,
        is_starred INTEGER NOT NULL DEFAULT 0,
        UNIQUE (feed_id, key)
    );
    CREATE INDEX articles_by_date ON articles (sort_date DESC, id DESC);
    CREATE INDEX articles_by_first_seen ON articles (first_seen);
    CREATE INDEX articles_by_feed ON articles (feed_id, sort_date DESC);
    """,
    # v2: full-text search over titles and plain text, kept in step by triggers.
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    """,
    # v3: pinned quotes and small user settings (theme and the like).
    """
    CREATE TABLE pins (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        speaker TEXT,
        created TEXT NOT NULL,
        UNIQUE (article_id, text)
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # v4: unread and starred counts by index, so the reader's sidebar costs the same at any store size.
    """
    CREATE INDEX articles_unread ON articles (is_read, feed_id);
    CREATE INDEX articles_starred ON articles (is_starred);
    """,
    # v5: full text for summary-only feeds, stored beside the feed's own content, and why it failed.
    """
    ALTER TABLE feeds ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN full_content TEXT;
    ALTER TABLE articles ADD COLUMN full_text_error TEXT;
    """,
    # v6: the store indexes new and changed articles itself (store.py `_index`), in the same
    # transaction. FTS5 flushes its pending terms to a new segment at every statement savepoint,
    # and a trigger body runs inside one, so these triggers wrote one segment per article: indexing
    # through them cost twice as much as indexing the same rows with plain statements (measured).
    # The delete trigger stays: nothing deletes articles in bulk.
    """
    DROP TRIGGER articles_fts_insert;
    DROP TRIGGER articles_fts_update;
    """,
    # v7: what the last stored body of each feed was, so a refresh does no work for what did not
    # change: a hash of the whole body (an identical body is not parsed at all) and the
    # fingerprints of its items (reader/fetch/items.py: items seen before are not parsed again).
    """
    ALTER TABLE feeds ADD COLUMN body_hash TEXT;
    ALTER TABLE feeds ADD COLUMN item_hashes BLOB;
    """,
    # v8: what the digest keeps of each tracked topic's day, so it never re-reads past days'
    # articles: the topic's article and outlet counts (the trend) and the sentence signatures of
    # its covered stories (New today). `topic` is the topic's name and phrases (a changed topic is
    # recomputed); `day_articles` is how many articles were first seen that day when it was
    # computed (a different count now means the day changed, and it is computed again).
    """
    CREATE TABLE topic_days (
        topic TEXT NOT NULL,
        day TEXT NOT NULL,
        day_articles INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        signatures TEXT NOT NULL,
        PRIMARY KEY (topic, day)
    );
    """,
    STORY_IDS,
    # v10: new articles' band keys, in a small index beside story_bands (story_fold._SHARING_BANDS says why).
    """
    CREATE TABLE story_bands_held (band INTEGER NOT NULL, article_id INTEGER NOT NULL,
                                   PRIMARY KEY (band, article_id)) WITHOUT ROWID;
    """,
    # v11: what the parser said of a feed's last parsed document when it could read only part of
    # it, so the reader can mark the feed whichever program refreshed it (cron's `reader fetch`).
    """
    ALTER TABLE feeds ADD COLUMN last_warning TEXT;
    """,
    # v12: each article's link and title as compared for sameness, indexed by feed, and the repeats a
    # feed stored before made one article (stored_repeats.py).
    add_link_title_keys,
    # v13: which write transaction last inserted each article or changed its title or text, so a
    # reader's topic counts find what changed since they were made (Store.change_mark). A clock
    # stamp cannot say it: a transaction stamps rows when it starts and commits later, so a reader
    # may take a mark newer than rows it has not seen yet. The counter is the settings row
    # TEXT_SEQ, bumped once per such transaction (RefreshWrites._next_text_seq).
    """
    ALTER TABLE articles ADD COLUMN text_seq INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_by_text_seq ON articles (text_seq);
    """,
    # v14: every article folded again: a short copy of a long story now folds with it (refold_stories).
    refold_stories,
    # v15: how many times an article's page failed in a way that may pass (models.FULL_TEXT_TRIES).
    # A stored failure from before counts as a lasting one: those pages are not tried again.
    "ALTER TABLE articles ADD COLUMN full_text_tries INTEGER NOT NULL DEFAULT 0;\n"
    f"UPDATE articles SET full_text_tries = {FULL_TEXT_TRIES} WHERE full_text_error IS NOT NULL;\n",
    # v16: a feed stored twice under one URL (a rename before feed_sync matched by URL) made one (duplicate_feeds.py).
    merge_duplicate_feeds,
    # v17: what the feed declared each article's content to be ("html" or "text"; models.ContentType), so
    # cleaning reads "&#8217;" in tag-less HTML as ’ and "<p>" in plain text as written. Articles stored
    # before keep NULL: cleaning sniffs them as it did, and decodes character references in tag-less text.
    add_content_types,
    # v18: each article's title and text without digits, hashed, so an item its feed re-issues with a new guid,
    # link and timestamp updates it (reissued_items.py). Stored articles have none: only new ones are re-issued.
    add_reissue_keys,
)

SCHEMA_VERSION = len(MIGRATIONS)


def enable_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Put the file in WAL mode, waiting up to `timeout` seconds for other programs.

    Switching the journal mode needs the file to itself, and SQLite answers "database is locked"
    at once rather than calling the busy handler, so a new file opened by two programs together
    (the reader and a cron digest) would fail without this retry.
    """
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations after the store's version up to `target`; returns the version reached.

    The version is read again inside each step's write lock: two programs opening a new file at
    once (the reader and a cron digest) must not both run the same migration. An up-to-date store
    takes no lock at all.
    """
    current: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if target <= current <= SCHEMA_VERSION:
        return current  # up to date: opening to read must not wait for another program's write lock
    while True:
        # executescript would commit on its own; a manual BEGIN keeps each step atomic.
        conn.execute("BEGIN IMMEDIATE")
        try:
            version: int = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"the database has schema version {version}, newer than this program's {SCHEMA_VERSION}; "
                    "upgrade policy-reader or use another --db"
                )
            if version >= target:
                conn.execute("COMMIT")
                return version
            step = MIGRATIONS[version]
            if callable(step):
                step(conn)
            else:
                for statement in _split_statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _split_statements(script: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements
