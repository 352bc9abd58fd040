"""What a refresh writes: each fetch's outcome, the entries it brought (folded into stories), page texts.

Kept apart from store.py's reads and state changes because these writes carry the refresh's
costs: one transaction a feed, story folding (story_fold.py) and the search index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from reader.article_links import completeness, link_title_key, one_per_article, own_key
from reader.models import FULL_TEXT_TRIES, FetchedFeed, ParsedEntry, UnchangedFetch
from reader.store.connection import StoreConnection
from reader.store.errors import is_store_wide
from reader.store.reissues import recent_reissue_keys, reissues
from reader.store.reused_keys import set_apart_reused
from reader.store.rows import index, indexed_rows, select_in, unindex
from reader.store.schema import TEXT_SEQ
from reader.store.story_fold import FoldCache, StoryFolder

# How many of a feed's stored entries a parse worker is told about (newest first): enough for
# any feed document; an entry past it is parsed and handed to upsert_entries, which still finds it.
KNOWN_ENTRIES_LIMIT = 1000


_RECORD_FETCH = """UPDATE feeds SET last_status = ?, last_error = ?, last_fetched = ?, next_due = ?,
        error_since = CASE WHEN ? IS NULL THEN NULL ELSE COALESCE(error_since, ?) END,
        etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
        effective_url = COALESCE(?, effective_url), title = COALESCE(?, title),
        disabled = CASE WHEN ? THEN 1 ELSE disabled END,
        body_hash = COALESCE(?, body_hash), item_hashes = COALESCE(?, item_hashes)
    WHERE id = ?"""


def _identity(entry: tuple[ParsedEntry, str | None]) -> tuple[str, str | None]:
    return entry[0].key, entry[1]


def _completeness(entry: tuple[ParsedEntry, str | None]) -> tuple[int, bool, bool]:
    return completeness(entry[0])


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sort_date(published: str | None, now: str) -> str:
    """Where an article sorts: when it was published, but never later than when the store saw it (`now`).

    A date in the future (a scheduled post, a wrong clock, 9999-12-31) would keep an article at
    the top of every newest-first list for as long as the date is ahead; it sorts as seen now,
    and its published date is kept as the feed gave it.
    """
    return min(published, now) if published else now


class RefreshWrites(StoreConnection):
    """The store's writes for a refresh (Store inherits them)."""

    def record_fetch(
        self,
        feed_id: int,
        *,
        status: str,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        effective_url: str | None = None,
        next_due: str | None = None,
        disable: bool = False,
        title: str | None = None,
        body_hash: str | None = None,
        item_hashes: bytes | None = None,
    ) -> None:
        """Save one fetch's outcome; validators, the redirect target and the body's hashes only change when given."""
        now = utc_now()
        with self._write() as c:
            c.execute(_RECORD_FETCH, (status, error, now, next_due, error, now, etag, last_modified, effective_url,
                                      title, int(disable), body_hash, item_hashes, feed_id))

    @staticmethod
    def _next_text_seq(c: sqlite3.Connection) -> int:
        """This write transaction's number, for the articles it inserts or whose title or text it changes (schema v13).

        Bumped once a transaction, outside any savepoint (a rolled-back one would give the number back
        while rows written after it kept it). Writers are serialised, so a reader that took
        change_mark() while this transaction was open sees its rows as newer once it commits.
        """
        c.execute("INSERT INTO settings (key, value) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET value = value + 1",
                  (TEXT_SEQ,))
        return int(c.execute("SELECT value FROM settings WHERE key = ?", (TEXT_SEQ,)).fetchone()[0])

    def store_fetched(self, feed_id: int, entries: Sequence[ParsedEntry], *, status: str,
                      **outcome: Any) -> tuple[int, int]:
        """Store one feed's entries and its fetch's outcome (FetchedFeed's other fields); returns (new, updated)."""
        [stored] = self.store_fetched_together([FetchedFeed(feed_id, entries, status, **outcome)])
        if isinstance(stored, Exception):
            raise stored
        return stored

    def store_fetched_together(self, fetched: Sequence[FetchedFeed]) -> list[tuple[int, int] | Exception]:
        """Store feeds' entries and their fetches' outcomes in one transaction; each feed's (new, updated) or failure.

        A feed's validators and body hashes, which let the next run skip its body, are never saved
        without its entries. A refresh writes together the feeds that finished parsing while its
        last transaction ran (reader/fetch/store_queue.py): with small changes the commit and the
        fold's set-up cost more than the entries (two new items in each of 200 feeds wrote in
        half the time ten feeds at a time). Each feed writes in a savepoint: a failure of its own
        is rolled back alone and returned in its place; a store-wide one (is_store_wide) ends the transaction.
        """
        results: list[tuple[int, int] | Exception] = []
        with self._write() as c:
            seq = self._next_text_seq(c) if any(feed.entries for feed in fetched) else 0
            for feed in fetched:
                c.execute("SAVEPOINT feed")
                kept = len(self._after_commit)
                try:
                    counts = self._upsert(c, feed.feed_id, feed.entries, seq)
                    now = utc_now()
                    c.execute(_RECORD_FETCH, (feed.status, None, now, feed.next_due, None, now, feed.etag,
                                              feed.last_modified, feed.effective_url, feed.title, 0, feed.body_hash,
                                              feed.item_hashes, feed.feed_id))
                    # A body was parsed: its warning, or none. (A 304 or a failure keeps the last one.)
                    c.execute("UPDATE feeds SET last_warning = ? WHERE id = ?", (feed.warning, feed.feed_id))
                except Exception as exc:
                    if is_store_wide(exc) or not c.in_transaction:
                        raise
                    c.execute("ROLLBACK TO feed")
                    del self._after_commit[kept:]  # its folder's shingles were never committed
                    self._rolled_back()
                    results.append(exc)
                else:
                    results.append(counts)
                c.execute("RELEASE feed")
        return results

    def record_unchanged(self, fetches: Sequence[UnchangedFetch]) -> None:
        """Save many fetches that brought nothing new (304, or the body stored last time) in one transaction.

        A warm refresh is mostly these; one transaction for all of them instead of one each.
        """
        now = utc_now()
        with self._write() as c:
            c.executemany(_RECORD_FETCH, [(f.status, None, now, None, None, now, f.etag, f.last_modified,
                                           f.effective_url, None, 0, None, None, f.feed_id) for f in fetches])

    _fold_cache: FoldCache | None = None

    def _rolled_back(self) -> None:
        """Rows held or moved by a rolled-back write are back as they were: the next fold counts the held rows again."""
        if self._fold_cache is not None:
            self._fold_cache.held_rows = None

    @contextmanager
    def refresh_session(self) -> Iterator[None]:
        """Within the block, folding keeps word hashes and recent shingles from one feed's transaction to the next.

        For a refresh, which holds the refresh lock, so no other program changes a cached article's text.
        """
        self._fold_cache = FoldCache()
        try:
            yield
        finally:
            self._fold_cache = None

    def entry_hashes(self, feed_id: int) -> dict[str, str]:
        """Key -> content hash of the feed's newest stored entries, so a parse can skip unchanged ones."""
        rows = self._query("SELECT key, content_hash FROM articles WHERE feed_id = ? ORDER BY sort_date DESC LIMIT ?",
                           (feed_id, KNOWN_ENTRIES_LIMIT))
        return {str(r[0]): str(r[1]) for r in rows}

    def known_entries(self, feed_id: int) -> tuple[dict[str, str], frozenset[str]]:
        """What a parse of the feed is told: entry_hashes, and the reissue keys of its articles changed lately."""
        with self._lock, self._failures():
            recent = recent_reissue_keys(self._conn, feed_id, utc_now())
        return self.entry_hashes(feed_id), recent

    def upsert_entries(self, feed_id: int, entries: Sequence[ParsedEntry]) -> tuple[int, int]:
        """Store a feed's entries once each; returns (new, updated). Read/starred state is never touched."""
        if not entries:
            return 0, 0
        with self._write() as c:
            return self._upsert(c, feed_id, entries, self._next_text_seq(c))

    def _upsert(self, c: sqlite3.Connection, feed_id: int, entries: Sequence[ParsedEntry],
                seq: int) -> tuple[int, int]:
        """Insert the entries new to the feed and update the changed ones, as transaction `seq`; one row an article.

        An entry whose key is new but whose link and title are a stored article's (a CMS that gave
        the article a new guid) updates that article, which keeps its read and starred state; an
        entry under a stored key that is another story (reused_keys.py) is a new article.
        """
        now = utc_now()
        entries = self._shared_guids_keyed_apart(c, feed_id, entries)
        unique = one_per_article([(e, e.link_title_key or link_title_key(e.link, e.title)) for e in entries],
                                 _identity, _completeness)
        if not unique:
            return 0, 0
        existing = {key: (aid, digest) for aid, key, digest in select_in(
            c, "SELECT id, key, content_hash FROM articles WHERE feed_id = ? AND key IN ({})",
            [e.key for e, _ in unique], (feed_id,))}
        changed = [(existing[e.key][0], e, link) for e, link in unique
                   if e.key in existing and existing[e.key][1] != e.content_hash]
        fresh = [(e, link) for e, link in unique if e.key not in existing]
        if changed:  # a guid reused for another story: the old article keeps all it has, the story is new
            changed, reused = set_apart_reused(c, changed)
            fresh += [(e, link) for _, e, link in reused]
        if any(link is not None for _, link in fresh):
            changed_by_link, fresh = self._same_links(c, feed_id, fresh, {aid for aid, _ in existing.values()})
            changed += changed_by_link
        if any(e.reissue_key is not None for e, _ in fresh):
            reissued, fresh = reissues(c, feed_id, fresh, {aid for aid, _ in existing.values()}
                                       | {aid for aid, _, _ in changed}, now)
            changed += reissued
        if any(not e.title or not e.text.strip() for _, e, _ in changed):
            changed = self._without_blanks(c, changed)
        # New articles are folded before they are inserted, so each row is written once, with its story.
        folder = StoryFolder(c, self._fold_cache)
        self._on_commit(folder.committed)
        stories = folder.assign([(-n, e.title, e.text, sort_date(e.published, now), e.story_bands)
                                 for n, (e, _) in enumerate(fresh, 1)],
                                shingled={-n: e.story_shingles for n, (e, _) in enumerate(fresh, 1)
                                          if e.story_shingles})
        ids: dict[int, int] = {}
        for n, (e, link) in enumerate(fresh, 1):
            cursor = c.execute(
                """INSERT INTO articles (feed_id, key, guid, link, link_title_key, title, author, published, sort_date,
                       first_seen, updated, content, content_type, text, content_hash, story_id, text_seq, reissue_key)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (feed_id, e.key, e.guid, e.link, link, e.title, e.author, e.published, sort_date(e.published, now),
                 now, now, e.content, e.content_type, e.text, e.content_hash, stories[-n], seq, e.reissue_key),
            )
            assert cursor.lastrowid is not None  # always set by a one-row INSERT
            ids[-n] = cursor.lastrowid
        folder.keep_bands(ids)
        before = indexed_rows(c, [aid for aid, _, _ in changed])
        unindex(c, before)
        c.executemany(
            # Changed content likely means a changed page: its full text is fetched again
            # (the old page text was part of `text`, which is replaced here). The key changes
            # only for an article found by its link and title: it is known by its new guid from now on.
            """UPDATE articles SET key = ?, guid = ?, link = ?, link_title_key = ?, title = ?, author = ?,
                   published = ?, sort_date = COALESCE(?, sort_date), updated = ?, content = ?,
                   content_type = ?, text = ?, content_hash = ?, full_content = NULL, full_text_error = NULL,
                   full_text_tries = 0, text_seq = ?, reissue_key = ?
               WHERE id = ?""",
            [(e.key, e.guid, e.link, link, e.title, e.author, e.published,
              e.published and sort_date(e.published, now), now, e.content, e.content_type, e.text, e.content_hash,
              seq, e.reissue_key, aid)
             for aid, e, link in changed],
        )
        index(c, [(ids[-n], e.title, e.text) for n, (e, _) in enumerate(fresh, 1)]
              + [(aid, e.title, e.text) for aid, e, _ in changed])
        if changed:
            folder.fold_stored([(aid, e.title, e.text) for aid, e, _ in changed], before,
                               {aid: e.story_bands for aid, e, _ in changed if e.story_bands is not None},
                               {aid: e.story_shingles for aid, e, _ in changed if e.story_shingles})
        return len(fresh), len(changed)

    @staticmethod
    def _same_links(c: sqlite3.Connection, feed_id: int, fresh: list[tuple[ParsedEntry, str | None]],
                    taken: set[int]) -> tuple[list[tuple[int, ParsedEntry, str | None]],
                                              list[tuple[ParsedEntry, str | None]]]:
        """Of entries with new keys, (those that update the stored article with their link and title, those still new).

        An article another entry already matches by its key (`taken`: its link changed) is not
        matched again; of two stored articles with one link_title_key (one's link was changed to
        the other's), the first stored. An entry the same as its match (same content hash) changes nothing.
        """
        stored: dict[str, tuple[int, str]] = {}
        for aid, link, digest in select_in(
                c, "SELECT id, link_title_key, content_hash FROM articles WHERE feed_id = ? AND link_title_key IN ({})",
                [link for _, link in fresh if link is not None], (feed_id,)):
            if aid not in taken and (link not in stored or aid < stored[link][0]):
                stored[link] = (aid, digest)
        changed: list[tuple[int, ParsedEntry, str | None]] = []
        still_new: list[tuple[ParsedEntry, str | None]] = []
        for e, link in fresh:
            match = stored.get(link) if link is not None else None
            if match is None:
                still_new.append((e, link))
            elif match[1] != e.content_hash:
                changed.append((match[0], e, link))
        return changed, still_new

    @staticmethod
    def _shared_guids_keyed_apart(c: sqlite3.Connection, feed_id: int, entries: Sequence[ParsedEntry]
                                  ) -> Sequence[ParsedEntry]:
        """The entries, those whose guid the feed's stored articles share under other titles keyed as those are.

        A changed feed's parse sees only its new items (the rest are cut out before parsing), so an
        item alone with the shared guid would be keyed by it, and the next such item would overwrite it.
        """
        guids = {e.guid for e in entries if e.guid and e.key.startswith("g:")}
        if not guids:
            return entries
        shared = {str(guid) for (guid,) in c.execute(  # t: keys only: a range of the (feed_id, key) index
            "SELECT DISTINCT guid FROM articles WHERE feed_id = ? AND key >= 't:' AND key < 't;'", (feed_id,))}
        if not shared & guids:
            return entries
        return [replace(e, key=own_key(e.link_title_key or link_title_key(e.link, e.title), e.content_hash))
                if e.guid in shared and e.key.startswith("g:") else e for e in entries]

    @staticmethod
    def _without_blanks(c: sqlite3.Connection, changed: list[tuple[int, ParsedEntry, str | None]]
                        ) -> list[tuple[int, ParsedEntry, str | None]]:
        """The changed entries, a blank title or body never replacing a stored one: a publisher's glitch wipes nothing.

        An entry whose body went blank changes only its stored content hash (so the glitch is not
        read again); one whose title went blank keeps the stored title. A later version with a
        body updates the article as usual.
        """
        blank = [aid for aid, e, _ in changed if not e.title or not e.text.strip()]
        stored = {aid: (str(title), str(text)) for aid, title, text in select_in(
            c, "SELECT id, title, text FROM articles WHERE id IN ({})", blank)}
        kept: list[tuple[int, ParsedEntry, str | None]] = []
        for aid, e, link in changed:
            if aid not in stored:
                kept.append((aid, e, link))
                continue
            title, text = stored[aid]
            if not e.text.strip() and text.strip():
                c.execute("UPDATE articles SET content_hash = ? WHERE id = ?", (e.content_hash, aid))
                continue
            if not e.title and title:
                link = link_title_key(e.link, title)
                # Bands and shingles were made of the blank title: the store makes them again of the kept one.
                e = replace(e, title=title, link_title_key=link, story_bands=None, story_shingles=None)
            kept.append((aid, e, link))
        return kept

    def missing_full_text(self, feed_id: int, limit: int = 200) -> list[tuple[int, str, int]]:
        """(id, link, failed tries) of the feed's articles whose page text is still to be had, newest first.

        Never tried, or failed in a way that may pass fewer than FULL_TEXT_TRIES times.
        """
        rows = self._query(
            "SELECT id, link, full_text_tries FROM articles WHERE feed_id = ? AND full_content IS NULL "
            "AND (full_text_error IS NULL OR full_text_tries < ?) AND link LIKE 'http%' ORDER BY id DESC LIMIT ?",
            (feed_id, FULL_TEXT_TRIES, limit))
        return [(int(r[0]), str(r[1]), int(r[2])) for r in rows]

    def save_full_text(self, article_id: int, content: str | None, error: str | None, passing: bool = False) -> None:
        """Store the extracted page text (indexed for search) or the reason there is none.

        A `passing` failure (a timeout, a 5xx) counts one try, so a later refresh tries the page
        again; any other failure uses up its tries.
        """
        from reader.text.html import html_to_search_text  # lazy: only full-text feeds need the HTML parser

        with self._write() as c:
            if content is not None:
                old = indexed_rows(c, [article_id])
                if not old:
                    return
                unindex(c, old)
                [(_, title, text)] = old
                text += "\n" + html_to_search_text(content)
                c.execute("UPDATE articles SET full_content = ?, full_text_error = NULL, text = ?, text_seq = ? "
                          "WHERE id = ?", (content, text, self._next_text_seq(c), article_id))
                index(c, [(article_id, title, text)])
                folder = StoryFolder(c, self._fold_cache)
                self._on_commit(folder.committed)
                folder.fold_stored([(article_id, title, text)], old)  # the page's text may show a copy
            else:
                c.execute("UPDATE articles SET full_text_error = ?, "
                          "full_text_tries = CASE WHEN ? THEN full_text_tries + 1 ELSE ? END WHERE id = ?",
                          (error, passing, FULL_TEXT_TRIES, article_id))

