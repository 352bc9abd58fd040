"""Fixed digest inputs: the bundled sample feeds parsed into Articles with fixed first-seen times."""

from __future__ import annotations

from itertools import count
from pathlib import Path

from reader.config import load_config
from reader.fetch.parse import parse_feed_bytes
from reader.models import Article, FeedRow
from tests.conftest import REPO

DAY = "2026-11-30"


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
            articles.append(Article(next(ids), fid, feed.name, e.guid, e.link, e.title, e.author, e.published,
                                    first_seen, e.content, e.text, False, False))
    return articles, feeds


def article(aid: int, feed: str, title: str, text: str, link: str | None = None) -> Article:
    return Article(aid, aid, feed, str(aid), link, title, None, f"{DAY}T0{aid % 10}:00:00+00:00",
                   f"{DAY}T08:00:00+00:00", f"<p>{text}</p>", text, False, False)
