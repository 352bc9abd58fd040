"""ReaderApp: the Textual reader over the store and the cleaning pipeline.

All store and cleaning work runs in the thread workers of reader.tui.workers, which only post
messages; the handlers below own every widget change. Answers go to the status line (say), errors
and rare events to toasts, one of a kind at a time; never a traceback, and no text from outside is
ever parsed as markup (see reader.tui.safe_app).
"""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import sqlite3
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.worker import Worker, WorkerState

from reader.config import Config
from reader.core import Reader, make_reader
from reader.models import FeedRow
from reader.store import ArticleFilter
from reader.text.sanitize import single_line
from reader.topics import compile_topics
from reader.tui.feed_notes import feed_note, feed_status
from reader.tui.format import cut_to_cells, plain
from reader.tui.keys import KEYS, app_bindings
from reader.tui.messages import (
    ArticleChanged,
    ArticleOpened,
    ArticlesLoaded,
    BrowserMissing,
    CopiesLoaded,
    NewSentencesFound,
    NewsFound,
    PinsChanged,
    SidebarLoaded,
    TopicFilterReady,
    UnreadFound,
    ViewCounted,
)
from reader.tui.quitting import WorkerThreads
from reader.tui.screens.copies import CopiesScreen
from reader.tui.screens.failed_feeds import FailedFeeds
from reader.tui.store_events import StoreEvents
from reader.tui.topic_tally import TopicTally
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import READ_HINT, ReadingView
from reader.tui.widgets.sidebar import Sidebar
from reader.tui.workers import THEME_SETTING

LABEL_ROOM = 20  # cells the view's name keeps beside its counts on one row; with less it takes a row of its own



class StatusBar(Horizontal):
    """The status line's row: toasts are kept above it whatever its height (an answer may take up to four rows)."""

    def on_resize(self, event: events.Resize) -> None:
        footer = self.screen.query("Footer")
        below = sum(f.outer_size.height for f in footer if f.display)
        for rack in self.screen.query("ToastRack"):  # Textual's own: known by name, its class is private
            rack.styles.margin = (0, 0, event.size.height + below, 0)

class ReaderApp(StoreEvents):
    CSS_PATH = Path(__file__).parent / "reader.tcss"  # absolute, so subclasses elsewhere still find it
    TITLE = "policy-reader"
    BINDINGS = app_bindings()
    STORE_POLL_S = 3.0  # how often to look for another program's writes (one pragma: see poll_store)
    DATES_EVERY_S = 30.0  # how often "5m" in the list ages (ArticleList.refresh_dates: the changed cells only)

    def __init__(self, reader: Reader, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.reader = reader
        self.now = now or (lambda: datetime.now(UTC))
        self.matchers = compile_topics(reader.config.topics)
        self.filter = ArticleFilter()
        self.view_label, self.view_key = "All", "all"  # what the list shows, and its sidebar entry
        self.generation = 0  # bumps on every filter change, so late pages of an old list are dropped
        self.news_epoch = 0  # bumps after every refresh (see StoreWorkers.build_news_finder)
        self.news_finder_waiting = []  # see StoreWorkers.with_news_finder
        self.refreshing = False
        self.topic_unread: dict[str, int] | None = None  # the last computed counts, shown until new ones arrive
        self._warmed = False  # warm_cleaning started (once, after the first paint)
        self.topics_counting = False  # a recount is under way (see on_article_changed)
        self.topic_tally: TopicTally | None = None  # what topic_unread was counted from (see recount_topics)
        self.sidebar_data: SidebarLoaded | None = None
        self.sidebar_choice: bool | None = None  # None: shown or hidden by the terminal's width
        self.activity, self.waiting_for = "", ""  # the status line's right side
        self.pending_open: int | None = None  # n found an unread article beyond the loaded rows
        self.view_counts: tuple[int, int] | None = None  # the status line's counts, drawn again on a resize

    # -- layout and start-up --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield Sidebar(id="sidebar")
            with Vertical(id="main"):
                yield Input(placeholder="search titles and text (enter; escape clears)", id="search")
                yield ArticleList(self.now, id="articles")
                yield ReadingView(id="reading")
        with StatusBar(id="status", classes="-quiet"):  # -quiet: nothing on the right yet
            yield Static(id="view-status")
            yield Static(id="activity")
        yield Footer()

    def on_mount(self) -> None:
        # Before any worker starts: quitting must not wait for one in a long call (see reader.tui.quitting).
        loop = asyncio.get_running_loop()
        loop.set_default_executor(WorkerThreads(self._interrupt_store))
        # `kill` (SIGTERM) or a closed terminal (SIGHUP) ends the reader as q does: Python's default for
        # either ended the process with the terminal still in the alternate screen, cursor hidden, mouse on.
        for stop in (signal.SIGTERM, signal.SIGHUP):
            with suppress(NotImplementedError, ValueError):  # no signals there (Windows, a loop off the main thread)
                loop.add_signal_handler(stop, functools.partial(self.exit, return_code=128 + stop))
        self.query_one("#search").display = False
        self.query_one(ReadingView).matchers = self.matchers
        theme = self.reader.store.setting(THEME_SETTING)
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, lambda t: self.save_theme(t.name))
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.fit_sidebar()
        self.query_one(ArticleList).focus()
        self.load_articles(reset=True)  # first: the store answers one query at a time, and the list is awaited
        self.load_sidebar()
        self.poll_now()  # the version others' writes are noticed against
        self.set_interval(self.STORE_POLL_S, self.poll_now)
        self.set_interval(self.DATES_EVERY_S, self.query_one(ArticleList).refresh_dates)
        if self.reader.store.read_only:  # said once: opening articles then marks nothing, silently
            self.say("Read-only database: you can read, but read marks, stars and pins are not saved.",
                     warning=True, seconds=15)
        elif self.reader.config.refresh_on_start or not self.reader.store.has_articles():
            self.action_refresh()

    def _interrupt_store(self) -> None:
        """Stop the store's running statement as the app quits (from the executor's shutdown thread)."""
        with suppress(sqlite3.ProgrammingError):  # closed already: no statement runs on it
            self.reader.store.interrupt()

    def on_resize(self, event: events.Resize) -> None:
        self.fit_sidebar(event.size.width, event.size.height)  # self.size is still the old size in this handler
        if self.view_counts is not None:
            self._show_view(*self.view_counts, width=event.size.width)

    # -- message handlers: the only place widgets change -----------------------------------

    def on_sidebar_loaded(self, message: SidebarLoaded) -> None:
        self.sidebar_data = message
        self._show_sidebar()
        self.count_added_elsewhere(message.total)
        for screen in self.screen_stack:
            if isinstance(screen, FailedFeeds):
                screen.show(*self.feeds_in_trouble())
        if self.filter.feed_id is not None:  # the listed feed's trouble may be new (or gone) since it was listed
            feed = next((f for f in message.feeds if f.id == self.filter.feed_id), None)
            if feed is not None:  # and its name, if feeds.toml renamed it
                self.view_label = f"Feed {feed.name}"
            self.count_view()
            if self.query_one(ReadingView).article is None and self.query_one(ArticleList).order:
                self._show_hint()

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        if not self._warmed:
            self._warmed = True
            self.call_after_refresh(self.warm_cleaning)  # after the first paint, as recount_topics below
        if self.topic_unread is None and self.matchers:
            # After the screen has refreshed: its matching loop would otherwise compete for the GIL
            # with the first paint, and more so the larger the store.
            self.call_after_refresh(self.recount_topics)
        if message.generation != self.generation:
            return
        articles = self.query_one(ArticleList)
        landing_last = message.reset and articles.landing == "last"
        articles.show(message.articles, message.badges, message.outlets, message.more, message.reset,
                      message.keep_place, message.offset)
        if landing_last and articles.start > 0:  # G: paging up comes next, so the page above is loaded now
            self.load_earlier(articles)
        if message.reset:  # after the rows, which the reader waits for: the marker is drawn in the next frame
            self.call_after_refresh(self.query_one(Sidebar).set_active, self.view_key)
        with_topics = [a for a in message.articles if message.badges.get(a.id)]  # only they can bring news
        if with_topics:
            self.call_after_refresh(self.find_news, with_topics, message.generation, message.reset)
        view = self.query_one(ReadingView)
        if message.reset and not message.articles:
            view.show_placeholder(self._empty_view()[1])  # the status line says it too (see _show_view)
        elif message.reset and view.article is None:
            self._show_hint()
        if self.pending_open is not None and self.pending_open in articles.articles:
            self._open_row(self.pending_open)

    def on_view_counted(self, message: ViewCounted) -> None:
        if message.generation == self.generation:
            self._show_view(*message.counts)

    def _show_view(self, total: int, unread: int, width: int | None = None) -> None:
        """The status line's left side: which view this is and how many articles it holds.

        The view's name is cut with "…" to one row of its side (at most half the line, see reader.tcss), or to
        what the counts leave of that row: a search of 200 characters made the status line four rows tall.
        """
        self.view_counts = (total, unread)
        rest = Text()
        if total:
            rest.append(f" · {total} article{'s' if total != 1 else ''}, {unread} unread")
            if self.filter.search:
                rest.append(" · escape clears", style="dim")
        else:
            rest.append(" · ").append_text(plain(self._empty_view()[0], "dim"))
        trouble = self._feed_in_view()
        if trouble is not None and (words := feed_status(*trouble)) and total:
            rest.append(" · ").append_text(plain(words, "bold red"))
        row = max(((width or self.size.width) - 2) // 2, 10)  # the status line's padding, then its half
        room = row - rest.cell_len if row - rest.cell_len >= LABEL_ROOM else row
        self.query_one("#view-status", Static).update(plain(cut_to_cells(self.view_label, room), "bold") + rest)

    def _feed_in_view(self) -> tuple[FeedRow, str | None] | None:
        """The feed this view lists, with its last parse's warning; None when the view is not a feed."""
        feeds = self.sidebar_data.feeds if self.sidebar_data is not None else []
        feed = next((f for f in feeds if f.id == self.filter.feed_id), None)
        return None if feed is None else (feed, feed.last_warning)

    def _show_hint(self) -> None:
        """No article open in a listed view: what to do, after what went wrong with the listed feed, if anything."""
        trouble = self._feed_in_view()
        note = feed_note(*trouble, has_articles=True) if trouble is not None else ""
        self.query_one(ReadingView).show_placeholder(f"{note}\n\n{READ_HINT}" if note else READ_HINT)

    def _empty_view(self) -> tuple[str, str]:
        """An empty view in the status line's words and in the reading pane's (which says it in place of an
        article), each with what to do about it."""
        if self.filter == ArticleFilter():
            todo = "refreshing…" if self.refreshing else "press r to refresh"
            return f"no articles yet · {todo}", f"No articles yet; {todo}{'' if self.refreshing else '.'}"
        trouble = self._feed_in_view()
        if trouble is not None and (note := feed_note(*trouble, has_articles=False)):
            return f"no articles · {feed_status(*trouble)}", note
        if self.filter.search:
            return ("no articles match · escape clears",
                    f"No articles match “{self.filter.search}”; press escape to clear the search.")
        return "no articles match · escape shows all", f"No articles in {self.view_label}; press escape to show all."

    def on_article_opened(self, message: ArticleOpened) -> None:
        self.query_one(ReadingView).show(message.article, message.cleaned, message.pins)
        self._end_place_answer()  # also when it is the article an answer was about: "not open" is then untrue
        article, paragraphs = message.article, message.cleaned.paragraphs
        self.with_news_finder(lambda finder: self.find_new_sentences(finder, article, paragraphs))

    def on_pins_changed(self, message: PinsChanged) -> None:
        self.query_one(ReadingView).show_pins(message.article_id, message.pins)

    def on_news_found(self, message: NewsFound) -> None:
        if message.generation == self.generation:
            for articles in self.query(ArticleList):  # none once the app is closing (the search ran till then)
                articles.mark_news(message.ids)

    def on_new_sentences_found(self, message: NewSentencesFound) -> None:
        self.query_one(ReadingView).mark_new(message.article_id, message.sentences)

    def on_copies_loaded(self, message: CopiesLoaded) -> None:
        target = self.in_sight(message.article_id)
        if target is None:
            return  # the cursor moved on since c was pressed: the answer would read as about another article
        if not message.changes or message.outlets < 2:  # a feed's own repeats are not other outlets
            self.say("No other outlet in the store ran this story.", about=target)
            return
        self.push_screen(CopiesScreen(message.earliest, message.changes, message.outlets))

    def on_article_changed(self, message: ArticleChanged) -> None:
        self.query_one(ArticleList).update_article(message.article)
        self.query_one(ReadingView).update_article(message.article)
        self.load_sidebar()
        self.count_view()
        if message.unread_change and message.topics:
            if self.topics_counting or self.topic_unread is None:
                self.recount_topics()  # the count under way may have read the store before or after this change
            else:  # one article's change: the counts follow it, without reading every article again
                for topic in message.topics:
                    self.topic_unread[topic] = max(self.topic_unread.get(topic, 0) + message.unread_change, 0)

    def on_topic_filter_ready(self, message: TopicFilterReady) -> None:
        if message.asked != self.views_asked:
            return  # another view was chosen while it was found: that one shows
        self.apply_filter(ArticleFilter(ids=message.ids), f"Topic ◆ {message.topic}", f"topic:{message.topic}")

    def on_unread_found(self, message: UnreadFound) -> None:
        if message.found is None:
            if not message.any_unread:
                self.say("No unread articles in this view.", until_moved=True)
            else:
                where, other = ("below", "N looks above") if message.forward else ("above", "n looks below")
                self.say(f"Nothing unread {where}; {other}.", until_moved=True)
            return
        article_id, position = message.found
        articles = self.query_one(ArticleList)
        if article_id in articles.articles:
            self._open_row(article_id)
        else:  # beyond the loaded rows: load up to it (or the page around it), then open it (see on_articles_loaded)
            self.pending_open = article_id
            self.load_rows_to(position)

    def _open_row(self, article_id: int) -> None:
        self.pending_open = None
        articles = self.query_one(ArticleList)
        articles.move_cursor(row=articles.order.index(article_id))
        self.open_article(article_id)

    def on_browser_missing(self, message: BrowserMissing) -> None:
        self.copy_to_clipboard(message.url)
        self.say("No web browser found; the link was copied instead.", warning=True)  # the article shows it

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            if event.worker.group == "refresh":
                self.refreshing = False
                self._set_activity("")
            elif event.worker.group == "topic":  # the topic being found will not come
                self.finding = ""
                self._show_activity()
            elif event.worker.group == "news-finder":  # nothing waits for a finder that will not come
                self.news_finder_building, self.news_finder_waiting = False, []
            self.notify(f"{event.worker.error}", title=f"{event.worker.group.capitalize()} failed", severity="error",
                        timeout=15)

    @on(DataTable.RowSelected)
    def _open_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_article(int(event.row_key.value))

    @on(DataTable.RowHighlighted)
    def _maybe_load_more(self, event: DataTable.RowHighlighted) -> None:
        articles = event.data_table  # not queried: a highlight may arrive while the app closes, its widgets gone
        if not isinstance(articles, ArticleList):
            return
        self._end_place_answer()
        self.load_beyond(articles)

    @on(OptionList.OptionSelected, "#sidebar")
    def _pick_sidebar(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or "all"
        kind, _, value = key.partition(":")
        if self.sidebar_alone:  # chosen: the list takes the width it shared with the sidebar
            self.sidebar_choice = False
            self.fit_sidebar()
        if kind == "topic":
            self.show_topic(value)
            return
        if kind == "tag":
            self.apply_filter(ArticleFilter(tag=value), f"Tag # {value or '(untagged)'}", key)
        elif kind == "feed":
            feed_id = int(value.rsplit(":", 1)[-1])
            name = next((f.name for f in self.sidebar_data.feeds if f.id == feed_id), "") if self.sidebar_data else ""
            self.apply_filter(ArticleFilter(feed_id=feed_id), f"Feed {name}", key)
        elif kind == "unread":
            self.apply_filter(ArticleFilter(unread_only=True), "Unread", key)
        elif kind == "starred":
            self.apply_filter(ArticleFilter(starred_only=True), "Starred", key)
        else:
            self.apply_filter(ArticleFilter(), "All", "all")
        self.query_one(ArticleList).focus()

    @on(events.DescendantBlur, "#search")
    def _search_left(self, event: events.DescendantBlur) -> None:
        """Left for another pane without enter: the box shows the list's search again, not words that filter
        nothing (a screen over it, or the terminal losing focus, leaves what is typed)."""
        if self.focused is not None and self.focused.screen is self.screen_stack[0] and self.focused.id != "search":
            self._show_search()

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        query = single_line(event.value, 200)
        if query:
            self.apply_filter(ArticleFilter(search=query), f"Search “{query}”", "")
        else:
            self.apply_filter(ArticleFilter(), "All", "all")
        self.query_one(ArticleList).focus()

    def action_help_quit(self) -> None:
        """ctrl+c says which key quits: ours (q, as the help screen says) while it is bound, else Textual's ctrl+q.

        Textual's own message is markup, which notify shows literally here.
        """
        ours = next(k.presses for k in KEYS if k.action == "quit")
        keys = [key for key, active in self.active_bindings.items() if active.binding.action in ("quit", "app.quit")]
        if keys:
            self.say(f"Press {next((k for k in keys if k in ours), keys[0])} to quit.")


def build_app(config: str | os.PathLike[str] | Config | None = None, db: str | os.PathLike[str] | None = None,
              now: Callable[[], datetime] | None = None) -> ReaderApp:
    """The one way to build the app, used by `reader` (with feeds.toml loaded already) and by the tests."""
    return ReaderApp(make_reader(config, db), now=now)
