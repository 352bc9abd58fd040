"""Another program writing to the store (a `reader fetch` from cron) while the reader runs: the reader notices
(Store.data_version, polled) and shows what changed, keeping the reader's place; its own writes reload nothing."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from reader.models import ParsedEntry
from reader.store import Store
from reader.tui.app import ReaderApp
from reader.tui.messages import StorePolled
from reader.tui.screens.failed_feeds import FailedFeeds
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import ReadingView
from reader.tui.widgets.sidebar import Sidebar
from tests.tui.conftest import answer, settle, wait_until
from tests.tui.test_fits_and_marks import SMALL, drawn, troubled_app  # noqa: F401 (a fixture)

POLL_S = 0.1  # the tests poll often, so that they wait on conditions, not on the 3 s a user waits at most


def test_data_version_changes_with_other_connections_commits_only(tmp_path: Path) -> None:
    with Store(tmp_path / "r.db") as mine, Store(tmp_path / "r.db") as other:
        before = mine.data_version()
        mine.set_setting("theme", "x")  # a write of its own
        assert mine.data_version() == before
        other.set_setting("theme", "y")
        assert mine.data_version() != before


def fetch_elsewhere(sample_dir: Path) -> None:
    """`reader fetch` in another process, on the app's database, as cron runs it."""
    done = subprocess.run([sys.executable, "-m", "reader", "--config", str(sample_dir / "feeds.toml"), "--db",
                           str(sample_dir / "r.db"), "fetch"], capture_output=True, text=True, cwd=sample_dir)
    assert done.returncode == 0 and "feeds:" in done.stdout, done


def sidebar_prompts(app: ReaderApp) -> list[str]:
    return [o.prompt.plain for o in app.query_one(Sidebar).options if o is not None and o.id]


async def test_a_fetch_elsewhere_shows_its_marks_counts_and_articles_keeping_the_readers_place(
        troubled_app: ReaderApp, sample_dir: Path) -> None:  # noqa: F811 (the fixture)
    troubled_app.STORE_POLL_S = POLL_S
    async with troubled_app.run_test(size=SMALL) as pilot:
        await settle(troubled_app, pilot)
        troubled_app.sidebar_choice = True
        troubled_app.fit_sidebar()
        table = troubled_app.query_one(ArticleList)
        await pilot.press("j", "j", "j", "j", "enter")
        await settle(troubled_app, pilot)
        opened, row = table.current, table.cursor_row
        assert opened is not None and troubled_app.query_one(ReadingView).article == table.current
        on_screen = row - table.scroll_y
        unread_before = next(p for p in sidebar_prompts(troubled_app) if "Unread" in p)

        await asyncio.to_thread(fetch_elsewhere, sample_dir)
        table = troubled_app.query_one(ArticleList)

        def fetch_shown() -> bool:  # a poll may come between the fetch's transactions: wait for its last
            prompts = sidebar_prompts(troubled_app)
            return (any("County Herald" in p and "~" in p for p in prompts)
                    and any("Gone Gazette" in p and "!" in p for p in prompts)
                    and any(table.articles[i].feed_name == "County Herald" for i in table.order))

        await wait_until(pilot, fetch_shown)
        await settle(troubled_app, pilot)

        prompts = sidebar_prompts(troubled_app)
        assert next(p for p in prompts if "Unread" in p) != unread_before  # the Herald's article is unread
        assert any(table.articles[i].feed_name == "County Herald" for i in table.order)  # listed, above
        assert table.current is not None and table.current.id == opened.id  # the cursor kept its article...
        assert table.cursor_row > row  # the new articles came above it
        await wait_until(pilot, lambda: table.cursor_row - table.scroll_y == on_screen)  # ...and its place
        view = troubled_app.query_one(ReadingView)
        assert view.article is not None and view.article.id == opened.id  # still open
        assert "13 articles" not in str(troubled_app.query_one("#view-status").render())

        await pilot.press("e")
        await settle(troubled_app, pilot)
        assert isinstance(troubled_app.screen, FailedFeeds)
        listed = "\n".join(drawn(s) for s in troubled_app.screen.query(Static))
        assert "Feeds whose last fetch failed (1)" in listed and "Feeds last read only in part (1)" in listed

        # The e screen, left open, follows the next fetch elsewhere: the missing feed is back.
        (sample_dir / "reader" / "samples" / "missing.xml").write_text(
            (sample_dir / "reader" / "samples" / "wnyc.xml").read_text())
        await asyncio.to_thread(fetch_elsewhere, sample_dir)
        await wait_until(pilot, lambda: "Feeds whose last fetch failed" not in "\n".join(
            drawn(s) for s in troubled_app.screen.query(Static)))
        listed = "\n".join(drawn(s) for s in troubled_app.screen.query(Static))
        assert "Feeds last read only in part (1)" in listed


async def test_the_readers_own_writes_reload_nothing(troubled_app: ReaderApp) -> None:  # noqa: F811
    troubled_app.STORE_POLL_S = POLL_S
    async with troubled_app.run_test(size=SMALL) as pilot:
        await settle(troubled_app, pilot)
        polls: list[int | None] = []
        reloads: list[bool] = []
        poll, load = troubled_app.poll_store, troubled_app.load_articles

        def counted_poll(number: int, seen: int | None, open_article: int | None) -> None:
            polls.append(open_article)
            poll(number, seen, open_article)

        def counted_load(reset: bool, offset: int = 0, size: int = 200, keep_place: bool = False) -> None:
            reloads.append(keep_place)
            load(reset, offset, size, keep_place)

        troubled_app.poll_store = counted_poll  # type: ignore[method-assign]
        troubled_app.load_articles = counted_load  # type: ignore[method-assign]
        await pilot.press("enter", "s", "m", "j", "enter")  # opening marks read; a star; unread again
        await settle(troubled_app, pilot)
        seen = len(polls)
        await wait_until(pilot, lambda: len(polls) >= seen + 3)  # three more looks, each after every write
        await settle(troubled_app, pilot)
        assert True not in reloads


async def test_an_answer_about_the_place_ends_when_another_program_adds_articles(
        troubled_app: ReaderApp, sample_dir: Path) -> None:  # noqa: F811
    troubled_app.STORE_POLL_S = POLL_S
    async with troubled_app.run_test(size=SMALL) as pilot:
        await settle(troubled_app, pilot)
        await pilot.press("enter", "left_square_bracket")
        await settle(troubled_app, pilot)
        assert answer(troubled_app) == "This is the first article in this view."
        with Store(sample_dir / "r.db") as other:
            feed = other.feeds()[0].id
            other.upsert_entries(feed, [ParsedEntry("g:new", "https://x.example/new", None, "Newer still", None,
                                                    "2026-11-30T11:00:00+00:00", "<p>x</p>", "x", "h-new")])
        await wait_until(pilot, lambda: answer(troubled_app) != "This is the first article in this view.")
        await settle(troubled_app, pilot)
        table = troubled_app.query_one(ArticleList)
        assert table.articles[table.order[0]].title == "Newer still"
        assert table.cursor_row == 1  # still on the article that was first


async def test_no_worker_changes_the_apps_state(troubled_app: ReaderApp, sample_dir: Path,  # noqa: F811
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers only post messages; the handlers, on the app's thread, own every attribute (the store's version
    seen by the poll, the NewsFinder kept for the next page, the counts). Watched through keys, a poll that sees
    another program's write and a refresh."""
    main, from_threads = threading.get_ident(), []
    setattr_ = ReaderApp.__setattr__

    def watched(app: ReaderApp, name: str, value: object) -> None:
        if threading.get_ident() != main:
            from_threads.append(name)
        setattr_(app, name, value)

    monkeypatch.setattr(ReaderApp, "__setattr__", watched)
    troubled_app.STORE_POLL_S = POLL_S
    async with troubled_app.run_test(size=SMALL) as pilot:
        await settle(troubled_app, pilot)
        await pilot.press("enter", "s", "m", "j", "enter")
        await settle(troubled_app, pilot)
        seen = troubled_app.store_version
        fetch_elsewhere(sample_dir)
        await wait_until(pilot, lambda: troubled_app.store_version != seen)
        await settle(troubled_app, pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: not troubled_app.refreshing)
        await settle(troubled_app, pilot)
    assert troubled_app.news_finder is not None and seen is not None  # both were kept, by their handlers
    assert from_threads == []


async def test_a_poll_answering_after_a_newer_one_is_dropped(troubled_app: ReaderApp) -> None:  # noqa: F811
    """A poll can wait behind a long query (a topic count) while a newer one answers: the older answer neither
    reloads the list again nor takes the kept version back (which would reload once more at the next poll)."""
    troubled_app.STORE_POLL_S = 3600  # no poll of the timer's among the ones posted here
    async with troubled_app.run_test(size=SMALL) as pilot:
        await settle(troubled_app, pilot)
        reloads: list[bool] = []
        load = troubled_app.load_articles

        def counted_load(reset: bool, offset: int = 0, size: int = 200, keep_place: bool = False) -> None:
            reloads.append(keep_place)
            load(reset, offset, size, keep_place)

        troubled_app.load_articles = counted_load  # type: ignore[method-assign]
        kept, asked = troubled_app.store_version, troubled_app.polls_asked
        assert kept is not None
        troubled_app.post_message(StorePolled(asked + 2, kept + 2, kept, None))  # the newer poll answers first
        troubled_app.post_message(StorePolled(asked + 1, kept + 1, kept, None))  # then the older one
        await settle(troubled_app, pilot)
        assert troubled_app.store_version == kept + 2
        assert reloads == [True]  # one reload, for the newer answer
        troubled_app.post_message(StorePolled(asked + 3, kept + 2, kept + 2, None))  # the next poll: nothing moved
        await settle(troubled_app, pilot)
        assert reloads == [True] and troubled_app.polls_handled == asked + 3


def add_elsewhere(db: Path, count: int) -> None:
    with Store(db) as other:
        other.upsert_entries(other.feeds()[0].id, [
            ParsedEntry(f"g:else{i}", f"https://x.example/else{i}", None, f"Elsewhere {i}", None,
                        "2026-11-30T11:00:00+00:00", "<p>x</p>", "x", f"h-else{i}") for i in range(count)])


async def test_the_own_refresh_summary_says_what_another_program_added_since(
        troubled_app: ReaderApp, sample_dir: Path) -> None:  # noqa: F811
    """The refresh summary stayed as if it were the latest news after a `reader fetch` added 5 (try11 find 17)."""
    troubled_app.STORE_POLL_S = POLL_S
    async with troubled_app.run_test(size=(160, 30)) as pilot:
        await settle(troubled_app, pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: troubled_app.activity.startswith("Refreshed"))
        await settle(troubled_app, pilot)
        summary = troubled_app.activity
        add_elsewhere(sample_dir / "r.db", 5)
        await wait_until(pilot, lambda: answer(troubled_app) != summary)
        assert answer(troubled_app) == f"{summary} · then another program added 5 articles"
        add_elsewhere(sample_dir / "r.db", 7)  # the same 5 (updated, not new) and 2 more
        await wait_until(pilot, lambda: answer(troubled_app).endswith("added 7 articles"))
        await pilot.press("r")  # the app's own refresh: its summary alone again
        await wait_until(pilot, lambda: not troubled_app.refreshing and "another" not in answer(troubled_app))
        assert answer(troubled_app).startswith("Refreshed")


async def test_without_an_own_refresh_the_status_says_another_program_added(
        troubled_app: ReaderApp, sample_dir: Path) -> None:  # noqa: F811
    troubled_app.STORE_POLL_S = POLL_S
    async with troubled_app.run_test(size=(160, 30)) as pilot:
        await settle(troubled_app, pilot)
        assert troubled_app.activity == ""
        add_elsewhere(sample_dir / "r.db", 1)
        await wait_until(pilot, lambda: answer(troubled_app) == "Another program added 1 article")
