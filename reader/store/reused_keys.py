"""Which changes under a stored key are another article: a feed that reuses a guid for a different story.

A publisher's "slot" guids, or a CMS migration, put a new story under a guid the store already
holds; taken as an update, the new story overwrote the old one (which the user may have starred)
and arrived read and starred. A change under a known key is another article when its title
changed and either its link changed too or its text is mostly new (less than DIFFERENT_TEXT of
the shorter text's word runs in the other, as story folding measures it). A corrected text, a
new headline on the same page, or a moved link under the same headline is still an update in
place, keeping read and starred. The old article stays as it was, under a key no feed item can
have (DISPLACED_PREFIX and its id), and the new story is stored as a new, unread article.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from reader.article_links import normalised_link
from reader.models import ParsedEntry
from reader.store.rows import select_in
from reader.stories import MIN_SHINGLES, compared_runs, runs_containment, shingles, story_text, unpack_shingles

DIFFERENT_TEXT = 0.5
DISPLACED_PREFIX = "replaced:"  # parsed keys start "g:", "l:", "h:" or "t:": never this

Changed = tuple[int, ParsedEntry, str | None]  # (stored article id, entry, its link_title_key)


def _words(title: str) -> str:
    return " ".join(title.casefold().split())


def is_another_article(stored_link: str | None, stored_title: str, stored_text: str, entry: ParsedEntry) -> bool:
    """Whether `entry`, under the stored article's key, is a different story rather than an update of it."""
    if not entry.title or _words(entry.title) == _words(stored_title):
        return False  # a blank title is a glitch (kept as it was), and a kept headline is the same article
    old_link, new_link = normalised_link(stored_link), normalised_link(entry.link)
    if old_link is not None and new_link is not None and old_link != new_link:
        return True
    if not entry.text.strip() or not stored_text.strip():
        return False  # nothing to compare: a blank body never replaces a stored one anyway
    new = unpack_shingles(entry.story_shingles) if entry.story_shingles else shingles(
        story_text(entry.title, entry.text))
    old = shingles(story_text(stored_title, stored_text))
    if min(len(new), len(old)) < MIN_SHINGLES:
        return False  # too short to tell: an update, as before
    return runs_containment(compared_runs(new), compared_runs(old)) < DIFFERENT_TEXT


def set_apart_reused(c: sqlite3.Connection, changed: Sequence[Changed]) -> tuple[list[Changed], list[Changed]]:
    """(the changes that update their article, those that are another article), the latter's old rows re-keyed.

    Only changes whose title differs read the stored text. Each old article set apart keeps
    everything (text, read, starred, pins, story) and gives up only its key, so the entry can be
    stored under it as a new article.
    """
    titled = [aid for aid, e, _ in changed if e.title]
    if not titled:
        return list(changed), []
    stored = {int(aid): (link, str(title)) for aid, link, title in select_in(
        c, "SELECT id, link, title FROM articles WHERE id IN ({})", titled)}
    retitled = [aid for aid, e, _ in changed if aid in stored and _words(e.title) != _words(stored[aid][1])]
    texts = dict(select_in(c, "SELECT id, text FROM articles WHERE id IN ({})", retitled)) if retitled else {}
    updates: list[Changed] = []
    others: list[Changed] = []
    for aid, e, link in changed:
        old = stored.get(aid)
        if old is not None and is_another_article(old[0], old[1], str(texts.get(aid) or ""), e):
            others.append((aid, e, link))
        else:
            updates.append((aid, e, link))
    c.executemany("UPDATE articles SET key = ? WHERE id = ?",
                  [(f"{DISPLACED_PREFIX}{aid}", aid) for aid, _, _ in others])
    return updates, others
