"""What changed, for one article: its sentences no recent coverage of its topics carried, and its story's copies.

The reader and `reader show --copies` ask these of stored articles; the digest computes the same
things in bulk (reader/digest/changes.py), from the same stored topic days and the same folding.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reader.config import Config
from reader.copies import CopyChanges, CopyText, compare_story, copy_text
from reader.digest.novelty import History, listable, phrase_stems, sentences_of
from reader.models import Article
from reader.store import Store
from reader.stories import stories_among
from reader.text.clean import clean_stored_article
from reader.topic_days import past_topic_days, recent_signatures
from reader.topics import compile_topics, topic_text


def story_copies(store: Store, article: Article) -> tuple[CopyText, list[CopyChanges]]:
    """The earliest copy of the article's story and each other outlet's copy in the store compared with it.

    One copy an outlet (Store.story_members): this article stands for its own feed.
    """
    members = store.story_members(article.story_id, keep=article.id) if article.story_id is not None else []
    if all(a.id != article.id for a in members):
        members.append(article)  # an inactive feed's article is not among the members
    [story] = stories_among(members)
    texts = [copy_text(a, clean_stored_article(a)) for a in story]
    return texts[0], compare_story(texts)


def earliest_stored_copy(store: Store, story_id: int) -> Article | None:
    """The story's earliest stored copy, as story_copies() (and `reader show --copies`) compares with: the
    digest measures a wire copy's additions against it, though it was first seen a day before."""
    members = store.story_members(story_id)
    return stories_among(members)[0][0] if members else None


class NewsFinder:
    """Finds what stored articles add to their topics' recent coverage; past days are read once per day."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store, self.config = store, config
        self.matchers = compile_topics(config.topics)
        self._histories: dict[date, list[History]] = {}  # per first-seen day, one per topic (in config order)

    def _topic_histories(self, article: Article) -> list[tuple[History, frozenset[str]]]:
        """(history, the topic's own stems) for each of the article's topics that had coverage before."""
        day = datetime.fromisoformat(article.first_seen).astimezone().date()
        if day not in self._histories:
            past = past_topic_days(self.store, self.config.topics, day, self.config.history_days)
            self._histories[day] = [History(recent_signatures(past, t.name, self.config.history_days))
                                    for t in self.config.topics]
        text = topic_text(article)
        # A topic with no coverage before is all new: there is nothing to single out in it.
        return [(history, phrase_stems(topic.match))
                for m, topic, history in zip(self.matchers, self.config.topics, self._histories[day], strict=True)
                if history and m.matches(text)]

    def new_sentences(self, article: Article, paragraphs: Sequence[str]) -> list[str]:
        """The sentences of `paragraphs` (the article's) that none of its topics' recent coverage carried."""
        histories = self._topic_histories(article)
        if not histories:
            return []
        return [s for s in sentences_of(paragraphs) if listable(s) and all(h.is_new(s, own) for h, own in histories)]

    def brings_news(self, article: Article) -> bool:
        """Whether the article's cleaned text has a sentence its topics' recent coverage lacked.

        Cleaned, as the reading view and the digest see it: furniture and credits never make an article new.
        """
        if not self._topic_histories(article):
            return False  # the cheap answer first: no topic with earlier coverage, nothing to clean
        return bool(self.new_sentences(article, clean_stored_article(article).paragraphs))
