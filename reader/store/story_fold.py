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
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from reader.stories import SAME_STORY, WordHashes, containment, shingles, story_bands, story_text

STORY_WINDOW = timedelta(days=2)
_CACHED_TEXTS = 4096  # shingle sets kept for candidates met again (a busy story's copies are met by each copy)
_BATCH = 2000


def _window(sort_date: str) -> tuple[str, str]:
    """The sort dates within STORY_WINDOW of `sort_date`, as the store writes them (UTC, ISO, seconds)."""
    try:
        when = datetime.fromisoformat(sort_date)
    except ValueError:
        return sort_date, sort_date  # a date the store did not write: only the same string is near it
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return ((when - STORY_WINDOW).astimezone(UTC).isoformat(timespec="seconds"),
            (when + STORY_WINDOW).astimezone(UTC).isoformat(timespec="seconds"))


class StoryFolder:
    """Gives articles their story ids inside one write transaction of the store."""

    def __init__(self, c: sqlite3.Connection) -> None:
        self.c = c
        self.words = WordHashes()  # each word hashed once per transaction
        self.texts: dict[int, frozenset[int]] = {}
        self.next_story: int = c.execute("SELECT coalesce(max(story_id), 0) + 1 FROM articles").fetchone()[0]

    def fold_all(self, articles: Sequence[tuple[int, str, str]], before: Sequence[tuple[int, str, str]]) -> None:
        """Fold new and changed articles, each (id, title, text); `before` holds changed ones' former title and text."""
        old = {aid: (title, text) for aid, title, text in before}
        for aid, title, text in articles:
            self.fold(aid, title, text, old.get(aid))

    def fold(self, article_id: int, title: str, text: str, old: tuple[str, str] | None = None) -> None:
        """Put the article in the story of its copies (merging stories it bridges), or in a story of its own.

        `old` is the (title, text) the article had before an update: its band keys are replaced,
        and an article no longer like any copy leaves its story (the others keep it).
        """
        items = self._shingles(article_id, story_text(title, text))
        if old is not None:
            stale = story_bands(shingles(story_text(*old), self.words))
            self.c.executemany("DELETE FROM story_bands WHERE band = ? AND article_id = ?",
                               [(band, article_id) for band in stale])
        current, sort_date = self.c.execute("SELECT story_id, sort_date FROM articles WHERE id = ?",
                                            (article_id,)).fetchone()
        bands = story_bands(items)
        found = self._copies_stories(article_id, items, bands, str(sort_date))
        self.c.executemany("INSERT OR IGNORE INTO story_bands (band, article_id) VALUES (?, ?)",
                           [(band, article_id) for band in bands])
        if found:
            story = current if current in found else min(found)
            others = sorted(found - {story})
            if others:  # the article is a copy in two stories: they are one
                self.c.execute(f"UPDATE articles SET story_id = ? WHERE story_id IN ({','.join('?' * len(others))})",
                               (story, *others))
        elif current is not None and not self.c.execute(
                "SELECT 1 FROM articles WHERE story_id = ? AND id != ? LIMIT 1", (current, article_id)).fetchone():
            story = current
        else:
            story = self.next_story
            self.next_story += 1
        if story != current:
            self.c.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story, article_id))

    def fold_unassigned(self) -> int:
        """Fold every article without a story id, oldest sort date first; returns how many.

        How a store from before story ids (schema v9) gets them, and articles written around the store.
        """
        ids = [int(r[0]) for r in self.c.execute(
            "SELECT id FROM articles WHERE story_id IS NULL ORDER BY sort_date, id")]
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start:start + _BATCH]
            rows = self.c.execute(f"SELECT id, title, text FROM articles WHERE id IN "
                                  f"({','.join('?' * len(chunk))}) ORDER BY sort_date, id", chunk).fetchall()
            for aid, title, text in rows:
                self.fold(int(aid), str(title), str(text))
        return len(ids)

    def _copies_stories(self, article_id: int, items: frozenset[int], bands: Sequence[int],
                        sort_date: str) -> set[int]:
        """The stories of the stored articles near in time that share a band with the article and contain it."""
        if not bands:
            return set()
        low, high = _window(sort_date)
        candidates = self.c.execute(
            "SELECT id, story_id FROM articles WHERE id IN (SELECT article_id FROM story_bands WHERE band IN "
            f"({','.join('?' * len(bands))})) AND id != ? AND sort_date BETWEEN ? AND ? AND story_id IS NOT NULL "
            "ORDER BY id", (*bands, article_id, low, high)).fetchall()
        found: set[int] = set()
        for aid, story in candidates:
            if story in found:
                continue  # already joined: a story's other copies need no comparison
            if containment(items, self._stored_shingles(int(aid))) >= SAME_STORY:
                found.add(int(story))
        return found

    def _stored_shingles(self, article_id: int) -> frozenset[int]:
        cached = self.texts.get(article_id)
        if cached is not None:
            return cached
        title, text = self.c.execute("SELECT title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._shingles(article_id, story_text(str(title), str(text)))

    def _shingles(self, article_id: int, text: str) -> frozenset[int]:
        items = shingles(text, self.words)
        if len(self.texts) >= _CACHED_TEXTS:
            del self.texts[next(iter(self.texts))]  # the oldest: copies arrive close together
        self.texts[article_id] = items
        return items
