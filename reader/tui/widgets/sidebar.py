"""The sidebar: All / Unread / Starred, feeds grouped by tag, and tracked topics, each with counts.

The entry whose articles the list shows is marked, so the active view is always visible.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.models import FeedRow
from reader.tui.format import plain
from reader.tui.keys import pane_bindings


def _label(name: str, count: int | None, width: int, indent: int = 0, style: str = "", active: bool = False) -> Text:
    """One line: the active-view marker, the name (shortened with an ellipsis to fit), then the count whole."""
    text = Text("▶ " if active else "  ", style="bold")
    text.append(" " * indent)
    counted = f"  {count}" if count is not None else ""
    shown = plain(name, f"{style} bold" if active else style)
    shown.truncate(max(width - text.cell_len - len(counted), 4), overflow="ellipsis")
    text.append_text(shown)
    if counted:
        text.append(counted, style="bold" if count else "dim")
    return text


class Sidebar(OptionList):
    """Option ids: "all", "unread", "starred", "tag:NAME", "feed:TAG:ID", "topic:NAME"."""

    BINDINGS = pane_bindings("cursor_down", "cursor_up", "page_down", "first", "last")
    shown_with: tuple[object, ...] | None = None  # show()'s arguments, to fit the labels again on resize
    fitted_to = 0

    def on_resize(self, event: events.Resize) -> None:
        if self.shown_with is not None and self.scrollable_content_region.width != self.fitted_to:
            self.show(*self.shown_with)  # type: ignore[arg-type]

    def show(self, feeds: Sequence[FeedRow], unread: dict[int, int], total: int, total_unread: int, starred: int,
             topics: Sequence[str], topic_unread: dict[str, int] | None, active: str) -> None:
        """Rebuild the options, keeping the highlighted entry; All counts every article, the rest unread ones."""
        self.shown_with = (feeds, unread, total, total_unread, starred, topics, topic_unread, active)
        width = self.fitted_to = self.scrollable_content_region.width
        width = width or 28  # not laid out yet: on_resize fits the labels again
        keep = (self.highlighted_option.id if self.highlighted_option is not None else None) or "all"
        options: list[Option | None] = [
            Option(_label("All", total, width, active=active == "all"), id="all"),
            Option(_label("Unread", total_unread, width, active=active == "unread"), id="unread"),
            Option(_label("Starred", starred, width, active=active == "starred"), id="starred"),
            None,
        ]
        by_tag: dict[str, list[FeedRow]] = {}
        for feed in feeds:
            for tag in feed.tags or ("",):  # tag "" selects the feeds without tags
                by_tag.setdefault(tag, []).append(feed)
        for tag in sorted(by_tag):
            tag_unread = sum(unread.get(f.id, 0) for f in by_tag[tag])
            key = f"tag:{tag}"
            label = _label(f"# {tag or '(untagged)'}", tag_unread, width, style="italic", active=active == key)
            options.append(Option(label, id=key))
            for feed in by_tag[tag]:
                style = "strike dim" if feed.disabled else "red" if feed.last_error else ""
                key = f"feed:{tag}:{feed.id}"
                options.append(Option(_label(feed.name, unread.get(feed.id, 0), width, 2, style, active == key),
                                      id=key))
        if topics:
            options.append(None)
            for topic in topics:
                count = topic_unread.get(topic) if topic_unread is not None else None
                key = f"topic:{topic}"
                options.append(Option(_label(f"◆ {topic}", count, width, active=active == key), id=key))
        self.clear_options()
        self.add_options(options)
        ids = [o.id for o in options if o is not None]
        self.highlighted = self.get_option_index(keep) if keep in ids else 0
