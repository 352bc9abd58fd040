"""What the reader says about a feed in trouble: its last fetch failed, or read only part of the feed.

The sidebar marks such a feed (FAILED_MARK, WARNED_MARK), the status line names the trouble when
the feed's articles are listed, and the reading pane, while no article is open, says what went
wrong and what to do: the same words in each place, from here.
"""

from __future__ import annotations

from reader.models import FeedRow
from reader.text.display import display_date

FAILED_MARK = "!"  # the feed's last fetch failed
WARNED_MARK = "~"  # the last fetch kept what it could read of a partly broken feed
MARKS_LEGEND = (f"{FAILED_MARK} its last fetch failed, {WARNED_MARK} it was read only in part "
                "(e says why for both)")
FAILED_TODO = "Check its url in feeds.toml (or whether the site moved its feed), then press r to try again."


def feed_mark(feed: FeedRow, warning: str | None) -> str:
    """The sidebar's mark for the feed, "" when its last fetch went well."""
    return FAILED_MARK if feed.last_error else WARNED_MARK if warning else ""


def feed_status(feed: FeedRow, warning: str | None) -> str:
    """The status line's words for a listed feed in trouble (short: it shares a line), "" for none."""
    if feed.last_error:
        return "last fetch failed: e says why"
    return "feed read in part: e says why" if warning else ""


def feed_note(feed: FeedRow, warning: str | None, has_articles: bool) -> str:
    """The reading pane's words for a feed in trouble, in place of an article: what went wrong and what to do."""
    if feed.last_error:
        since = f" (failing since {display_date(feed.error_since)})" if feed.error_since else ""
        what = "has no articles yet" if not has_articles else "shows what earlier fetches stored"
        return (f"{feed.name} {what}: its last fetch failed{since}:\n{feed.last_error}\n\n{FAILED_TODO} "
                "e lists every feed in trouble.")
    if warning:
        return f"{feed.name}'s last fetch read only part of the feed:\n{warning}"
    return ""
