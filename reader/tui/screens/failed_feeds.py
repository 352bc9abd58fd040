"""The failed feeds (`e`): each feed whose last fetch failed, since when, and the reason, as plain text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.models import FeedRow
from reader.tui.format import plain
from reader.tui.keys import pane_bindings


class FailedFeedsView(VerticalScroll):
    BINDINGS = pane_bindings("scroll_down", "scroll_up", "page_down", "scroll_home", "scroll_end")


class FailedFeeds(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,e", "dismiss", "Close")]

    def __init__(self, feeds: Sequence[FeedRow]) -> None:
        super().__init__()
        self.feeds = list(feeds)

    def compose(self) -> ComposeResult:
        text = Text()
        for feed in self.feeds:
            text.append_text(plain(feed.name, "bold"))
            if feed.error_since:
                # plain() trims its text, so the gap after the name is appended on its own
                text.append("  ").append_text(plain(f"failing since {feed.error_since[:16].replace('T', ' ')}", "dim"))
            text.append("\n  ").append_text(plain(feed.last_error, "red")).append("\n")
            text.append("  ").append_text(plain(feed.fetch_url, "dim")).append("\n\n")
        with FailedFeedsView(id="failed-feeds"):
            yield Static(Text(f"Feeds whose last fetch failed ({len(self.feeds)})", style="bold"))
            yield Static(text)
            yield Static(Text("Press escape to close.", style="dim"))
