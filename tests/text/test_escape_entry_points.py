"""Escape sequences go whole at every door outside text comes in by, raw or spelt as character references.

A parser that drops an ESC alone (lxml, HTML's &#27;, ftfy) or makes U+009B a "›" (feedparser) leaves the
rest of the sequence as text ("]0;PAGEPWN", "[31m"); tests/hostile.py's ENCODED_ESCAPES spell them every way.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from reader.feeds.opml import parse_opml
from reader.fetch.extract import extract_main_text
from reader.fetch.parse import parse_feed_bytes
from reader.fetch.refresh import refresh
from reader.store import Store
from reader.text.clean import clean_article
from reader.text.html import html_to_search_text
from reader.text.repair import repair_encoding
from reader.text.sanitize import strip_document_escapes, strip_markup_escapes
from tests.conftest import config_for
from tests.feed_server import FeedServer, Route
from tests.hostile import CONTROLS, ENCODED_ESCAPES, assert_no_escape_remnants

ALL_ENCODED = " ".join(f"{name} {value} end" for name, value in ENCODED_ESCAPES.items())
WORDS = "The county council voted nine to four on Tuesday to end its agreement with federal authorities. " * 3


@pytest.mark.parametrize("name", sorted(ENCODED_ESCAPES))
def test_an_html_fragment_loses_each_sequence_whole(name: str) -> None:
    markup = f"<p>before {ENCODED_ESCAPES[name]} after</p>"
    for text in (html_to_search_text(markup), *clean_article(markup, kind="html", title="t").paragraphs):
        assert_no_escape_remnants(text)
        assert text.startswith("before") and text.endswith("after")


def test_plain_text_with_mojibake_loses_sequences_before_ftfy() -> None:
    text = "Café owners said â€œnoâ€ \x1b]0;PAGEPWN\x07 \x1b[31mred \x9b2J done"
    repaired, _ = repair_encoding(text)
    assert_no_escape_remnants(repaired)
    assert "“no”" in repaired and repaired.endswith("red  done")
    article = clean_article(f"Title\n\n{text}", kind="text")
    for paragraph in article.paragraphs:
        assert_no_escape_remnants(paragraph)


def test_an_unterminated_osc_in_markup_stops_at_the_next_tag() -> None:
    assert strip_markup_escapes("<p>a &#27;]0;no end</p><p>kept</p>") == "<p>a </p><p>kept</p>"
    assert strip_markup_escapes("Next &#155; page") == "Next &#155; page"  # a "›", no CSI


def test_a_utf16_or_iso2022_document_is_left_to_the_text_sanitiser() -> None:
    iso2022 = b'<?xml version="1.0" encoding="iso-2022-jp"?>' + "日本".encode("iso-2022-jp")
    assert strip_document_escapes(iso2022) == iso2022  # its ESCs switch character sets
    utf16 = "<rss>\x1b[31m</rss>".encode("utf-16")
    assert strip_document_escapes(utf16) == utf16


def test_a_feed_loses_sequences_in_titles_bodies_and_authors() -> None:
    raw = ALL_ENCODED.replace("&", "&amp;")  # as XML text: the references reach feedparser as text
    doc = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {ALL_ENCODED}</title>'
           f"<item><guid>1</guid><title>Item {ALL_ENCODED}</title><author>a@b.org ({raw})</author>"
           f"<description>{escape(f'<p>{ALL_ENCODED}</p><p>{raw}</p>')}</description></item>"
           f"<item><guid>2</guid><title>Raw {' '.join(CONTROLS.values())}</title>"
           f"<description>&lt;p&gt;{' '.join(CONTROLS.values())}&lt;/p&gt;</description></item></channel></rss>")
    parsed = parse_feed_bytes(doc.encode(), "application/rss+xml", "http://127.0.0.1/feed")
    assert_no_escape_remnants(parsed.title or "")
    for entry in parsed.entries:
        for text in (entry.title, entry.author or "", entry.text,
                     *clean_article(entry.content, kind="html", title=entry.title).paragraphs):
            assert_no_escape_remnants(text)


def test_a_full_text_page_loses_sequences_before_lxml_reads_it() -> None:
    page = (f"<html><head><title>{ALL_ENCODED}</title></head><body><article><h1>{ALL_ENCODED}</h1>"
            f"<p>{WORDS}</p><p>{ALL_ENCODED}</p></article></body></html>").encode()
    extracted = extract_main_text(page, "http://127.0.0.1/story")
    for text in (html_to_search_text(extracted), *clean_article(extracted, kind="html").paragraphs):
        assert_no_escape_remnants(text)


def test_a_raw_escape_no_longer_makes_a_feed_malformed() -> None:
    doc = "<rss version='2.0'><channel><title>T \x1b]0;PAGEPWN\x07</title><item><title>a\x1b[31m</title></item>"
    parsed = parse_feed_bytes(f"{doc}</channel></rss>".encode(), "application/rss+xml", "http://127.0.0.1/feed")
    assert parsed.warning is None and parsed.title == "T" and parsed.entries[0].title == "a"


def test_an_opml_file_loses_sequences_and_still_imports() -> None:
    opml = (f'<?xml version="1.0"?><opml version="2.0"><body><outline text="News {ALL_ENCODED}" '
            f'title="Politics {ALL_ENCODED}" xmlUrl="http://127.0.0.1/feed"/></body></opml>').encode()
    [feed] = parse_opml(opml, "feeds.opml")
    assert_no_escape_remnants(feed.name)
    assert feed.name.startswith("Politics") and feed.url == "http://127.0.0.1/feed"


def test_a_fetch_stores_and_reports_nothing_of_a_sequence(tmp_path: Path, feed_server: FeedServer,
                                                         store: Store) -> None:
    page = f"<html><body><article><p>{WORDS}</p><p>{ALL_ENCODED}</p></article></body></html>".encode()
    feed_server.routes["/story"] = Route(body=page, headers={"Content-Type": "text/html"})
    item = (f"<item><guid>s1</guid><title>Story {ALL_ENCODED}</title><link>{feed_server.url('/story')}</link>"
            f"<description>{escape(ALL_ENCODED)}</description></item>")
    feed_server.routes["/feed"] = Route(body=f"<rss version='2.0'><channel><title>S</title>{item}</channel></rss>"
                                        .encode())
    sent = " ".join(CONTROLS.values()).encode("utf-8").decode("latin-1")
    reason = "".join(c for c in sent if c not in "\x00\r\n\x0b\x0c")  # what a status line can carry
    feed_server.routes["/down"] = Route(status=500, reason=f"Oops {reason}")
    cfg = config_for(tmp_path, {"D": feed_server.url("/down")},
                     f'[[feeds]]\nname = "S"\nurl = "{feed_server.url("/feed")}"\nfull_text = true\n')
    summary = refresh(store, cfg)
    assert summary.full_text_ok == 1
    [(_, failure)] = summary.failures
    assert failure.startswith("HTTP 500 Oops")
    assert_no_escape_remnants(failure)
    [article] = store.list_articles()
    assert article.full_content is not None
    for text in (article.title, html_to_search_text(article.full_content),
                 *clean_article(article.full_content, kind="html").paragraphs):
        assert_no_escape_remnants(text)
