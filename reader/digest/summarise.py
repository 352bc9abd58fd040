"""Extractive, cited summaries: verbatim sentences chosen from a topic's stories, none saying the same twice.

Only sentences about the topic qualify: they name it, or share its central words (the words
that keep company with the topic's name across the day's stories), so a State of the Union
piece that mentions immigration once lends nothing to an immigration summary. Sentences are
scored by centrality (words many stories share), naming the topic, an early place in the
story's own prose (captions and junk do not count as the lead) and the story's rank. A
sentence is skipped when its content words are mostly said already, by one chosen sentence or
by all of them together (containment, so reworded repeats from two outlets are caught), and
a sentence that leans on the one before is taken only right after it. The main development
leads, the rest follow in story order, and background ("in October 2008") comes last.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from reader.digest.candidates import MIN_WORDS, Candidate, story_candidates
from reader.digest.model import SummarySentence
from reader.text.words import content_stems, signature

MAX_SENTENCES = 5
CENTRAL_WORDS = 12
SAME_POINT = 0.6  # share of a sentence's content words found in one chosen sentence
ALREADY_SAID = 0.7  # share found across all chosen sentences together
_WORD = re.compile(r"[a-z][a-z'’-]+")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "in October 2008", "since 2008", "In 2012,", "a 2011 report": when something happened, not a date range.
_YEAR = re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil)\s+(?:(?:early|late|mid-?)\s*)?"
                   rf"(?:(?:{_MONTHS})\s+(?:\d{{1,2}},?\s+)?)?(19\d\d|20\d\d)\b|\b[Aa]n?\s+(19\d\d|20\d\d)\b")
_PAST = re.compile(rf"\blast (?:year|decade|month|spring|summer|fall|autumn|winter|{_MONTHS})\b|"
                   r"\b\w+ (?:years|decades) ago\b|\bearlier this (?:year|decade)\b|\bpreviously\b|"
                   r"\bhistorically\b", re.I)


@dataclass(frozen=True)
class StoryForSummary:
    """One numbered story: its cleaned paragraphs, as the coverage list numbers it, and its year if known.

    In a story mainly about the topic, a sentence sharing one central word is about the topic; in a
    story that mentions it in passing, it takes the topic's name or several central words.
    """

    number: int
    paragraphs: tuple[str, ...]
    year: int | None = None
    mainly_about: bool = False

    @cached_property
    def candidates(self) -> list[Candidate]:
        return story_candidates(self.paragraphs)


@dataclass(frozen=True)
class SummaryBudget:
    """How long a summary may be: at most `sentences` sentences and, when set, `words` words."""

    sentences: int = MAX_SENTENCES
    words: int | None = None


DEFAULT_BUDGET = SummaryBudget()


@dataclass(frozen=True, eq=False)  # compared by identity: the same sentence may come from two stories
class _Scored:
    score: float
    rank: int  # the story's place in the ranking
    story: StoryForSummary
    candidate: Candidate
    words: frozenset[str]
    background: bool


def normalised(sentence: str) -> str:
    """The sentence's words only, lower-cased: equal for the same sentence in two outlets' copies."""
    return " ".join(_WORD.findall(sentence.lower()))


def is_background(sentence: str, year: int | None) -> bool:
    """Whether the sentence recalls the past ("rolled out ... in October 2008", "last December")."""
    if _PAST.search(sentence):
        return True
    years = [int(a or b) for a, b in _YEAR.findall(sentence)]
    return bool(years) and (min(years) < year if year else True)


@dataclass(frozen=True)
class TopicLens:
    """What makes a sentence about the topic: it names it, or shares enough of its central words."""

    mentions: Callable[[str], bool] | None
    central: frozenset[str]

    @property
    def need(self) -> int:
        return 2 if len(self.central) >= 4 else 1

    def names(self, text: str) -> bool:
        return self.mentions(text) if self.mentions is not None else False

    def is_about(self, text: str) -> bool:
        return self.names(text) or len(signature(text) & self.central) >= self.need


def topic_lens(stories: Sequence[StoryForSummary], mentions: Callable[[str], bool] | None) -> TopicLens:
    """The words most stories use beside the topic's name (or at all, with no topic): what it is about.

    Words that several stories share come first. With one story, or a named topic and too few
    shared words, the most frequent words beside the topic's name fill the list (ties in reading
    order); with no topic the shared words alone say what several stories have in common.
    """
    stories_using: Counter[str] = Counter()
    uses: Counter[str] = Counter()  # insertion order is reading order, which breaks ties
    for story in stories:
        near = [c.text for c in story.candidates if mentions is None or mentions(c.text)]
        words = [w for t in near for w in content_stems(t)]
        uses.update(words)
        stories_using.update(set(words))
    shared = sorted((w for w in uses if stories_using[w] > 1), key=lambda w: (-stories_using[w], -uses[w]))
    central = shared[:CENTRAL_WORDS]
    if len(central) < CENTRAL_WORDS // 2 and (mentions is not None or len(stories) == 1):
        frequent = sorted(uses, key=lambda w: -uses[w])  # stable: reading order among equals
        central += [w for w in frequent if w not in central][: CENTRAL_WORDS - len(central)]
    return TopicLens(mentions, frozenset(central))


def _is_repeat(words: frozenset[str], chosen: Iterable[frozenset[str]]) -> bool:
    if not words:
        return True
    chosen = list(chosen)
    if any(len(words & other) / min(len(words), len(other) or 1) >= SAME_POINT for other in chosen):
        return True
    said = frozenset().union(*chosen) if chosen else frozenset()
    return len(words & said) / len(words) >= ALREADY_SAID


def _score_all(stories: Sequence[StoryForSummary], lens: TopicLens) -> list[_Scored]:
    df: Counter[str] = Counter()
    for story in stories:
        df.update(frozenset().union(*(signature(c.text) for c in story.candidates)))
    scored = []
    for rank, story in enumerate(stories):
        candidates = story.candidates
        background = {c.index: is_background(c.text, story.year) for c in candidates}
        # The lead is the first paragraph of the story's own prose that is news, not background.
        prose_paragraphs = sorted({c.paragraph for c in candidates if not background[c.index]})
        first_in_paragraph = {c.paragraph: c.index for c in reversed(candidates)}
        # A story whose text came as one long paragraph is read sentence by sentence instead.
        units = prose_paragraphs if len(prose_paragraphs) > 1 else [c.index for c in candidates
                                                                      if not background[c.index]]
        for c in candidates:
            words = signature(c.text)
            names_topic = lens.names(c.text)
            shared = len(words & lens.central)
            if not names_topic and shared < (1 if story.mainly_about else lens.need):
                continue  # not about the topic
            centrality = sum(df[w] for w in words) / max(len(words), 1) ** 0.5
            unit = c.paragraph if len(prose_paragraphs) > 1 else c.index
            p_rank = units.index(unit) if unit in units else len(units)
            position = 1.5 / (1 + p_rank) + (0.5 if first_in_paragraph[c.paragraph] == c.index else 0.0)
            past = background[c.index]
            score = (centrality + (2.0 if names_topic else 0.0) + 0.3 * shared + position + 0.5 / (1 + rank)
                     - (1.5 if past else 0.0) - (0.5 if c.needs_previous else 0.0))
            scored.append(_Scored(score, rank, story, c, words, past))
    scored.sort(key=lambda s: (-s.score, s.story.number, s.candidate.index))
    return scored


def _order(chosen: list[_Scored]) -> list[_Scored]:
    """The main development first, then today's sentences in story order, background last; a sentence
    that leans on its predecessor always right after it."""
    if not chosen:
        return []
    news = [s for s in chosen if not s.background] or chosen
    lead = min(news, key=lambda s: (s.rank, -s.score))  # the best sentence of the best-ranked story
    rest = sorted((s for s in chosen if s is not lead), key=lambda s: (s.background, s.story.number, s.candidate.index))
    ordered = [lead, *rest]
    for follower in [s for s in ordered if s.candidate.needs_previous]:
        before = next((s for s in ordered if s.story is follower.story
                       and s.candidate.index == follower.candidate.index - 1), None)
        if before is not None:
            ordered.remove(follower)
            ordered.insert(ordered.index(before) + 1, follower)
    return ordered


def summarise(stories: Sequence[StoryForSummary], lens: TopicLens, budget: SummaryBudget = DEFAULT_BUDGET,
              already_said: Sequence[str] = ()) -> tuple[SummarySentence, ...]:
    """Sentences within the budget, each citing every story that carries it.

    `already_said` are sentences shown elsewhere (an earlier topic's summary): none of them, nor a
    rewording of one, is chosen again. Fewer sentences come out rather than a repeat. A sentence
    that leans on its predecessor is reconsidered in a second pass, once that one may be chosen.
    """
    carriers: dict[str, set[int]] = {}
    for story in stories:
        for c in story.candidates:
            carriers.setdefault(normalised(c.text), set()).add(story.number)
    elsewhere = {normalised(s) for s in already_said}
    said = [signature(s) for s in already_said]
    scored = _score_all(stories, lens)
    chosen: list[_Scored] = []
    words_left = budget.words
    for _ in range(2):
        for s in scored:
            if len(chosen) == budget.sentences or (words_left is not None and words_left < MIN_WORDS):
                break
            length = len(s.candidate.text.split())
            if s in chosen or (words_left is not None and length > words_left):
                continue
            if normalised(s.candidate.text) in elsewhere or _is_repeat(s.words, [*said, *(c.words for c in chosen)]):
                continue
            if s.candidate.needs_previous and not any(
                    c.story is s.story and c.candidate.index == s.candidate.index - 1 for c in chosen):
                continue
            chosen.append(s)
            if words_left is not None:
                words_left -= length
    return tuple(SummarySentence(s.candidate.text, tuple(sorted(carriers[normalised(s.candidate.text)])))
                 for s in _order(chosen))
