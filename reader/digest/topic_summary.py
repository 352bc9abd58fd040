"""The digest's path from a topic's articles to stories, their ranking, a summary and key quotes.

Shared by `reader digest` (per tracked topic) and `reader summarize` (per cluster from
elsewhere), so what the summarize command measures is exactly what the digest prints.
Stories are ranked by how much they are about the topic (a title that names it, how densely the
text mentions it) as well as by how many outlets carried them.

Articles belong to the day they were first seen, so a newly added feed's backlog (published in 2011)
lands in today's digest. A story published more than LONG_AGO_DAYS before the digest's day ranks
below every story of the past week, so today's news leads the summary; and a sentence of it that tells
a time relative to when it was written ("said Friday", "this week", "in January", "last year") is dated
where the summary or New today shows it ("(published Friday 16 September 2011)"): read under
today's date it would name the wrong day. Dated rather than left out: a digest
of a new feed's backlog alone would lose most of its news.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import NamedTuple

from reader.digest.model import Backlog, DigestQuote, SummarySentence
from reader.digest.no_summary import why_no_summary
from reader.digest.opinion import is_opinion
from reader.digest.quotes import best_quotes
from reader.digest.summarise import DEFAULT_BUDGET, StoryForSummary, SummaryBudget, summarise, topic_lens
from reader.models import Article
from reader.stories import stories_among
from reader.text.clean import CleanArticle
from reader.topics import TopicMatcher

SUMMARY_STORIES = 25  # the summary and quotes draw on the best-ranked stories only, so a busy topic costs no more
WORDS_PER_MENTION = 150  # one mention per this many words makes a story fully about its topic
MAINLY_ABOUT = 1.0  # aboutness from which all of a story's quotes count as about the topic
LONG_AGO_DAYS = 6  # a story published longer before the digest's day than this is backlog, not this week's news


@dataclass(frozen=True)
class Story:
    """An article and its copies in other outlets; the representative (the earliest copy) first.

    In the digest `members` are the day's copies. A story first seen on an earlier day (yesterday's wire story,
    copied by other outlets today) also has its `original`, the earliest stored copy: the copy the coverage line
    leads with and links to, and the day's copies are compared with. The summary and quotes are still drawn from
    the day's first copy (today's text: an update folded with yesterday's version carries the news), and what
    the original lacks is credited to that copy (reader.digest.changes.credit_copies).
    """

    members: tuple[Article, ...]
    original: Article | None = None

    @property
    def lead(self) -> Article:
        """The day's earliest copy: what the day's topics, rankings, summary, quotes and New today go by."""
        return self.members[0]

    @property
    def source(self) -> Article:
        """The copy the coverage line leads with: the original when there is one, else the lead."""
        return self.original or self.members[0]

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets of the day's copies."""
        return tuple(dict.fromkeys(a.feed_name for a in self.members))

    @property
    def credit(self) -> str:
        return self.lead.feed_name


def fold_stories(articles: Sequence[Article]) -> list[Story]:
    """The articles' stories (their stored story ids); the representative is the earliest published copy."""
    return [Story(tuple(members)) for members in stories_among(articles)]


class Fit(NamedTuple):
    """How much a story is about a topic: `about` from 0 to 2 (see topic_fit), and its mentions of it."""

    about: float
    mentions: int


def topic_fit(article: Article, matcher: TopicMatcher) -> Fit:
    """One for a title naming the topic, plus up to one for how densely the text mentions it."""
    in_title = matcher.count(article.title)
    in_text = matcher.count(article.text)
    words = article.text.count(" ") + 1
    return Fit((1.0 if in_title else 0.0) + min(1.0, in_text * WORDS_PER_MENTION / words), in_title + in_text)


def topic_fits(stories: Iterable[Story], matcher: TopicMatcher | None) -> dict[int, Fit] | None:
    """Each story's fit by its lead's id; None when there is no topic (every story is then about it)."""
    return None if matcher is None else {s.lead.id: topic_fit(s.lead, matcher) for s in stories}


def rank_stories(stories: Iterable[Story], fits: Mapping[int, Fit] | None, day: date | None = None) -> list[Story]:
    """Best first: outlets that carried the story plus twice its aboutness, then the later day (of two
    stories as strong, the later day's carries the development: the vote, not the preview of it), then
    the earliest within a day (the original report). With the digest's `day`, backlog (published_long_ago)
    comes after the rest, however strong."""
    def key(s: Story) -> tuple[bool, float, int, str, int]:
        about = fits[s.lead.id].about if fits is not None else 0.0
        when = s.lead.dated
        return published_long_ago(s.lead, day), -(len(s.outlets) + 2 * about), -_day(when), when, s.lead.id
    return sorted(stories, key=key)


def published_long_ago(article: Article, day: date | None) -> bool:
    """Whether the article was published more than LONG_AGO_DAYS before `day` (never, with no day or date)."""
    when = _day(article.published)
    return day is not None and when > 0 and when < (day - timedelta(days=LONG_AGO_DAYS)).toordinal()


def long_ago_day(article: Article, day: date | None) -> date | None:
    """The article's publication day when it was published long before `day`, else None."""
    return date.fromordinal(_day(article.published)) if published_long_ago(article, day) else None


def backlog_of(articles: Sequence[Article], day: date) -> Backlog | None:
    """The articles published long before `day` (a new feed's back issues), or None when there are none."""
    days = sorted(when for a in articles if (when := long_ago_day(a, day)) is not None)
    return Backlog(len(days), days[0], days[-1]) if days else None


def _day(when: str | None) -> int:
    """The day of an ISO date as an ordinal (0 when missing or unreadable)."""
    try:
        return datetime.fromisoformat(when).toordinal() if when else 0
    except ValueError:
        return 0


def published_year(article: Article) -> int | None:
    try:
        return datetime.fromisoformat(article.published).year if article.published and not article.future_date else None
    except ValueError:
        return None


ALL_OPINION = "every article is an opinion piece (an editorial, op-ed, column or letter), listed under Opinion"


@dataclass(frozen=True)
class TopicSummary:
    summary: tuple[SummarySentence, ...]
    quotes: tuple[DigestQuote, ...]
    quote_stories: tuple[int, ...]  # the index, among the stories given, of each quote's story
    no_summary: str | None = None  # with stories and no summary sentence: why none could be made


def summarise_topic(
    stories: Sequence[Story],
    clean: Callable[[Article], CleanArticle],
    matcher: TopicMatcher | None,
    fits: Mapping[int, Fit] | None,
    budget: SummaryBudget = DEFAULT_BUDGET,
    already_said: Sequence[str] = (),
    quotes_shown: Collection[str] = (),
    numbers: Sequence[int] | None = None,
    day: date | None = None,
) -> TopicSummary:
    """The summary and key quotes of ranked stories; story i is cited as numbers[i] (default i + 1).

    `fits` are topic_fits() of the stories (None with no topic). The quotes are chosen first; quotes
    already shown (pins, quotes of sections above) are said again neither in the key quotes nor in the
    summary, and a sentence that is mostly one of this section's key quotes is not a summary sentence.
    With the digest's `day`, a sentence telling a relative day in a story published long before it is dated.
    """
    stories = stories[:SUMMARY_STORIES]
    numbers = numbers or range(1, len(stories) + 1)
    # Opinion (an editorial, an op-ed) is what someone argues, not what happened: never summarised as fact.
    news = [i for i, s in enumerate(stories) if not is_opinion(s.lead)]
    if len(news) < len(stories):
        result = summarise_topic([stories[i] for i in news], clean, matcher, fits, budget, already_said,
                                 quotes_shown, [numbers[i] for i in news], day)
        return replace(result, quote_stories=tuple(news[i] for i in result.quote_stories),
                       no_summary=result.no_summary if news else ALL_OPINION)
    cleaned = [clean(s.lead) for s in stories]
    mainly = [fits is None or fits[s.lead.id].about >= MAINLY_ABOUT for s in stories]
    inputs = [StoryForSummary(n, c.paragraphs, published_year(s.lead), about, long_ago_day(s.lead, day),
                              _day(s.lead.dated), s.lead.title)
              for n, s, c, about in zip(numbers, stories, cleaned, mainly, strict=False)]
    lens = topic_lens(inputs, (lambda text: matcher.matches(text)) if matcher is not None else None)
    quotes = best_quotes(stories, cleaned.__getitem__, lens, mainly, quotes_shown)
    summary = summarise(inputs, lens, budget, already_said, [*quotes_shown, *(q.text for _, q in quotes)])
    # A quoted phrase the summary already gives word for word ("confusion at the state and local level",
    # another outlet's sentence saying it unquoted) would be read twice in the section: the summary says it.
    quotes = [(i, q) for i, q in quotes if not given_word_for_word(q.text, [s.text for s in summary])]
    why = why_no_summary(inputs, lens, matcher.name if matcher else None) if stories and not summary else None
    return TopicSummary(summary, tuple(q for _, q in quotes), tuple(i for i, _ in quotes), why)


def given_word_for_word(quote: str, sentences: Sequence[str]) -> bool:
    """Whether one of the sentences holds the quote's words in a row (punctuation and quotation marks aside):
    shown as a key quote too, the section would say them twice."""
    words = f" {_words(quote)} "
    return any(words in f" {_words(s)} " for s in sentences)


def _words(text: str) -> str:
    """The text's words, lower-cased, punctuation and quotation marks aside."""
    return " ".join(re.findall(r"[\w’'-]+", text.casefold()))
