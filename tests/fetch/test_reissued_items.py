"""A feed re-issuing one item with a new guid, link and timestamp each fetch keeps one article (try11 F37).

Through the real refresh (a feed served from 127.0.0.1) and the store: the re-issue updates its
article in place (read and starred kept); items that stand side by side in one document and differ
only in numbers (a daily docket) stay different articles; an article last changed outside
REISSUE_WINDOW is not re-issued; v18 keeps every stored article.
"""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
from html import escape
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from reader.fetch.refresh import refresh
from reader.models import ParsedEntry
from reader.reissued_items import reissue_key
from reader.store import SCHEMA_VERSION, Store
from reader.store.schema import migrate
from tests.conftest import config_for
from tests.feed_server import FeedServer, Route

BODY = ("The council weighed the E-Verify rule on Tuesday, members said. The vote is expected next week after a "
        "public hearing on the costs for small businesses. Updated at {stamp}.")


def rss(*items: tuple[str, str, str, str]) -> bytes:
    """A document of (guid, link, title, body) items."""
    body = "".join(f'<item><guid isPermaLink="false">{escape(g)}</guid><link>{escape(link)}</link>'
                   f"<title>{escape(t)}</title><description>{escape(b)}</description></item>"
                   for g, link, t, b in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>GT</title>{body}</channel></rss>'.encode()


def test_reissue_key_drops_digits_and_case_and_needs_words() -> None:
    one = reissue_key("Council weighs rule (updated 05:11:18)", BODY.format(stamp="05:11:18 1733115078.12"))
    two = reissue_key("Council weighs RULE (updated 17:02:59)", BODY.format(stamp="17:02:59 1733157779.99"))
    assert one is not None and one == two
    assert reissue_key("Council weighs rule", BODY.format(stamp="noon")) != one  # a word changed: not a re-issue
    assert reissue_key("Results", "12 34 56 78 90 11 22 33 44 55") is None  # no words to tell items apart


def test_five_fetches_of_a_re_issued_item_keep_one_article_and_its_state(tmp_path: Path, feed_server: FeedServer,
                                                                       store: Store) -> None:
    count = itertools.count(1)

    def fresh_issue(_: BaseHTTPRequestHandler) -> Route:
        n = next(count)
        stamp = f"05:11:{n:02d} 17331150{n:02d}.123"
        return Route(body=rss((f"uuid-{n}", f"https://gt.example/story?u={n}",
                               f"Council weighs E-Verify rule (updated {stamp})", BODY.format(stamp=stamp))))

    feed_server.routes["/guidtime.xml"] = Route(dynamic=fresh_issue)
    cfg = config_for(tmp_path, {"GuidTime": feed_server.url("/guidtime.xml")})
    assert refresh(store, cfg).new == 1
    [first] = store.list_articles()
    store.set_read([first.id])
    store.set_starred([first.id])
    for _ in range(2, 6):
        again = refresh(store, cfg, force=True)
        assert (again.new, again.updated) == (0, 1)
    [article] = store.list_articles()
    assert (article.id, article.guid, article.link) == (first.id, "uuid-5", "https://gt.example/story?u=5")
    assert "05:11:05" in article.title and article.is_read and article.is_starred


def test_items_side_by_side_that_differ_only_in_numbers_stay_different_articles(
        tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    day = ("d1", "https://court.example/1", "Docket for 1 December", "Hearings in courtroom 3 at 9:00 for cases "
           "listed below, the clerk's office said in a notice posted on the court's website on 1 December.")
    feed_server.routes["/docket.xml"] = Route(body=rss(day))
    cfg = config_for(tmp_path, {"Docket": feed_server.url("/docket.xml")})
    assert refresh(store, cfg).new == 1
    next_day = ("d2", "https://court.example/2", "Docket for 2 December", day[3].replace("1 December", "2 December")
                .replace("9:00", "10:00"))
    assert reissue_key(day[2], day[3]) == reissue_key(next_day[2], next_day[3])
    feed_server.routes["/docket.xml"] = Route(body=rss(next_day, day))  # the first day's item is still there
    second = refresh(store, cfg, force=True)
    assert (second.new, second.updated, store.count_articles()) == (1, 0, 2)


def entry(guid: str, stamp: str) -> ParsedEntry:
    title, body = f"Council weighs rule ({stamp})", BODY.format(stamp=stamp)
    return ParsedEntry(key=f"g:{guid}", guid=guid, link=f"https://x.example/{guid}", title=title, author=None,
                       published=None, content=body, text=body,
                       content_hash=hashlib.sha1(f"{title}\0{body}".encode()).hexdigest(),
                       reissue_key=reissue_key(title, body))


def test_an_article_changed_outside_the_window_is_not_re_issued(store: Store) -> None:
    from reader.config import FeedConfig
    store.sync_feeds([FeedConfig(name="F", url="/f.xml")], {"F": "/f.xml"})
    fid = store.feeds()[0].id
    assert store.upsert_entries(fid, [entry("a", "09:00")]) == (1, 0)
    assert store.upsert_entries(fid, [entry("b", "09:15")]) == (0, 1)
    with store._write() as c:
        c.execute("UPDATE articles SET updated = '2026-01-01T00:00:00+00:00'")
    assert store.upsert_entries(fid, [entry("c", "21:30")]) == (1, 0)
    assert store.upsert_entries(fid, [entry("d", "21:45"), entry("e", "21:46")]) == (2, 0)  # side by side: both new
    assert store.count_articles() == 4


def test_v18_keeps_every_stored_article(tmp_path: Path) -> None:
    path = tmp_path / "v17.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 17)
    conn.execute("INSERT INTO feeds (id, name, url) VALUES (1, 'F', '/f.xml')")
    conn.execute("INSERT INTO articles (feed_id, key, title, sort_date, first_seen, updated, content, text, "
                 "content_hash, is_starred) VALUES (1, 'g:a', 'Kept', '2026-01-01', '2026-01-01', '2026-01-01', "
                 "'c', 't', 'h', 1)")
    conn.close()
    with Store(path) as store:
        [a] = store.list_articles()
        assert (a.title, a.is_starred) == ("Kept", True)
        assert store._query("SELECT reissue_key FROM articles") == [(None,)]
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
