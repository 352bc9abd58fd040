"""The copies screen shows each outlet's additions and cuts, and feed text only ever as literal text."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from reader.copies import CopyText, compare_story
from reader.tui.screens.copies import CopiesScreen, copies_text

WIRE = ("The county board voted on Monday to end its agreement with federal immigration authorities.",
        "Illinois, New York and Massachusetts have tried to withdraw from the program entirely.")
ADDED = "[bold red]“We will not hold anyone for ICE without a warrant,” said Sheriff Ana Ruiz of the county.[/]"


def test_copies_text_marks_additions_and_cuts_and_keeps_markup_literal() -> None:
    texts = [CopyText("Wire", None, "Board ends deal", WIRE),
             CopyText("Paper [/]", None, "Deal ended", (WIRE[0], ADDED))]
    text = copies_text(texts[0], compare_story(texts)).plain
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
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "This story in 2 outlets" in shown and "the same paragraphs as the earliest copy" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CopiesScreen)
