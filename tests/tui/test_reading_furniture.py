"""Page furniture in the reading view: hidden from the text, counted, and shown by the same toggle as repeats."""

from __future__ import annotations

from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import ReadingView
from tests.tui.conftest import settle, text_of

SIZE = (140, 44)


async def test_furniture_hidden_counted_and_shown_with_d(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        titles = [table.articles[i].title for i in table.order]
        table.move_cursor(row=titles.index("Nassau police chief: immigrants afraid to call 911"))
        await pilot.press("enter")
        await settle(filled_app, pilot)
        view = filled_app.query_one(ReadingView)
        assert view.cleaned is not None and view.cleaned.furniture == ("Share this story on Facebook",)
        assert "Share this story" not in str(view.query_one("#article-body").render())
        note = str(view.query_one("#repeats-note").render())
        assert "1 repeated paragraph and 1 line of page furniture hidden" in note
        assert not view.query_one("#repeats").display
        await pilot.press("d")
        assert view.query_one("#repeats").display
        assert "page furniture:\n  Share this story on Facebook" in text_of(view.query_one("#repeats").content)
