"""The status line's right side: the latest answer to a key, else what runs in the background; and the search box.

A mixin of ReaderActions, kept apart so the rule for how long an answer stays true lives in one place:
an answer describing "this" article or the view as it is ends as soon as that changes (see say).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from reader.models import Article
from reader.store import ArticleFilter
from reader.tui.format import plain
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import ReadingView
from reader.tui.workers import StoreWorkers

SAY_SECONDS = 8.0  # an answer stays on the status line this long, unless the next one replaces it sooner


class StatusLine(StoreWorkers):
    """Answers to keys and the background activity on the status line; ReaderApp sets the state they read."""

    filter: ArticleFilter
    activity: str
    waiting_for: str
    finding = ""  # "Finding articles on <topic>…" while a chosen topic's articles are looked for
    said: tuple[str, bool] | None = None  # the latest answer to a key (text, warning), while it shows
    said_until_moved = False  # the answer is about an article or the view as it is: moving, a screen, ends it
    said_place: tuple[int | None, int | None] = (None, None)  # the place it describes (see _place)
    say_timer: Timer | None = None

    def say(self, text: str, warning: bool = False, seconds: float | None = None, until_moved: bool = False,
            about: Article | None = None) -> None:
        """Answer a key on the status line's right side, replacing the previous answer (one line, never a pile).

        An answer until_moved describes the view as it is (the last article, nothing unread below, nothing
        open), one `about` an article speaks of it without naming it ("this story", "the link", "not open"):
        either ends as soon as the list's cursor moves to another article, any article opens (the same one
        too: "not open" is then untrue), a screen opens or closes, the view changes or the store changes,
        since it would then read as about another article, or be untrue. Answers that name the article
        ("Starred: <title>") stay true, and stay.
        """
        if self.say_timer is not None:
            self.say_timer.stop()
        self.said = (text, warning)
        self.said_until_moved, self.said_place = until_moved or about is not None, self._place()
        self.say_timer = self.set_timer(SAY_SECONDS if seconds is None else seconds, self._end_say)
        self._show_activity()

    def _end_say(self) -> None:
        if self.say_timer is not None:
            self.say_timer.stop()  # when ended early: its timer must not end a later answer
        self.said, self.say_timer, self.said_until_moved = None, None, False
        self._show_activity()

    def _place(self) -> tuple[int | None, int | None]:
        """The article under the list's cursor and the open one: what an answer about "this" article reads against."""
        current, shown = self.query_one(ArticleList).current, self.query_one(ReadingView).article
        return current.id if current is not None else None, shown.id if shown is not None else None

    def _end_place_answer(self) -> None:
        """End an answer about an article or the view as it is once the cursor moved or an article opened: its
        words ("this article is not open", "the last article") would be read against what is there now."""
        if self.said is not None and self.said_until_moved and self._place() != self.said_place:
            self._end_say()

    def _screen_changed(self, screen: Screen[object]) -> None:
        """A screen opened or closed: an answer about an article or the cursor's place would be read against it."""
        if self.said is not None and self.said_until_moved:
            self._end_say()

    def _set_activity(self, text: str) -> None:
        """What runs in the background (refresh progress, then its summary); an answer to a key shows over it."""
        self.activity = text
        self._show_activity()

    def _show_search(self) -> None:
        """The search box says the list's search, and is hidden when the list is not a search: it never keeps a
        query the list no longer shows. While it is being typed in it is left alone (enter or escape decides)."""
        search = self.query_one("#search", Input)
        if not search.has_focus:
            search.value = self.filter.search or ""
            search.display = bool(self.filter.search)

    def _show_activity(self) -> None:
        """The status line's right side: waiting for the database, else the latest answer, else the topic being
        found, else the activity."""
        if self.waiting_for:
            line = plain(self.waiting_for, "bold")
        elif self.said is not None:
            line = plain(self.said[0], "bold" if self.said[1] else "")
        elif self.finding:
            line = plain(self.finding, "dim")
        else:
            line = plain(self.activity, "dim")
        activity = self.query_one("#activity", Static)
        activity.update(line)
        # An answer longer than its side of the line wraps (see reader.tcss); its lines then align left.
        activity.set_class(line.cell_len > max(activity.content_region.width, 1), "-long")
        self.query_one("#status").set_class(not line.plain, "-quiet")  # then the view may take the whole line

