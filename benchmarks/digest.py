"""Digest scaling: `reader digest --no-fetch` on days of 2,400 and 10,000 articles, and `reader fetch` of the latter.

Both days are spread over 200 feeds with ~15% wire copies and ~20% of articles on tracked
topics. After the fetch the store is copied; 7 earlier days of as many articles each are
generated into one copy. Its first digest is cold (every past day's counts and sentence
signatures computed and stored); then digests of the copy without history and warm digests of
the one with it (the steady state: past days read back from the store) alternate, medians of
ROUNDS each. The difference is what "New today" (and the trend over stored days) costs.
Targets: the 4x day costs at most 4.5x, and the 10,000-article digest costs at most what
fetching those articles cost, both with history. Also printed: the digest's size, and the
summariser's own time per topic (its stories already cleaned), measured in-process on the stored day.
Run: python -m benchmarks.digest
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from benchmarks.corpus import TOPICS, article_html, sentence
from benchmarks.feedgen import FeedHost, make_feeds
from benchmarks.refresh import python_env
from reader.store.schema import fold_unfolded_articles
from reader.text.html import html_to_search_text

HISTORY_DAYS = 7
ROUNDS = 3


def timed(cmd: list[str]) -> float:
    """Wall seconds of one run of the command (bytecode cached, as a user's install would have it)."""
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=python_env())
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd[:4])} failed: {out.stderr[-2000:]}")
    return elapsed


def add_history(db: Path, per_day: int, seed: int) -> None:
    """`per_day` generated articles first seen at noon on each of the HISTORY_DAYS days before today."""
    rng = random.Random(seed)
    today = datetime.now().astimezone().date()
    with sqlite3.connect(db) as conn:
        feeds = [r[0] for r in conn.execute("SELECT id FROM feeds ORDER BY id")]
        rows = []
        for k in range(1, HISTORY_DAYS + 1):
            stamp = datetime.combine(today - timedelta(days=k), clock(12)).astimezone().isoformat(timespec="seconds")
            for i in range(per_day):
                body = article_html(rng)
                if rng.random() >= 0.2:  # as in make_feeds: most articles are not about a tracked policy
                    for phrase in TOPICS:
                        body = body.replace(phrase, "the council")
                text = html_to_search_text(body)
                rows.append((feeds[i % len(feeds)], f"h{k}-{i}", sentence(rng, 7)[:-1], stamp, stamp, stamp, stamp,
                             body, text, hashlib.sha1(text.encode()).hexdigest()))
        conn.executemany(
            "INSERT INTO articles (feed_id, key, title, published, sort_date, first_seen, updated, content, text, "
            "content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.commit()
        fold_unfolded_articles(conn)  # as the store folds what it stores


def day(n_items_per_feed: int, work: Path, label: str) -> tuple[float, float, float]:
    """(fetch, median digest without history, median warm digest with history) in seconds.

    The fetched store is copied before history is added, so the two digests can be timed in
    alternating rounds (the machine's load then weighs on both alike).
    """
    host = FeedHost(make_feeds(200, n_items_per_feed, seed=n_items_per_feed))
    try:
        folder = work / label
        folder.mkdir()
        config = host.write_config(folder)
        db, bare_db = folder / "r.db", folder / "bare.db"

        def digest(store: Path) -> list[str]:
            return [sys.executable, "-m", "reader", "--config", str(config), "--db", str(store), "digest",
                    "--no-fetch", "--out", str(folder / f"{store.stem}.md")]

        fetch = timed([sys.executable, "-m", "reader", "--config", str(config), "--db", str(db), "fetch"])
        with sqlite3.connect(db) as source, sqlite3.connect(bare_db) as copy:
            source.backup(copy)
        add_history(db, 200 * n_items_per_feed, seed=n_items_per_feed + 1)
        cold = timed(digest(db))  # every past day's counts and signatures computed and stored
        bare_runs, warm_runs = [], []
        for _ in range(ROUNDS):
            bare_runs.append(timed(digest(bare_db)))
            warm_runs.append(timed(digest(db)))
        bare, warm = statistics.median(bare_runs), statistics.median(warm_runs)
        text = (folder / "r.md").read_text(encoding="utf-8")
        print(f"{200 * n_items_per_feed:>6,} articles: fetch {fetch:6.2f} s; digest, medians of {ROUNDS} alternating "
              f"rounds: {bare:6.2f} s without history, {warm:6.2f} s with {HISTORY_DAYS} days of history "
              f"(New today and the stored trend {warm - bare:+.2f} s); first run with history, past days computed: "
              f"{cold:6.2f} s; {news_noted(text)} topics with news noted, {len(text):,} bytes of Markdown")
        per_topic = summariser_times(config, db)
        print(f"        summariser per topic: median {statistics.median(per_topic) * 1000:.1f} ms, "
              f"max {max(per_topic) * 1000:.1f} ms over {len(per_topic)} topics (cleaning excluded)")
        return fetch, bare, warm
    finally:
        host.stop()


def news_noted(markdown: str) -> int:
    """Sections whose New today names new sentences (in the summary or listed), not "all of it" or "nothing"."""
    lines = [ln for ln in markdown.splitlines() if ln.startswith("**New today")]
    return sum(1 for ln in lines if not ln.startswith(("**New today:** all of it", "**New today:** nothing")))


def summariser_times(config: Path, db: Path) -> list[float]:
    """Seconds summarise_topic takes for each tracked topic of the stored day, its stories already cleaned."""
    from reader.commands.digest import local_day_bounds
    from reader.core import make_reader
    from reader.digest.topic_summary import SUMMARY_STORIES, fold_stories, rank_stories, summarise_topic, topic_fits
    from reader.text.clean import clean_stored_article, topic_terms
    from reader.topics import compile_topics, topic_members

    reader = make_reader(config, db)
    try:
        articles = reader.store.articles_of_day(*local_day_bounds(date.today()))
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
        _, _, small = day(12, work, "small")  # 2,400 articles (12.5 a feed is not a whole number)
        fetch_big, _, big = day(50, work, "big")
        print(f"digest scaling 10,000 / 2,400 articles, with history: {big / small:.2f}x  "
              "(target <= 4.5x for 4x the articles)")
        print(f"digest / fetch at 10,000 articles, with history: {big / fetch_big:.2f}x  (target <= 1.0x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
