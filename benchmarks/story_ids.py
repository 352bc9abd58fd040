"""Story ids: what folding at store time costs, and how long a large store takes to fold again (v14).

A store of N generated articles over 200 feeds (benchmarks/startup.py's generator, 15% of them
wire copies run by other outlets) is written through Store.upsert_entries, which folds each
article as it stores it. The store is then marked v13 and opened again: the v14 migration drops
every story id and band key and folds every stored article anew, in batches (as v9's backfill
did). Printed: both times, per article.
Run: python -m benchmarks.story_ids [--articles 100000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.startup import fill_store
from reader.store import Store


def add_copies(db: Path, share: float, seed: int) -> int:
    """Make `share` of the articles copies of another feed's article from the same day: how wire copy looks."""
    rng = random.Random(seed)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, feed_id, sort_date, title, text FROM articles ORDER BY id").fetchall()
        by_day: dict[str, list[tuple[int, str, str]]] = {}
        for _, feed, day, title, text in rows:
            by_day.setdefault(day[:10], []).append((feed, title, text))
        copies = []
        for aid, feed, day, _, _ in rows:
            if rng.random() < share:
                others = [o for o in by_day[day[:10]] if o[0] != feed]
                _, title, text = rng.choice(others)
                copies.append((title, text + " (AP)", aid))
        conn.executemany("UPDATE articles SET title = ?, text = ? WHERE id = ?", copies)
    return len(copies)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    n = parser.parse_args().articles
    work = Path(tempfile.mkdtemp(prefix="bench-story-ids-"))
    try:
        db = work / "store.db"
        started = time.perf_counter()
        fill_store(db, n)
        written = time.perf_counter() - started
        print(f"wrote {n:,} articles through the store (folding each): {written:.1f} s, "
              f"{written / n * 1e6:.0f} us an article")
        copies = add_copies(db, 0.15, seed=n)
        with sqlite3.connect(db) as conn:  # as v13 left it: v14 folds every article again, as v9 did
            conn.execute("PRAGMA user_version = 13")
        started = time.perf_counter()
        cpu = time.process_time()
        Store(db).close()
        migrated, cpu = time.perf_counter() - started, time.process_time() - cpu
        with sqlite3.connect(db) as conn:
            stories = conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
            missing = conn.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0]
        print(f"migrated a v13 store of {n:,} articles ({copies:,} of them copies) to v14, folding every article "
              f"again: {migrated:.1f} s ({cpu:.1f} s CPU), {migrated / n * 1e6:.0f} us an article; {stories:,} "
              f"stories, {missing} articles without one")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
