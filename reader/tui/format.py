"""Pure formatting for the reader's widgets: relative dates and safe Rich Text built from feed strings.

Everything from a feed becomes rich.text.Text constructed from plain strings, never parsed as
markup, so a title like "[bold red]x[/]" shows literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from rich.text import Text

from reader.text.sanitize import single_line
from reader.topics import TopicMatcher


def relative_date(stamp: str | None, now: datetime) -> str:
    """"now", "5m", "3h", "2d", else the date: short enough for a list column."""
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (now - when).total_seconds()
    if seconds < 0 or seconds >= 7 * 86400:
        return when.astimezone(now.tzinfo).date().isoformat()
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    return f"{int(seconds // 86400)}d"


def plain(text: str | None, style: str = "") -> Text:
    """A Text that shows `text` literally (no markup), made safe for the terminal, and never shortened.

    Paragraphs of the story go through here too, so it must not cut: widgets fit labels to their width.
    """
    return Text(single_line(text or "", None), style=style)


def highlight_topics(text: Text, matchers: Sequence[TopicMatcher], style: str = "bold reverse") -> Text:
    """Highlight every tracked-topic phrase, using the same case and word-boundary rules as matching."""
    for matcher in matchers:
        for pattern in matcher.patterns:
            text.highlight_regex(pattern, style)
    return text
