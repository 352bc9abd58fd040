"""A feed with no items yet is an empty feed, not an unreadable one."""

from __future__ import annotations

from reader.fetch.parse import parse_feed_bytes


def test_a_feed_with_no_items_and_an_encoding_override_is_an_empty_feed_not_an_error() -> None:
    empty = (b'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>Caf\xe9</title>'
             b"</channel></rss>")  # the server says UTF-8; feedparser flags the override
    parsed = parse_feed_bytes(empty, "application/rss+xml; charset=utf-8", "https://news.example/feed")
    assert (parsed.title, parsed.entries, parsed.warning) == ("Café", (), None)
