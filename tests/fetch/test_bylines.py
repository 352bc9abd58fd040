"""An entry's byline names every author it gives, in order (try11 F46: the lead author of two was dropped)."""

from __future__ import annotations

import pytest

from reader.fetch.bylines import joined_names
from reader.fetch.parse import parse_feed_bytes

ATOM = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>B</title><id>urn:b</id>'
        '<updated>2026-12-01T10:00:00Z</updated><entry><title>Two</title><id>urn:b1</id>'
        '<updated>2026-12-01T10:00:00Z</updated><link href="https://by.example/1"/>{authors}'
        '<content type="html">&lt;p&gt;The rule was challenged in court on Monday.&lt;/p&gt;</content></entry></feed>')
RSS = ('<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title>'
       '<item><title>One</title><link>https://by.example/2</link>{authors}<description>The office closed on Monday.'
       '</description></item></channel></rss>')


def _author(feed: str) -> str | None:
    return parse_feed_bytes(feed.encode(), None, "http://127.0.0.1/feed.xml").entries[0].author


@pytest.mark.parametrize(("feed", "author"), [
    (ATOM.format(authors="<author><name>Ann Lee</name></author><author><name>Bo Kim</name></author>"),
     "Ann Lee and Bo Kim"),
    (ATOM.format(authors="<author><name>Ann Lee</name></author><author><name>Bo Kim</name></author>"
                         "<author><name>Cy Diaz</name></author>"), "Ann Lee, Bo Kim and Cy Diaz"),
    (ATOM.format(authors="<author><name>Pat Quinn</name><email>pat@by.example</email></author>"),
     "Pat Quinn (pat@by.example)"),
    (RSS.format(authors="<dc:creator>Ann Lee</dc:creator><dc:creator>Bo Kim</dc:creator>"), "Ann Lee and Bo Kim"),
    (RSS.format(authors="<author>ann@x.org (Ann Lee)</author><author>bo@x.org (Bo Kim)</author>"),
     "Ann Lee and Bo Kim"),
    # The same person twice (dc:creator and author) is one author; an address alone is kept for display to read.
    (RSS.format(authors="<dc:creator>Ann Lee</dc:creator><author>ann@x.org (Ann Lee)</author>"), "ann@x.org (Ann Lee)"),
    (RSS.format(authors="<author>desk@by.example</author>"), "desk@by.example"),
    (RSS.format(authors=""), None),
])
def test_every_author_is_in_the_byline(feed: str, author: str | None) -> None:
    assert _author(feed) == author


def test_names_join_as_a_byline_lists_them() -> None:
    assert joined_names(["Ann Lee"]) == "Ann Lee"
    assert joined_names(["Ann Lee", "Bo Kim"]) == "Ann Lee and Bo Kim"
