"""Folding at store time: each stored article joins the story of a stored copy of it, or starts a story.

The rules are reader/stories.py's (word shingles, MinHash bands, 85% containment), so a story
here is what fold_copies would find. What makes it cheap is the story_bands table: each
article's band keys, indexed, so an article's possible copies are found by a few index lookups
instead of a comparison with every stored article. Copies are looked for among articles whose
sort date (published, else first seen) is within STORY_WINDOW of the article's: outlets run wire
copy within hours or a day, and a template text reused weeks later is not the same story.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

from reader.store.rows import select_in
from reader.stories import (
    MOST_COMPARED,
    SAME_STORY,
    Runs,
    WordHashes,
    candidates,
    compared_runs,
    runs_containment,
    shingles,
    story_bands,
    story_text,
    unpack_shingles,
)

STORY_WINDOW = timedelta(days=2)
HELD_BAND_ROWS = 10_000  # rows story_bands_held takes before they move into story_bands (~1,000 articles)
_CACHED_TEXTS = 4096  # shingle sets kept for candidates met again (a busy story's copies are met by each copy)
_SHARED_TEXTS = 256  # of them, kept from one feed's transaction to the next within a refresh


_EARLIEST = "0001-01-01T00:00:00+00:00"
_LATEST = "9999-12-31T23:59:59+00:00"


def _window(sort_date: str) -> tuple[str, str]:
    """The sort dates within STORY_WINDOW of `sort_date`, as the store writes them (UTC, ISO, seconds).

    Clamped to the dates a datetime can hold: an item dated 9999-12-31 or 0001-01-01 is stored,
    and its window must not overflow (that failed the item's whole feed on every fetch).
    """
    try:
        when = datetime.fromisoformat(sort_date)
    except ValueError:
        return sort_date, sort_date  # a date the store did not write: only the same string is near it
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return _shifted(when, -STORY_WINDOW, _EARLIEST), _shifted(when, STORY_WINDOW, _LATEST)


def _shifted(when: datetime, by: timedelta, limit: str) -> str:
    """`when` moved by `by`, in UTC, as the store writes dates; `limit` when that is past what a datetime holds."""
    try:
        return (when + by).astimezone(UTC).isoformat(timespec="seconds")
    except OverflowError:
        return limit


class FoldCache:
    """What a refresh's transactions share while folding: word hashes, and recent articles' shingles.

    Only within a refresh (Store.refresh_session): it holds the refresh lock, so no other program
    changes an article's text under a cached shingle set.
    """

    def __init__(self) -> None:
        self.words = WordHashes()
        self.texts: dict[int, Runs] = {}  # committed articles' runs as compared, oldest first
        # Rows in story_bands_held once counted, as of the last keep_bands, committed or not: the next folder
        # of the same transaction goes on from it, and a rollback forgets it (RefreshWrites._rolled_back).
        self.held_rows: int | None = None


# New articles' band keys go to story_bands_held, a small index beside story_bands; lookups read
# both. story_bands is ordered by band key, a hash, so the ~500 rows one feed adds would fall on
# pages all over it and each feed's transaction would rewrite most of its pages (a cold refresh of
# 200 feeds spent a second of CPU rewriting them). The small index costs a few pages a feed, and
# its rows move into story_bands in one sorted pass once it holds HELD_BAND_ROWS.
_SHARING_BANDS = ("SELECT b.band, a.id, a.story_id, a.sort_date FROM (SELECT band, article_id FROM story_bands "
                  "UNION ALL SELECT band, article_id FROM story_bands_held) b JOIN articles a ON a.id = b.article_id "
                  "WHERE b.band IN ({})")


def index_held_bands(c: sqlite3.Connection) -> None:
    """Move every held band row into story_bands, in key order (each of its pages written once)."""
    c.execute("INSERT OR IGNORE INTO story_bands (band, article_id) "
              "SELECT band, article_id FROM story_bands_held ORDER BY band, article_id")
    c.execute("DELETE FROM story_bands_held")


class StoryFolder:
    """Gives articles their story ids inside one write transaction of the store.

    A batch (one feed's new and changed entries) costs one band lookup for all its articles;
    articles sharing a band are then compared in memory, their text read only then. New articles
    are folded before they are inserted, so each row is written once, with its story id.
    """

    def __init__(self, c: sqlite3.Connection, cache: FoldCache | None = None) -> None:
        self.c = c
        self.cache = cache  # shared with the refresh's other transactions, when given
        self.words = cache.words if cache is not None else WordHashes()  # each word hashed once
        self.texts: dict[int, Runs] = {}  # runs as compared by article, made when first needed
        self.fresh: dict[int, frozenset[int]] = {}  # the batch's shingles, computed for its band keys
        self.held_rows: int | None = None  # rows in story_bands_held after its last keep_bands
        self.pending: dict[int, str] = {}  # the text of the batch's articles, shingled only if needed
        self.packed: dict[int, bytes] = {}  # shingles of the batch's articles computed where they were parsed
        self.next_story: int = c.execute("SELECT coalesce(max(story_id), 0) + 1 FROM articles").fetchone()[0]
        # What one batch is folded against: articles by band key, each article's story and sort
        # date, each story's earliest sort date; and the batch's own band keys, kept by keep_bands.
        self.sharing: dict[int, list[int]] = defaultdict(list)
        self.known: dict[int, tuple[int | None, str]] = {}
        self.starts: dict[int, str] = {}
        self.bands: dict[int, list[int]] = {}

    def assign(self, articles: Sequence[tuple[int, str, str, str | None, Sequence[int] | None]],
               before: Sequence[tuple[int, str, str]] = (), shingled: Mapping[int, bytes] | None = None
               ) -> dict[int, int]:
        """Each article's story id, folding them in order; then keep_bands stores their band keys.

        An article is (key, title, text, sort date, band keys or None to compute them): a stored
        article by its id (its sort date is then read), one not inserted yet by a key below zero.
        `before` holds changed articles' former (id, title, text): their band keys are replaced.
        `shingled` holds articles' packed shingles where the parser computed them (by the same key).
        Each article joins the story of the articles (stored, or earlier in the batch) that share
        a band with it and contain it, merging the stories it bridges; else it starts a story.
        Both the copy and its story's first article must be within STORY_WINDOW of it, so a text
        repeated every day (a template) does not chain into one story for months. A changed
        article no longer like any copy leaves its story (the others keep it).
        """
        stale = [(band, aid) for aid, title, text in before
                 for band in story_bands(shingles(story_text(title, text), self.words))]
        self.c.executemany("DELETE FROM story_bands WHERE band = ? AND article_id = ?", stale)
        self.c.executemany("DELETE FROM story_bands_held WHERE band = ? AND article_id = ?", stale)
        self.sharing.clear()
        self.known.clear()
        self.packed.update(shingled or {})
        for key, title, text, sort_date, given in articles:
            self.texts.pop(key, None)
            self.fresh.pop(key, None)
            if self.cache is not None:
                self.cache.texts.pop(key, None)
            self.pending[key] = story_text(title, text)
            self.bands[key] = list(given) if given is not None else story_bands(self._shingles_of(key))
            if sort_date is not None:
                self.known[key] = (None, sort_date)
        rows = select_in(self.c, _SHARING_BANDS, sorted({b for key, *_ in articles for b in self.bands[key]}))
        for band, aid, story, sort_date in sorted(rows, key=lambda row: row[1]):  # by id: the latest last
            self.sharing[band].append(aid)
            self.known[aid] = (story, sort_date)
        unknown = {key for key, *_ in articles if key > 0}
        for aid, story, sort_date in select_in(self.c, "SELECT id, story_id, sort_date FROM articles WHERE id IN ({})",
                                               sorted(unknown - self.known.keys())):
            self.known[aid] = (story, sort_date)
        self.starts = dict(select_in(
            self.c, "SELECT story_id, min(sort_date) FROM articles WHERE story_id IN ({}) GROUP BY story_id",
            sorted({story for story, _ in self.known.values() if story is not None})))
        stories: dict[int, int] = {}
        for key, *_ in articles:
            current, sort_date = self.known[key]
            stories[key] = self._story(key, current, self._copies_stories(key, self.bands[key], sort_date), sort_date)
            self.known[key] = (stories[key], sort_date)
            for band in self.bands[key]:
                self.sharing[band].append(key)
        # A later article may have merged an earlier one's story into another.
        return {key: self.known[key][0] or story for key, story in stories.items()}

    def keep_bands(self, ids: Mapping[int, int] | None = None) -> None:
        """Store the band keys of the articles assigned; `ids` gives the row id of each key below zero.

        Into story_bands_held (_SHARING_BANDS says why), moved into story_bands once it is full.
        """
        ids = ids or {}
        # In key order, so each page of the index is written once per batch rather than once per row.
        rows = sorted((band, ids.get(key, key)) for key, keys in self.bands.items() for band in keys)
        added = self.c.executemany("INSERT OR IGNORE INTO story_bands_held (band, article_id) VALUES (?, ?)",
                                   rows).rowcount
        # Counted once a refresh, then kept: this folder's own figure first (keep_bands may run twice in
        # one), else the refresh's, which the transaction's earlier folders have brought up to date (a
        # transaction may store several feeds). Held rows a changed article loses are not taken off, so
        # the count can only run ahead and move rows early, never let the table grow past HELD_BAND_ROWS.
        known = self.held_rows if self.held_rows is not None else self.cache.held_rows if self.cache else None
        if known is None:
            known = self.c.execute("SELECT count(*) FROM story_bands_held").fetchone()[0] - added
        held = known + added
        self.held_rows = 0 if held >= HELD_BAND_ROWS else held
        if self.cache is not None:
            self.cache.held_rows = self.held_rows
        if held >= HELD_BAND_ROWS:
            index_held_bands(self.c)
        for key in [k for k in self.texts if k < 0]:
            self.texts[ids[key]] = self.texts.pop(key)
        self.bands.clear()
        self.pending.clear()
        self.packed.clear()
        self.fresh.clear()

    def committed(self) -> None:
        """After the transaction commits, the shingles it made join the refresh's FoldCache.

        Only then: a rolled-back insert's id is given again to another article.
        """
        if self.cache is None:
            return
        texts = self.cache.texts
        texts.update(self.texts)
        for old in list(texts)[:max(0, len(texts) - _SHARED_TEXTS)]:
            del texts[old]

    def fold_stored(self, articles: Sequence[tuple[int, str, str]], before: Sequence[tuple[int, str, str]] = (),
                    given: Mapping[int, Sequence[int]] | None = None, shingled: Mapping[int, bytes] | None = None
                    ) -> None:
        """Fold stored articles, each (id, title, text), and write their story ids; `given`, `shingled`: see assign."""
        given = given or {}
        stories = self.assign([(aid, title, text, None, given.get(aid)) for aid, title, text in articles], before,
                              shingled)
        self.c.executemany("UPDATE articles SET story_id = ? WHERE id = ? AND story_id IS NOT ?",
                           [(story, aid, story) for aid, story in stories.items()])
        self.keep_bands()

    def _story(self, aid: int, current: int | None, found: set[int], sort_date: str) -> int:
        """The article's story: its copies' (one story, when it bridges several), its own, or a new one."""
        if found:
            story = current if current in found else min(found)
            others = sorted(found - {story})
            if others:  # the article is a copy in two stories: they are one
                self.c.execute(f"UPDATE articles SET story_id = ? WHERE story_id IN ({','.join('?' * len(others))})",
                               (story, *others))
                for other, (was, when) in list(self.known.items()):
                    if was in others:
                        self.known[other] = (story, when)
            self.starts[story] = min(sort_date, *(self.starts[s] for s in found))
            return story
        if current is not None and not self.c.execute(
                "SELECT 1 FROM articles WHERE story_id = ? AND id != ? LIMIT 1", (current, aid)).fetchone():
            story = current
        else:
            story = self.next_story
            self.next_story += 1
        self.starts[story] = sort_date
        return story

    def _copies_stories(self, aid: int, bands: Sequence[int], sort_date: str) -> set[int]:
        """The stories (begun near in time) of the articles near in time that share a band with it and contain it.

        Linear in the articles stored: MOST_COMPARED at most are compared (see stories.candidates).
        """
        found: set[int] = set()
        others = candidates(aid, bands, self.sharing)  # each band's list in id order, the latest last
        if not others:  # most articles: no other text shares a band with them
            return found
        low, high = _window(sort_date)
        compared = 0
        for other in others:
            story, when = self.known[other]
            if story is None or story in found or not low <= when <= high or not low <= self.starts[story] <= high:
                continue  # a story already joined needs no other copy compared
            if compared == MOST_COMPARED:
                break
            compared += 1
            if runs_containment(self._runs_of(aid), self._runs_of(other)) >= SAME_STORY:
                found.add(story)
        return found

    def _runs_of(self, article_id: int) -> Runs:
        """The article's runs as containment compares them: kept, or made from its shingles and kept."""
        runs = self.texts.get(article_id)
        if runs is None and self.cache is not None:
            runs = self.cache.texts.get(article_id)
        if runs is not None:
            return runs
        runs = compared_runs(self._shingles_of(article_id))
        if len(self.texts) >= _CACHED_TEXTS:
            del self.texts[next(iter(self.texts))]  # the oldest: copies arrive close together
        self.texts[article_id] = runs
        return runs

    def _shingles_of(self, article_id: int) -> frozenset[int]:
        """The article's shingles: computed for its band keys, or as its parser packed them, or from its text."""
        items = self.fresh.get(article_id)
        if items is not None:
            return items
        packed = self.packed.get(article_id)
        if packed is not None:
            items = unpack_shingles(packed)
        else:
            text = self.pending.get(article_id)
            if text is None:
                title, stored = self.c.execute("SELECT title, text FROM articles WHERE id = ?",
                                               (article_id,)).fetchone()
                text = story_text(str(title), str(stored))
            items = shingles(text, self.words)
        if article_id in self.pending:
            self.fresh[article_id] = items
        return items
