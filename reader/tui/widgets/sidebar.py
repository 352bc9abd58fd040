"""The sidebar: All / Unread / Starred, feeds grouped by tag, and tracked topics, each with unread counts."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.models import FeedRow
from reader.tui.format import plain


def _label(name: str, count: int | None, indent: int = 0, style: str = "") -> Text:
    text = Text(" " * indent)
    text.append_text(plain(name, style))
    if count is not None:
        text.append(f"  {count}", style="bold" if count else "dim")
    return text


class Sidebar(OptionList):
    """Option ids: "all", "unread", "starred", "tag:NAME", "feed:ID", "topic:NAME"."""

    BINDINGS = [Binding("j", "cursor_down", "Down", show=False), Binding("k", "cursor_up", "Up", show=False)]

    def show(self, feeds: Sequence[FeedRow], unread: dict[int, int], total_unread: int, starred: int,
             topics: Sequence[str], topic_unread: dict[str, int] | None) -> None:
        """Rebuild the options, keeping the highlighted entry."""
        keep = (self.highlighted_option.id if self.highlighted_option is not None else None) or "all"
        options: list[Option | None] = [
            Option(_label("All", total_unread), id="all"),
            Option(_label("Unread", total_unread), id="unread"),
            Option(_label("Starred", starred), id="starred"),
            None,
        ]
        by_tag: dict[str, list[FeedRow]] = {}
        for feed in feeds:
            for tag in feed.tags or ("untagged",):
                by_tag.setdefault(tag, []).append(feed)
        for tag in sorted(by_tag):
            tag_unread = sum(unread.get(f.id, 0) for f in by_tag[tag])
            options.append(Option(_label(f"# {tag}", tag_unread, style="italic"), id=f"tag:{tag}"))
            for feed in by_tag[tag]:
                style = "strike dim" if feed.disabled else "red" if feed.last_error else ""
                options.append(Option(_label(feed.name, unread.get(feed.id, 0), 2, style), id=f"feed:{tag}:{feed.id}"))
        if topics:
            options.append(None)
            for topic in topics:
                count = topic_unread.get(topic) if topic_unread is not None else None
                options.append(Option(_label(f"◆ {topic}", count), id=f"topic:{topic}"))
        self.clear_options()
        self.add_options(options)
        ids = [o.id for o in options if o is not None]
        self.highlighted = self.get_option_index(keep) if keep in ids else 0
