"""A feed that reuses a guid for another story keeps the old article; a real update under it still updates in place.

Through the store (upsert_entries) and the real refresh (a feed served from 127.0.0.1 whose one
guid, a "slot", carries another story on the second fetch: try11 find F27).
"""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path

from reader.fetch.refresh import refresh
from reader.models import ParsedEntry
from reader.store import ArticleFilter, Store
from reader.store.reused_keys import DISPLACED_PREFIX
from tests.conftest import config_for
from tests.feed_server import FeedServer, Route

COUNCIL = ("The council approved the E-Verify rule on Tuesday after a long hearing. Employers with more than "
           "twenty workers must check new hires against the federal database from March, the rule says.")
MAYOR = ("The mayor vetoed the sanctuary bill on Wednesday, her office said. The bill would have barred the police "
         "from holding people for immigration agents without a warrant signed by a judge.")


def entry(guid: str, title: str, body: str, link: str | None = None) -> ParsedEntry:
    digest = hashlib.sha1(f"{title}\0{body}".encode()).hexdigest()
    return ParsedEntry(key=f"g:{guid}", guid=guid, link=link, title=title, author=None,
                       published="2026-12-01T13:00:00+00:00", content=f"<p>{body}</p>", text=body,
                       content_hash=digest)


def one_feed(store: Store) -> int:
    from reader.config import FeedConfig
    store.sync_feeds([FeedConfig(name="F", url="/f.xml")], {"F": "/f.xml"})
    return store.feeds()[0].id


def test_another_story_under_a_stored_guid_is_a_new_article_and_the_old_keeps_its_state(store: Store) -> None:
    fid = one_feed(store)
    assert store.upsert_entries(fid, [entry("slot1", "Council approves E-Verify rule", COUNCIL,
                                            "https://reuse.example/story-a")]) == (1, 0)
    [old] = store.list_articles()
    store.set_read([old.id])
    store.set_starred([old.id])
    assert store.upsert_entries(fid, [entry("slot1", "Mayor vetoes sanctuary bill", MAYOR,
                                            "https://reuse.example/story-b")]) == (1, 0)
    kept = store.article(old.id)
    assert kept is not None
    assert (kept.title, kept.link, kept.is_read, kept.is_starred) == (
        "Council approves E-Verify rule", "https://reuse.example/story-a", True, True)
    [new] = [a for a in store.list_articles() if a.id != old.id]
    assert (new.title, new.is_read, new.is_starred) == ("Mayor vetoes sanctuary bill", False, False)
    assert [a.id for a in store.list_articles(ArticleFilter(search="E-Verify"))] == [old.id]
    assert [a.id for a in store.list_articles(ArticleFilter(starred_only=True))] == [old.id]
    # The new story now holds the guid: fetched again it is unchanged, and a correction of it updates it in place.
    assert store.upsert_entries(fid, [entry("slot1", "Mayor vetoes sanctuary bill", MAYOR,
                                            "https://reuse.example/story-b")]) == (0, 0)
    store.set_read([new.id])
    assert store.upsert_entries(fid, [entry("slot1", "Mayor vetoes sanctuary bill", MAYOR + " Corrected.",
                                            "https://reuse.example/story-b")]) == (0, 1)
    corrected = store.article(new.id)
    assert corrected is not None and corrected.is_read and corrected.text.endswith("Corrected.")
    assert store.count_articles() == 2


def test_a_new_headline_and_text_on_the_same_page_is_another_story_when_the_text_is_mostly_new(store: Store) -> None:
    fid = one_feed(store)
    store.upsert_entries(fid, [entry("slot1", "Council approves E-Verify rule", COUNCIL, "https://x.example/slot")])
    assert store.upsert_entries(fid, [entry("slot1", "Mayor vetoes sanctuary bill", MAYOR,
                                            "https://x.example/slot")]) == (1, 0)
    assert sorted(a.title for a in store.list_articles()) == ["Council approves E-Verify rule",
                                                               "Mayor vetoes sanctuary bill"]


def test_a_new_headline_on_the_same_text_or_the_same_page_is_an_update_in_place(store: Store) -> None:
    fid = one_feed(store)
    store.upsert_entries(fid, [entry("g1", "Council approves E-Verify rule", COUNCIL, "https://x.example/a")])
    [a] = store.list_articles()
    store.set_starred([a.id])
    store.set_read([a.id])
    # Headline rewritten, a sentence added: the same page, mostly the same text.
    assert store.upsert_entries(fid, [entry("g1", "Council passes E-Verify rule, 5-4", COUNCIL + " Two members "
                                            "voted against it.", "https://x.example/a")]) == (0, 1)
    # The link moved under the same headline: still the article.
    assert store.upsert_entries(fid, [entry("g1", "Council passes E-Verify rule, 5-4", COUNCIL,
                                            "https://x.example/moved")]) == (0, 1)
    [got] = store.list_articles()
    assert (got.id, got.title, got.link, got.is_read, got.is_starred) == (
        a.id, "Council passes E-Verify rule, 5-4", "https://x.example/moved", True, True)


def test_a_short_text_too_short_to_compare_is_updated_as_before(store: Store) -> None:
    fid = one_feed(store)
    store.upsert_entries(fid, [entry("g1", "Old", "alpha")])
    assert store.upsert_entries(fid, [entry("g1", "New", "bravo")]) == (0, 1)
    assert not any(a.title == "Old" for a in store.list_articles())


def test_the_displaced_article_can_be_taken_back_by_its_own_link_and_title(store: Store) -> None:
    """A slot rotating back to its first story finds that story by link and title: no third copy."""
    fid = one_feed(store)
    a = entry("slot1", "Council approves E-Verify rule", COUNCIL, "https://reuse.example/story-a")
    b = entry("slot1", "Mayor vetoes sanctuary bill", MAYOR, "https://reuse.example/story-b")
    store.upsert_entries(fid, [a])
    store.upsert_entries(fid, [b])
    assert store.upsert_entries(fid, [a]) == (0, 0)  # the same as the stored first story: nothing to write
    assert store.count_articles() == 2
    assert sorted(a.title for a in store.list_articles()) == ["Council approves E-Verify rule",
                                                               "Mayor vetoes sanctuary bill"]
    keys = [str(k) for (k,) in store._query("SELECT key FROM articles")]
    assert all(k.startswith(DISPLACED_PREFIX) for k in keys)  # neither holds the slot now: no item overwrites either


def rss(title: str, link: str, body: str) -> bytes:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Reuse</title><item>'
            f"<title>{escape(title)}</title><link>{escape(link)}</link>"
            f'<guid isPermaLink="false">slot1</guid><description>{escape(body)}</description>'
            "</item></channel></rss>").encode()


def test_a_feed_reusing_its_guid_through_the_refresh(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    feed_server.routes["/reuse.xml"] = Route(body=rss("Council approves E-Verify rule", "https://reuse.example/a",
                                                      COUNCIL))
    cfg = config_for(tmp_path, {"Reuse": feed_server.url("/reuse.xml")})
    assert refresh(store, cfg).new == 1
    [old] = store.list_articles()
    store.set_read([old.id])
    store.set_starred([old.id])
    feed_server.routes["/reuse.xml"] = Route(body=rss("Mayor vetoes sanctuary bill", "https://reuse.example/b", MAYOR))
    second = refresh(store, cfg, force=True)
    assert (second.new, second.updated) == (1, 0)
    rows = {a.title: (a.is_read, a.is_starred) for a in store.list_articles()}
    assert rows == {"Council approves E-Verify rule": (True, True), "Mayor vetoes sanctuary bill": (False, False)}
    third = refresh(store, cfg, force=True)
    assert (third.new, third.updated, store.count_articles()) == (0, 0, 2)
