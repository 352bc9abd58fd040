"""The store's reads of stories: which outlets carry a story, and a story's copies.

Apart from store.py so the queries over story ids (schema v9, folded by story_fold.py) are in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.models import Article
from reader.store.connection import StoreConnection
from reader.store.rows import ARTICLE_COLUMNS, article_row, select_in


class StoryQueries(StoreConnection):
    """Reads by story id; the Store adds everything else."""

    def story_outlets(self, story_ids: Iterable[int]) -> dict[int, set[str]]:
        """Story id -> the active feeds in the whole store that carry it (for "+N outlets")."""
        ids = sorted(set(story_ids))
        outlets: dict[int, set[str]] = {i: set() for i in ids}
        with self._lock, self._failures():
            rows = select_in(self._conn, "SELECT DISTINCT a.story_id, f.name FROM articles a JOIN feeds f "
                             "ON f.id = a.feed_id WHERE f.active = 1 AND a.story_id IN ({})", ids)
        for story, name in rows:
            outlets[int(story)].add(str(name))
        return outlets

    def story_members(self, story_id: int, keep: int | None = None) -> list[Article]:
        """One article of the story from each active feed: the copies screen's copies, one an outlet.

        A feed that stored one article more than once (repeats from before schema v12, or two
        versions a feed ran apart) is one outlet: its copy is `keep` when that is the feed's, else its earliest.
        """
        rows = self._query(
            f"SELECT {ARTICLE_COLUMNS} FROM (SELECT a.id AS id, row_number() OVER (PARTITION BY a.feed_id "
            "ORDER BY a.id = ? DESC, COALESCE(a.published, a.first_seen), a.id) AS nth FROM articles a "
            "JOIN feeds f ON f.id = a.feed_id WHERE a.story_id = ? AND f.active = 1) m "
            "JOIN articles a ON a.id = m.id JOIN feeds f ON f.id = a.feed_id WHERE m.nth = 1 ORDER BY a.id",
            (keep, story_id))
        return [article_row(r) for r in rows]
