"""`d` on a page that repeats itself thousands of times: identical copies are one entry with their count, and
what is drawn is capped, so the reader stays responsive (try11 find 5: 9,000 copies froze it for a minute)."""

from __future__ import annotations

from reader.models import ParsedEntry
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import SHOWN_HIDDEN_ENTRIES, ReadingView
from tests.tui.conftest import answer, settle, text_of, wait_until

PARAGRAPH = ("The county renewed its Secure Communities agreement on Tuesday. Advocates said the vote ignored "
             "months of testimony. The sheriff said nothing would change.")


def add_article(app: ReaderApp, title: str, paragraphs: list[str]) -> None:
    store = app.reader.store
    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    store.upsert_entries(store.feeds()[0].id, [ParsedEntry(
        f"g:{title}", title, None, title, None, "2026-11-30T11:00:00+00:00", html, " ".join(paragraphs), title)])


async def open_and_show_hidden(app: ReaderApp, pilot: object, title: str) -> ReadingView:
    await settle(app, pilot)
    table = app.query_one(ArticleList)
    table.move_cursor(row=[table.articles[i].title for i in table.order].index(title))
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)
    view = app.query_one(ReadingView)
    await pilot.press("tab", "d")  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: view.query_one("#repeats").display)
    return view


async def test_thousands_of_one_paragraph_are_one_entry_with_their_count(filled_app: ReaderApp) -> None:
    add_article(filled_app, "Nine thousand copies", [PARAGRAPH] * 9_000)
    async with filled_app.run_test(size=(100, 30)) as pilot:
        view = await open_and_show_hidden(filled_app, pilot, "Nine thousand copies")
        assert answer(filled_app) == "8,999 repeated paragraphs shown below the article."
        assert "8,999 repeated paragraphs shown below; press d to hide" in str(view.query_one("#repeats-note").render())
        shown = text_of(view.query_one("#repeats").content)
        assert shown.count("↳") == 1 and "↳ repeats paragraph 1, 8,999 times:" in shown
        assert shown.count("The county renewed") == 1 and "not drawn here" not in shown


async def test_many_different_repeats_are_drawn_up_to_a_cap_and_the_rest_counted(filled_app: ReaderApp) -> None:
    distinct = [f"Paragraph {i} of the hearing record on county detainers, item {i}." for i in range(600)]
    add_article(filled_app, "Six hundred repeats", distinct + distinct + ["Subscribe to our newsletter"] * 50)
    async with filled_app.run_test(size=(100, 30)) as pilot:
        view = await open_and_show_hidden(filled_app, pilot, "Six hundred repeats")
        assert view.cleaned is not None and len(view.cleaned.collapsed) == 600
        assert len(view.cleaned.furniture) == 50
        shown = text_of(view.query_one("#repeats").content)
        assert shown.count("↳") == SHOWN_HIDDEN_ENTRIES
        article_id = view.article.id  # type: ignore[union-attr]
        left_out = 600 - SHOWN_HIDDEN_ENTRIES + 50  # the furniture comes after every repeat
        assert (f"… and {left_out} more hidden parts not drawn here: reader show {article_id} --json lists every one."
                in shown)
        await pilot.press("d")
        await wait_until(pilot, lambda: not view.query_one("#repeats").display)
        assert text_of(view.query_one("#repeats").content) == ""
