"""Snapshots of the main screens at 160×45, 80×24, 60×15 and 40×10, with fixed data and a fixed clock (Textual pinned
exactly)."""

from __future__ import annotations

import pytest

from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import ArticleList
from tests.tui.conftest import settle

LARGE, SMALL = (160, 45), (80, 24)


def _seed_row(app: ReaderApp) -> int:
    table = app.query_one(ArticleList)
    return [table.articles[i].title for i in table.order].index("Task Force Critical of Secure Communities Program")


@pytest.mark.parametrize("size", [LARGE, SMALL, (60, 15), (40, 10)], ids=["160x45", "80x24", "60x15", "40x10"])
def test_main_screen_with_the_seed_article_open(snap_compare, filled_app: ReaderApp, size: tuple[int, int]) -> None:
    async def open_seed(pilot) -> None:
        await settle(filled_app, pilot)
        filled_app.query_one(ArticleList).move_cursor(row=_seed_row(filled_app))
        await pilot.press("enter")
        await settle(filled_app, pilot)

    assert snap_compare(filled_app, terminal_size=size, run_before=open_seed)


def test_repeated_paragraphs_revealed(snap_compare, filled_app: ReaderApp) -> None:
    async def open_seed_and_reveal(pilot) -> None:
        await settle(filled_app, pilot)
        filled_app.query_one(ArticleList).move_cursor(row=_seed_row(filled_app))
        await pilot.press("enter")
        await settle(filled_app, pilot)
        await pilot.press("d")
        filled_app.query_one("#reading").scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(filled_app, terminal_size=LARGE, run_before=open_seed_and_reveal)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["160x45", "80x24"])
def test_help_screen(snap_compare, filled_app: ReaderApp, size: tuple[int, int]) -> None:
    async def open_help(pilot) -> None:
        await settle(filled_app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(filled_app, terminal_size=size, run_before=open_help)


def test_topic_picker(snap_compare, filled_app: ReaderApp) -> None:
    async def open_picker(pilot) -> None:
        await settle(filled_app, pilot)
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(filled_app, terminal_size=SMALL, run_before=open_picker)


def test_sidebar_and_an_empty_search_at_80_columns(snap_compare, filled_app: ReaderApp) -> None:
    async def search_for_nothing(pilot) -> None:
        await settle(filled_app, pilot)
        await pilot.press("f", "slash", *"E-Verify fines", "enter")
        await settle(filled_app, pilot)

    assert snap_compare(filled_app, terminal_size=SMALL, run_before=search_for_nothing)


def test_sidebar_beside_the_list_and_an_open_article_at_80_columns(snap_compare, filled_app: ReaderApp) -> None:
    """Dates stay whole in the list and in the article's header (which wraps between outlet, byline and date)."""
    async def open_with_sidebar(pilot) -> None:
        await settle(filled_app, pilot)
        filled_app.query_one(ArticleList).move_cursor(row=_seed_row(filled_app))
        await pilot.press("enter", "f", "tab")
        await settle(filled_app, pilot)

    assert snap_compare(filled_app, terminal_size=SMALL, run_before=open_with_sidebar)


def test_the_sidebar_alone_on_a_narrow_terminal(snap_compare, filled_app: ReaderApp) -> None:
    """f at 60 columns: no room for the list beside it, so the sidebar takes the width until an entry is chosen."""
    async def show_sidebar(pilot) -> None:
        await settle(filled_app, pilot)
        await pilot.press("f")
        await settle(filled_app, pilot)

    assert snap_compare(filled_app, terminal_size=(60, 15), run_before=show_sidebar)


def test_search_with_an_answer_at_40x10(snap_compare, filled_app: ReaderApp) -> None:
    """A one-row search box and a one-line status line leave the list its four rows."""
    async def search_and_compare(pilot) -> None:
        await settle(filled_app, pilot)
        await pilot.press("slash", *"Secure", "enter", "c")
        await settle(filled_app, pilot)

    assert snap_compare(filled_app, terminal_size=(40, 10), run_before=search_and_compare)
