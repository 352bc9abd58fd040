"""An item's date is the one it gives, or none when no calendar has it (try10: year 9999, 30 February)."""

from __future__ import annotations

import pytest

from reader.fetch.parse import parse_feed_bytes


def published(date_element: str) -> str | None:
    doc = (f"<rss version='2.0'><channel><title>T</title><item><guid>g</guid><title>Item</title>{date_element}"
           "<description>Words.</description></item></channel></rss>").encode()
    [entry] = parse_feed_bytes(doc, "application/rss+xml", "http://127.0.0.1/feed").entries
    return entry.published


@pytest.mark.parametrize(("element", "expected"), [
    ("<pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>", "2026-12-01T10:00:00+00:00"),
    ("<pubDate>Tue, 01 Dec 2026 10:00:00 -0500</pubDate>", "2026-12-01T15:00:00+00:00"),
    ("<dc:date xmlns:dc='http://purl.org/dc/elements/1.1/'>2011-09-16T08:30:00-04:00</dc:date>",
     "2011-09-16T12:30:00+00:00"),
    ("<pubDate>2026-12-01T23:59:60Z</pubDate>", "2026-12-02T00:00:00+00:00"),  # a leap second is a real time
    ("<pubDate>99999999999999999999</pubDate>", None),  # feedparser: December 9999
    ("<pubDate>2026-02-30T25:61:61Z</pubDate>", None),  # feedparser: rolled over to 3 March
    ("<pubDate>2026-13-01T10:00:00Z</pubDate>", None),
    ("<pubDate>0001-01-01T00:00:00Z</pubDate>", None),
    ("<pubDate>not a date</pubDate>", None),
    ("", None),
])
def test_a_date_no_calendar_has_is_no_date(element: str, expected: str | None) -> None:
    assert published(element) == expected
