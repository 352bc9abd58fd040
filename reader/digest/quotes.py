"""A topic's key quotes: said about the topic, attributed ones first, none shown twice in the digest.

A quote counts as about the topic when its story is mainly about the topic, or the sentence it
sits in names the topic or shares its central words; a victory speech quoted in a story that
mentions immigration once is not an immigration quote. A quote with no speaker is kept only to
fill the last places, and is marked unattributed when rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Protocol

from reader.digest.model import DigestQuote
from reader.digest.summarise import TopicLens
from reader.text.clean import CleanArticle
from reader.text.quotes import Quote
from reader.text.sentences import split_sentences

QUOTES_PER_TOPIC = 3
QUOTES_PER_STORY = 4  # each story's best few, as the cleaner ranks them


class _HasOutlet(Protocol):
    @property
    def credit(self) -> str: ...


def best_quotes(stories: Sequence[_HasOutlet], clean: Callable[[int], CleanArticle], lens: TopicLens,
                mainly_about: Sequence[bool], shown: Collection[str] = ()) -> list[tuple[int, DigestQuote]]:
    """Up to QUOTES_PER_TOPIC on-topic quotes, each with its story's index: attributed ones by their rank in
    the story then story order, unattributed last.

    `clean(i)` is the cleaned lead of stories[i], `mainly_about[i]` whether that story is mainly about
    the topic; `shown` holds quote texts already in the digest
    (an earlier section, or this section's pins), which are not repeated, nor are quotes inside them.
    """
    attributed: list[tuple[int, int, DigestQuote]] = []
    unattributed: list[tuple[int, int, DigestQuote]] = []
    for s_index, story in enumerate(stories):
        cleaned = clean(s_index)
        for q_index, quote in enumerate(cleaned.quotes[:QUOTES_PER_STORY]):
            if not (mainly_about[s_index] or lens.is_about(_sentence_of(quote, cleaned.paragraphs))):
                continue
            entry = (q_index, s_index, DigestQuote(quote.text, quote.speaker, story.credit, quote.described))
            (attributed if quote.speaker else unattributed).append(entry)
    best: list[tuple[int, DigestQuote]] = []
    seen = [_key(t) for t in shown]
    for _, s_index, candidate in sorted(attributed, key=_rank) + sorted(unattributed, key=_rank):
        key = _key(candidate.text)
        if len(best) < QUOTES_PER_TOPIC and not any(key in other or other in key for other in seen):
            seen.append(key)
            best.append((s_index, candidate))
    return best


def _sentence_of(quote: Quote, paragraphs: Sequence[str]) -> str:
    """The sentence the quote sits in (its attribution included), or the quote alone."""
    paragraph = paragraphs[quote.paragraph] if quote.paragraph < len(paragraphs) else ""
    return next((s for s in split_sentences(paragraph) if quote.text[:40] in s), quote.text)


def _rank(entry: tuple[int, int, DigestQuote]) -> tuple[int, int]:
    return entry[0], entry[1]


def _key(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" ,.")
