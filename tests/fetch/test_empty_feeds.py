"""A feed with no items yet is an empty feed, not an unreadable one."""

from __future__ import annotations

import pytest

from reader.fetch.parse import FeedParseError, parse_feed_bytes


def test_a_feed_with_no_items_and_an_encoding_override_is_an_empty_feed_not_an_error() -> None:
    empty = (b'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>Caf\xe9</title>'
             b"</channel></rss>")  # the server says UTF-8; feedparser flags the override
    parsed = parse_feed_bytes(empty, "application/rss+xml; charset=utf-8", "https://news.example/feed")
    assert (parsed.title, parsed.entries, parsed.warning) == ("Café", (), None)


@pytest.mark.parametrize("document", [
    b'<rss version="2.0"></rss>', b"<rss/>", b'<feed xmlns="http://www.w3.org/2005/Atom"/>',
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"></rdf:RDF>',
])
def test_a_feed_document_with_nothing_in_it_yet_is_an_empty_feed(document: bytes) -> None:
    """67 of the corpus' files (try11 F15): a publisher's feed can be empty for a while; that is no broken address."""
    parsed = parse_feed_bytes(document, "application/xml", "https://news.example/feed")
    assert (parsed.title, parsed.entries, parsed.warning) == (None, (), None)


@pytest.mark.parametrize("document", [b"<foo/>", b"<note><to>you</to></note>"])
def test_a_document_that_is_no_feed_is_still_refused(document: bytes) -> None:
    with pytest.raises(FeedParseError, match="not a readable RSS or Atom feed"):
        parse_feed_bytes(document, "application/xml", "https://news.example/feed")
