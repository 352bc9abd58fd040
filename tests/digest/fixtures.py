"""Fixed digest inputs: the bundled sample feeds parsed into Articles with fixed first-seen times."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import count
from pathlib import Path

from reader.config import load_config
from reader.fetch.parse import parse_feed_bytes
from reader.models import Article, FeedRow
from tests.conftest import REPO

DAY = "2026-11-30"
DAY_BEFORE = "2026-11-29"
# Sample items first seen the day before DAY: day one of the two-day 287(g) story, for "New today".
FIRST_SEEN_DAY_BEFORE = frozenset({"https://capitoldispatch.example/?p=7770"})


def feed_row(i: int, name: str, error: str | None = None) -> FeedRow:
    return FeedRow(i, name, f"/{i}.xml", None, (), None, None, "200", error, None, None, None, False, None)


def sample_articles(first_seen: str = f"{DAY}T08:00:00+00:00") -> tuple[list[Article], list[FeedRow]]:
    config = load_config(REPO / "feeds.toml")
    ids = count(1)
    articles: list[Article] = []
    feeds: list[FeedRow] = []
    for fid, feed in enumerate(config.feeds, 1):
        feeds.append(feed_row(fid, feed.name))
        parsed = parse_feed_bytes(Path(config.resolve_feed_location(feed)).read_bytes(), None, feed.url)
        for e in parsed.entries:
            seen = first_seen.replace(DAY, DAY_BEFORE) if e.guid in FIRST_SEEN_DAY_BEFORE else first_seen
            articles.append(Article(next(ids), fid, feed.name, e.guid, e.link, e.title, e.author, e.published,
                                    seen, e.content, e.text, False, False))
    return articles, feeds


def sample_days() -> tuple[list[Article], list[Article], list[FeedRow]]:
    """The samples split by first-seen day: (the day before DAY, DAY, feeds)."""
    articles, feeds = sample_articles()
    before = [a for a in articles if a.first_seen.startswith(DAY_BEFORE)]
    return before, [a for a in articles if a not in before], feeds


# The samples' own last day: the digest a reader following these feeds in 2011 read that morning.
SAMPLES_DAY = date(2011, 9, 17)


def samples_on_their_days() -> tuple[dict[date, list[Article]], list[FeedRow]]:
    """The samples as a reader subscribed at the time saw them: each first seen when published, by (UTC) day."""
    articles, feeds = sample_articles()
    days: dict[date, list[Article]] = {}
    for a in articles:
        assert a.published, f"sample {a.guid} has no date"
        seen = datetime.fromisoformat(a.published).astimezone(UTC)
        days.setdefault(seen.date(), []).append(replace(a, first_seen=seen.isoformat(timespec="seconds")))
    return days, feeds


def article(aid: int, feed: str, title: str, text: str, link: str | None = None) -> Article:
    return Article(aid, aid, feed, str(aid), link, title, None, f"{DAY}T0{aid % 10}:00:00+00:00",
                   f"{DAY}T08:00:00+00:00", f"<p>{text}</p>", text, False, False)
