"""What the app does as the store changes under it: another program's writes (the poll), a refresh's progress and
summary, the write lock waited on or given up, and what follows the store (topic counts, the NewsFinder).

A mixin of ReaderApp, kept apart from the key actions and the list's handlers: every handler here
answers a worker's message, and only these reload what the store's changes may have made stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.topics import compile_topics
from reader.tui.actions import ReaderActions
from reader.tui.messages import (
    NewsFinderBuilt,
    RefreshBusy,
    RefreshFinished,
    RefreshProgress,
    StoreChangedElsewhere,
    StorePolled,
    StoreWaiting,
    StoreWriteFailed,
    TopicCountsLoaded,
)
from reader.tui.topic_tally import TopicTally
from reader.tui.widgets.article_list import PAGE_SIZE, ArticleList
from reader.tui.widgets.reading_view import ReadingView
from reader.wording import count_of

if TYPE_CHECKING:
    from reader.topics import TopicMatcher


class StoreEvents(ReaderActions):
    """The handlers of the store's changes; ReaderApp sets the state they read (see its __init__)."""

    matchers: list[TopicMatcher]
    topics_counting: bool
    topic_tally: TopicTally | None
    polls_asked = 0  # the number of the latest poll started (see poll_now)
    polls_handled = 0  # the number of the latest poll whose answer was handled: older answers are dropped
    refresh_summary = ""  # what the app's own last refresh did ("Refreshed 3 feeds: 5 new")
    articles_known: int | None = None  # the store's article count at the last sidebar load
    added_elsewhere = 0  # articles another program (a `reader fetch`) added since the app's own last refresh
    changed_elsewhere = False  # another program wrote since the last sidebar load

    def poll_now(self) -> None:
        """Ask for the store's version (the timer's tick, and once at start), numbered so a late answer is dropped."""
        for view in self.query(ReadingView):  # none while the app closes
            self.polls_asked += 1
            self.poll_store(self.polls_asked, self.store_version,
                            view.article.id if view.article is not None else None)

    def on_store_polled(self, message: StorePolled) -> None:
        """Keep the version; reload once when it moved. A poll can wait behind a long query (a topic count) while
        newer ones answer: its version is older than the one kept, so it is dropped, not taken for a change."""
        if message.poll <= self.polls_handled:
            return
        self.polls_handled = message.poll
        seen, self.store_version = self.store_version, message.version
        if seen is not None and message.version != seen:
            # The article was read against the poll's own `seen`, which is the kept one: newer polls were dropped.
            self.post_message(StoreChangedElsewhere(message.article if message.seen == seen else None))

    def on_store_changed_elsewhere(self, message: StoreChangedElsewhere) -> None:
        """Another program wrote to the store: reload what it may have changed (marks, counts, the list, the e
        screen), keeping the view, the cursor's article and its place on screen, and the open article."""
        if message.article is not None:
            self.query_one(ArticleList).update_article(message.article)
            self.query_one(ReadingView).update_article(message.article)
        if self.said is not None and self.said_until_moved:
            self._end_say()  # "the last article", "nothing unread below" may no longer be true
        self.changed_elsewhere = True
        self.load_sidebar()
        self.recount_topics()
        articles = self.query_one(ArticleList)
        self.load_articles(reset=True, offset=articles.start, size=max(PAGE_SIZE, len(articles.order)),
                           keep_place=True)

    def count_added_elsewhere(self, total: int) -> None:
        """The sidebar's new article count: what another program added since the app's own refresh joins its
        summary ("Refreshed 1 feed: 3 new · then another program added 5 articles"), which alone would read
        as the latest news however many a `reader fetch` brought since (try11 find 17)."""
        known, self.articles_known = self.articles_known, total
        elsewhere, self.changed_elsewhere = self.changed_elsewhere, False
        if not elsewhere or self.refreshing or known is None or total <= known:
            return
        self.added_elsewhere += total - known
        added = count_of(self.added_elsewhere, "article")
        self._set_activity(f"{self.refresh_summary} · then another program added {added}" if self.refresh_summary
                           else f"Another program added {added}")

    def on_news_finder_built(self, message: NewsFinderBuilt) -> None:
        """Keep the finder and hand it to every page and article that asked while it was built; one built before a
        refresh ended may read past days the refresh changed, so those asking get one built again."""
        self.news_finder = (message.key, message.finder)
        if message.epoch != self.news_epoch:
            self.build_news_finder(self.news_finder, self.news_epoch)  # still building: the waiting keep waiting
            return
        self.news_finder_building = False
        waiting, self.news_finder_waiting = self.news_finder_waiting, []
        for use in waiting:
            use(message.finder)

    def recount_topics(self) -> None:
        """Count the topics' unread articles again in a worker: from what changed since the last count (see
        reader.tui.topic_tally); the counts shown stay until the new ones replace them, so nothing flickers."""
        if self.matchers:
            self.topics_counting = True
            self.count_topic_unread(self.topic_tally)

    def on_topic_counts_loaded(self, message: TopicCountsLoaded) -> None:
        self.topics_counting = False
        self.topic_tally = message.tally
        if message.counts != self.topic_unread:
            self.topic_unread = message.counts
            self._show_sidebar()

    def on_refresh_progress(self, message: RefreshProgress) -> None:
        """"Refreshing 3/16: waiting for <the feed out longest>", failed feeds counted as done; the summary then says
        "Refreshed 16 feeds"."""
        if not message.done:
            self._set_activity(f"Refreshing {message.total} feed{'s' if message.total != 1 else ''}…")
        else:
            waiting = f"waiting for {message.name}" if message.name else "finishing"
            self._set_activity(f"Refreshing {message.done}/{message.total}: {waiting}")

    def on_refresh_busy(self, message: RefreshBusy) -> None:
        """r (or the refresh at start) while another program refreshes: what it stores shows here as it comes
        (see StorePolled), so this is news, not an error (it was a "Refresh failed" pop-up: try11)."""
        self.refreshing = False
        self._set_activity("")
        self.say("Another program is refreshing the feeds; what it adds will show here.", seconds=10)  # one row

    def on_refresh_finished(self, message: RefreshFinished) -> None:
        self.refreshing = False
        self.news_epoch += 1
        if message.config is not self.reader.config:
            self.reader.config = message.config
            self.matchers = compile_topics(message.config.topics)
            self.topic_tally = None  # a topic's phrases may have changed: counted again over the store
            self.query_one(ReadingView).matchers = self.matchers
        if message.config_error:
            self.notify(f"Kept the previous settings: {message.config_error}", title="feeds.toml is invalid",
                        severity="error", timeout=15)
        summary = message.summary
        news = f"{summary.new} new" + (f", {summary.updated} updated" if summary.updated else "")
        trouble = [f"{summary.failed} failed"] if summary.failed else []
        trouble += [f"{len(summary.warnings)} read in part"] if summary.warnings else []
        more = f" · {', '.join(trouble)}: press e" if trouble else ""
        more += f" · {summary.skipped} not due" if summary.skipped else ""  # asked us to wait (Retry-After)
        if self.said is not None:
            self._end_say()  # the summary answers the r pressed before any later key
        fetched = summary.feeds - summary.skipped  # the progress's total: failed feeds are among them
        self.refresh_summary = f"Refreshed {fetched} feed{'s' if fetched != 1 else ''}: {news}{more}"
        # Counted afresh from the next sidebar load: what others added during the refresh is in its summary's past.
        self.added_elsewhere, self.articles_known, self.changed_elsewhere = 0, None, False
        self._set_activity(self.refresh_summary)
        self.load_sidebar()
        self.recount_topics()
        self.load_articles(reset=True)

    def on_store_waiting(self, message: StoreWaiting) -> None:
        self.waiting_for = (f"Waiting for the database (another program is writing): {message.what} waits."
                            if message.what else "")
        self._set_activity(self.activity)

    def on_store_write_failed(self, message: StoreWriteFailed) -> None:
        if message.read_only:
            self.say(f"Not saved ({message.what}): the database is read-only ({message.read_only}).", warning=True)
            return
        self.say(f"Gave up {message.what}: another program kept the database locked; try again later.",
                 warning=True, seconds=15)
