"""Which stored feed each feed of feeds.toml continues: a feed is the same feed when its URL is.

A rename in feeds.toml (or `feeds remove` then `feeds add --name` with the same URL) once made
a new feed: every article was stored again as unread, and the old ones, with their read and
starred state, were left under an inactive feed where no view showed them. Matching by URL
first keeps them. A feed whose URL changed under the same name is the same outlet moved, so it
keeps its articles too (only its redirects and fetch validators are forgotten, by sync_feeds).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.config import feed_url_identity


@dataclass(frozen=True)
class StoredFeed:
    """A feeds table row, as much of it as matching needs."""

    id: int
    name: str
    url: str
    active: bool


def url_identity(location: str) -> str:
    """The form a feed's location is compared in, as feeds.toml compares its feeds' URLs.

    Locations are stored resolved (a local feed's path absolute), so no feeds.toml folder is needed.
    """
    return feed_url_identity(location, Path("/")) or location


def match_feeds(listed: Sequence[tuple[str, str]], stored: Sequence[StoredFeed]) -> dict[str, int | None]:
    """(name, location) of each listed feed -> the stored feed id it continues, or None for a new feed.

    The same URL wins over the same name; among several stored rows with one URL (a store from
    before this rule may hold a renamed feed twice) the one with the listed name, else an
    active one, else the newest is taken.
    """
    by_identity: dict[str, list[StoredFeed]] = {}
    for row in stored:
        by_identity.setdefault(url_identity(row.url), []).append(row)
    by_name = {row.name: row for row in stored}
    claimed: set[int] = set()
    matched: dict[str, int | None] = {}
    for name, location in listed:
        candidates = [r for r in by_identity.get(url_identity(location), []) if r.id not in claimed]
        if candidates:
            best = max(candidates, key=lambda r: (r.name == name, r.active, r.id))
            matched[name] = best.id
            claimed.add(best.id)
    for name, _ in listed:
        if name in matched:
            continue
        same_name = by_name.get(name)
        if same_name is not None and same_name.id not in claimed:
            matched[name] = same_name.id
            claimed.add(same_name.id)
        else:
            matched[name] = None
    return matched


def free_names(c: sqlite3.Connection, matched: dict[str, int | None]) -> None:
    """Give every stored feed the name it will have, so the table's UNIQUE names never clash on the way.

    Matched feeds take their listed names (two may swap); a stored feed no listed feed continues
    but whose name a listed feed now has keeps its articles under "NAME (earlier, #ID)".
    """
    rows = {int(r[0]): str(r[1]) for r in c.execute("SELECT id, name FROM feeds")}
    final = {fid: name for name, fid in matched.items() if fid is not None}
    taken = set(matched)
    for fid, name in rows.items():
        if fid not in final and name in taken:
            aside = f"{name} (earlier, #{fid})"
            while aside in taken or aside in rows.values():
                aside += "'"
            final[fid] = aside
            taken.add(aside)
    moving = [fid for fid, name in final.items() if rows[fid] != name]
    # Through names with a NUL, which no feed name keeps once displayed(), then to the final ones.
    c.executemany("UPDATE feeds SET name = ? WHERE id = ?", [(f"\x00{fid}", fid) for fid in moving])
    c.executemany("UPDATE feeds SET name = ? WHERE id = ?", [(final[fid], fid) for fid in moving])
