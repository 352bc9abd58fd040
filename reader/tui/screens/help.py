"""The help screen (`?`): every key and what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("j / k, ↓ / ↑", "move in the focused list"),
    ("enter", "open the highlighted article (or sidebar entry)"),
    ("tab / shift+tab", "switch panes"),
    ("r", "refresh all feeds in the background"),
    ("m", "toggle read (opening an article marks it read)"),
    ("s", "star or unstar"),
    ("o", "open the article's link in the browser"),
    ("y", "copy the article's link"),
    ("/", "search titles and text (escape clears)"),
    ("p", "pin or unpin the highlighted key quote; pins feed the digest"),
    ("d", "show or hide repeated paragraphs"),
    ("t", "filter by tracked topic"),
    ("ctrl+p", "command palette (also: change theme)"),
    ("?", "this help"),
    ("q", "quit"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        table = Table(title="Keys", show_header=False, box=None, padding=(0, 2))
        for key, what in KEYS:
            table.add_row(f"[bold]{key}[/]", what)
        with VerticalScroll(id="help"):
            yield Static(table)
            yield Static("Press escape to close.", classes="dim")
