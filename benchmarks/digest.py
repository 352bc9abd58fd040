"""Digest scaling: `reader digest --no-fetch` on days of 2,400 and 10,000 articles, and `reader fetch` of the latter.

Both days are spread over 200 feeds with ~15% wire copies and ~20% of articles on tracked
topics. Targets: the 4x day costs at most 4.5x, and the 10,000-article digest costs at most
what fetching those articles cost. Also printed: the digest's size, and the summariser's own
time per topic (its stories already cleaned), measured in-process on the stored day.
Run: python -m benchmarks.digest
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.feedgen import FeedHost, make_feeds
from benchmarks.refresh import timed


def day(n_items_per_feed: int, work: Path, label: str) -> tuple[float, float]:
    host = FeedHost(make_feeds(200, n_items_per_feed, seed=n_items_per_feed))
    try:
        folder = work / label
        folder.mkdir()
        config = host.write_config(folder)
        base = [sys.executable, "-m", "reader", "--config", str(config), "--db", str(folder / "r.db")]
        fetch = timed([*base, "fetch"])
        digest = timed([*base, "digest", "--no-fetch", "--out", str(folder / "digest.md")])
        size = (folder / "digest.md").stat().st_size
        print(f"{200 * n_items_per_feed:>6,} articles: fetch {fetch:6.2f} s, digest {digest:6.2f} s "
              f"({size:,} bytes of Markdown)")
        per_topic = summariser_times(config, folder / "r.db")
        print(f"        summariser per topic: median {statistics.median(per_topic) * 1000:.1f} ms, "
              f"max {max(per_topic) * 1000:.1f} ms over {len(per_topic)} topics (cleaning excluded)")
        return fetch, digest
    finally:
        host.stop()


def summariser_times(config: Path, db: Path) -> list[float]:
    """Seconds summarise_topic takes for each tracked topic of the stored day, its stories already cleaned."""
    from reader.commands.digest import local_day_bounds
    from reader.core import make_reader
    from reader.digest.build import topic_members
    from reader.digest.topic_summary import SUMMARY_STORIES, fold_stories, rank_stories, summarise_topic, topic_fits
    from reader.text.clean import clean_stored_article, topic_terms
    from reader.topics import compile_topics

    reader = make_reader(config, db)
    try:
        articles = reader.store.articles_first_seen_between(*local_day_bounds(date.today()))
        matchers = compile_topics(reader.config.topics)
        terms = topic_terms(reader.config.topics)
        times = []
        for m, hits in zip(matchers, topic_members(articles, matchers).values(), strict=True):
            folded = fold_stories(hits)
            fits = topic_fits(folded, m)
            stories = rank_stories(folded, fits)[:SUMMARY_STORIES]
            cleaned = {s.lead.id: clean_stored_article(s.lead, terms) for s in stories}
            start = time.perf_counter()
            summarise_topic(stories, lambda a, done=cleaned: done[a.id], m, fits)
            times.append(time.perf_counter() - start)
        return times
    finally:
        reader.close()


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-digest-"))
    try:
        _, small = day(12, work, "small")  # 2,400 articles (12.5 a feed is not a whole number)
        fetch_big, big = day(50, work, "big")
        print(f"digest scaling 10,000 / 2,400 articles: {big / small:.2f}x  (target <= 4.5x for 4x the articles)")
        print(f"digest / fetch at 10,000 articles: {big / fetch_big:.2f}x  (target <= 1.0x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
