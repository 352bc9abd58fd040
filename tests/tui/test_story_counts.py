"""One story id per article: "+N outlets" counts copies across the store, and every view groups copies alike."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from reader.core import make_reader
from reader.digest.topic_summary import fold_stories
from reader.fetch.refresh import refresh
from reader.models import ParsedEntry
from reader.topic_days import covered_stories
from reader.tui.app import ReaderApp
from reader.tui.screens.copies import CopiesScreen
from reader.tui.widgets.article_list import PAGE_SIZE, ArticleList
from tests.store.test_story_ids import EDITED, TRIMMED, WIRE, wire_entry
from tests.tui.conftest import settle
from tests.tui.test_app import SIZE
from tests.tui.test_what_changed import select

DHS = "DHS presses ahead with Secure Communities despite criticism"


async def test_outlets_are_counted_across_the_store_not_the_loaded_page(filled_app: ReaderApp) -> None:
    store = filled_app.reader.store
    feeds = {f.name: f.id for f in store.feeds()}
    store.upsert_entries(feeds["Civic Wire"], [wire_entry("newest", WIRE, "2026-11-29T23:00:00+00:00")])
    store.upsert_entries(feeds["WNYC News"], [  # a page and more of other articles between the copies
        ParsedEntry(f"g:f{i}", f"f{i}", None, f"Filler {i}", None,
                    f"2026-11-29T{10 + i // 60:02d}:{i % 60:02d}:00+00:00", "<p>x</p>", "x", f"h{i}")
        for i in range(PAGE_SIZE + 50)])
    store.upsert_entries(feeds["Metro Ledger"], [wire_entry("older", TRIMMED, "2026-11-28T20:00:00+00:00")])
    store.upsert_entries(feeds["Capitol Dispatch"], [wire_entry("oldest", EDITED, "2026-11-28T19:00:00+00:00")])
    newest, older = (next(a for a in store.list_articles(limit=1000) if a.guid == g) for g in ("newest", "older"))
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        assert newest.id in table.articles and older.id not in table.articles  # its copies are not on this page
        assert table.badges[newest.id][1] == 2
        assert table.get_cell(str(newest.id), "title").plain.endswith("+2 outlets")


async def test_the_list_the_copies_screen_the_digest_and_topic_days_group_by_the_stored_story(
        filled_app: ReaderApp) -> None:
    store = filled_app.reader.store
    story_id = next(a.story_id for a in store.list_articles() if a.title == DHS)
    dhs = [a for a in store.list_articles() if a.story_id == story_id]
    assert {a.feed_name for a in dhs} == {"Civic Wire", "Metro Ledger", "Capitol Dispatch"}
    # The store's grouping is what every view shows: put an unrelated WNYC article in the story.
    [stray] = [a for a in store.list_articles() if a.feed_name == "WNYC News"][:1]
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, stray.id))
    members = {a.id for a in dhs} | {stray.id}
    everything = store.list_articles()
    digest = [{a.id for a in s.members} for s in fold_stories(everything)]
    days = [{a.id for a in s} for s in covered_stories(everything, limit=100)]
    assert [g for g in digest if stray.id in g] == [g for g in days if stray.id in g] == [members]
    assert sorted(map(sorted, digest)) == sorted(map(sorted, days))
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        assert {i: table.badges[i][1] for i in members} == dict.fromkeys(members, 3)
        assert all(table.badges[i][1] == 0 for i in table.articles if i not in members)
        await select(filled_app, pilot, stray.title)
        await pilot.press("c")
        await settle(filled_app, pilot)
        screen = filled_app.screen
        assert isinstance(screen, CopiesScreen)
        assert {screen.earliest.source, *(c.copy.source for c in screen.changes)} == {
            "Civic Wire", "Metro Ledger", "Capitol Dispatch", "WNYC News"}


def test_a_refresh_keeps_story_ids_and_read_and_starred(sample_dir: Path) -> None:
    reader = make_reader(sample_dir / "feeds.toml", sample_dir / "r.db")
    config = replace(reader.config, fetch=replace(reader.config.fetch, concurrency=1))
    try:
        refresh(reader.store, config)
        before = reader.store.list_articles()
        reader.store.set_read([a.id for a in before[::2]])
        reader.store.set_starred([a.id for a in before[::3]])
        before = reader.store.list_articles()
        with sqlite3.connect(reader.store.path) as conn:  # every feed sends its whole body again
            conn.execute("UPDATE feeds SET body_hash = NULL, item_hashes = NULL, etag = NULL, last_modified = NULL")
        refresh(reader.store, config)
        after = reader.store.list_articles()
        assert [(a.id, a.story_id, a.is_read, a.is_starred) for a in after] == [
            (a.id, a.story_id, a.is_read, a.is_starred) for a in before]
        assert len({a.story_id for a in after}) < len(after)  # the samples' wire story has three copies
    finally:
        reader.close()


async def test_topic_counts_follow_read_changes_without_reading_every_article_again(filled_app: ReaderApp) -> None:
    """A read or unread article moves its topics' counts by one (a recount reads the whole store: seconds at
    4,000 articles, on every article opened); the counts stay what a recount gives."""
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        assert filled_app.topic_unread is not None
        recounts: list[int] = []
        count = filled_app.count_topic_unread
        filled_app.count_topic_unread = lambda tally: (recounts.append(1), count(tally))[1]  # type: ignore[method-assign]
        before = dict(filled_app.topic_unread)
        await pilot.press("enter", "j", "enter", "j", "m", "m", "j", "s", "k", "k", "m")
        await settle(filled_app, pilot)
        assert recounts == []
        followed = dict(filled_app.topic_unread)
        assert followed != before
        filled_app.recount_topics()
        await settle(filled_app, pilot)
        assert filled_app.topic_unread == followed
