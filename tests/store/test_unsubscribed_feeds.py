"""A feed removed from feeds.toml keeps its articles, and kept means found (try11 F29).

All, Starred and a search list them, marked "(unsubscribed)", and each count the sidebar shows
agrees with its list; the Unread view, a tag's and a topic's are of the feeds subscribed to.
"""

from __future__ import annotations

from reader.config import FeedConfig
from reader.store import ArticleFilter, Store
from tests.store.test_store import entry

KEPT = FeedConfig(name="Kept", url="/kept.xml", tags=("local",))
GONE = FeedConfig(name="ANSI", url="/ansi.xml", tags=("local",))


def _two_feeds(store: Store) -> tuple[int, int]:
    store.sync_feeds([KEPT, GONE], {"Kept": "/kept.xml", "ANSI": "/ansi.xml"})
    ids = {f.name: f.id for f in store.feeds()}
    store.upsert_entries(ids["Kept"], [entry("k1", "Council vote", "the council voted"),
                                       entry("k2", "Budget", "the budget passed")])
    store.upsert_entries(ids["ANSI"], [entry("a1", "Red title ALERT", "an alert"), entry("a2", "Other", "more")])
    starred = next(a.id for a in store.list_articles() if a.title == "Red title ALERT")
    store.set_starred([starred])
    return ids["Kept"], ids["ANSI"]


def sidebar_counts(store: Store) -> tuple[int, int, int]:
    """(All, Unread, Starred) as the TUI's sidebar counts them (tui/workers.load_sidebar)."""
    unread = store.unread_counts()
    return store.count_articles(), sum(unread.get(f.id, 0) for f in store.feeds()), store.starred_count()


def test_a_removed_feeds_articles_stay_in_all_starred_and_search_and_counts_agree_with_lists(store: Store) -> None:
    _, gone = _two_feeds(store)
    store.sync_feeds([KEPT], {"Kept": "/kept.xml"})  # `reader feeds remove ANSI`, then a refresh
    everything = store.list_articles()
    assert len(everything) == 4
    assert {a.title: a.outlet for a in everything if not a.subscribed} == {
        "Red title ALERT": "ANSI (unsubscribed)", "Other": "ANSI (unsubscribed)"}
    assert [a.title for a in store.list_articles(ArticleFilter(search="ALERT"))] == ["Red title ALERT"]
    starred = store.list_articles(ArticleFilter(starred_only=True))
    assert [a.title for a in starred] == ["Red title ALERT"]
    unread = store.list_articles(ArticleFilter(unread_only=True))
    assert sorted(a.title for a in unread) == ["Budget", "Council vote"]  # what is left to read: subscribed feeds
    assert store.list_articles(ArticleFilter(tag="local")) and all(
        a.subscribed for a in store.list_articles(ArticleFilter(tag="local")))
    assert sidebar_counts(store) == (len(everything), len(unread), len(starred))
    assert store.count_articles(ArticleFilter(starred_only=True)) == len(starred)
    assert store.count_articles(ArticleFilter(search="ALERT")) == 1
    assert store.feed(gone) is not None


def test_subscribing_again_brings_the_articles_back_unmarked_with_their_state(store: Store) -> None:
    _two_feeds(store)
    store.sync_feeds([KEPT], {"Kept": "/kept.xml"})
    store.sync_feeds([KEPT, GONE], {"Kept": "/kept.xml", "ANSI": "/ansi.xml"})
    assert all(a.subscribed for a in store.list_articles())
    [alert] = store.list_articles(ArticleFilter(starred_only=True))
    assert (alert.outlet, alert.is_starred) == ("ANSI", True)
    assert sidebar_counts(store) == (4, 4, 1)
