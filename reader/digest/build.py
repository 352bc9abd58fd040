"""build_digest(): one day's articles, cleaned text and feed state in; a Digest data class out. Pure.

Topic membership is decided on the title plus the stored plain text, the same way for today
and for the seven-day trend, so the At-a-glance numbers and the sections always agree.
Only articles in a tracked topic are cleaned (the caller passes a cleaner), which keeps a
10,000-article day cheap.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reader.config import TopicConfig
from reader.digest.model import (
    CoverageLine,
    Digest,
    DigestQuote,
    EmergingTopic,
    FailedFeed,
    GlanceRow,
    TopicSection,
)
from reader.digest.summarise import StoryForSummary, summarise
from reader.models import Article, FeedRow, Pin
from reader.stories import StoryText, fold_copies
from reader.text.clean import CleanArticle
from reader.topics import TopicMatcher, compile_topics, folded_for_matching, topic_text

TREND_DAYS = 7
QUOTES_PER_TOPIC = 3
OTHER_STORIES = 10
EMERGING_MAX = 8
SUMMARY_STORIES = 25
_NAME = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:of\s+|and\s+|for\s+|on\s+)?(?:[A-Z][a-z]+|[A-Z]{2,})){1,3}\b")
_NOT_NAMES = frozenset({
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "It", "This", "That", "He", "She", "They",
    "We", "I", "Its", "As", "For", "With", "From", "By", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Mr", "Mrs", "Ms", "Dr",
})


@dataclass(frozen=True)
class _Story:
    members: tuple[Article, ...]  # the representative first

    @property
    def lead(self) -> Article:
        return self.members[0]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.feed_name for a in self.members))


def _stories(articles: Sequence[Article]) -> list[_Story]:
    """Fold copies; the representative is the earliest published copy (the wire original, usually)."""
    by_id = {a.id: a for a in articles}
    groups = fold_copies([StoryText(a.id, a.feed_name, topic_text(a)) for a in articles])
    stories = []
    for keys in groups:
        members = sorted((by_id[k] for k in keys), key=lambda a: (a.published or a.first_seen, a.id))
        stories.append(_Story(tuple(members)))
    return stories


def _rank(stories: list[_Story]) -> list[_Story]:
    return sorted(stories, key=lambda s: (-len(s.outlets), s.lead.published or s.lead.first_seen, s.lead.id))


def _coverage(stories: Sequence[_Story]) -> tuple[CoverageLine, ...]:
    return tuple(
        CoverageLine(n, s.lead.title or "(untitled)", s.lead.link, s.lead.feed_name, s.lead.author, s.outlets[1:])
        for n, s in enumerate(stories, 1)
    )


def topic_members(articles: Sequence[Article], matchers: Sequence[TopicMatcher]) -> dict[str, list[Article]]:
    """The articles of each topic; each text is folded once for every topic's cheap pre-check."""
    members: dict[str, list[Article]] = {m.name: [] for m in matchers}
    for a in articles:
        text = topic_text(a)
        folded = folded_for_matching(text)
        for m in matchers:
            if m.matches(text, folded):
                members[m.name].append(a)
    return members


def _articles_and_outlets(hits: Sequence[Article]) -> tuple[int, int]:
    return len(hits), len({a.feed_name for a in hits})


def count_topics(articles: Sequence[Article], matchers: Sequence[TopicMatcher]) -> dict[str, tuple[int, int]]:
    """Articles and distinct outlets per topic, for the glance table and the trend."""
    return {name: _articles_and_outlets(hits) for name, hits in topic_members(articles, matchers).items()}


def build_digest(
    day: date,
    articles: Sequence[Article],
    topics: Sequence[TopicConfig],
    feeds: Sequence[FeedRow],
    clean: Callable[[Article], CleanArticle],
    history: Mapping[date, Mapping[str, tuple[int, int]]] = {},
    pins: Sequence[tuple[Pin, Article]] = (),
) -> Digest:
    """The day's digest. `history` maps earlier days to count_topics() results for the trend."""
    matchers = compile_topics(topics)
    members = topic_members(articles, matchers)
    in_topic = {name: {a.id for a in hits} for name, hits in members.items()}
    stories = _rank(_stories(articles))
    terms = [p for t in topics for p in t.match]
    cleaned: dict[int, CleanArticle] = {}

    def cleaned_lead(story: _Story) -> CleanArticle:
        if story.lead.id not in cleaned:
            cleaned[story.lead.id] = clean(story.lead)
        return cleaned[story.lead.id]

    sections: list[TopicSection] = []
    glance: list[GlanceRow] = []
    for m, topic in zip(matchers, topics, strict=True):
        ids = in_topic[m.name]
        earlier = [history.get(day - timedelta(days=k), {}).get(m.name, (0, 0))[0]
                   for k in range(TREND_DAYS - 1, 0, -1)]
        count, outlets = _articles_and_outlets(members[m.name])
        glance.append(GlanceRow(m.name, count, outlets, count - earlier[-1], (*earlier, count)))
        topic_stories = [s for s in stories if any(a.id in ids for a in s.members)]
        topic_pins = tuple(
            DigestQuote(p.text, p.speaker, a.feed_name) for p, a in pins if m.matches(topic_text(a))
        )
        if not topic_stories and not topic_pins:
            continue
        coverage = _coverage(topic_stories)
        # The summary and quotes draw on the best-covered stories only, so a busy topic costs no more.
        lead_stories = topic_stories[:SUMMARY_STORIES]
        summary = summarise(
            [StoryForSummary(n, cleaned_lead(s).paragraphs) for n, s in enumerate(lead_stories, 1)], topic.match
        )
        sections.append(TopicSection(m.name, summary, _best_quotes(lead_stories, cleaned_lead), coverage,
                                     topic_pins))

    tracked = set().union(*in_topic.values()) if in_topic else set()
    other = [s for s in stories if not any(a.id in tracked for a in s.members)][:OTHER_STORIES]
    return Digest(
        day=day,
        feeds_read=sum(1 for f in feeds if not f.disabled),
        new_articles=len(articles),
        topics_tracked=len(topics),
        glance=tuple(glance),
        sections=tuple(sections),
        other=_coverage(other),
        emerging=_emerging(stories, matchers, {f.name for f in feeds}, terms),
        failed=tuple(FailedFeed(f.name, f.last_error, f.error_since) for f in feeds if f.last_error),
    )


def _best_quotes(stories: Sequence[_Story], clean: Callable[[_Story], CleanArticle]) -> tuple[DigestQuote, ...]:
    """The top attributed quotes across the topic's stories, one story's best first, no text twice."""
    ranked: list[tuple[int, int, DigestQuote]] = []
    for s_index, story in enumerate(stories):
        for q_index, quote in enumerate(clean(story).pinned_quotes):
            ranked.append((q_index + (0 if quote.speaker else 3), s_index,
                           DigestQuote(quote.text, quote.speaker, story.lead.feed_name)))
    ranked.sort(key=lambda r: (r[0], r[1]))
    seen: set[str] = set()
    best: list[DigestQuote] = []
    for _, _, candidate in ranked:
        if candidate.text not in seen and len(best) < QUOTES_PER_TOPIC:
            seen.add(candidate.text)
            best.append(candidate)
    return tuple(best)


def _emerging(stories: Sequence[_Story], matchers: Sequence[TopicMatcher], outlets: set[str],
              terms: Sequence[str]) -> tuple[EmergingTopic, ...]:
    """Multi-word names that several stories from several outlets use, that no tracked topic covers."""
    story_count: dict[str, int] = defaultdict(int)
    seen_in: dict[str, set[str]] = defaultdict(set)
    for story in stories:
        names = set()
        for match in _NAME.finditer(topic_text(story.lead)):
            words = match.group(0).split()
            while words and words[0] in _NOT_NAMES:
                words = words[1:]
            if len(words) >= 2:
                names.add(" ".join(words))
        for name in names:
            story_count[name] += 1
            seen_in[name].update(story.outlets)
    folded_terms = [t.casefold() for t in terms]
    found = [
        EmergingTopic(name, n, tuple(sorted(seen_in[name])))
        for name, n in story_count.items()
        if n >= 2 and len(seen_in[name]) >= 2 and name not in outlets
        and not any(m.matches(name) for m in matchers)
        and not any(t in name.casefold() or name.casefold() in t for t in folded_terms)
    ]
    found.sort(key=lambda e: (-e.stories, -len(e.outlets), e.phrase))
    return tuple(found[:EMERGING_MAX])
