"""Full text for summary-only feeds, against article pages served on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.fetch.refresh import refresh
from reader.store import ArticleFilter, Store
from reader.text.clean import clean_stored_article
from tests.conftest import config_for
from tests.feed_server import FeedServer, Route

BODY = ("<p>The county council voted nine to four on Tuesday to end its agreement with federal immigration "
        "authorities, a step advocates had sought since Secure Communities began.</p>"
        "<p>“This is a victory for every family in this county,” said Ana Ruiz, who leads the coalition.</p>"
        "<p>Opponents warned the decision would make the county less safe and promised a court challenge.</p>")


def page(n: int) -> bytes:
    return (f"<html><head><title>Story {n}</title></head><body><nav><a href='/'>Home</a> | Subscribe</nav>"
            f"<article><h1>Story {n}</h1>{BODY}</article><footer>Copyright 2026 Example</footer></body></html>"
            ).encode()


def feed(server: FeedServer, n: int) -> bytes:
    items = "".join(
        f"<item><guid>s{i}</guid><title>Story {i}</title><link>{server.url(f'/story/{i}')}</link>"
        f"<description>Short summary {i}.</description></item>" for i in range(n))
    return f"<rss version='2.0'><channel><title>Summaries</title>{items}</channel></rss>".encode()


def test_full_text_is_fetched_politely_and_failures_fall_back(tmp_path: Path, feed_server: FeedServer,
                                                             store: Store) -> None:
    for i in range(8):
        feed_server.routes[f"/story/{i}"] = Route(body=page(i), delay_s=0.1, headers={"Content-Type": "text/html"})
    feed_server.routes["/story/6"] = Route(status=404)
    feed_server.routes["/story/7"] = Route(body=b"<html><body><nav>menu</nav></body></html>")
    feed_server.routes["/feed"] = Route(body=feed(feed_server, 8))
    cfg = config_for(tmp_path, {}, f'[[feeds]]\nname = "S"\nurl = "{feed_server.url("/feed")}"\nfull_text = true\n')
    summary = refresh(store, cfg)
    assert (summary.new, summary.full_text_ok, summary.full_text_failed) == (8, 6, 2)
    assert "full text for 6, unavailable for 2" in summary.line()
    assert feed_server.max_in_flight <= 2  # one host: never more than two requests at once
    articles = {a.guid: a for a in store.list_articles()}
    ok = articles["s0"]
    assert ok.full_content is not None and "victory for every family" in ok.full_content
    assert "Subscribe" not in ok.full_content and "Copyright" not in ok.full_content
    cleaned = clean_stored_article(ok)
    assert cleaned.quotes[0].speaker == "Ana Ruiz" and len(cleaned.paragraphs) >= 3
    assert store.list_articles(ArticleFilter(search="opponents warned"))  # the page's text is searchable
    missing = articles["s6"]
    assert missing.full_content is None and "HTTP 404" in (missing.full_text_error or "")
    fallback = clean_stored_article(missing)
    assert fallback.paragraphs == ("Short summary 6.",)
    assert "showing the feed's summary" in fallback.repairs[-1]
    assert "no main text" in (articles["s7"].full_text_error or "")
    before = len(feed_server.requests)
    refresh(store, cfg)  # nothing new: no page is fetched again
    assert [p for p, _ in feed_server.requests[before:]] == ["/feed"]


def test_show_url_uses_the_same_extraction(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/story"] = Route(body=page(1), headers={"Content-Type": "text/html; charset=utf-8"})
    out = subprocess.run([sys.executable, "-m", "reader", "show", feed_server.url("/story"), "--json"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr
    import json

    data = json.loads(out.stdout)
    assert data["title"] == "Story 1" and data["link"] == feed_server.url("/story")
    assert any("victory for every family" in p for p in data["paragraphs"])
    assert not any("Subscribe" in p or "Copyright" in p for p in data["paragraphs"])


def test_a_page_that_failed_in_passing_is_tried_again_and_a_lasting_failure_is_not(
        tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    """A 503 (or a timeout) may pass: the page is tried at later refreshes, FULL_TEXT_TRIES in all; a 404 is final."""
    feed_server.routes["/story/0"] = Route(status=503)
    feed_server.routes["/story/1"] = Route(status=404)
    feed_server.routes["/story/2"] = Route(status=500)
    feed_server.routes["/feed"] = Route(body=feed(feed_server, 3))
    cfg = config_for(tmp_path, {}, f'[[feeds]]\nname = "S"\nurl = "{feed_server.url("/feed")}"\nfull_text = true\n')

    def tries(path: str) -> int:
        return sum(1 for requested, _ in feed_server.requests if requested == path)

    refresh(store, cfg)
    errors = {a.guid: a.full_text_error or "" for a in store.list_articles()}
    assert "will try again at the next refresh (2 tries left)" in errors["s0"]
    assert "HTTP 404" in errors["s1"] and "try again" not in errors["s1"]
    feed_server.routes["/story/0"] = Route(body=page(0), headers={"Content-Type": "text/html"})
    summary = refresh(store, cfg)  # the 503 has passed; the 500 fails again; the 404 is not asked again
    assert (summary.full_text_ok, summary.full_text_failed) == (1, 1)
    articles = {a.guid: a for a in store.list_articles()}
    assert articles["s0"].full_content is not None and articles["s0"].full_text_error is None
    assert "(1 try left)" in (articles["s2"].full_text_error or "")
    refresh(store, cfg)
    assert "gave up after 3 tries" in ({a.guid: a for a in store.list_articles()}["s2"].full_text_error or "")
    refresh(store, cfg)  # no tries left: nothing is asked again
    assert (tries("/story/0"), tries("/story/1"), tries("/story/2")) == (2, 1, 3)
