"""An answer that speaks of "this" article never outlives it (nor shows over another screen), and every article
key in an empty view says why it did nothing."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.widgets import Input

from reader import what_changed
from reader.tui.app import ReaderApp
from reader.tui.screens.copies import CopiesScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import ReadingView
from reader.tui.widgets.sidebar import Sidebar
from tests.tui.conftest import answer, record_answers, settle, show_sidebar_entry, wait_until

NO_COPIES = "No other outlet in the store ran this story."
ARTICLE_KEYS = ("m", "s", "o", "y", "c", "p", "d")


def _row_before_copies(app: ReaderApp) -> int:
    """The row just above the first story other outlets ran too; it must have no copies itself."""
    table = app.query_one(ArticleList)
    row = next(i for i, aid in enumerate(table.order) if table.badges[aid][1])
    assert row > 0 and table.badges[table.order[row - 1]][1] == 0
    return row - 1


async def test_no_other_outlet_ends_when_the_next_article_opens_and_its_copies_show(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        table.move_cursor(row=_row_before_copies(filled_app))
        await pilot.press("enter", "c")
        await settle(filled_app, pilot)
        assert answer(filled_app) == NO_COPIES
        await pilot.press("right_square_bracket")  # the next article: it has copies
        await settle(filled_app, pilot)
        assert answer(filled_app) != NO_COPIES
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(filled_app.screen, CopiesScreen))
        assert answer(filled_app) != NO_COPIES


async def test_an_answer_arriving_after_the_cursor_moved_on_is_dropped(
        filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = record_answers(filled_app)
    release = threading.Event()
    compare = what_changed.story_copies

    def held(*args: Any) -> Any:
        release.wait(60)
        return compare(*args)

    monkeypatch.setattr(what_changed, "story_copies", held)
    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        filled_app.query_one(ArticleList).move_cursor(row=_row_before_copies(filled_app))
        await pilot.press("c", "j")  # the comparison is read in a worker: j comes before it is done
        release.set()
        await settle(filled_app, pilot)
        assert NO_COPIES not in answers and answer(filled_app) != NO_COPIES
        assert not isinstance(filled_app.screen, CopiesScreen)


async def test_an_answer_about_this_article_ends_when_a_screen_opens(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        table.move_cursor(row=_row_before_copies(filled_app))
        await pilot.press("c")
        await settle(filled_app, pilot)
        assert answer(filled_app) == NO_COPIES
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(filled_app.screen, HelpScreen))
        assert answer(filled_app) == ""
        await pilot.press("escape", "s")  # an answer that names its article stays over a screen
        await settle(filled_app, pilot)
        assert answer(filled_app).startswith("Starred: ")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(filled_app.screen, HelpScreen))
        assert answer(filled_app).startswith("Starred: ")


async def test_every_article_key_in_an_empty_view_says_why_once_whatever_has_focus(filled_app: ReaderApp) -> None:
    answers = record_answers(filled_app)
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("enter")  # an article was open before the search emptied the view
        await settle(filled_app, pilot)
        await pilot.press("slash", *"zzzqqq", "enter")
        await settle(filled_app, pilot)
        assert not filled_app.query_one(ArticleList).order
        for pane in (ArticleList, Sidebar, ReadingView):
            filled_app.query_one(pane).focus()
            for key in ARTICLE_KEYS:
                answers.clear()
                await pilot.press(key)
                await settle(filled_app, pilot)
                assert answers == ["No articles in this view."], (pane, key)
                assert answer(filled_app) == answers[0]


async def test_not_open_ends_when_n_opens_that_same_article(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        filled_app.query_one(ArticleList).focus()
        await pilot.press("d")  # the highlighted article is not open
        await settle(filled_app, pilot)
        assert answer(filled_app) == "This article is not open: press enter first."
        await pilot.press("n")  # the highlighted article is unread: n opens it
        await settle(filled_app, pilot)
        assert filled_app.query_one(ReadingView).article is not None
        assert answer(filled_app) == ""


async def test_a_sidebar_choice_clears_the_search_box_and_leaving_it_shows_the_lists_search(
        filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        search = filled_app.query_one("#search", Input)
        await pilot.press("slash", *"secure", "enter")
        await settle(filled_app, pilot)
        assert search.display and search.value == "secure" and filled_app.filter.search == "secure"
        await show_sidebar_entry(filled_app, pilot, "starred")
        assert filled_app.filter.starred_only and not search.display and search.value == ""
        await pilot.press("slash", *"frost", "tab")  # typed, never submitted: the list is still Starred
        await settle(filled_app, pilot)
        assert not search.has_focus and not search.display and search.value == ""
        await pilot.press("slash", *"frost", "enter", "slash", *"xyz", "shift+tab")
        await settle(filled_app, pilot)
        assert search.display and search.value == "frost" == filled_app.filter.search


async def test_a_topic_found_after_another_view_was_chosen_is_not_shown(
        filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    find = ReaderApp._topic_ids

    def held(self: ReaderApp, *args: Any) -> Any:
        release.wait(60)
        return find(self, *args)

    monkeypatch.setattr(ReaderApp, "_topic_ids", held)
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        sidebar = filled_app.query_one(Sidebar)
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index("topic:E-Verify")
        await pilot.press("enter")
        await wait_until(pilot, lambda: answer(filled_app) == "Finding articles on E-Verify…")
        sidebar.highlighted = sidebar.get_option_index("starred")
        await pilot.press("enter")  # chosen while the topic is still being found
        await wait_until(pilot, lambda: answer(filled_app) == "")
        release.set()
        await settle(filled_app, pilot)
        assert filled_app.view_key == "starred" and filled_app.filter.starred_only
