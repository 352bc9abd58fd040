"""The digest as data: what build_digest produces and render_digest turns into Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reader.digest.opinion import OpinionLine


@dataclass(frozen=True)
class CoverageLine:
    number: int
    title: str
    link: str | None
    outlet: str
    byline: str | None
    also_in: tuple[str, ...] = ()
    published: date | None = None  # set only when it is not the digest's day
    additions: tuple[str, ...] = ()  # "Capitol Dispatch added 2 paragraphs, including a quote from ..."
    opinion: str | None = None  # the kind of opinion piece it is (reader.digest.opinion), None for news
    # When the story was first seen, if before the digest's day: the line leads with that earlier original, and
    # `also_in` are the outlets whose copies were first seen on the day.
    first_seen: date | None = None
    # When the lead was first seen, if it is an article first seen before the day whose text changed on it.
    updated_since: date | None = None
    future: date | None = None  # the day the feed dates it, when that is after it was first seen (Article.future_date)


@dataclass(frozen=True)
class MoreStories:
    """What a capped list leaves out: "and 12 more stories from 9 outlets"."""

    stories: int
    outlets: int


@dataclass(frozen=True)
class Overlap:
    """Most of a section's stories are summarised under other topics: "4 of these 5 stories are summarised under X".

    Only topics whose sections really have a summary count: a story whose home topic could summarise none
    of its sentences is summarised nowhere, and saying otherwise would send the reader to an empty section.
    """

    covered: int
    total: int
    topics: tuple[str, ...]


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: tuple[int, ...]
    # Its story's publication day, when the sentence tells a day relative to it ("said Friday") and the story was
    # published long before the digest's day (a new feed's backlog): shown with it, so "Friday" can be placed.
    dated: date | None = None
    # The outlet whose copy the sentence is in, when the story's coverage line leads with another copy that lacks
    # it (an original first seen before the day): "[1]" alone would send the reader to a copy without it.
    copy_of: str | None = None


@dataclass(frozen=True)
class DigestQuote:
    text: str
    speaker: str | None
    outlet: str
    described: bool = False  # the speaker is a description ("a spokeswoman for ICE"), rendered after the outlet


@dataclass(frozen=True)
class GlanceRow:
    topic: str
    articles: int
    outlets: int
    change: int
    trend: tuple[int, ...]  # oldest first, today last


@dataclass(frozen=True)
class NewToday:
    """A topic's sentences that its coverage in the previous `days` days did not carry, cited.

    The summary is chosen first (it leads with the day's main development, new or not), so `items`
    are the new sentences it does not already say, and `in_summary` numbers (from 1) the summary's
    own sentences that are new: each sentence is read once per section and what is new still shows.
    """

    items: tuple[SummarySentence, ...]
    first_coverage: bool  # no coverage at all in those days, so the whole topic is new
    days: int = 7
    in_summary: tuple[int, ...] = ()
    whole_summary: bool = False  # every summary sentence is new
    # With nothing new among the stories summarised here: the listed stories (by number) that do carry news
    # this topic's history lacks, each with the topic it is summarised under (None: no section summarises it).
    told_elsewhere: tuple[tuple[int, str | None], ...] = ()

    @property
    def nothing_new_here(self) -> bool:
        """No sentence of the stories summarised here is new: the summary is continuing coverage."""
        return not self.items and not self.first_coverage and not self.in_summary

    @property
    def continuing(self) -> bool:
        """Nothing new in any listed story: only then may the section say nothing new happened."""
        return self.nothing_new_here and not self.told_elsewhere


@dataclass(frozen=True)
class TopicSection:
    name: str
    summary: tuple[SummarySentence, ...]
    quotes: tuple[DigestQuote, ...]
    coverage: tuple[CoverageLine, ...]
    pinned: tuple[DigestQuote, ...]
    more: MoreStories | None = None
    overlap: Overlap | None = None
    new_today: NewToday | None = None
    # Stories listed here and summarised nowhere (not here, not under another topic): why no sentence could be.
    no_summary: str | None = None
    opinion: tuple[OpinionLine, ...] = ()  # its opinion pieces, kept out of the summary, each credited


@dataclass(frozen=True)
class EmergingTopic:
    phrase: str
    stories: int
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class FailedFeed:
    name: str
    reason: str
    since: str | None


@dataclass(frozen=True)
class Backlog:
    """The day's new articles published long before it (a newly read feed's back issues): how many, and when."""

    articles: int
    first: date  # the earliest and latest publication days among them
    last: date


@dataclass(frozen=True)
class Digest:
    day: date
    feeds_read: int  # read at their latest fetch: fetched, and it did not fail
    new_articles: int
    topics_tracked: int
    glance: tuple[GlanceRow, ...]
    sections: tuple[TopicSection, ...]
    other: tuple[CoverageLine, ...]
    other_more: MoreStories | None
    emerging: tuple[EmergingTopic, ...]
    failed: tuple[FailedFeed, ...]
    # The store keeps only each feed's latest fetch: when that was on another day than the digest's (a digest
    # for a past date), the feed counts and failures are as of then (the latest fetch's time), and say so.
    feed_status_as_of: str | None = None
    feeds_unfetched: int = 0  # current feeds not fetched yet: neither read nor failed
    backlog: Backlog | None = None
    # With no article first seen on the day: the nearest days before and after it that have some (the store's),
    # so the digest can say which --date gives a digest with news.
    nearest_days: tuple[date | None, date | None] = (None, None)
    # The day the digest was made, when its own day is after it: no article can have been first seen on it yet.
    today: date | None = None
    updated_articles: int = 0  # first seen before the day, their text changed on it (an outcome added)
    # The digest was made on its own day, before it ended: later articles of the day are not in it yet.
    day_not_over: bool = False

    @property
    def feeds_tried(self) -> int:
        """The current feeds, read or failed at their latest fetch (or not fetched yet)."""
        return self.feeds_read + len(self.failed) + self.feeds_unfetched

    @property
    def topics_covered(self) -> int:
        """Tracked topics with stories today; a section holding only pinned quotes covers nothing new."""
        return sum(1 for s in self.sections if s.coverage)

    @property
    def topics_pinned_only(self) -> int:
        """Tracked topics with no stories today whose section is there only for its pinned quotes."""
        return sum(1 for s in self.sections if not s.coverage and s.pinned)
