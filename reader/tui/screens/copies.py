"""A story's copies (`c`): each outlet's copy against the earliest, additions (+) and cuts (−) marked."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.copies import CopyChanges, CopyText
from reader.tui.format import plain
from reader.tui.keys import pane_bindings


class CopiesView(VerticalScroll):
    """j / k, space, g / G as in every pane (a long story's copies run past the screen)."""

    BINDINGS = pane_bindings("scroll_down", "scroll_up", "page_down", "scroll_home", "scroll_end")


def copies_text(earliest: CopyText, changes: Sequence[CopyChanges]) -> Text:
    """The comparison as Text built from plain strings (feed text is never parsed as markup)."""
    text = Text()
    text.append_text(plain(f"Earliest copy: {earliest.source}", "bold"))
    text.append("\n").append_text(plain(earliest.headline, "italic"))
    for c in changes:
        text.append("\n\n").append_text(plain(c.copy.source, "bold"))
        if c.headline_changed:
            text.append("  headline: ", style="dim").append_text(plain(c.copy.headline, "italic"))
        if not c.added and not c.cut:
            text.append("\n  the same paragraphs as the earliest copy", style="dim")
        for paragraph in c.added_paragraphs:
            text.append("\n  + ", style="bold green").append_text(plain(paragraph, "green"))
        for paragraph in c.cut_paragraphs:
            text.append("\n  − ", style="bold red").append_text(plain(paragraph, "red strike"))
    return text


class CopiesScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,c", "dismiss", "Close")]
    DEFAULT_CSS = """
    CopiesScreen { align: center middle; }
    #copies {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, earliest: CopyText, changes: Sequence[CopyChanges]) -> None:
        super().__init__()
        self.earliest, self.changes = earliest, list(changes)

    def compose(self) -> ComposeResult:
        with CopiesView(id="copies"):
            yield Static(Text(f"This story in {len(self.changes) + 1} outlets, each against the earliest copy",
                              style="bold"))
            yield Static(copies_text(self.earliest, self.changes))
            yield Static(Text("+ added by the outlet · − cut from the earliest copy · escape closes",
                              style="dim"))
