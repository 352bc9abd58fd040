"""The tracked topics' unread articles, counted once over the store and then kept up to date from what changed.

Counting a topic reads the text of every candidate FTS finds (7 s at 20,000 articles): a `reader
fetch` elsewhere must not cost that again. A TopicTally keeps each topic's unread articles with
what they were counted from (every unread article, the store's change mark); after another
program's write, only the articles that became unread, are new, or whose text changed are matched.
Pure functions over the store, run in the reader's workers (no Textual here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.config import TopicConfig
from reader.store import Store
from reader.topics import TopicMatcher, topic_text_of, topics_in

TEXTS_AT_ONCE = 2000  # articles whose text is read per statement when matching what changed


@dataclass(frozen=True)
class TopicTally:
    """Each topic's unread articles (active feeds), and the store as it was when they were counted."""

    members: dict[str, frozenset[int]]
    unread: frozenset[int]  # every unread article of an active feed
    mark: int  # Store.change_mark(): the last write that added an article or changed its text

    def counts(self) -> dict[str, int]:
        return {topic: len(ids) for topic, ids in self.members.items()}


def count_all(store: Store, topics: Sequence[TopicConfig], matchers: Sequence[TopicMatcher],
              cancelled: Callable[[], bool]) -> TopicTally | None:
    """Every topic counted over the store (FTS narrows the candidates, the matching rules decide); None if
    cancelled. What it was counted from is read first, so a change made while it counts is seen next time."""
    unread, mark = frozenset(store.unread_active_ids()), store.change_mark()
    members: dict[str, frozenset[int]] = {}
    for topic, matcher in zip(topics, matchers, strict=True):
        ids = []
        for n, (aid, _, title, text) in enumerate(store.iter_phrase_candidates(topic.match, unread_only=True)):
            if n % 500 == 0 and cancelled():
                return None
            if matcher.matches(topic_text_of(title, text)):
                ids.append(aid)
        members[matcher.name] = frozenset(ids)
    return TopicTally(members, unread, mark)


def count_changes(store: Store, tally: TopicTally, matchers: Sequence[TopicMatcher],
                  cancelled: Callable[[], bool]) -> TopicTally | None:
    """The tally brought up to date: the articles read since drop out; those new, unread again or edited are
    matched (their text only). None if cancelled."""
    unread, mark = frozenset(store.unread_active_ids()), store.change_mark()
    edited = store.changed_since(tally.mark)
    to_match = sorted((unread - tally.unread) | (edited & unread))
    members = {m.name: {aid for aid in tally.members.get(m.name, ()) if aid in unread and aid not in edited}
               for m in matchers}
    for start in range(0, len(to_match), TEXTS_AT_ONCE):
        if cancelled():
            return None
        for aid, (title, text) in store.story_texts(to_match[start:start + TEXTS_AT_ONCE]).items():
            for name in topics_in(topic_text_of(title, text), matchers):
                members[name].add(aid)
    return TopicTally({name: frozenset(ids) for name, ids in members.items()}, unread, mark)
