"""What the digest keeps per tracked topic and past day: counts for the trend, sentence signatures for New today.

New today compares a day with what the digest would have listed for the topic on each day before
(its best-covered stories, every copy of them); the trend needs each day's article and outlet
counts. Re-reading a week of articles at every digest would make the cost grow with the history,
so each past day is computed once and stored; it is computed again only when the number of
articles first seen that day changed since, or when the topic's phrases or the way signatures are made did.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from reader.config import TopicConfig
from reader.models import Article
from reader.store import Store
from reader.store.store import TopicDay
from reader.stories import stories_among
from reader.text.decision_state import STATE_VERSION, news_signature
from reader.text.signatures import MIN_STEMS, decode_signatures, encode_signatures, sentences_of
from reader.text.words import SIGNATURE_VERSION
from reader.topics import TopicMatcher, compile_topics, topic_members, topic_text

COVERED_STORIES = 25  # as many as the digest lists per topic
# A signature no sentence has (words are never marked "~"): coverage whose text the store no longer has.
CHANGED_LATER = frozenset(f"~changed-later-{n}" for n in range(MIN_STEMS))


def local_day_bounds(day: date) -> tuple[str, str]:
    """The UTC timestamps bounding `day` in local time, in the store's ISO format."""
    start = datetime.combine(day, time.min).astimezone()  # local midnight, DST-aware
    end = datetime.combine(day + timedelta(days=1), time.min).astimezone()
    return start.astimezone(UTC).isoformat(timespec="seconds"), end.astimezone(UTC).isoformat(timespec="seconds")


def topic_key(topic: TopicConfig) -> str:
    """The topic's name and phrases and how signatures are made: a row stored under an older wording of the
    topic, or with signatures an older stemmer or older decision-state marks made, is not reused."""
    return "\x1f".join((f"v{SIGNATURE_VERSION}.{STATE_VERSION}", topic.name, *topic.match, "\x1e", *topic.exclude))


def article_signatures(article: Article) -> list[frozenset[str]]:
    """The signature of every sentence of an article's title and stored plain text, with its decision state."""
    return [news_signature(s) for s in sentences_of(topic_text(article).splitlines())]


def covered_stories(articles: Sequence[Article], limit: int = COVERED_STORIES) -> list[list[Article]]:
    """The day's best-covered stories among a topic's articles, as the digest ranks them: most outlets first.

    Each story lists its copies, earliest first. Only these make a day's coverage: the digest lists
    no more, and keeping only them keeps a busy topic's history small.
    """
    stories = stories_among(articles)
    stories.sort(key=lambda s: (-len({a.feed_name for a in s}), s[0].dated, s[0].id))
    return stories[:limit]


def summarise_day(articles: Sequence[Article], matchers: Sequence[TopicMatcher],
                  end: str | None = None) -> dict[str, TopicDay]:
    """Topic name -> the topic's counts and the signatures of its covered stories on a day of `articles`.

    An article whose text changed after the day (`updated` at or after `end`) gives no signatures: the store
    keeps only its new text, which the day did not carry, and which must be news on the day it changed. It
    stands as CHANGED_LATER, so New today does not claim the topic had no coverage on the day.
    """
    def signatures(article: Article) -> list[frozenset[str]]:
        changed = end is not None and article.updated is not None and article.updated >= end
        return [CHANGED_LATER] if changed else article_signatures(article)

    return {name: TopicDay(len(articles), len(hits), len({a.feed_name for a in hits}),
                           encode_signatures(sig for story in covered_stories(hits) for a in story
                                             for sig in signatures(a)))
            for name, hits in topic_members(articles, matchers).items()}


def past_topic_days(store: Store, topics: Sequence[TopicConfig], day: date,
                    days: int) -> dict[date, dict[str, TopicDay]]:
    """Each of the `days` days before `day` -> topic name -> its row, computing and storing stale days."""
    keys = {topic_key(t): t.name for t in topics}
    earlier = [day - timedelta(days=k) for k in range(days, 0, -1)]
    stored = store.topic_days(list(keys), [d.isoformat() for d in earlier])
    matchers = compile_topics(topics)
    found: dict[date, dict[str, TopicDay]] = {}
    for d in earlier:
        start, end = local_day_bounds(d)
        count = store.count_of_day(start, end)
        fresh = {name: row for key, name in keys.items()
                 if (row := stored.get((key, d.isoformat()))) is not None and row.day_articles == count}
        if len(fresh) == len(keys):
            found[d] = fresh
            continue
        by_name = summarise_day(store.articles_of_day(start, end) if count else [], matchers, end)
        store.save_topic_days(d.isoformat(), {key: by_name[name] for key, name in keys.items()})
        found[d] = by_name
    return found


def recent_signatures(days: dict[date, dict[str, TopicDay]], topic: str, last: int) -> list[frozenset[str]]:
    """The topic's signatures on the `last` latest of these days."""
    return [sig for d in sorted(days)[-last:] for sig in decode_signatures(days[d][topic].signatures)]
