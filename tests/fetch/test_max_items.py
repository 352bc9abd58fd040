"""A document with more items than [fetch] max_items is read only that far, its newest end, and says so.

feedparser holds every item of a document in memory: a 10 MB feed of 100,000 tiny items took
40 s and 300 MB to read whole. Feeds list newest first; one that lists oldest first is read from
its end. Items past the limit never count as seen, so a larger limit reads them once the body changes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from reader.config import ConfigError, FetchConfig, load_config
from reader.fetch.items import FINGERPRINT_BYTES
from reader.fetch.parse import MAX_ITEMS, parse_feed_bytes, parse_feed_changes
from reader.fetch.refresh import refresh
from reader.store import ArticleFilter, Store
from tests.conftest import write_config
from tests.feed_server import FeedServer, Route

START = datetime(2026, 11, 30, 12, tzinfo=UTC)


def rss(count: int, newest_first: bool = True, head: str = '<?xml version="1.0" encoding="utf-8"?>',
        offset: int = 0) -> bytes:
    """`count` items numbered from `offset`, item n published n minutes after START, listed newest (or oldest) first."""
    numbers = range(offset + count - 1, offset - 1, -1) if newest_first else range(offset, offset + count)
    items = "".join(f"<item><guid>g{n}</guid><title>Item {n}</title><link>https://news.example/{n}</link>"
                    f"<pubDate>{format_datetime(START + timedelta(minutes=n))}</pubDate></item>" for n in numbers)
    return f'{head}<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()


def numbers(titles: list[str]) -> set[int]:
    return {int(title.removeprefix("Item ")) for title in titles}


def test_the_default_limit_is_the_config_default() -> None:
    assert FetchConfig().max_items == MAX_ITEMS


def test_only_the_first_items_of_a_newest_first_document_are_read_and_the_warning_says_so() -> None:
    parsed = parse_feed_changes(rss(1_500), "application/rss+xml", "https://news.example/feed", b"", {}, 1_000)
    assert numbers([e.title for e in parsed.entries]) == set(range(500, 1_500))  # the newest thousand
    assert parsed.warning == ("the feed lists 1,500 items; only its newest 1,000 were read "
                              "(raise [fetch] max_items in feeds.toml to read more)")
    assert len(parsed.item_hashes) == 1_000 * FINGERPRINT_BYTES  # only the items read count as seen


def test_an_oldest_first_document_is_read_from_its_end() -> None:
    parsed = parse_feed_bytes(rss(1_500, newest_first=False), "application/rss+xml", "https://news.example/feed", 1_000)
    assert numbers([e.title for e in parsed.entries]) == set(range(500, 1_500))


def test_a_document_too_odd_to_cut_before_parsing_is_still_read_only_to_the_limit() -> None:
    latin = rss(30, newest_first=False, head='<?xml version="1.0" encoding="iso-8859-1"?>')  # not split before parsing
    parsed = parse_feed_bytes(latin, "application/rss+xml", "https://news.example/feed", 10)
    assert numbers([e.title for e in parsed.entries]) == set(range(20, 30))
    assert parsed.warning is not None and "lists 30 items; only its newest 10 were read" in parsed.warning


def test_a_document_within_the_limit_has_no_warning() -> None:
    parsed = parse_feed_bytes(rss(10), "application/rss+xml", "https://news.example/feed", 10)
    assert len(parsed.entries) == 10 and parsed.warning is None


def test_through_a_refresh_a_larger_limit_reads_the_rest_once_the_feed_changes(
        tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    route = feed_server.routes["/big"] = Route(body=rss(60), headers={"Content-Type": "application/rss+xml"})

    def fetch(max_items: int) -> list[str]:
        config = load_config(write_config(tmp_path, f'[[feeds]]\nname = "Big"\nurl = "{feed_server.url("/big")}"\n\n'
                                                    f"[fetch]\ntimeout = 10\nmax_items = {max_items}\n"))
        summary = refresh(store, config)
        assert summary.failed == 0
        return [reason for _, reason in summary.warnings]

    assert fetch(50) == ["the feed lists 60 items; only its newest 50 were read "
                         "(raise [fetch] max_items in feeds.toml to read more)"]
    assert len(store.list_articles(ArticleFilter())) == 50
    [feed] = store.feeds()
    assert feed.last_warning is not None and "only its newest 50" in feed.last_warning
    route.body = rss(61)  # one new item: the ten never read are not taken for seen
    assert fetch(100) == []
    assert len(store.list_articles(ArticleFilter())) == 61
    [feed] = store.feeds()
    assert feed.last_warning is None


@pytest.mark.parametrize("value", ["0", "1_000_001", "2.5", '"many"'])
def test_max_items_out_of_range_is_a_config_error(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match=r"fetch\.max_items: expected a whole number of items a feed from 1 to "
                                          r"1,000,000"):
        load_config(write_config(tmp_path, f"[fetch]\nmax_items = {value}\n"))

