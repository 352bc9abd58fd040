"""The copies screen shows each outlet's additions and cuts, and feed text only ever as literal text."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from reader.copies import CopyText, compare_story
from reader.models import ParsedEntry
from reader.tui.app import ReaderApp
from reader.tui.screens.copies import CopiesScreen, CopiesView, copies_text
from reader.tui.widgets.article_list import ArticleList
from tests.tui.conftest import settle, text_of

WIRE = ("The county board voted on Monday to end its agreement with federal immigration authorities.",
        "Illinois, New York and Massachusetts have tried to withdraw from the program entirely.")
ADDED = "[bold red]“We will not hold anyone for ICE without a warrant,” said Sheriff Ana Ruiz of the county.[/]"


def test_copies_text_marks_additions_and_cuts_and_keeps_markup_literal() -> None:
    texts = [CopyText("Wire", None, "Board ends deal", WIRE),
             CopyText("Paper [/]", None, "Deal ended", (WIRE[0], ADDED))]
    text = text_of(copies_text(texts[0], compare_story(texts)))
    assert "Earliest copy: Wire" in text and "Paper [/]  headline: Deal ended" in text
    assert f"\n  + {ADDED}" in text and f"\n  − {WIRE[1]}" in text


async def test_the_screen_opens_and_closes() -> None:
    texts = [CopyText("Wire", None, "Board ends deal", WIRE), CopyText("Paper", None, "Board ends deal", WIRE)]

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(CopiesScreen(texts[0], compare_story(texts)))

    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = " ".join(text_of(s.content) for s in app.screen.query(Static))
        assert "This story in 2 outlets" in shown and "the same paragraphs as the earliest copy" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CopiesScreen)


async def test_a_long_comparison_scrolls_with_the_keys_of_every_pane() -> None:
    """j / k, space and g / G, as in every other pane; q closes it as it closes the other boxes."""
    added = tuple(f"Paragraph {i} the paper added, long enough to wrap once on a narrow screen at least." for i in
                  range(40))
    texts = [CopyText("Wire", None, "Board ends deal", WIRE), CopyText("Paper", None, "Board ends deal", WIRE + added)]

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(CopiesScreen(texts[0], compare_story(texts)))

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(CopiesView)
        assert view.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("j", "space")
        await pilot.pause()
        assert view.scroll_y > 1
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, CopiesScreen)


async def test_the_header_counts_outlets_not_a_feeds_repeats(filled_app: ReaderApp) -> None:
    """A feed that ran one wire story thirty times (new links each time) is one outlet: "3 outlets", never 32."""
    store = filled_app.reader.store
    dhs = next(a for a in store.list_articles() if a.title == "DHS to press ahead with Secure Communities")
    repeats = [ParsedEntry(f"g:again{i}", f"g:again{i}", f"https://x.example/again/{i}", dhs.title, None,
                           dhs.published, dhs.content, dhs.text, f"h-again{i}") for i in range(30)]
    store.upsert_entries(dhs.feed_id, repeats)
    async with filled_app.run_test(size=(160, 45)) as pilot:
        await settle(filled_app, pilot)
        table = filled_app.query_one(ArticleList)
        table.move_cursor(row=table.order.index(dhs.id))
        await pilot.press("c")
        await settle(filled_app, pilot)
        assert isinstance(filled_app.screen, CopiesScreen)
        shown = " ".join(text_of(s.content) for s in filled_app.screen.query(Static))
        assert "This story in 3 outlets" in shown, len(filled_app.screen.changes)


def test_a_screen_without_the_stores_count_counts_outlets_not_copies() -> None:
    texts = [CopyText("Wire", None, "Board ends deal", WIRE)] + [CopyText("Paper", None, "Deal", WIRE)] * 30
    assert CopiesScreen(texts[0], compare_story(texts)).outlets == 2
