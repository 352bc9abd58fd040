"""Answers about the cursor's place end when it moves; j / k stop at the ends of every list; relative dates age."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from rich.text import Text

from reader.models import ParsedEntry
from reader.tui.app import ReaderApp, build_app
from reader.tui.screens.topic_picker import TopicPicker
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import QuoteList
from reader.tui.widgets.sidebar import Sidebar
from tests.tui.conftest import NOW, answer, settle, wait_until

SMALL = (80, 24)
LAST, FIRST = "This is the last article in this view.", "This is the first article in this view."


async def test_the_last_and_first_article_answers_end_once_the_cursor_moves(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("G", "enter", "right_square_bracket")
        await settle(filled_app, pilot)
        assert answer(filled_app) == LAST
        await pilot.press("left_square_bracket")  # back one: no longer the last
        await settle(filled_app, pilot)
        assert LAST not in answer(filled_app)
        await pilot.press("g", "enter", "left_square_bracket")
        await settle(filled_app, pilot)
        assert answer(filled_app) == FIRST
        await pilot.press("j")  # any move, not only ] / [
        await settle(filled_app, pilot)
        assert FIRST not in answer(filled_app)


async def test_nothing_unread_ends_once_the_cursor_moves_and_other_answers_stay(filled_app: ReaderApp) -> None:
    store = filled_app.reader.store
    store.set_read([a.id for a in store.list_articles()][1:])  # only the first is unread
    async with filled_app.run_test(size=SMALL) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("j", "j", "n")
        await settle(filled_app, pilot)
        assert answer(filled_app) == "Nothing unread below; N looks above."
        await pilot.press("k")
        await settle(filled_app, pilot)
        assert "unread" not in answer(filled_app)
        await pilot.press("g", "enter", "n")  # the first, opened, is read: no unread article anywhere
        await settle(filled_app, pilot)
        assert answer(filled_app) == "No unread articles in this view."
        await pilot.press("j")
        await settle(filled_app, pilot)
        assert "unread" not in answer(filled_app)
        await pilot.press("s", "k")  # an answer about the article, not the place: moving keeps it
        await settle(filled_app, pilot)
        assert answer(filled_app).startswith("Starred: ")


async def test_j_and_k_stop_at_the_ends_of_the_quotes_the_sidebar_and_the_topic_picker(
        filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        table, quotes = filled_app.query_one(ArticleList), filled_app.query_one(QuoteList)
        for row in range(len(table.order)):  # an article with two key quotes or more
            table.move_cursor(row=row)
            await pilot.press("enter")
            await settle(filled_app, pilot)
            if quotes.option_count >= 2:
                break
        assert quotes.option_count >= 2
        quotes.focus()
        await pilot.press(*["j"] * (quotes.option_count + 2))
        assert quotes.highlighted == quotes.option_count - 1  # stays on the last: p pins the one shown
        await pilot.press(*["k"] * (quotes.option_count + 2))
        assert quotes.highlighted == 0
        await pilot.press("k", "up")
        assert quotes.highlighted == 0

        sidebar = filled_app.query_one(Sidebar)
        sidebar.focus()
        await pilot.press("G", "j", "down")
        assert sidebar.highlighted == sidebar.option_count - 1
        await pilot.press("g", "k", "up")
        assert sidebar.highlighted == 0

        await pilot.press("t")
        await settle(filled_app, pilot)
        assert isinstance(filled_app.screen, TopicPicker)
        picker = filled_app.screen.query_one("#topic-options")
        await pilot.press("k")
        assert picker.highlighted == 0
        await pilot.press(*["j"] * 20)
        assert picker.highlighted == picker.option_count - 1  # type: ignore[attr-defined]


async def test_relative_dates_in_the_list_age_on_a_timer(sample_dir: Path, filled_app: ReaderApp) -> None:
    clock = [NOW]
    store = filled_app.reader.store
    store.upsert_entries(store.feeds()[0].id, [
        ParsedEntry("g:fresh", "https://x.example/fresh", None, "Fresh", None,
                    (NOW - timedelta(minutes=5)).isoformat(), "<p>x</p>", "x", "h-fresh"),
        ParsedEntry("g:days", "https://x.example/days", None, "Six days", None,
                    (NOW - timedelta(days=6, hours=23)).isoformat(), "<p>x</p>", "x", "h-days")])
    filled_app.reader.close()
    app = build_app(sample_dir / "feeds.toml", sample_dir / "r.db", now=lambda: clock[0])
    app.DATES_EVERY_S = 0.05

    def when(title: str) -> str:
        table = app.query_one(ArticleList)
        aid = next(i for i in table.order if table.articles[i].title == title)
        cell = table.get_cell(str(aid), "when")
        return cell.plain if isinstance(cell, Text) else str(cell)

    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        assert when("Fresh") == "5m" and when("Six days") == "6d"
        assert set(app.query_one(ArticleList).ticking) == {  # only rows whose date reads relative are looked at
            i for i, a in app.query_one(ArticleList).articles.items() if a.title in ("Fresh", "Six days")}
        clock[0] = NOW + timedelta(hours=2)
        await wait_until(pilot, lambda: when("Fresh") == "2h")
        assert when("Six days") == "23 Nov 2026"  # seven days old now: its day, which no longer ages
        assert len(app.query_one(ArticleList).ticking) == 1  # a day no longer ages

