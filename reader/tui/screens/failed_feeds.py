"""The feeds in trouble (`e`): each feed whose last fetch failed, since when, the reason and what to do, then
each feed whose last parsed document was read only in part (by any refresh), and what was wrong with it; all as
plain text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.models import FeedRow
from reader.text.display import display_date
from reader.text.links import shown_url
from reader.tui.feed_notes import FAILED_MARK, FAILED_TODO, WARNED_MARK
from reader.tui.format import hanging, plain
from reader.tui.keys import pane_bindings


class FailedFeedsView(VerticalScroll):
    BINDINGS = pane_bindings("scroll_down", "scroll_up", "page_down", "scroll_home", "scroll_end")


def _feed_lines(mark: str, feed: FeedRow, said: str, style: str, since: str = "") -> list[RenderableType]:
    """The feed's name (and since when), then what was said about it and its address, each indented under it."""
    head = Text(f"{mark} ", style=f"bold {style}").append_text(plain(feed.name, "bold"))
    if since:
        head.append("  ").append_text(plain(since, "dim"))  # plain() trims, so the gap is appended on its own
    address = shown_url(feed.fetch_url, None)  # no password shown, a look-alike host as xn--
    return [head, hanging("    ", plain(said, style)), hanging("    ", plain(address, "dim")), Text()]


def trouble_text(failed: Sequence[FeedRow], warned: Sequence[tuple[FeedRow, str]]) -> Group:
    """Both lists, continuation lines indented under their first (a long reason stays readable at 80 columns)."""
    parts: list[RenderableType] = []
    if failed:
        parts.append(Text(f"Feeds whose last fetch failed ({len(failed)})", style="bold"))
        for feed in failed:
            since = f"failing since {display_date(feed.error_since)}" if feed.error_since else ""
            parts += _feed_lines(FAILED_MARK, feed, feed.last_error or "", "red", since)
        parts.append(Text(FAILED_TODO.replace("its url", "each url"), style="italic"))
        parts.append(Text())
    if warned:
        parts.append(Text(f"Feeds last read only in part ({len(warned)})", style="bold"))
        for feed, warning in warned:
            parts += _feed_lines(WARNED_MARK, feed, warning, "yellow")
    return Group(*parts)


class FailedFeeds(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,e", "dismiss", "Close")]

    def __init__(self, feeds: Sequence[FeedRow], warned: Sequence[tuple[FeedRow, str]] = ()) -> None:
        super().__init__()
        self.feeds, self.warned = list(feeds), list(warned)

    def compose(self) -> ComposeResult:
        with FailedFeedsView(id="failed-feeds"):
            yield Static(trouble_text(self.feeds, self.warned), id="trouble")
            yield Static(Text("Press escape to close.", style="dim"))

    def show(self, feeds: Sequence[FeedRow], warned: Sequence[tuple[FeedRow, str]]) -> None:
        """The feeds' state changed while open (a refresh, here or by `reader fetch` elsewhere): say the new one."""
        self.feeds, self.warned = list(feeds), list(warned)
        self.query_one("#trouble", Static).update(
            trouble_text(self.feeds, self.warned) if feeds or warned
            else Text("No feed is in trouble now: the last fetch of each went well.", style="bold"))
