"""Coverage lists: one numbered line per story, with a readable byline, its own date when not the digest's
day, and a cap that says how much was left out.

The date matters because stories say "said Friday": under "Monday 30 November" a Friday story
must show that it is from Friday. The byline drops what an RSS author field wraps around the
name ("news@example.org (Pat Quinn)", "By Jane Doe").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reader.digest.model import CoverageLine, MoreStories
from reader.digest.opinion import opinion_kind
from reader.digest.topic_summary import Story
from reader.text.display import display_byline


def published_day(stamp: str | None) -> date | None:
    """The local calendar day of a stored published timestamp, as the digest's own day is local."""
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp).astimezone().date()
    except ValueError:
        return None


def coverage_lines(stories: Sequence[Story], day: date, first: int = 1) -> tuple[CoverageLine, ...]:
    """Numbered lines; a story's date is given only when it is not the digest's day, and a byline only when it
    is not the outlet's own name."""
    lines = []
    for n, s in enumerate(stories, first):
        own_day = published_day(s.lead.published)
        byline = display_byline(s.lead.author)
        lines.append(CoverageLine(n, s.lead.title or "(untitled)", s.lead.link, s.lead.feed_name,
                                  byline if byline != s.lead.feed_name else None, s.outlets[1:],
                                  own_day if own_day is not None and own_day != day else None,
                                  opinion=opinion_kind(s.lead.title, s.lead.author, s.lead.link)))
    return tuple(lines)


def left_out(stories: Sequence[Story], shown: int) -> MoreStories | None:
    """How many stories, from how many outlets, a capped list leaves out; None when nothing is."""
    rest = stories[shown:]
    if not rest:
        return None
    return MoreStories(len(rest), len({o for s in rest for o in s.outlets}))
