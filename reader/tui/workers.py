"""Thread workers of the reader: every store and cleaning call runs here, off the UI thread.

Workers only read and write the store and post messages; the app's handlers apply the results
to widgets and app state (a worker sets no attribute: what it found for later, the store's version
or a NewsFinder, goes in a message too). Long workers check for cancellation, and quitting never
waits on one stuck in a long call (see reader.tui.quitting).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from reader.config import ConfigError, load_config
from reader.core import Reader
from reader.models import Article
from reader.store import ArticleFilter, StoreError
from reader.stories import story_text
from reader.topics import TopicMatcher, topic_text, topics_in
from reader.tui.messages import (
    ArticleChanged,
    ArticleOpened,
    ArticlesLoaded,
    BrowserMissing,
    CopiesLoaded,
    NewSentencesFound,
    NewsFinderBuilt,
    NewsFound,
    PinsChanged,
    RefreshBusy,
    RefreshFinished,
    RefreshProgress,
    SidebarLoaded,
    StorePolled,
    StoreWaiting,
    StoreWriteFailed,
    TopicCountsLoaded,
    TopicFilterReady,
    UnreadFound,
    ViewCounted,
)
from reader.tui.safe_app import SafeApp
from reader.tui.topic_tally import TopicTally, count_all, count_changes
from reader.tui.widgets.article_list import PAGE_SIZE

if TYPE_CHECKING:  # the digest's modules load only once a list has rows to mark
    from reader.what_changed import NewsFinder

THEME_SETTING = "theme"
# A write that finds the database locked although no other program was seen holding it (SQLite's own
# busy wait already ran) is tried again after growing pauses, then given up with a message: never a spin.
WRITE_ATTEMPTS = 5
RETRY_PAUSES_S = (0.5, 1.0, 2.0, 4.0)  # before the 2nd, 3rd, ... attempt


class StoreWorkers(SafeApp):
    """The app's background work; ReaderApp sets these attributes and handles the messages."""

    reader: Reader
    matchers: list[TopicMatcher]
    filter: ArticleFilter
    generation: int
    news_epoch: int  # bumps after each refresh: the stored past days a NewsFinder reads may have changed
    news_finder: tuple[object, NewsFinder] | None = None  # (what it was built for, the finder)
    news_finder_building = False  # a build_news_finder worker runs; those asking meanwhile wait for its finder
    news_finder_waiting: list[Callable[[NewsFinder], object]]  # what asked for the finder being built
    store_version: int | None = None  # the store's data_version at the last poll (set by on_store_polled)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sidebar")
    def load_sidebar(self) -> None:
        """Feed, unread and starred counts: index lookups, cheap at any store size."""
        store = self.reader.store
        unread = store.unread_counts()
        feeds = store.feeds()
        self.post_message(SidebarLoaded(feeds, unread, sum(unread.get(f.id, 0) for f in feeds),
                                        store.starred_count(), store.count_articles()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="store-poll")
    def poll_store(self, poll: int, seen: int | None, open_article: int | None) -> None:
        """The store's data_version as StorePolled, numbered `poll` (a poll waiting behind a long query may answer
        after a newer one: the handler drops it), with `seen`, the version the app kept when it asked.

        One pragma on the app's own connection, whose own writes (keys, the app's own refresh) never count,
        so only what others wrote is reloaded. The open article is read again only when the version moved.
        """
        version = self.reader.store.data_version()
        moved = seen is not None and version != seen
        article = self.reader.store.article(open_article) if moved and open_article is not None else None
        self.post_message(StorePolled(poll, version, seen, article))

    @work(thread=True, exclusive=True, exit_on_error=False, group="topics")
    def count_topic_unread(self, tally: TopicTally | None) -> None:
        """Unread articles per topic: from what changed since `tally`, or over the store when there is none yet
        (or the topics changed); the first count starts after the first paint, as it reads every candidate."""
        worker = get_current_worker()
        store, topics = self.reader.store, self.reader.config.topics
        if tally is not None and set(tally.members) == {m.name for m in self.matchers}:
            tally = count_changes(store, tally, self.matchers, lambda: worker.is_cancelled)
        else:
            tally = count_all(store, topics, self.matchers, lambda: worker.is_cancelled)
        if tally is not None and not worker.is_cancelled:
            self.post_message(TopicCountsLoaded(tally.counts(), tally))

    def _topic_ids(self, matcher: TopicMatcher, unread_only: bool = False) -> list[int]:
        """FTS narrows the candidates, then the exact matching rules (case, word boundaries, excludes) decide."""
        topic = next(t for t in self.reader.config.topics if t.name == matcher.name)
        worker = get_current_worker()
        ids: list[int] = []
        for n, (aid, _, title, text) in enumerate(self.reader.store.iter_phrase_candidates(topic.match, unread_only)):
            if n % 500 == 0 and worker.is_cancelled:
                return ids  # the app is closing or a newer request replaced this one; nobody will read it
            if matcher.matches(story_text(title, text)):  # what topics.topic_text gives, without the Article
                ids.append(aid)
        return ids

    @work(thread=True, exclusive=True, exit_on_error=False, group="articles")
    def load_articles(self, reset: bool, offset: int = 0, size: int = PAGE_SIZE, keep_place: bool = False) -> None:
        """A page of the view from `offset` (-1: its last page, for G) as ArticlesLoaded, then the view's counts."""
        generation, flt = self.generation, self.filter
        store = self.reader.store
        if offset < 0:
            offset = max(store.count_articles(flt) - size, 0)
        page = store.list_articles(flt, limit=size + 1, offset=offset)
        more, page = len(page) > size, page[:size]
        badges = {a.id: topics_in(topic_text(a), self.matchers) for a in page}
        # Other outlets that ran the row's story anywhere in the store, not only on this page.
        carried = store.story_outlets(a.story_id for a in page if a.story_id is not None)
        outlets = {a.id: len(carried[a.story_id] - {a.feed_name}) for a in page if a.story_id is not None}
        self.post_message(ArticlesLoaded(page, badges, outlets, more, reset, generation, keep_place, offset))
        if reset:  # after the page, so counting a large view never delays the first paint
            self.post_message(ViewCounted(self._count_view(flt), generation))

    def with_news_finder(self, use: Callable[[NewsFinder], object]) -> None:
        """Call `use` (on the UI thread) with the NewsFinder for the store as it is now, built by one worker at a time.

        Building one reads the topics' stored past days (0.65 s at 100,000 articles); the pages and the
        opened article that ask while it is built wait for that one (NewsFinderBuilt hands it to them all),
        so two never build it side by side.
        """
        self.news_finder_waiting.append(use)
        if not self.news_finder_building:
            self.news_finder_building = True
            self.build_news_finder(self.news_finder, self.news_epoch)

    @work(thread=True, exit_on_error=False, group="news-finder")
    def build_news_finder(self, kept: tuple[object, NewsFinder] | None, epoch: int) -> None:
        """The NewsFinder for `epoch`: `kept` while what it reads stays the same (feeds.toml and the stored past
        days, which only a refresh changes), so its per-day history is read once for every page and every
        opened article; else a new one. Posted as NewsFinderBuilt: workers change no state.

        A refresh may run outside the app too (`reader fetch` from cron): every fetch stamps its feeds'
        last_fetched, so the newest stamp, read from the small feeds table each time the finder is asked
        for, renews the finder after such a run as after the app's own `r` (news_epoch).
        """
        from reader.what_changed import NewsFinder  # lazy: the digest's modules are not needed to start

        fetched = max((f.last_fetched or "" for f in self.reader.store.feeds()), default="")
        key = (self.reader.config, epoch, fetched)
        finder = kept[1] if kept is not None and kept[0] == key else NewsFinder(self.reader.store, self.reader.config)
        self.post_message(NewsFinderBuilt(key, finder, epoch))

    def find_news(self, articles: Sequence[Article], generation: int, replaces: bool) -> None:
        """Which listed rows bring something new (✦), in a worker started once the rows are painted: it reads the
        topics' stored past days (see with_news_finder), which would otherwise hold back the first paint. A new
        list (`replaces`) cancels the search for the list it replaced."""
        if replaces:
            self.workers.cancel_group(self, "news")

        def search(finder: NewsFinder) -> None:
            if generation == self.generation:  # else the list it was for is gone
                self.run_worker(partial(self._find_news, finder, articles, generation), thread=True, group="news",
                                exit_on_error=False)

        self.with_news_finder(search)

    def _find_news(self, finder: NewsFinder, articles: Sequence[Article], generation: int) -> None:
        worker = get_current_worker()
        news = set()
        for a in articles:
            if worker.is_cancelled:
                return  # a newer list replaced this one, or the app is closing
            if finder.brings_news(a):
                news.add(a.id)
        self.post_message(NewsFound(frozenset(news), generation))

    def _count_view(self, flt: ArticleFilter) -> tuple[int, int]:
        store = self.reader.store
        return store.count_articles(flt), store.count_articles(replace(flt, unread_only=True))

    @work(thread=True, exclusive=True, exit_on_error=False, group="view-count")
    def count_view(self) -> None:
        generation = self.generation
        self.post_message(ViewCounted(self._count_view(self.filter), generation))

    @work(thread=True, exclusive=True, exit_on_error=False, group="unread")
    def find_unread(self, after: int | None, forward: bool) -> None:
        store, flt = self.reader.store, self.filter
        found = store.unread_neighbour(flt, after, forward)
        any_unread = found is not None or store.count_articles(replace(flt, unread_only=True)) > 0
        self.post_message(UnreadFound(found, forward, any_unread))

    @work(thread=True, exit_on_error=False, group="warm")
    def warm_cleaning(self) -> None:
        """Load the cleaning modules after the first paint, so the first article opens without their wait.

        Importing them compiles a few hundred regular expressions (quote credits, names in any
        alphabet): about a third of a second of start-up the list does not need.
        """
        import reader.copies  # noqa: F401 (imports reader.text.clean and its quotes)

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def open_article(self, article_id: int) -> None:
        """Show the article and mark it read at once; its new sentences follow (see find_new_sentences)."""
        from reader.text.clean import clean_stored_article, topic_terms  # loaded by warm_cleaning, as a rule

        store = self.reader.store
        article = store.article(article_id)
        if article is None:
            return
        cleaned = clean_stored_article(article, topic_terms(self.reader.config.topics))
        self.post_message(ArticleOpened(article, cleaned, store.pins([article_id])))
        if article.is_read or store.read_only or not self._store_write("marking the article read",
                                                    lambda: store.set_read([article_id])):
            return
        self._post_changed(article_id, was_read=False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="new-sentences")
    def find_new_sentences(self, finder: NewsFinder, article: Article, paragraphs: Sequence[str]) -> None:
        """The opened article's sentences its topics' recent coverage lacked (read after it is shown)."""
        new = finder.new_sentences(article, paragraphs)
        if not get_current_worker().is_cancelled:
            self.post_message(NewSentencesFound(article.id, tuple(new)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="copies")
    def load_copies(self, article_id: int) -> None:
        """The article's story in every outlet that ran it, each copy against the earliest."""
        from reader.what_changed import story_copies

        store = self.reader.store
        article = store.article(article_id)
        if article is None:
            return
        sid = article.story_id
        outlets = (store.story_outlets([sid])[sid] if sid is not None else set()) | {article.feed_name}
        self.post_message(CopiesLoaded(*story_copies(store, article), len(outlets), article_id))

    @work(thread=True, exit_on_error=False, group="state")
    def change_article(self, article_id: int, read: bool | None = None, starred: bool | None = None) -> None:
        store = self.reader.store
        before = store.article(article_id)
        if before is None:
            return
        if read is not None and not self._store_write("marking the article",
                                                      lambda: store.set_read([article_id], read)):
            return
        if starred is not None and not self._store_write(
                "starring the article", lambda: store.set_starred([article_id], starred)):
            return
        self._post_changed(article_id, before.is_read)

    def _post_changed(self, article_id: int, was_read: bool) -> None:
        """ArticleChanged with the change to the unread count and, when it changed, the topics it counts in: one
        article matched (what a recount of every topic over the store, a second per 3,000 articles, would give)."""
        article = self.reader.store.article(article_id)
        if article is None:
            return
        change = int(was_read) - int(article.is_read)
        topics = tuple(topics_in(topic_text(article), self.matchers)) if change else ()
        self.post_message(ArticleChanged(article, change, topics))

    @work(thread=True, exit_on_error=False, group="pins")
    def toggle_pin(self, article_id: int, text: str, speaker: str | None, pinned: bool) -> None:
        store = self.reader.store
        if pinned:
            done = self._store_write("unpinning the quote", lambda: store.remove_pin(article_id, text))
        else:
            done = self._store_write("pinning the quote", lambda: store.add_pin(article_id, text, speaker))
        if done:  # only the pins changed: the article is not read or cleaned again
            self.post_message(PinsChanged(article_id, store.pins([article_id])))

    @work(thread=True, exclusive=True, exit_on_error=False, group="topic")
    def compute_topic_filter(self, topic: str, asked: int) -> None:
        matcher = next(m for m in self.matchers if m.name == topic)
        ids = tuple(self._topic_ids(matcher))
        if not get_current_worker().is_cancelled:  # else a newer choice replaced it, and `ids` may be partial
            self.post_message(TopicFilterReady(topic, ids, asked))

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def run_refresh(self) -> None:
        config, config_error = self.reader.config, None
        try:  # feeds.toml may have changed (or broken) while the app was open
            config = load_config(config.path)
        except ConfigError as exc:
            config_error = str(exc)

        def progress(done: int, total: int, name: str) -> None:
            self.post_message(RefreshProgress(done, total, name))

        from reader.fetch.refresh import refresh  # lazy: the HTTP client is not needed to start reading
        from reader.store.lock import RefreshBusyError

        if not self._wait_while_locked("refresh"):
            return
        try:
            summary = refresh(self.reader.store, config, progress=progress)  # its first progress is the total
        except RefreshBusyError:
            self.post_message(RefreshBusy())
            return
        self.post_message(RefreshFinished(summary, config, config_error))

    @work(thread=True, exit_on_error=False, group="settings")
    def save_theme(self, name: str) -> None:
        self._store_write("saving the theme", lambda: self.reader.store.set_setting(THEME_SETTING, name))

    @work(thread=True, exit_on_error=False, group="browser")
    def open_in_browser(self, url: str) -> None:
        """Finding a browser can start programs (xdg-settings), so it runs here, off the UI thread."""
        import webbrowser

        try:
            webbrowser.get()
        except webbrowser.Error:
            self.post_message(BrowserMissing(url))
            return
        self.call_from_thread(self.open_url, url)

    def _wait_while_locked(self, what: str) -> bool:
        """Wait, saying so, while another program holds the store's write lock; False if the app is closing."""
        waiting = False
        try:
            while self.reader.store.is_write_locked():
                if not waiting:
                    self.post_message(StoreWaiting(what))
                    waiting = True
                if not _pause(0.2):
                    return False
            return True
        finally:
            if waiting:
                self.post_message(StoreWaiting(None))

    def _store_write(self, what: str, write: Callable[[], object]) -> bool:
        """Run one write, waiting (not failing) for as long as another program holds the lock; nothing is lost.

        A write that fails as locked when no holder was seen is retried after growing pauses; after
        WRITE_ATTEMPTS the status line says it was given up (StoreWriteFailed), so a lock that never
        clears costs neither a spinning thread nor a silent loss.
        """
        if self.reader.store.read_only:
            self.post_message(StoreWriteFailed(what, self.reader.store.read_only))
            return False
        for attempt in range(WRITE_ATTEMPTS):
            if not self._wait_while_locked(what):
                return False
            try:
                write()
                return True
            except (sqlite3.OperationalError, StoreError) as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
            if attempt < len(RETRY_PAUSES_S) and not _pause(RETRY_PAUSES_S[attempt]):
                return False
        self.post_message(StoreWriteFailed(what))
        return False


def _pause(seconds: float) -> bool:
    """Sleep in short steps, so a closing app never waits on a pause; False once the worker is cancelled."""
    worker, until = get_current_worker(), time.monotonic() + seconds
    while not worker.is_cancelled:
        left = until - time.monotonic()
        if left <= 0:
            return True
        time.sleep(min(left, 0.1))
    return False
