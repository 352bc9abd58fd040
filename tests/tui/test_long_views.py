"""A view longer than the list's pages: g / G (home / end) reach its first and last article in one key, and
the list pages up from the bottom as it pages down from the top."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from reader.models import Article
from reader.store import ArticleFilter, Store
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import KEEP_ABOVE_ROWS, PAGE_SIZE, ArticleList
from reader.tui.widgets.reading_view import ReadingView
from tests.tui.conftest import add_paged_entries, answer, settle, wait_until
from tests.tui.test_fits_and_marks import drawn

LONG = 2_500  # with the 12 samples: 13 pages, the last one 12 rows short of a whole page


def long_view(app: ReaderApp) -> list[int]:
    """Give the store LONG more articles; the view's ids, in list order."""
    add_paged_entries(app, LONG)
    return [a.id for a in app.reader.store.list_articles(limit=LONG * 2)]


async def at_the_bottom(app: ReaderApp, pilot: Pilot[None]) -> ArticleList:
    """Once the list shows, press G and wait for the last page; the list."""
    await settle(app, pilot)
    await pilot.press("G")
    await settle(app, pilot)
    return app.query_one(ArticleList)


def listed(table: ArticleList, every: list[int]) -> bool:
    """Whether the list's rows are the view's rows from its window's start, in order, with none missing."""
    return table.order == every[table.start:table.start + len(table.order)]


def holding(store: Store, held: Callable[[int], bool], asked: threading.Event,
            release: threading.Event) -> Callable[..., list[Article]]:
    """store.list_articles, except that a page from an offset `held` picks is listed (after setting `asked`) only
    once the test sets `release`."""
    list_articles = store.list_articles

    def listing(flt: ArticleFilter, limit: int = 200, offset: int = 0) -> list[Article]:
        if held(offset):
            asked.set()
            release.wait(60)
        return list_articles(flt, limit, offset)

    return listing


async def test_G_and_end_reach_the_last_article_and_g_and_home_the_first(filled_app: ReaderApp) -> None:
    every = long_view(filled_app)
    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        for bottom, top in (("G", "g"), ("end", "home")):
            await pilot.press(bottom)
            await settle(filled_app, pilot)
            assert table.current is not None and table.current.id == every[-1]
            # The last page, and the page above it, loaded at once: paging up comes next.
            assert table.start == len(every) - 2 * PAGE_SIZE and listed(table, every) and not table.more
            # The last row is on screen once the rows are measured. On a loaded machine the page above could
            # arrive before that, and its scroll (one page down from the top) replaced the scroll to the end:
            # 200 of 394 (ArticleList.scroll_once_measured).
            await wait_until(pilot, lambda: table.max_scroll_y > 0 and table.scroll_y == table.max_scroll_y)
            assert table.get_cell(str(every[-1]), "title").plain.split("  +")[0] in drawn(table)
            await pilot.press(top)
            await settle(filled_app, pilot)
            assert table.current is not None and table.current.id == every[0]
            assert table.start == 0 and listed(table, every)
            await wait_until(pilot, lambda: table.scroll_y == 0)


async def test_paging_up_from_the_bottom_loads_the_pages_above(filled_app: ReaderApp) -> None:
    every = long_view(filled_app)
    async with filled_app.run_test(size=(80, 24)) as pilot:
        table = await at_the_bottom(filled_app, pilot)
        start = table.start
        table.move_cursor(row=3)  # near the window's top: the page above it loads
        await settle(filled_app, pilot)
        assert table.start == start - PAGE_SIZE and listed(table, every)
        assert table.current is not None and table.current.id == every[start + 3]  # the cursor kept its article
        row_on_screen = table.cursor_row - int(table.scroll_y)
        assert 0 <= row_on_screen < table.scrollable_content_region.height  # and stays in sight
        await pilot.press("k")
        await settle(filled_app, pilot)
        assert table.current is not None and table.current.id == every[start + 2]
        await pilot.press("enter", "left_square_bracket")  # [ steps up across what was the window's top
        await settle(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        assert view.article is not None and view.article.id == every[start + 1]


async def test_rows_far_below_are_dropped_paging_up_and_listed_again_paging_down(filled_app: ReaderApp) -> None:
    every = long_view(filled_app)
    async with filled_app.run_test(size=(80, 24)) as pilot:
        table = await at_the_bottom(filled_app, pilot)
        for _ in range(4):
            table.move_cursor(row=0)
            await settle(filled_app, pilot)
        assert table.start == len(every) - 6 * PAGE_SIZE  # G (two pages), then four pages above
        assert len(table.order) == KEEP_ABOVE_ROWS and table.more and listed(table, every)
        table.move_cursor(row=len(table.order) - 1)  # near the rows' end: the dropped page is listed again
        await settle(filled_app, pilot)
        assert len(table.order) == KEEP_ABOVE_ROWS + PAGE_SIZE and listed(table, every)
        await pilot.press("G")
        await settle(filled_app, pilot)
        assert table.current is not None and table.current.id == every[-1]


async def test_n_far_beyond_the_rows_lists_the_page_around_the_unread_article(filled_app: ReaderApp) -> None:
    every = long_view(filled_app)
    store = filled_app.reader.store
    store.set_read(every[:-5])  # only the five oldest are unread
    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        await pilot.press("n")
        await settle(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        assert view.article is not None and view.article.id == every[-5]
        assert table.current is not None and table.current.id == every[-5]
        assert len(table.order) <= PAGE_SIZE and listed(table, every)  # not every row down to it
        await pilot.press("g", "N")  # from the top, nothing unread above
        await settle(filled_app, pilot)
        assert table.current is not None and table.current.id == every[0]
        assert answer(filled_app) == "Nothing unread above; n looks below."


async def test_a_g_for_a_view_another_replaced_does_not_move_the_new_views_cursor(
        filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    long_view(filled_app)
    store, release = filled_app.reader.store, threading.Event()
    held = holding(store, lambda offset: offset > 0, threading.Event(), release)  # G's last page

    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        monkeypatch.setattr(store, "list_articles", held)
        table = filled_app.query_one(ArticleList)
        await pilot.press("G")
        await wait_until(pilot, lambda: table.landing == "last")
        filled_app.apply_filter(ArticleFilter(unread_only=True), "Unread", "unread")
        await wait_until(pilot, lambda: bool(table.order) and not table.articles[table.order[0]].is_read)
        release.set()
        await settle(filled_app, pilot)
        assert filled_app.view_label == "Unread" and table.start == 0 and table.cursor_row == 0


async def test_G_while_the_next_page_loads_still_reaches_the_views_last_article(
        filled_app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    every = long_view(filled_app)
    store, asked, release = filled_app.reader.store, threading.Event(), threading.Event()
    held = holding(store, lambda offset: offset == PAGE_SIZE, asked, release)  # the page after the first

    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        monkeypatch.setattr(store, "list_articles", held)
        table = filled_app.query_one(ArticleList)
        try:
            table.move_cursor(row=PAGE_SIZE - 1)  # near the rows' end: the next page is asked for
            await wait_until(pilot, asked.is_set)
            await pilot.press("G")
        finally:
            release.set()
        await settle(filled_app, pilot)
        assert table.current is not None and table.current.id == every[-1] and listed(table, every)
