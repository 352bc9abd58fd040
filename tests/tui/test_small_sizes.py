"""Small terminals keep rows in the list, a shown sidebar never squeezes it, and dates never split."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from reader.tui.app import ReaderApp
from reader.tui.format import KeptWhole
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.sidebar import Sidebar
from tests.tui.conftest import settle, wait_until
from tests.tui.test_fits_and_marks import drawn

SIZES = [(40, 10), (60, 15), (80, 24), (160, 45)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_list_shows_rows_at_every_size_with_the_sidebar_shown_or_not(
        filled_app: ReaderApp, size: tuple[int, int]) -> None:
    async with filled_app.run_test(size=size) as pilot:
        await settle(filled_app, pilot)
        for _ in range(2):  # as the width chose, then toggled with f
            table = filled_app.query_one(ArticleList)
            if filled_app.sidebar_alone:
                assert filled_app.query_one(Sidebar).region.width == size[0]
            else:
                rows = [line for line in drawn(table).splitlines()[1:] if "●" in line]
                assert len(rows) >= 4, drawn(table)
                for aid, line in zip(table.order, rows, strict=False):
                    date = str(table.get_cell(str(aid), "when")) if table.columns_now.when else ""
                    assert date in line  # whole, on the row's one line
            await pilot.press("f")
            await settle(filled_app, pilot)


async def test_the_sidebar_alone_gives_the_width_back_once_an_entry_is_chosen(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(60, 15)) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("f")
        await settle(filled_app, pilot)
        sidebar = filled_app.query_one(Sidebar)
        assert filled_app.sidebar_alone and sidebar.has_focus
        await pilot.press("j", "enter")  # Unread
        await settle(filled_app, pilot)
        assert not filled_app.sidebar_alone and not sidebar.display
        assert filled_app.view_label == "Unread" and filled_app.query_one(ArticleList).has_focus


def test_header_parts_wrap_between_parts_never_inside_a_date() -> None:
    parts = [Text("#11"), Text("WNYC News"), Text("Mirela Iverac"), Text("17 Sep 2011, 13:00 UTC")]
    for width in range(24, 70):
        console = Console(width=width, record=True, color_system=None)
        console.print(KeptWhole(parts))
        lines = console.export_text().splitlines()
        assert any("17 Sep 2011, 13:00 UTC" in line for line in lines), (width, lines)
        assert all(len(line.rstrip()) <= width for line in lines)


async def test_a_search_keeps_four_list_rows_and_a_one_line_status_at_40x10(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=(40, 10)) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("slash", *"Secure", "enter", "c")  # an answer too: both sides of the status line
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        titles = [table.get_cell(str(aid), "title").plain[:12] for aid in table.order]
        rows = [line for line in drawn(table).splitlines()[1:] if any(t in line for t in titles)]
        assert len(titles) > 4 and len(rows) >= 4, drawn(table)
        assert filled_app.query_one("#search").region.height == 1
        assert filled_app.query_one("#status").region.height == 1
        for side in ("#view-status", "#activity"):  # the view and the answer, each cut to its one line
            assert drawn(filled_app.query_one(side)).rstrip().endswith("…"), drawn(filled_app.query_one(side))


@pytest.mark.parametrize(("size", "rows"), [((100, 30), 2), ((160, 45), 1), ((80, 24), 2)])
async def test_a_long_search_is_cut_to_one_row_of_the_status_line(filled_app: ReaderApp, size: tuple[int, int],
                                                                  rows: int) -> None:
    """A search of 4,500 characters (stored as its first 200) made the status line four rows tall (try11 find 31);
    its name is cut with "…" to a row, the counts beside it where they fit, and again after a resize."""
    from textual.widgets import Input, Static

    async with filled_app.run_test(size=size) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("slash")
        filled_app.query_one("#search", Input).value = "E-Verify " + "x OR NEAR(a b) " * 300
        await pilot.press("enter")
        await settle(filled_app, pilot)
        view = filled_app.query_one("#view-status", Static)
        shown = str(view.render())
        assert shown.startswith("Search “E-Verify x OR") and "…” · no articles match · escape clears" in shown
        assert filled_app.query_one("#status").size.height <= rows  # 2: the half an answer on the right leaves
        await pilot.resize_terminal(120, 30)
        await wait_until(pilot, lambda: str(view.render()) != shown)
        assert "…”" in str(view.render()) and filled_app.query_one("#status").size.height <= 2
