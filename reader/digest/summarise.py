"""Extractive, cited summaries: sentences chosen from the day's cleaned articles, none saying the same twice.

Sentences are scored by how central their words are to the topic's coverage (words many
stories share), with a bonus for naming the topic and for coming early in an article. Greedy
selection skips a sentence too close to one already chosen, so no point is made twice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader.digest.model import SummarySentence
from reader.text.sentences import split_sentences

MIN_WORDS, MAX_WORDS = 8, 50
MAX_SENTENCES = 5
REDUNDANT = 0.4
# "WASHINGTON (Civic Wire) — " and "NEW YORK, Sept. 16 (AP) - ": where the story was filed, not what it says.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,[^—–(]{1,30})?(?:\s*\([^)]{1,40}\))?\s+[—–-]+\s+")
_WORD = re.compile(r"[a-z][a-z'’-]+")
_STOP = frozenset({
    "the", "and", "for", "that", "with", "this", "from", "have", "has", "had", "was", "were", "are", "its",
    "their", "they", "them", "than", "then", "said", "says", "will", "would", "been", "being", "about", "into",
    "over", "under", "after", "before", "more", "most", "some", "such", "also", "which", "who", "whom", "what",
    "when", "where", "while", "there", "these", "those", "other", "could", "should", "can", "may", "might",
    "not", "but", "our", "your", "his", "her", "him", "she", "he", "you", "all", "any", "each", "one", "two",
    "new", "last", "year", "years", "week", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday",
})


@dataclass(frozen=True)
class StoryForSummary:
    """One numbered story: its cleaned paragraphs, as the coverage list numbers it."""

    number: int
    paragraphs: tuple[str, ...]


def _content_words(sentence: str) -> set[str]:
    return {w for w in _WORD.findall(sentence.lower()) if len(w) > 3 and w not in _STOP}


def _normalised(sentence: str) -> str:
    return " ".join(_WORD.findall(sentence.lower()))


def summarise(stories: Sequence[StoryForSummary], topic_terms: Sequence[str]) -> tuple[SummarySentence, ...]:
    """Up to five sentences, each citing every story that carries it.

    The issue asks for three to five; fewer come out only when every other candidate would repeat
    a point already made (or the day has fewer usable sentences), since repeating is worse.
    """
    candidates: list[tuple[int, int, int, str, set[str]]] = []
    carriers: dict[str, set[int]] = {}
    story_words: list[set[str]] = []
    for story in stories:
        words_in_story: set[str] = set()
        for p_index, paragraph in enumerate(story.paragraphs):
            for s_index, raw in enumerate(split_sentences(paragraph)):
                sentence = _DATELINE.sub("", raw) if s_index == 0 else raw
                words = _content_words(sentence)
                words_in_story |= words
                carriers.setdefault(_normalised(sentence), set()).add(story.number)
                length = len(sentence.split())
                if MIN_WORDS <= length <= MAX_WORDS and not sentence.endswith("?"):
                    candidates.append((story.number, p_index, s_index, sentence, words))
        story_words.append(words_in_story)
    df = Counter(w for words in story_words for w in words)
    terms = [t.casefold() for t in topic_terms]
    scored = []
    for number, p_index, s_index, sentence, words in candidates:
        centrality = sum(df[w] for w in words) / max(len(words), 1) ** 0.5
        on_topic = 2.0 if any(t in sentence.casefold() for t in terms) else 0.0
        position = 1.5 / (1 + p_index) + (0.5 if s_index == 0 else 0.0)
        scored.append((centrality + on_topic + position, number, p_index, s_index, sentence, words))
    scored.sort(key=lambda c: (-c[0], c[1], c[2], c[3]))
    chosen: list[tuple[int, int, int, str]] = []
    chosen_words: list[set[str]] = []
    for _, number, p_index, s_index, sentence, words in scored:
        if len(chosen) == MAX_SENTENCES:
            break
        if any(len(words & other) / max(len(words | other), 1) >= REDUNDANT for other in chosen_words):
            continue
        chosen.append((number, p_index, s_index, sentence))
        chosen_words.append(words)
    chosen.sort()
    return tuple(SummarySentence(s, tuple(sorted(carriers.get(_normalised(s), {n})))) for n, _, _, s in chosen)
