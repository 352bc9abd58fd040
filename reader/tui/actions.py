"""What the reader's keys do (reader.tui.keys lists them); ReaderApp adds the layout and message handlers.

Every action answers: when it cannot do what was asked, it says why in a notification.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.screen import Screen
from textual.widgets import Input, Static

from reader.models import Article
from reader.store import ArticleFilter
from reader.text.links import is_openable_link
from reader.tui.format import plain
from reader.tui.messages import SidebarLoaded
from reader.tui.screens.failed_feeds import FailedFeeds
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.topic_picker import TopicPicker
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import ReadingView
from reader.tui.widgets.sidebar import Sidebar
from reader.tui.workers import StoreWorkers

SIDEBAR_AUTO_HIDE_BELOW = 100  # columns: below this the list and the article need the width more
SIDEBAR_WIDE_FROM = 130


class ReaderActions(StoreWorkers):
    """The key actions and the view changes they make; ReaderApp sets the state they read (see its __init__)."""

    refreshing: bool
    sidebar_choice: bool | None
    view_label: str
    view_key: str
    pending_open: int | None
    activity: str
    waiting_for: str
    sidebar_data: SidebarLoaded | None
    topic_unread: dict[str, int] | None

    def _show_sidebar(self) -> None:
        m = self.sidebar_data
        if m is not None:
            topics = [t.name for t in self.reader.config.topics]
            self.query_one(Sidebar).show(m.feeds, m.unread, m.total, m.total_unread, m.starred, topics,
                                         self.topic_unread, self.view_key)

    def show_topic(self, topic: str) -> None:
        self._set_activity(f"Finding articles on {topic}…")
        self.compute_topic_filter(topic)

    def apply_filter(self, flt: ArticleFilter, label: str, key: str) -> None:
        self.filter, self.view_label, self.view_key = flt, label, key
        self.generation += 1
        self.pending_open = None
        self._show_sidebar()
        self.load_articles(reset=True)

    def _set_activity(self, text: str) -> None:
        self.activity = text
        self.query_one("#activity", Static).update(plain(self.waiting_for or text, "bold" if self.waiting_for else ""))

    def fit_sidebar(self) -> None:
        """Show the sidebar on wide terminals (narrower under 130 columns), hide it under 100, unless `f` chose."""
        width = self.size.width
        sidebar = self.query_one(Sidebar)
        sidebar.display = self.sidebar_choice if self.sidebar_choice is not None else width >= SIDEBAR_AUTO_HIDE_BELOW
        sidebar.styles.width = 32 if width >= SIDEBAR_WIDE_FROM else 26
        if not sidebar.display and sidebar.has_focus:
            self.query_one(ArticleList).focus()

    def action_refresh(self) -> None:
        if self.refreshing:
            self.notify("A refresh is already running; its progress is at the bottom right.")
            return
        self.refreshing = True
        self._set_activity("Refreshing…")
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
        """The article's link if it may leave the app (http or https); otherwise None, having said why."""
        view = self.query_one(ReadingView)
        article = view.article or self.query_one(ArticleList).current
        if article is None:
            self.notify("No article selected.", severity="warning")
            return None
        reason = is_openable_link(article.link or "")
        if reason is not None:
            self.notify(f"Not opened or copied: {reason}.", severity="warning")
            return None
        return article.link

    def action_open_link(self) -> None:
        if (link := self._link()) is not None:
            self.notify(f"Opening {link}")
            self.open_in_browser(link)

    def action_copy_link(self) -> None:
        if (link := self._link()) is not None:
            self.copy_to_clipboard(link)
            self.notify(f"Link copied: {link}")

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.display or self.filter != ArticleFilter():
            search.value = ""
            search.display = False
            self.apply_filter(ArticleFilter(), "All", "all")
            self.query_one(ArticleList).focus()

    def action_pin_quote(self) -> None:
        view = self.query_one(ReadingView)
        quote = view.selected_quote
        if view.article is None:
            self.notify("Open an article first; its key quotes appear above the text.", severity="warning")
            return
        if quote is None:
            self.notify("This article has no key quotes to pin.", severity="warning")
            return
        pinned = quote.text in view.pinned_texts
        self.toggle_pin(view.article.id, quote.text, quote.speaker, pinned)
        self.notify("Quote unpinned." if pinned else "Quote pinned; it will appear in the digest.")

    def action_toggle_repeats(self) -> None:
        view = self.query_one(ReadingView)
        if view.cleaned is None:
            self.notify("Open an article first.", severity="warning")
        elif not (view.cleaned.collapsed or view.cleaned.furniture):
            self.notify("This article has no repeated paragraphs or page furniture to show.")
        else:
            view.toggle_repeats()

    def action_pick_topic(self) -> None:
        topics = [t.name for t in self.reader.config.topics]
        if not topics:
            self.notify("No tracked topics; add [[topics]] to feeds.toml.", severity="warning")
            return

        def chosen(topic: str | None) -> None:
            if topic == "":
                self.apply_filter(ArticleFilter(), "All", "all")
            elif topic is not None:
                self.show_topic(topic)

        self.push_screen(TopicPicker(topics), chosen)

    def action_next_unread(self, forward: bool) -> None:
        current = self.query_one(ArticleList).current
        shown = self.query_one(ReadingView).article
        if forward and current is not None and not current.is_read and (shown is None or shown.id != current.id):
            self.open_article(current.id)  # the highlighted article is the next unread one not yet read
            return
        self.find_unread(current.id if current is not None else None, forward)

    def action_step_article(self, step: int) -> None:
        articles = self.query_one(ArticleList)
        if not articles.order:
            self.notify("No articles in this view.", severity="warning")
            return
        row = articles.cursor_row + step if self.query_one(ReadingView).article is not None else articles.cursor_row
        if not 0 <= row < len(articles.order):
            self.notify(f"This is the {'last' if step > 0 else 'first'} article in this view.")
            return
        articles.move_cursor(row=row)
        self.open_article(articles.order[row])

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one("#sidebar")
        self.sidebar_choice = not sidebar.display
        self.fit_sidebar()
        if sidebar.display:
            sidebar.focus()

    def action_failed_feeds(self) -> None:
        feeds = self.sidebar_data.feeds if self.sidebar_data is not None else []
        failed = [f for f in feeds if f.last_error]
        if not failed:
            self.notify("No feed failed on its last fetch.")
            return
        self.push_screen(FailedFeeds(failed))

    def action_show_copies(self) -> None:
        if (a := self._current()) is not None:
            self.load_copies(a.id)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Keys":  # ours lists every key of the reader
                yield command
        yield SystemCommand("Refresh feeds", "Fetch every feed in the background (r)", self.action_refresh)
        yield SystemCommand("Failed feeds", "Feeds whose last fetch failed, and why (e)", self.action_failed_feeds)
        yield SystemCommand("Search", "Search titles and text (/)", self.action_search)
        yield SystemCommand("Filter by topic", "Show one tracked topic (t)", self.action_pick_topic)
        yield SystemCommand("Toggle read", "Mark the selected article read or unread (m)", self.action_toggle_read)
        yield SystemCommand("Star", "Star or unstar the selected article (s)", self.action_toggle_star)
        yield SystemCommand("Show repeated paragraphs", "Show or hide collapsed repeats and page furniture (d)",
                            self.action_toggle_repeats)
        yield SystemCommand("Show or hide the sidebar", "The feeds and topics pane (f)", self.action_toggle_sidebar)
        yield SystemCommand("Compare copies", "What each outlet added to or cut from this story (c)",
                            self.action_show_copies)
        yield SystemCommand("Keys", "Show every key (?)", self.action_help)
