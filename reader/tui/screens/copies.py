"""A story's copies (`c`): each outlet's copy against the earliest, additions (+) and cuts (−) marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.format import hanging, plain
from reader.tui.keys import pane_bindings

if TYPE_CHECKING:  # loaded with the cleaning modules, after the first paint
    from reader.copies import CopyChanges, CopyText


class CopiesView(VerticalScroll):
    """j / k, space, g / G as in every pane (a long story's copies run past the screen)."""

    BINDINGS = pane_bindings("scroll_down", "scroll_up", "page_down", "scroll_home", "scroll_end")


def copies_text(earliest: CopyText, changes: Sequence[CopyChanges]) -> Group:
    """The comparison built from plain strings (feed text is never parsed as markup); an added or cut paragraph's
    continuation lines are indented under its first word, so its + or − mark stands alone in the margin."""
    head = plain(f"Earliest copy: {earliest.source}", "bold").append("\n").append_text(plain(earliest.headline,
                                                                                             "italic"))
    parts: list[RenderableType] = [head]
    for c in changes:
        source = plain(c.copy.source, "bold")
        if c.headline_changed:
            source.append("  headline: ", style="dim").append_text(plain(c.copy.headline, "italic"))
        parts += [Text(), source]
        if not c.added and not c.cut:
            parts.append(Text("  the same paragraphs as the earliest copy", style="dim"))
        parts += [hanging(Text("  + ", style="bold green"), plain(p, "green")) for p in c.added_paragraphs]
        parts += [hanging(Text("  − ", style="bold red"), plain(p, "red strike")) for p in c.cut_paragraphs]
    return Group(*parts)


class CopiesScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,c", "dismiss", "Close")]
    DEFAULT_CSS = """
    CopiesScreen { align: center middle; }
    #copies {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, earliest: CopyText, changes: Sequence[CopyChanges], outlets: int | None = None) -> None:
        """`outlets`: the store's count of the feeds that ran the story (the list's "+N outlets" plus one); by
        default the copies' distinct outlets. Never the number of copies: a feed may have run an item twice."""
        super().__init__()
        self.earliest, self.changes = earliest, list(changes)
        self.outlets = outlets if outlets is not None else len({earliest.source, *(c.copy.source for c in changes)})

    def compose(self) -> ComposeResult:
        with CopiesView(id="copies"):
            yield Static(Text(f"This story in {self.outlets} outlets, each against the earliest copy",
                              style="bold"))
            yield Static(copies_text(self.earliest, self.changes))
            yield Static(Text("+ added by the outlet · − cut from the earliest copy · escape closes",
                              style="dim"))
