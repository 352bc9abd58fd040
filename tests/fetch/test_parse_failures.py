"""A feed the parser cannot read fails in words a user can act on: what, where, what to do, and no Python names."""

from __future__ import annotations

import re
from typing import Any

import pytest

from reader.feeds.opml import OpmlError, parse_opml
from reader.fetch import parse as parse_module
from reader.fetch.parse import FeedParseError, parse_feed_bytes
from tests.feed_server import hostile_routes
from tests.hostile import ALL_IN_ONE, assert_label_safe

# A Python exception's name in a message ("ValueError: ...", "bytearray(b'...')") says nothing to a reader.
PYTHON_NAMES = re.compile(r"\b\w*(?:Error|Exception|Warning)\b|bytearray\(|\bb'")
FEED = b"<rss version='2.0'><channel><title>x</title><item><guid>1</guid><title>a</title></item></channel></rss>"


@pytest.mark.parametrize("name", ["utf\x00-8", "\x00", "utf-8\x1b]0;x\x07", "utf 8", ALL_IN_ONE])
@pytest.mark.parametrize("content_type", [None, "application/rss+xml", "text/xml; charset=utf-8"])
def test_an_encoding_no_encoding_can_be_named_reads_the_feed_as_undeclared(name: str,
                                                                           content_type: str | None) -> None:
    declared = f'<?xml version="1.0" encoding="{name}"?>'.encode("utf-8", "surrogatepass")
    parsed = parse_feed_bytes(declared + FEED, content_type, "http://127.0.0.1/feed")
    assert parsed.title == "x" and [e.title for e in parsed.entries] == ["a"]


def test_a_charset_with_a_nul_in_the_content_type_is_ignored() -> None:
    parsed = parse_feed_bytes(FEED, 'text/xml; charset="utf\x00-8"', "http://127.0.0.1/feed")
    assert [e.title for e in parsed.entries] == ["a"]


def test_the_hostile_encoding_declaration_is_an_empty_feed_not_a_parser_crash() -> None:
    routes = hostile_routes(ALL_IN_ONE)
    for path in ("/encoding-declaration", "/encoding-escape"):
        parsed = parse_feed_bytes(routes[path].body, None, "http://127.0.0.1/feed")
        assert parsed.title == "x" and parsed.warning is None


def test_whatever_stops_the_parser_is_said_without_its_class(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("embedded null character")

    monkeypatch.setattr(parse_module._feedparser(), "parse", crash)
    with pytest.raises(FeedParseError) as raised:
        parse_feed_bytes(FEED, None, "http://127.0.0.1/feed")
    message = str(raised.value)
    assert PYTHON_NAMES.search(message) is None, message
    assert "embedded null character" in message and "ask its publisher to fix the feed" in message


@pytest.mark.parametrize("document", [b"", b"   ", b"<rss><channel><title>x</title>", b"<html><body>hi</body></html>",
                                      b"\x00\x00\x00", b"not xml at all", b"<rss>\xff\xfe\x00</rss>"])
def test_every_unreadable_document_says_what_and_what_to_do(document: bytes) -> None:
    try:
        parsed = parse_feed_bytes(document, None, "http://127.0.0.1/feed")
    except FeedParseError as exc:
        message = str(exc)
    else:
        message = parsed.warning or ""
    if message:
        assert PYTHON_NAMES.search(message) is None, message
        assert_label_safe(message)
        assert re.search(r"check|ask its publisher|publisher should fix|use the page", message), message


@pytest.mark.parametrize(("document", "said"), [
    (b"<opml><body><outline text='a\x01'/></body></opml>", "a character or tag that XML does not allow, at line 1"),
    (b"<opml>\n<body>\n<outline </body></opml>", "at line 3, column 10"),
    (b"<x/>", "the root element is <x>, not <opml>"),
    (b"<opml/>", "has no <body> element"),
])
def test_an_unreadable_opml_file_says_where_and_what_to_do(document: bytes, said: str) -> None:
    with pytest.raises(OpmlError) as raised:
        parse_opml(document, "list.opml")
    message = str(raised.value)
    assert message.startswith("list.opml: ") and said in message and "fix the file" in message, message
    assert PYTHON_NAMES.search(message) is None, message
