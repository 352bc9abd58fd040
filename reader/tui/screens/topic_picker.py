"""The topic filter (`t`): pick a tracked topic, or "All articles" to clear the filter."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.format import plain
from reader.tui.keys import pane_bindings
from reader.tui.widgets.option_list import EndStopOptionList

TITLE = "Show one tracked topic"
HINT = "j / k choose · enter shows it · escape cancels"


class TopicOptions(EndStopOptionList):
    BINDINGS = pane_bindings("cursor_down", "cursor_up", "page_down", "first", "last")


class TopicPicker(ModalScreen[str | None]):
    """Dismisses with the topic's name, "" for all articles, or None when cancelled."""

    BINDINGS = [Binding("escape,q,t", "dismiss(None)", "Cancel")]  # q and the key that opened it, as other boxes

    def __init__(self, topics: Sequence[str]) -> None:
        super().__init__()
        self.topics = list(topics)

    def compose(self) -> ComposeResult:
        options = [Option(plain("All articles"), id="")] + [Option(plain(f"◆ {t}"), id=t) for t in self.topics]
        with Vertical(id="topic-picker") as box:
            box.border_title = TITLE
            yield TopicOptions(*options, id="topic-options")
            yield Static(Text(HINT, style="dim"), id="topic-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or "")
