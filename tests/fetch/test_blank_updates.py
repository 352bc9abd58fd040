"""An update with a blank title or body never wipes the stored one: publishers' feeds glitch, articles stay.

Through the real refresh (served from 127.0.0.1, parse workers, the store).
"""

from __future__ import annotations

from pathlib import Path

from reader.fetch.refresh import refresh
from reader.store import ArticleFilter, Store
from tests.feed_server import FeedServer, Route
from tests.fetch.test_repeated_items import FULL, LINK, config, item, rss


def only_article(store: Store) -> tuple[str, str, str]:
    [article] = store.list_articles(ArticleFilter())
    return article.title, article.content, article.text


def test_a_blank_body_or_title_keeps_the_stored_one_and_a_real_update_still_lands(
        tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    route = feed_server.routes["/f"] = Route(body=rss(item("g1", LINK, FULL, "Sheriff ends agreement")))
    cfg = config(tmp_path, feed_server, "/f")
    assert refresh(store, cfg).new == 1
    stored = only_article(store)
    store.set_read([store.list_articles(ArticleFilter())[0].id])

    route.body = rss(item("g1", LINK, "", "Sheriff ends agreement"))  # the body went blank
    assert refresh(store, cfg).updated == 0
    assert only_article(store) == stored
    route.body = rss(item("g1", LINK, "", ""))  # and then the title too
    assert refresh(store, cfg).updated == 0
    assert only_article(store) == stored

    route.body = rss(item("g1", LINK, "<p>The sheriff ended it on Monday.</p>", ""))  # a new body, title still blank
    assert refresh(store, cfg).updated == 1
    title, content, text = only_article(store)
    assert (title, content) == ("Sheriff ends agreement", "<p>The sheriff ended it on Monday.</p>")
    assert "Monday" in text and len(store.list_articles(ArticleFilter(search="Monday"))) == 1  # and indexed
    assert store.list_articles(ArticleFilter())[0].is_read  # the reader's state is never touched
