"""The article list: newest first, loaded a page at a time so start-up cost does not grow with the store.

The loaded rows are a window on the view: `start` is the view position of the first. Moving near
either end of the window loads the page beyond it, and g / G (home / end) load the view's first or
last page directly, so the bottom of 100,000 articles is one key away, not 500 pages.

Its columns fit the width it has and what the rows hold: the outlet and topic columns are as wide
as their widest cell (within caps), the title takes the rest and always stays, and the topics, then
the outlet, then the date give way on a narrow terminal. Badges ("+2 outlets", topic names) are
never cut: the title shortens for them, and topics that do not fit become "+N".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from reader.models import Article
from reader.tui.format import plain, relative_date
from reader.tui.keys import pane_bindings

PAGE_SIZE = 200
# The page beyond the rows is asked for this many rows before the cursor reaches their end: loading one takes
# 0.1-0.3 s at 20,000 articles (more on a busy machine), in which a reader paging (15-40 rows a key) covers 100.
LOAD_MORE_WITHIN = PAGE_SIZE // 2
# A page put above the rows drops those beyond this (each one refills the table); more than a page above and
# below the cursor's row once it lands, so the page beyond neither end is asked for again at once.
KEEP_ABOVE_ROWS = 3 * PAGE_SIZE
MIN_TITLE, MARKS, WHEN = 30, 3, 11  # "17 Sep 2011" (text.display.display_day) is 11 cells
OUTLET, MIN_OUTLET, MAX_OUTLET = 18, 10, 28  # the outlet column before rows are measured, and its bounds
MIN_TOPICS, MAX_TOPICS = 20, 40
CELL_PADDING = 2  # DataTable pads every cell by one on each side
SCROLLBAR = 2
RELATIVE_FOR = timedelta(days=7)  # relative_date reads "5m", "3h", "2d" this long, then the day, which stays
BOTTOM = -1  # a scroll wanted to the last row, however far that is once the rows are measured


@dataclass(frozen=True)
class Columns:
    """Column widths; 0 means the column is left out at this width."""

    title: int
    when: int
    outlet: int
    topics: int


def plan_columns(width: int, topics_wanted: int, outlet_wanted: int = OUTLET) -> Columns:
    """Widths for a list `width` cells wide, while the title keeps 30: the date, then the outlet (as wide as the
    widest name, up to 28, or cut to no less than 10), then the topics (as wide as the widest row's, up to 40 and
    a third of what is left, so the title has twice theirs, and left out when fewer than 20 cells, or all they
    want, would fit). Headlines are what is read: at 160 columns a half for the topics cut titles at 48 cells
    while the topics showed whole (try11 find 32)."""
    free = width - SCROLLBAR - (MARKS + CELL_PADDING) - CELL_PADDING
    room = free - CELL_PADDING - MIN_TITLE  # what a column may take with the title keeping its minimum
    when = WHEN if room >= WHEN else 0
    free -= when + CELL_PADDING if when else 0
    room = free - CELL_PADDING - MIN_TITLE
    outlet = min(max(outlet_wanted, MIN_OUTLET), MAX_OUTLET, room)
    outlet = outlet if outlet >= MIN_OUTLET else 0
    free -= outlet + CELL_PADDING if outlet else 0
    wanted = min(topics_wanted, MAX_TOPICS)
    topics = min(wanted, free - CELL_PADDING - MIN_TITLE, (free - CELL_PADDING) // 3)
    topics = topics if wanted and topics >= min(wanted, MIN_TOPICS) else 0
    free -= topics + CELL_PADDING if topics else 0
    return Columns(max(free, MIN_TITLE), when, outlet, topics)


def title_cell(a: Article, outlets: int, width: int) -> Text:
    """The title, shortened with an ellipsis so that the "+N outlets" badge after it always shows whole."""
    title = plain(a.title or "(untitled)", "bold" if not a.is_read else "")
    badge = f"  +{outlets} outlet{'s' if outlets > 1 else ''}" if outlets else ""
    title.truncate(max(width - cell_len(badge), 8), overflow="ellipsis")
    if badge:
        title.append(badge, style="dim italic")
    return title


def topics_cell(badges: Sequence[str], width: int) -> Text:
    """Whole topic names that fit in `width`, then "+N" for the rest."""
    cell = Text(style="magenta")
    for i, badge in enumerate(badges):
        piece = Text("  " if i else "").append_text(plain("◆" + badge))
        rest = len(badges) - i - 1
        if cell.cell_len + piece.cell_len + (len(f" +{rest}") if rest else 0) > width:
            if i == 0:  # not even one fits whole: show what fits of it
                piece.truncate(width - (len(f" +{rest}") if rest else 0), overflow="ellipsis")
                cell.append_text(piece)
                i += 1
            if i < len(badges):
                cell.append(f" +{len(badges) - i}", style="bold")
            return cell
        cell.append_text(piece)
    return cell


def outlet_cell(a: Article, width: int) -> Text:
    """The outlet's name, cut with an ellipsis only when the column could not be as wide as the widest name."""
    outlet = plain(a.outlet, "dim")
    outlet.truncate(width, overflow="ellipsis")
    return outlet


def _shown(plan: Columns) -> tuple[bool, bool, bool]:
    """Which optional columns a plan shows (the marks and the title always show)."""
    return bool(plan.when), bool(plan.outlet), bool(plan.topics)


def marks_cell(a: Article, news: bool = False) -> Text:
    """● unread, ★ starred, ✦ says something its topics' recent coverage did not."""
    marks = Text(("●" if not a.is_read else " ") + ("★" if a.is_starred else " "), style="bold cyan")
    return marks.append("✦" if news else " ", style="bold green")


class ArticleList(DataTable[Text]):
    BINDINGS = [*pane_bindings("cursor_down", "cursor_up", "page_down", "scroll_top", "scroll_bottom"),
                Binding("home", "scroll_top", "Top", show=False), Binding("end", "scroll_bottom", "Bottom", show=False)]

    @dataclass
    class EndWanted(Message):
        """g or G asked for an end of the view whose rows are not loaded: the app loads that page (see show)."""

        last: bool

    def __init__(self, clock: Callable[[], datetime], **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]
        self.clock = clock
        self.now = clock()  # the time the shown relative dates were written at (see refresh_dates)
        self.ticking: dict[int, str] = {}  # rows whose date reads relative (it ages), and what it reads now
        self.articles: dict[int, Article] = {}
        self.badges: dict[int, tuple[list[str], int]] = {}  # topic names and other outlets, per article
        self.order: list[int] = []
        self.news: set[int] = set()  # articles that bring something new (see mark_news)
        self.more = False  # the view has rows after the loaded ones
        self.later_asked = False  # the page after the rows is being loaded (see wants_more)
        self.start = 0  # the view position of the first loaded row (rows before it are not loaded)
        self.earlier_asked = False  # the page before `start` is being loaded (see wants_earlier)
        self.landing: str | None = None  # "first" or "last": where the cursor goes once the asked-for page shows
        self.scroll_wanted: int | None = None  # a scroll to make once the table has measured its rows (BOTTOM: end)
        self.columns_now = plan_columns(0, 0)
        self.topics_wanted = 0  # the widest row's topic names, kept up to date as rows come (see show)
        self.outlet_wanted = OUTLET  # the widest outlet name among the rows, likewise

    def on_mount(self) -> None:
        self._add_columns()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        """Re-plan the columns for the current width; if the plan changed, redraw the cells that depend on it.

        A resize that keeps the same columns (the usual case) rewrites the title and topic cells in
        place; only a column coming or going rebuilds the table, which makes it measure every row again.
        """
        plan = plan_columns(self.size.width, self.topics_wanted, self.outlet_wanted)
        before = self.columns_now
        if plan == before:
            return
        self.columns_now = plan
        if self.order and _shown(plan) == _shown(before):
            self.columns[ColumnKey("title")].width = plan.title
            if plan.topics:
                self.columns[ColumnKey("topics")].width = plan.topics
            if plan.outlet:
                self.columns[ColumnKey("outlet")].width = plan.outlet
            for aid in self.order:
                badges, outlets = self.badges[aid]
                self.update_cell(str(aid), "title", title_cell(self.articles[aid], outlets, plan.title))
                if plan.topics != before.topics:
                    self.update_cell(str(aid), "topics", topics_cell(badges, plan.topics))
                if plan.outlet != before.outlet:
                    self.update_cell(str(aid), "outlet", outlet_cell(self.articles[aid], plan.outlet))
            # An update that may change widths makes the table size itself to the new column widths; the
            # marks cell, as wide as every other, is the one whose update measures nothing else.
            first = str(self.order[0])
            self.update_cell(first, "marks", self.get_cell(first, "marks"), update_width=True)
            return
        keep = self.cursor_row
        self.clear(columns=True)
        self._add_columns()
        for aid in self.order:
            self.add_row(*self._cells(self.articles[aid]), key=str(aid))
        if self.order:
            self.move_cursor(row=min(keep, len(self.order) - 1))

    def _add_columns(self) -> None:
        plan = self.columns_now
        self.add_column(" ", key="marks", width=MARKS)
        self.add_column("Title", key="title", width=plan.title)
        for key, label, width in (("outlet", "Outlet", plan.outlet), ("when", "When", plan.when),
                                  ("topics", "Topics", plan.topics)):
            if width:
                self.add_column(label, key=key, width=width)

    @property
    def current(self) -> Article | None:
        if not self.order or self.cursor_row >= len(self.order):
            return None
        return self.articles.get(self.order[self.cursor_row])

    def _cells(self, a: Article) -> list[Text]:
        plan = self.columns_now
        badges, outlets = self.badges.get(a.id, ([], 0))
        cells = [marks_cell(a, a.id in self.news), title_cell(a, outlets, plan.title)]
        if plan.outlet:
            cells.append(outlet_cell(a, plan.outlet))
        if plan.when:
            cells.append(Text(self._date(a)))
        if plan.topics:
            cells.append(topics_cell(badges, plan.topics))
        return cells

    def _date(self, a: Article) -> str:
        """The row's date as the list writes it now; a relative one ("5m") is remembered, to age (refresh_dates)."""
        stamp = a.dated  # a date in the future is no publication date yet: first seen
        shown = relative_date(stamp, self.now)
        # "now", "5m", "3h", "2d" end in a letter, a day in its year; a future stamp shows its day until it comes.
        if shown and (not shown[-1].isdigit() or _is_future(stamp, self.now)):
            self.ticking[a.id] = shown
        return shown

    def refresh_dates(self) -> int:
        """Age the relative dates ("5m" becomes "6m", "6d" becomes a day): only the rows whose date reads relative
        are looked at, and only the cells whose words changed are redrawn. Returns how many were."""
        self.now = self.clock()
        if not self.columns_now.when:
            return 0
        changed = 0
        for aid, before in list(self.ticking.items()):
            a = self.articles.get(aid)
            if a is None:
                del self.ticking[aid]
                continue
            del self.ticking[aid]
            shown = self._date(a)
            if shown != before:
                self.update_cell(str(aid), "when", Text(shown))
                changed += 1
        return changed

    def show(self, articles: Sequence[Article], badges: dict[int, list[str]], outlets: dict[int, int],
             more: bool, reset: bool, keep_place: bool = False, offset: int = 0) -> None:
        """Replace (reset) or extend the rows, keeping the cursor on the same article when it is still listed.

        `offset` is the page's view position: a reset window starts there; a page that does not join the
        window at either end (loaded for a window since replaced) is dropped.

        keep_place (the same view listed again after another program wrote to the store) also keeps the
        cursor's row where it was on screen, so new articles above it do not move what the reader looks at.
        """
        keep = self.current.id if self.current is not None else None
        was_row, was_scroll = self.cursor_row, self.scroll_y
        before = not reset and offset < self.start
        joins = offset + len(articles) == self.start if before else offset == self.start + len(self.order)
        if not reset and not joins:
            return
        self.now = self.clock()
        if reset:
            self.clear()
            self.articles, self.order, self.badges, self.news = {}, [], {}, set()  # marks come again per page
            self.ticking = {}
            self.start, self.earlier_asked = offset, False
        if not before:  # the page after the rows came (or the rows were replaced): the next may be asked for
            self.later_asked = False
        new = [a for a in articles if a.id not in self.articles]
        for a in new:
            self.articles[a.id] = a
            self.badges[a.id] = (badges.get(a.id, []), outlets.get(a.id, 0))
        # The topic and outlet columns' widths depend on the rows: only the new ones are measured.
        widest = max((cell_len("  ".join("◆" + b for b in self.badges[a.id][0])) for a in new), default=0)
        self.topics_wanted = widest if reset else max(self.topics_wanted, widest)
        outlet = max((plain(a.outlet).cell_len for a in new), default=0)
        self.outlet_wanted = (outlet or OUTLET) if reset else max(self.outlet_wanted, outlet)
        self._fit()  # redraws the rows already shown if the plan changed
        if before:
            self._prepend(new, offset)
            return
        for a in new:
            self.order.append(a.id)
            self.add_row(*self._cells(a), key=str(a.id))
        self.more = more
        if not reset or not self.order:
            return
        if self.landing is not None:
            first = self.landing == "first"
            self.move_cursor(row=0 if first else len(self.order) - 1, scroll=False)
            self.scroll_once_measured(0 if first else BOTTOM)
            self.landing = None
            return
        if keep_place:
            row = self.order.index(keep) if keep is not None and keep in self.articles else min(was_row,
                                                                                                  len(self.order) - 1)
            self.move_cursor(row=row, scroll=False)
            self.scroll_once_measured(max(int(was_scroll) + row - was_row, 0))
        elif keep is not None and keep in self.articles:
            self.move_cursor(row=self.order.index(keep))

    def _prepend(self, new: list[Article], offset: int) -> None:
        """Put the page before the window above its rows (a table only appends: it is filled again), keeping
        the cursor's article on the same screen line; the rows beyond KEEP_ABOVE_ROWS are dropped (loaded again
        as the cursor comes near them), so paging up from the bottom of a long view costs the same each page."""
        row, scroll = self.cursor_row, self.scroll_y
        self.order = [a.id for a in new] + self.order
        for aid in self.order[KEEP_ABOVE_ROWS:]:
            del self.articles[aid], self.badges[aid]
            self.ticking.pop(aid, None)
            self.more, self.later_asked = True, False  # a page asked for after the dropped rows would not join
        del self.order[KEEP_ABOVE_ROWS:]
        self.start, self.earlier_asked = offset, False
        # The rows kept are added again with the cells they show (the table's own copy, kept up to date by every
        # update): only the new page's cells are made, which halves what a page up costs.
        kept = {aid: self.get_row(str(aid)) for aid in self.order[len(new):]}
        self.clear()
        for aid in self.order:
            self.add_row(*(kept.get(aid) or self._cells(self.articles[aid])), key=str(aid))
        self.move_cursor(row=row + len(new), scroll=False)
        # A scroll not made yet is where the screen was meant to be: G loads the last page and the page above
        # it, and the page above could come before the last page's scroll to the end was made.
        wanted = int(scroll) if self.scroll_wanted is None else self.scroll_wanted
        self.scroll_once_measured(BOTTOM if wanted == BOTTOM else wanted + len(new))

    def scroll_once_measured(self, y: int) -> None:
        """Scroll to `y` (BOTTOM: the end) once the table has measured its rows, not before.

        A scroll before that is clamped to the old height. The table measures new rows when it is
        idle, which on a loaded machine can come after the next refresh: G then left the last row
        off screen (scroll 200 of 394). So the scroll waits for the height to change as well.
        """
        self.scroll_wanted = y
        self.call_after_refresh(self._make_wanted_scroll)

    def watch_virtual_size(self) -> None:
        if self.scroll_wanted is not None:
            self.call_after_refresh(self._make_wanted_scroll)

    def _make_wanted_scroll(self) -> None:
        header = self.header_height if self.show_header else 0
        if self.scroll_wanted is None or self.virtual_size.height < self.row_count + header:
            return  # not measured yet: watch_virtual_size comes back
        y = self.max_scroll_y if self.scroll_wanted == BOTTOM else self.scroll_wanted
        self.scroll_wanted = None
        self.scroll_to(y=y, animate=False, immediate=True)

    def action_scroll_top(self) -> None:
        if self.start > 0:
            self.post_message(self.EndWanted(last=False))
        else:
            super().action_scroll_top()

    def action_scroll_bottom(self) -> None:
        if self.more:
            self.post_message(self.EndWanted(last=True))
        else:
            super().action_scroll_bottom()

    def update_article(self, a: Article) -> None:
        if a.id not in self.articles:
            return
        self.articles[a.id] = a
        cells = self._cells(a)
        self.update_cell(str(a.id), "marks", cells[0])
        self.update_cell(str(a.id), "title", cells[1])

    def mark_news(self, ids: frozenset[int]) -> None:
        """Mark ✦ on the listed articles among `ids`; a page's marks arrive after the page."""
        for aid in ids - self.news:
            self.news.add(aid)
            if aid in self.articles:
                self.update_cell(str(aid), "marks", marks_cell(self.articles[aid], True))

    def wants_more(self) -> bool:
        """Whether the cursor is near the end of rows the view has more after (not asked for yet)."""
        return self.more and not self.later_asked and self.cursor_row >= len(self.order) - LOAD_MORE_WITHIN

    def wants_earlier(self) -> bool:
        """Whether the cursor is near the top of a window that starts below the view's first row."""
        return self.start > 0 and not self.earlier_asked and self.cursor_row < LOAD_MORE_WITHIN


def _is_future(stamp: str | None, now: datetime) -> bool:
    """Whether the stamp is later than now (a feed's clock ahead of ours): its row shows the day until then."""
    try:
        when = datetime.fromisoformat(stamp or "")
    except ValueError:
        return False
    return (when if when.tzinfo is not None else when.replace(tzinfo=now.tzinfo)) > now
