"""What the reader's keys do (reader.tui.keys lists them); ReaderApp adds the layout and message handlers.

Every action answers on the status line (see say): what it did, or why it could not. Toasts are
kept for errors and rare events, so repeated keys never pile them up over the status line.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from textual.app import SystemCommand
from textual.screen import Screen
from textual.widgets import Input

from reader.models import Article, FeedRow
from reader.name_order import natural_key
from reader.store import ArticleFilter
from reader.text.links import web_link, why_not_a_web_link
from reader.text.sanitize import single_line
from reader.tui.messages import SidebarLoaded
from reader.tui.screens.failed_feeds import FailedFeeds
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.topic_picker import TopicPicker
from reader.tui.status_line import StatusLine
from reader.tui.widgets.article_list import PAGE_SIZE, ArticleList
from reader.tui.widgets.reading_view import ReadingView, hidden_parts
from reader.tui.widgets.sidebar import Sidebar

SIDEBAR_AUTO_HIDE_BELOW = 100  # columns: below this the list and the article need the width more
SIDEBAR_WIDE_FROM = 130
MAIN_MIN_WIDTH = 54  # the list's marks, a 30-cell title and its date: narrower, a shown sidebar takes the width alone
SHORT_BELOW = 16  # rows: a shorter terminal drops the footer (? lists the keys), so the list keeps its rows


ANSWER_TITLE_CHARS = 48  # a title quoted in an answer is cut here: the list shows it whole


def _short_title(article: Article) -> str:
    """The article's title as an answer quotes it: one line, cut after a whole word (the status line is not the
    place to read it; the list shows it whole)."""
    title = single_line(article.title or "(untitled)", None)
    if len(title) <= ANSWER_TITLE_CHARS:
        return title
    cut = title[:ANSWER_TITLE_CHARS].rsplit(" ", 1)[0]
    return f"{cut if len(cut) > ANSWER_TITLE_CHARS // 2 else title[:ANSWER_TITLE_CHARS - 1]}…"


def _host(link: str) -> str:
    """The host a link goes to: an answer names it rather than the whole link, which the reading view shows."""
    return urlsplit(link).hostname or link


class ReaderActions(StatusLine):
    """The key actions and the view changes they make; ReaderApp sets the state they read (see its __init__)."""

    refreshing: bool
    sidebar_choice: bool | None
    view_label: str
    view_key: str
    pending_open: int | None
    views_asked = 0  # bumps with every view asked for, so a topic found after a later choice is dropped
    sidebar_data: SidebarLoaded | None
    topic_unread: dict[str, int] | None

    def _show_sidebar(self) -> None:
        m = self.sidebar_data
        if m is not None:
            topics = [t.name for t in self.reader.config.topics]
            self.query_one(Sidebar).show(m.feeds, m.unread, m.total, m.total_unread, m.starred, topics,
                                         self.topic_unread, self.view_key,
                                         {f.name: f.last_warning for f in m.feeds if f.last_warning})

    def show_topic(self, topic: str) -> None:
        if not any(m.name == topic for m in self.matchers):  # feeds.toml dropped it since the choice was shown
            self.say(f"“{topic}” is no longer a tracked topic (feeds.toml changed); press t to choose one.",
                     warning=True)
            return
        self.views_asked += 1
        self.finding = f"Finding articles on {topic}…"
        self._show_activity()
        self.compute_topic_filter(topic, self.views_asked)

    def apply_filter(self, flt: ArticleFilter, label: str, key: str) -> None:
        self.query_one(ArticleList).landing = None  # a g or G pressed in the view this one replaces
        self.filter, self.view_label, self.view_key = flt, label, key
        self.views_asked += 1  # a topic still being found was asked for before this view: it is not shown
        self.finding = ""
        self._show_search()
        if self.said is not None:
            self._end_say()  # an answer about the previous view would mislead in this one
        else:
            self._show_activity()
        self.generation += 1
        self.pending_open = None
        self.workers.cancel_group(self, "news")  # the ✦ search of the rows this list replaces
        self.load_articles(reset=True)  # the sidebar's marker moves once the rows are listed (on_articles_loaded)

    def in_sight(self, article_id: int) -> Article | None:
        """The article with this id if it is the list's highlighted or the open one (an answer about it still
        reads as meant), else None."""
        shown = (self.query_one(ArticleList).current, self.query_one(ReadingView).article)
        return next((a for a in shown if a is not None and a.id == article_id), None)

    def load_beyond(self, articles: ArticleList) -> None:
        """Load the page after (or before) the list's rows once the cursor comes near their end (or start)."""
        if articles.wants_more():
            articles.later_asked = True  # `more` stays: G still loads the view's last page meanwhile
            self.load_articles(reset=False, offset=articles.start + len(articles.order))
        elif articles.wants_earlier():
            self.load_earlier(articles)

    def load_earlier(self, articles: ArticleList) -> None:
        """Load the page above the list's rows (shown above them as it comes, the cursor kept where it is)."""
        articles.earlier_asked = True
        offset = max(articles.start - PAGE_SIZE, 0)
        self.load_articles(reset=False, offset=offset, size=articles.start - offset)

    def load_rows_to(self, position: int) -> None:
        """List the row at this view position: the rows up to it when it is within a page below the loaded ones,
        else the page around it in place of them."""
        articles = self.query_one(ArticleList)
        end = articles.start + len(articles.order)
        if end <= position < end + PAGE_SIZE:
            self.load_articles(reset=False, offset=end, size=position + 1 - end)
        else:
            self.load_articles(reset=True, offset=max(position - PAGE_SIZE // 2, 0))

    def on_article_list_end_wanted(self, message: ArticleList.EndWanted) -> None:
        """g or G beyond the loaded rows: the view's first or last page in their place, the cursor on its end."""
        articles = self.query_one(ArticleList)
        articles.landing = "last" if message.last else "first"
        self.load_articles(reset=True, offset=-1 if message.last else 0)

    @property
    def sidebar_alone(self) -> bool:
        """Whether the sidebar is shown in place of the list and the article (a terminal too narrow for both)."""
        return not self.query_one("#main").display

    def fit_sidebar(self, width: int | None = None, height: int | None = None) -> None:
        """Show the sidebar on wide terminals (narrower under 130 columns), hide it under 100, unless `f` chose;
        where the list would be left too narrow beside it, a shown sidebar takes the whole width until an entry is
        chosen. A short terminal drops the footer, so the list keeps rows to show."""
        width, height = width or self.size.width, height or self.size.height
        sidebar, main = self.query_one(Sidebar), self.query_one("#main")
        sidebar.display = self.sidebar_choice if self.sidebar_choice is not None else width >= SIDEBAR_AUTO_HIDE_BELOW
        beside = 32 if width >= SIDEBAR_WIDE_FROM else 26
        alone = sidebar.display and width - beside < MAIN_MIN_WIDTH
        sidebar.styles.width = "1fr" if alone else beside
        main.display = not alone
        self.screen_stack[0].set_class(0 < height < SHORT_BELOW, "-short")
        if not sidebar.display and sidebar.has_focus:
            self.query_one(ArticleList).focus()
        elif alone and not sidebar.has_focus:
            sidebar.focus()

    def action_refresh(self) -> None:
        if self.refreshing:
            self.say("A refresh is already running.", seconds=2)  # briefly: it covers the progress
            return
        if self.reader.store.read_only:
            self.say(f"Cannot refresh: the database is read-only ({self.reader.store.read_only}).", warning=True)
            return
        self.refreshing = True
        self._set_activity("Refreshing…")
        self.run_refresh()

    def _target(self) -> Article | None:
        """The article a key acts on (see ARTICLE_KEYS_RULE): the open one while the reading view or its quotes
        have focus, else the one highlighted in the list; None, having said why, when there is none."""
        view, articles = self.query_one(ReadingView), self.query_one(ArticleList)
        focused = self.focused
        if not articles.order and view.article is None:  # whichever pane has focus
            self.say("No articles in this view.", warning=True, until_moved=True)
            return None
        if focused is not None and (focused is view or view in focused.ancestors):
            if view.article is None:
                self.say("Open an article first (enter in the list).", warning=True, until_moved=True)
            return view.article
        article = articles.current
        if article is None:
            self.say("No article selected: move to one with j / k.", warning=True, until_moved=True)
        return article

    def _open_target(self) -> Article | None:
        """The target, for keys that change the reading view (p, d): it must be the article open there."""
        article = self._target()
        shown = self.query_one(ReadingView).article
        if article is not None and (shown is None or shown.id != article.id):
            self.say("This article is not open: press enter first.", warning=True, about=article)
            return None
        return article

    def action_toggle_read(self) -> None:
        if (a := self._target()) is not None:
            self.change_article(a.id, read=not a.is_read)
            self.say(f"Marked {'unread' if a.is_read else 'read'}: {_short_title(a)}")  # names it: stays (see say)

    def action_toggle_star(self) -> None:
        if (a := self._target()) is not None:
            self.change_article(a.id, starred=not a.is_starred)
            self.say(f"{'Unstarred' if a.is_starred else 'Starred'}: {_short_title(a)}")  # names it: stays (see say)

    def _link(self) -> tuple[Article, str] | None:
        """The target article and its link if it may leave the app (http or https); otherwise None, having said
        why."""
        article = self._target()
        if article is None:
            return None
        link = web_link(article.link)  # the link the reading view shows, as `show` and the digest give it
        if link is None:
            self.say(f"Not opened or copied: {why_not_a_web_link(article.link)}.", warning=True, about=article)
            return None
        return article, link

    def action_open_link(self) -> None:
        if (found := self._link()) is not None:
            self.say(f"Opening the link ({_host(found[1])}) in the browser.", about=found[0])
            self.open_in_browser(found[1])

    def action_copy_link(self) -> None:
        if (found := self._link()) is not None:
            self.copy_to_clipboard(found[1])
            self.say(f"Link copied ({_host(found[1])}).", about=found[0])

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
        if (article := self._open_target()) is None:
            return
        view = self.query_one(ReadingView)
        quote = view.selected_quote
        if quote is None:
            self.say("This article has no key quotes to pin.", warning=True, about=article)
            return
        pinned = quote.text in view.pinned_texts
        self.toggle_pin(article.id, quote.text, quote.speaker, pinned)
        self.say("Quote unpinned." if pinned else "Quote pinned; it will appear in the digest.", about=article)

    def action_toggle_repeats(self) -> None:
        if (article := self._open_target()) is None:
            return
        view = self.query_one(ReadingView)
        what = hidden_parts(view.cleaned) if view.cleaned is not None else ""
        if not what:
            self.say("Nothing hidden here: no repeated paragraphs or page furniture.", about=article)
        else:
            view.toggle_repeats()
            self.say(f"{what[0].upper()}{what[1:]} {'shown below the article' if view.show_repeats else 'hidden'}.",
                     about=article)

    def action_pick_topic(self) -> None:
        topics = [t.name for t in self.reader.config.topics]
        if not topics:
            self.say("No tracked topics; add [[topics]] to feeds.toml.", warning=True)
            return

        def chosen(topic: str | None) -> None:
            if topic == "":
                self.apply_filter(ArticleFilter(), "All", "all")
            elif topic is not None:
                self.show_topic(topic)

        self.push_screen(TopicPicker(topics), chosen)

    def action_next_unread(self, forward: bool) -> None:
        articles = self.query_one(ArticleList)
        if not articles.order:
            self.say("No unread articles: this view is empty.", warning=True, until_moved=True)
            return
        current = articles.current
        shown = self.query_one(ReadingView).article
        if forward and current is not None and not current.is_read and (shown is None or shown.id != current.id):
            self.open_article(current.id)  # the highlighted article is the next unread one not yet read
            return
        self.find_unread(current.id if current is not None else None, forward)

    def action_step_article(self, step: int) -> None:
        articles = self.query_one(ArticleList)
        if not articles.order:
            self.say("No articles in this view.", warning=True, until_moved=True)
            return
        row = articles.cursor_row + step if self.query_one(ReadingView).article is not None else articles.cursor_row
        if not 0 <= row < len(articles.order):
            if articles.more if step > 0 else articles.start > 0:  # the next page is on its way (see load_beyond)
                self.say("Loading more articles…", seconds=2, until_moved=True)
                return
            self.say(f"This is the {'last' if step > 0 else 'first'} article in this view.", until_moved=True)
            return
        articles.move_cursor(row=row)
        self.open_article(articles.order[row])

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one("#sidebar")
        self.sidebar_choice = not sidebar.display
        self.fit_sidebar()
        if sidebar.display:
            sidebar.focus()

    def feeds_in_trouble(self) -> tuple[list[FeedRow], list[tuple[FeedRow, str]]]:
        """The feeds whose last fetch failed, and those (with the warning) whose last document was read in part, in
        the sidebar's order."""
        loaded = self.sidebar_data.feeds if self.sidebar_data is not None else []
        feeds = sorted(loaded, key=lambda f: natural_key(f.name))
        failed = [f for f in feeds if f.last_error]
        return failed, [(f, f.last_warning) for f in feeds if not f.last_error and f.last_warning]

    def action_failed_feeds(self) -> None:
        failed, warned = self.feeds_in_trouble()
        if not failed and not warned:
            self.say("No feed failed on its last fetch, and none was read only in part.", until_moved=True)
            return
        self.push_screen(FailedFeeds(failed, warned))

    def action_show_copies(self) -> None:
        if (a := self._target()) is not None:
            self.load_copies(a.id)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            # Ours lists every key of the reader; Maximize showed the list as its 40% band in a hatched screen.
            if command.title not in ("Keys", "Maximize"):
                yield command
        yield SystemCommand("Refresh feeds", "Fetch every feed in the background (r)", self.action_refresh)
        yield SystemCommand("Feeds in trouble", "Feeds whose last fetch failed or read only part of the feed, why, "
                            "and what to do (e)", self.action_failed_feeds)
        yield SystemCommand("Search", "Search titles and text (/)", self.action_search)
        yield SystemCommand("Filter by topic", "Show one tracked topic (t)", self.action_pick_topic)
        yield SystemCommand("Toggle read", "Mark the article read or unread (m)", self.action_toggle_read)
        yield SystemCommand("Star", "Star or unstar the article (s)", self.action_toggle_star)
        yield SystemCommand("Show repeated paragraphs", "Show or hide collapsed repeats and page furniture (d)",
                            self.action_toggle_repeats)
        yield SystemCommand("Show or hide the sidebar", "The feeds and topics pane (f)", self.action_toggle_sidebar)
        yield SystemCommand("Compare copies", "What each outlet added to or cut from this story (c)",
                            self.action_show_copies)
        yield SystemCommand("Keys", "Show every key (?)", self.action_help)
