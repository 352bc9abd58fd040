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
    is not the outlet's own name.

    Each line leads with the story's earliest copy, and says so when other outlets ran it too: the other
    outlets' copies are measured against it (their additions), and an analyst reading one link reads the
    original. A story first seen before the day (its `original`) says when, and lists the day's copies apart.
    """
    lines = []
    for n, s in enumerate(stories, first):
        lead = s.source
        own_day = published_day(lead.published) if lead.future_date is None else None
        byline = display_byline(lead.author)
        seen = published_day(lead.first_seen) if s.original is not None else None
        lead_seen = published_day(s.lead.first_seen)
        updated = lead_seen if s.original is None and lead_seen is not None and lead_seen < day else None
        lines.append(CoverageLine(n, lead.title or "(untitled)", lead.link, lead.feed_name,
                                  byline if byline != lead.feed_name else None,
                                  s.outlets if s.original is not None else s.outlets[1:],
                                  own_day if own_day is not None and own_day != day else None,
                                  opinion=opinion_kind(lead.title, lead.author, lead.link),
                                  first_seen=seen if seen is not None and seen != day else None,
                                  updated_since=updated, future=published_day(lead.future_date)))
    return tuple(lines)


def left_out(stories: Sequence[Story], shown: int) -> MoreStories | None:
    """How many stories, from how many outlets, a capped list leaves out; None when nothing is."""
    rest = stories[shown:]
    if not rest:
        return None
    return MoreStories(len(rest), len({o for s in rest for o in s.outlets}))
