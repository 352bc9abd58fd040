"""Matches tracked topics in text: whole words only, and phrases written in capitals match only capitals.

"ICE" (the agency) must not match "ice on the roads", and "Secure Communities" must match
"secure communities" in a lower-case sentence, so case sensitivity is decided per phrase.
An exclude phrase removes only the matches inside it ("black ice"), not the whole article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.config import TopicConfig
from reader.models import Article
from reader.stories import story_text
from reader.text.html import without_word_invisibles
from reader.text.sanitize import fold_whitespace


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(words)
    flags = 0 if _is_capitals(phrase) else re.IGNORECASE
    return re.compile(rf"(?<!\w){body}(?!\w)", flags)


def _is_capitals(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) > 1


@dataclass(frozen=True)
class TopicMatcher:
    name: str
    patterns: tuple[re.Pattern[str], ...]
    excludes: tuple[re.Pattern[str], ...]
    # What a matching text must contain: a phrase in capitals has each of its words as written; any
    # other phrase is in the casefolded text with single spaces (see folded_for_matching).
    capital_words: tuple[tuple[str, ...], ...]
    folded_phrases: tuple[str, ...]

    @classmethod
    def from_config(cls, topic: TopicConfig) -> TopicMatcher:
        return cls(topic.name, tuple(_phrase_pattern(p) for p in topic.match),
                   tuple(_phrase_pattern(p) for p in topic.exclude),
                   tuple(tuple(p.split()) for p in topic.match if _is_capitals(p)),
                   tuple(folded_for_matching(p) for p in topic.match if not _is_capitals(p)))

    def might_match(self, text: str, folded: str) -> bool:
        """A substring pre-check, far cheaper than the regexes it guards (they try every position).

        Casefolding maps at least everything re.IGNORECASE equates, and the regexes allow any
        whitespace between words, so no text the regexes match fails this check.
        """
        return (any(phrase in folded for phrase in self.folded_phrases)
                or any(all(w in text for w in words) for words in self.capital_words))

    def count(self, text: str) -> int:
        """How many times the topic is mentioned, not counting mentions inside an exclude phrase."""
        hits = [m.span() for p in self.patterns for m in p.finditer(text)]
        if not hits or not self.excludes:
            return len(hits)
        blocked = [m.span() for p in self.excludes for m in p.finditer(text)]
        return sum(1 for s, e in hits if not any(bs <= s and e <= be for bs, be in blocked))

    def matches(self, text: str, folded: str | None = None) -> bool:
        """Whether the text mentions the topic; pass folded_for_matching(text) when checking several topics."""
        if not self.might_match(text, folded if folded is not None else folded_for_matching(text)):
            return False
        if not self.excludes:
            return any(p.search(text) for p in self.patterns)
        return self.count(text) > 0


def folded_for_matching(text: str) -> str:
    """The text casefolded, with each run of whitespace as one space: what might_match looks in."""
    return fold_whitespace(text.casefold())


def topic_text(article: Article) -> str:
    """What topics are matched on: the title and the stored plain text (the same for digest and reader)."""
    return topic_text_of(article.title, article.text)


def topic_text_of(title: str, text: str) -> str:
    """topic_text of a stored title and text: without invisible word breaks, also for articles stored before
    search text dropped them."""
    return without_word_invisibles(story_text(title, text))


def compile_topics(topics: Iterable[TopicConfig]) -> list[TopicMatcher]:
    return [TopicMatcher.from_config(t) for t in topics]


def topics_in(text: str, matchers: Sequence[TopicMatcher]) -> list[str]:
    """Names of the topics the text mentions (a topic_text), in configuration order."""
    folded = folded_for_matching(text)
    return [m.name for m in matchers if m.matches(text, folded)]


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
