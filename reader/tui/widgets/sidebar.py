"""The sidebar: All / Unread / Starred, feeds grouped by tag, and tracked topics, each with counts.

The entry whose articles the list shows is marked, so the active view is always visible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual import events
from textual.widgets.option_list import Option

from reader.models import FeedRow
from reader.name_order import natural_key
from reader.tui.feed_notes import FAILED_MARK, feed_mark
from reader.tui.format import plain
from reader.tui.keys import pane_bindings
from reader.tui.widgets.option_list import EndStopOptionList

MIN_NAME = 4  # cells a name keeps however narrow the sidebar


def fit_name(name: Text, room: int) -> Text:
    """`name` cut to `room` cells with "…" (no space left before it), else padded to `room`: names end in one column."""
    if name.cell_len > room:
        name.truncate(max(room - 1, 1))
        name.rstrip()
        name.append("…")
    name.pad_right(room - name.cell_len)
    return name


def _label(name: str, count: int | None, width: int, count_width: int, indent: int = 0, style: str = "",
           active: bool = False, mark: str = "") -> Text:
    """One line: the active-view marker, the feed's trouble mark in its indent, the name cut to fit, then the
    count right-aligned in a column of its own."""
    text = Text("▶ " if active else "  ", style="bold")
    text.append(mark.ljust(indent), style=f"bold {style}")
    room = max(width - text.cell_len - (count_width + 1 if count_width else 0), MIN_NAME)
    text.append_text(fit_name(plain(name, f"{style} bold" if active else style), room))
    if count_width:
        text.append(" " + ("" if count is None else str(count)).rjust(count_width), style="bold" if count else "dim")
    return text


class Sidebar(EndStopOptionList):
    """Option ids: "all", "unread", "starred", "tag:NAME", "feed:TAG:ID", "topic:NAME"."""

    BINDINGS = pane_bindings("cursor_down", "cursor_up", "page_down", "first", "last")
    shown_with: tuple[object, ...] | None = None  # show()'s arguments, to fit the labels again on resize
    fitted_to = 0
    # Each entry's label as show() drew it (name, count, indent, style, mark; width; count column), for set_active.
    entries: dict[str, tuple[tuple[str, int | None, int, str, str], int, int]] = {}

    def on_resize(self, event: events.Resize) -> None:
        if self.shown_with is not None and self.scrollable_content_region.width != self.fitted_to:
            self.show(*self.shown_with)  # type: ignore[arg-type]

    def show(self, feeds: Sequence[FeedRow], unread: dict[int, int], total: int, total_unread: int, starred: int,
             topics: Sequence[str], topic_unread: dict[str, int] | None, active: str,
             warnings: Mapping[str, str] | None = None) -> None:
        """Rebuild the options, keeping the highlighted entry; All counts every article, the rest unread ones.

        A feed whose last fetch failed is marked "!" (red), one read only in part (`warnings`, by feed name) "~".
        """
        warnings = warnings or {}
        self.shown_with = (feeds, unread, total, total_unread, starred, topics, topic_unread, active, warnings)
        width = self.fitted_to = self.scrollable_content_region.width
        width = width or 28  # not laid out yet: on_resize fits the labels again
        keep = (self.highlighted_option.id if self.highlighted_option is not None else None) or "all"
        # (id, name, count, indent, style, mark) per entry; None is a separator
        rows: list[tuple[str, str, int | None, int, str, str] | None] = [
            ("all", "All", total, 0, "", ""), ("unread", "Unread", total_unread, 0, "", ""),
            ("starred", "Starred", starred, 0, "", ""), None]
        by_tag: dict[str, list[FeedRow]] = {}
        for feed in sorted(feeds, key=lambda f: natural_key(f.name)):  # as `reader feeds list` orders them
            for tag in feed.tags or ("",):  # tag "" selects the feeds without tags
                by_tag.setdefault(tag, []).append(feed)
        for tag in sorted(by_tag, key=natural_key):
            rows.append((f"tag:{tag}", f"# {tag or '(untagged)'}", sum(unread.get(f.id, 0) for f in by_tag[tag]), 0,
                         "italic", ""))
            for feed in by_tag[tag]:
                mark = feed_mark(feed, warnings.get(feed.name))
                style = "strike dim" if feed.disabled else "red" if mark == FAILED_MARK else "yellow" if mark else ""
                rows.append((f"feed:{tag}:{feed.id}", feed.name, unread.get(feed.id, 0), 2, style, mark))
        if topics:
            rows.append(None)
            counts = topic_unread if topic_unread is not None else {}  # None: not counted yet, shown blank
            rows += [(f"topic:{topic}", f"◆ {topic}", counts.get(topic), 0, "", "") for topic in topics]
        count_width = max((len(str(row[2])) for row in rows if row is not None and row[2] is not None), default=0)
        self.entries = {row[0]: (row[1:], width, count_width) for row in rows if row is not None}
        options = [None if row is None else Option(_label(row[1], row[2], width, count_width, row[3], row[4],
                                                          active == row[0], row[5]), id=row[0]) for row in rows]
        self.clear_options()
        self.add_options(options)
        ids = [o.id for o in options if o is not None]
        self.highlighted = self.get_option_index(keep) if keep in ids else 0

    def set_active(self, active: str) -> None:
        """Move the active-view marker to `active`: two labels drawn again, not the whole list (a feed switch
        rebuilt 200 feeds' labels, a third of its time at 20,000 articles)."""
        if self.shown_with is None:
            return
        before = str(self.shown_with[7])
        self.shown_with = (*self.shown_with[:7], active, *self.shown_with[8:])
        for key in {before, active}:
            if key in self.entries:
                (name, count, indent, style, mark), width, count_width = self.entries[key]
                self.replace_option_prompt(key, _label(name, count, width, count_width, indent, style,
                                                       key == active, mark))
