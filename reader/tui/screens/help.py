"""The help screen (`?`): every key and what it does, from the one table in reader.tui.keys."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.format import hanging
from reader.tui.keys import ARTICLE_KEYS_RULE, KEYS, MARKS, pane_bindings


class HelpView(VerticalScroll):
    """Scrolls, so a small terminal still reaches the last key."""

    BINDINGS = pane_bindings("scroll_down", "scroll_up", "page_down", "scroll_home", "scroll_end")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2), expand=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        for key in KEYS:
            table.add_row(Text(key.shown, style="bold"), Text(key.description))
        with HelpView(id="help"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            yield Static(Text(ARTICLE_KEYS_RULE, style="italic"), id="article-keys-rule")
            yield Static(table)
            yield Static(Text("Marks", style="bold"), id="help-marks")
            for where, meaning in MARKS:
                yield Static(hanging(Text(f"{where}: ".ljust(10), style="bold"), Text(meaning)))
            yield Static(Text("j / k scroll this help; escape closes it.", style="dim"))
