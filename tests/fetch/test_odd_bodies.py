"""Bodies a server sends oddly: a content coding never asked for, a charset its bytes are not in, a JSON Feed.

Each is read as it really is, or refused with a reason that names what it is (try11 F33, F40).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.fetch.charsets import content_type_for_body
from reader.fetch.parse import UnsupportedFeedFormat, parse_feed_bytes
from reader.fetch.refresh import refresh
from reader.store import Store
from tests.conftest import config_for
from tests.feed_server import FeedServer, Route, rss

TITLE = "Заголовок про E-Verify"


def cyrillic_feed(encoding: str, declared: str = "utf-8") -> bytes:
    return (f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><title>Лента</title>'
            f"<item><guid>c1</guid><title>{TITLE}</title><link>http://127.0.0.1/c1</link>"
            "<description>Текст статьи.</description></item></channel></rss>").encode(encoding)


def titles(store: Store) -> list[str]:
    return sorted(a.title for a in store.list_articles())


def test_a_body_in_a_coding_never_asked_for_is_refused_naming_it(tmp_path: Path, feed_server: FeedServer,
                                                                  store: Store) -> None:
    """br went to the parser raw: 'not a readable RSS or Atom feed (not well-formed XML ... line 1, column 1)'."""
    feed_server.routes["/br"] = Route(body=b"\x1b\x2e\x00\xf8compressed", headers={"Content-Encoding": "br"})
    feed_server.routes["/plain"] = Route(body=rss(("g1", "Fine")), headers={"Content-Encoding": "identity"})
    refresh(store, config_for(tmp_path, {"Br": feed_server.url("/br"), "Plain": feed_server.url("/plain")}))
    errors = {f.name: f.last_error for f in store.feeds()}
    assert errors["Plain"] is None and titles(store) == ["Fine"]
    assert errors["Br"] == ("the server sent the body in the 'br' content coding, which the reader cannot read "
                            "(it asks for gzip or deflate only); ask the site's publisher to fix the server")
    assert all(headers["accept-encoding"] == "gzip, deflate" for _, headers in feed_server.requests)


@pytest.mark.parametrize(("body", "header", "title"), [
    (cyrillic_feed("utf-8"), "koi8-r", TITLE),  # a UTF-8 feed served as koi8-r: read as the UTF-8 it is
    (cyrillic_feed("utf-8"), "windows-1251", TITLE),
    (cyrillic_feed("koi8-r", "koi8-r"), "koi8-r", TITLE),  # a real koi8-r feed, as declared
    (cyrillic_feed("cp1251", "windows-1251"), "windows-1251", TITLE),
    ("<?xml version='1.0'?><rss version='2.0'><channel><title>C</title><item><guid>l</guid><title>Café</title>"
     "</item></channel></rss>".encode("latin-1"), "iso-8859-1", "Café"),  # not UTF-8: read as declared
])
def test_a_charset_header_is_believed_unless_the_body_is_utf8_it_cannot_be_in(
        tmp_path: Path, feed_server: FeedServer, store: Store, body: bytes, header: str, title: str) -> None:
    feed_server.routes["/c"] = Route(body=body, headers={"Content-Type": f"application/rss+xml; charset={header}"})
    refresh(store, config_for(tmp_path, {"C": feed_server.url("/c")}))
    assert titles(store) == [title]


def test_only_a_single_byte_charset_gives_way_to_utf8() -> None:
    utf8 = TITLE.encode("utf-8")
    assert content_type_for_body(utf8, "text/xml; charset=KOI8-R") == "text/xml; charset=utf-8"
    assert content_type_for_body(utf8, 'text/xml; charset="us-ascii"; x=1') == "text/xml; charset=utf-8; x=1"
    for kept in ("text/xml; charset=shift_jis", "text/xml; charset=euc-kr", "text/xml; charset=utf-16",
                 "text/xml; charset=no-such-charset", "text/xml"):
        assert content_type_for_body(utf8, kept) == kept
    assert content_type_for_body(b"plain ascii", "text/xml; charset=koi8-r") == "text/xml; charset=koi8-r"
    assert content_type_for_body(TITLE.encode("koi8-r"), "text/xml; charset=koi8-r") == "text/xml; charset=koi8-r"


JSON_FEED = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
    {"id": "1", "url": "https://j.example/1", "content_text": "Hello."}]}).encode()


def test_a_json_feed_is_named_as_one_and_feeds_add_refuses_it_as_input(tmp_path: Path,
                                                                        feed_server: FeedServer) -> None:
    """It was 'not a feed, and the page has no <link rel="alternate"> to an RSS or Atom feed', exit 1."""
    with pytest.raises(UnsupportedFeedFormat, match=r"^a JSON Feed \(jsonfeed.org\), a format the reader does not"):
        parse_feed_bytes(JSON_FEED, "application/feed+json", "https://j.example/feed.json")
    feed_server.routes["/feed.json"] = Route(body=JSON_FEED, headers={"Content-Type": "application/feed+json"})
    (tmp_path / "feed.json").write_bytes(JSON_FEED)
    for given in (feed_server.url("/feed.json"), "feed.json"):
        out = subprocess.run([sys.executable, "-m", "reader", "--config", "feeds.toml", "feeds", "add", given],
                             cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert out.returncode == 2, out.stderr
        assert out.stderr == (f"reader: feeds add: {given} is a JSON Feed (jsonfeed.org), a format the reader does "
                              "not read; use the site's RSS or Atom feed instead, if it has one\n")
        shown = subprocess.run([sys.executable, "-m", "reader", "--config", "feeds.toml", "show", given],
                               cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert shown.returncode == 2 and shown.stdout == ""  # it was printed as a page of its own JSON
        assert shown.stderr == f"reader: show: {given} is a JSON Feed (jsonfeed.org), a format the reader does not " \
                               "read; use the site's RSS or Atom feed instead, if it has one\n"
    assert not (tmp_path / "feeds.toml").exists()
