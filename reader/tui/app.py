"""ReaderApp: the Textual reader over the store and the cleaning pipeline.

All store and cleaning work runs in the thread workers of reader.tui.workers, which only post
messages; the handlers below own every widget change. Errors become notifications, never tracebacks.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.worker import Worker, WorkerState

from reader.core import Reader, make_reader
from reader.models import Article
from reader.store import ArticleFilter
from reader.topics import TopicMatcher, compile_topics
from reader.tui.messages import (
    ArticleChanged,
    ArticleOpened,
    ArticlesLoaded,
    RefreshFinished,
    RefreshProgress,
    SidebarLoaded,
    TopicCountsLoaded,
    TopicFilterReady,
)
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.topic_picker import TopicPicker
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import ReadingView
from reader.tui.widgets.sidebar import Sidebar
from reader.tui.workers import THEME_SETTING, StoreWorkers


class ReaderApp(StoreWorkers):
    CSS_PATH = Path(__file__).parent / "reader.tcss"  # absolute, so subclasses elsewhere still find it
    TITLE = "policy-reader"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("r", "refresh", "Refresh"),
        Binding("m", "toggle_read", "Read"),
        Binding("s", "toggle_star", "Star"),
        Binding("o", "open_link", "Open link"),
        Binding("y", "copy_link", "Copy link"),
        Binding("slash", "search", "Search"),
        Binding("p", "pin_quote", "Pin"),
        Binding("d", "toggle_repeats", "Repeats"),
        Binding("t", "pick_topic", "Topic"),
        Binding("question_mark", "help", "Help"),
        Binding("escape", "clear_search", "Clear", show=False),
    ]

    def __init__(self, reader: Reader, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.reader = reader
        self.now = now or (lambda: datetime.now(UTC))
        self.matchers: list[TopicMatcher] = compile_topics(reader.config.topics)
        self.filter = ArticleFilter()
        self.generation = 0  # bumps on every filter change, so late pages of an old list are dropped
        self.refreshing = False
        self.topic_unread: dict[str, int] | None = None  # the last computed counts, shown until new ones arrive
        self.sidebar_data: SidebarLoaded | None = None

    # -- layout and start-up --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Sidebar(id="sidebar")
            with Vertical(id="main"):
                yield Input(placeholder="search titles and text, enter to apply, escape to clear", id="search")
                yield ArticleList(self.now(), id="articles")
                yield ReadingView(id="reading")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.query_one(ReadingView).matchers = self.matchers
        theme = self.reader.store.setting(THEME_SETTING)
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, lambda t: self.save_theme(t.name))
        self.query_one(ArticleList).focus()
        self.load_sidebar()
        self.load_articles(reset=True)
        if self.reader.config.refresh_on_start or not self.reader.store.has_articles():
            self.action_refresh()

    # -- message handlers: the only place widgets change -----------------------------------

    def on_sidebar_loaded(self, message: SidebarLoaded) -> None:
        self.sidebar_data = message
        self._show_sidebar()
        if not self.refreshing:
            self._status(f"{message.total_unread} unread · {len(message.feeds)} feeds")

    def on_topic_counts_loaded(self, message: TopicCountsLoaded) -> None:
        self.topic_unread = message.counts
        self._show_sidebar()

    def _show_sidebar(self) -> None:
        m = self.sidebar_data
        if m is not None:
            topics = [t.name for t in self.reader.config.topics]
            self.query_one(Sidebar).show(m.feeds, m.unread, m.total_unread, m.starred, topics, self.topic_unread)

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        if self.topic_unread is None and self.matchers:
            # After the screen has refreshed: its matching loop would otherwise compete for the GIL
            # with the first paint, and more so the larger the store.
            self.call_after_refresh(self.count_topic_unread)
        if message.generation != self.generation:
            return
        articles = self.query_one(ArticleList)
        articles.show(message.articles, message.badges, message.outlets, message.more, message.reset)
        if message.reset and not message.articles:
            self._status("No articles here." + ("" if self.refreshing else " Press r to refresh."))

    def on_article_opened(self, message: ArticleOpened) -> None:
        self.query_one(ReadingView).show(message.article, message.cleaned, message.pins)

    def on_article_changed(self, message: ArticleChanged) -> None:
        self.query_one(ArticleList).update_article(message.article)
        self.load_sidebar()
        self.count_topic_unread()

    def on_topic_filter_ready(self, message: TopicFilterReady) -> None:
        self._apply_filter(ArticleFilter(ids=message.ids))
        self._status(f"Topic: {message.topic} ({len(message.ids)} articles) · t to change")

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        self._status(f"Refreshing {message.done}/{message.total}: {message.name}")

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.refreshing = False
        if message.config is not self.reader.config:
            self.reader.config = message.config
            self.matchers = compile_topics(message.config.topics)
            self.query_one(ReadingView).matchers = self.matchers
        if message.config_error:
            self.notify(f"feeds.toml is invalid, kept the previous settings: {message.config_error}",
                        severity="error", timeout=15)
        summary = message.summary
        self.notify(summary.line(), title="Refresh done")
        for name, reason in summary.failures[:5]:
            self.notify(f"{name}: {reason}", title="Feed failed", severity="warning", timeout=10)
        self._status(summary.line())
        self.load_sidebar()
        self.count_topic_unread()
        self.load_articles(reset=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            if event.worker.group == "refresh":
                self.refreshing = False
            self.notify(f"{event.worker.error}", title=f"{event.worker.group} failed", severity="error", timeout=15)

    @on(DataTable.RowSelected)
    def _open_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_article(int(event.row_key.value))

    @on(DataTable.RowHighlighted)
    def _maybe_load_more(self, event: DataTable.RowHighlighted) -> None:
        articles = self.query_one(ArticleList)
        if articles.wants_more():
            articles.more = False
            self.load_articles(reset=False, offset=len(articles.order))

    @on(OptionList.OptionSelected, "#sidebar")
    def _pick_sidebar(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or "all"
        kind, _, value = key.partition(":")
        if kind == "topic":
            self.compute_topic_filter(value)
            return
        flt = {
            "all": ArticleFilter(),
            "unread": ArticleFilter(unread_only=True),
            "starred": ArticleFilter(starred_only=True),
            "tag": ArticleFilter(tag=value),
            "feed": ArticleFilter(feed_id=int(value.rsplit(":", 1)[-1]) if value else None),
        }[kind]
        self._apply_filter(flt)
        self.query_one(ArticleList).focus()

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        self._apply_filter(ArticleFilter(search=event.value.strip() or None))
        self._status(f"Search: {event.value}  · escape clears" if event.value.strip() else "")
        self.query_one(ArticleList).focus()

    # -- actions --------------------------------------------------------------------------

    def action_refresh(self) -> None:
        if self.refreshing:
            self.notify("A refresh is already running.")
            return
        self.refreshing = True
        self._status("Refreshing…")
        self.run_refresh()

    def _current(self) -> Article | None:
        article = self.query_one(ArticleList).current
        if article is None:
            self.notify("No article selected.", severity="warning")
        return article

    def action_toggle_read(self) -> None:
        if (a := self._current()) is not None:
            self.change_article(a.id, read=not a.is_read)

    def action_toggle_star(self) -> None:
        if (a := self._current()) is not None:
            self.change_article(a.id, starred=not a.is_starred)

    def _link(self) -> str | None:
        view = self.query_one(ReadingView)
        article = view.article or self.query_one(ArticleList).current
        if article is None or not article.link:
            self.notify("This article has no link.", severity="warning")
            return None
        return article.link

    def action_open_link(self) -> None:
        if (link := self._link()) is not None:
            self.open_url(link)

    def action_copy_link(self) -> None:
        if (link := self._link()) is not None:
            self.copy_to_clipboard(link)
            self.notify("Link copied.")

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.display or self.filter != ArticleFilter():
            search.value = ""
            search.display = False
            self._apply_filter(ArticleFilter())
            self._status("")
            self.query_one(ArticleList).focus()

    def action_pin_quote(self) -> None:
        view = self.query_one(ReadingView)
        quote = view.selected_quote
        if view.article is None or quote is None:
            self.notify("Open an article with key quotes first.", severity="warning")
            return
        pinned = quote.text in view.pinned_texts
        self.toggle_pin(view.article.id, quote.text, quote.speaker, pinned)
        self.notify("Quote unpinned." if pinned else "Quote pinned; it will appear in the digest.")

    def action_toggle_repeats(self) -> None:
        self.query_one(ReadingView).toggle_repeats()

    def action_pick_topic(self) -> None:
        def chosen(topic: str | None) -> None:
            if topic is None:
                self.action_clear_search()
            else:
                self.compute_topic_filter(topic)

        self.push_screen(TopicPicker([t.name for t in self.reader.config.topics]), chosen)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Refresh feeds", "Fetch every feed in the background (r)", self.action_refresh)
        yield SystemCommand("Search", "Search titles and text (/)", self.action_search)
        yield SystemCommand("Filter by topic", "Show one tracked topic (t)", self.action_pick_topic)
        yield SystemCommand("Toggle read", "Mark the selected article read or unread (m)", self.action_toggle_read)
        yield SystemCommand("Star", "Star or unstar the selected article (s)", self.action_toggle_star)
        yield SystemCommand("Show repeated paragraphs", "Show or hide collapsed repeats (d)",
                            self.action_toggle_repeats)
        yield SystemCommand("Keys", "Show every key (?)", self.action_help)

    # -- helpers --------------------------------------------------------------------------

    def _apply_filter(self, flt: ArticleFilter) -> None:
        self.filter = flt
        self.generation += 1
        self.load_articles(reset=True)

    def _status(self, text: str) -> None:
        from rich.text import Text

        self.query_one("#status", Static).update(Text(text))


def build_app(config: str | os.PathLike[str] | None = None, db: str | os.PathLike[str] | None = None,
              now: Callable[[], datetime] | None = None) -> ReaderApp:
    """The one way to build the app, used by `reader` and by the tests."""
    return ReaderApp(make_reader(config, db), now=now)

