"""Extractive, cited summaries: verbatim sentences chosen from a topic's stories, none saying the same twice.

Only sentences about the topic qualify: they name it, or share its central words (the words
that keep company with the topic's name across the day's stories), so a State of the Union
piece that mentions immigration once lends nothing to an immigration summary. Sentences are
scored by centrality (words many stories share, names aside: "Department of Homeland Security"
says who, not what), a count or amount in the reporter's words, naming the topic, an early place
in the story's own prose (captions and junk do not count as the lead) and the story's rank; a
sentence leaning on one about the topic ("It aimed at ...") goes on about it. A sentence is
skipped when its content words are mostly said already, by one chosen sentence or by all of
them together (containment), or it shares a phrase with one (so reworded repeats from two
outlets are caught; reader/digest/points.py), unless it says a shorter chosen one and half as much
again, or says a chosen one's point from a later day's story: then it takes that one's place (later news
wins). Sentences whose decisions go opposite ways ("will keep expanding", "will end") are never one point.
A sentence is also skipped when it is mostly a quote the section shows; and when what it points
back to ("it", "the department") was not chosen: then it comes after that. A sentence telling a day
relative to a story published long before the digest's day ("said Friday", in a new feed's 2011
backlog) carries that story's date, which the digest shows with it. The main development
leads, the other stories' ledes follow, then the rest in story order, and background ("in
October 2008") comes last.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from reader.digest.candidates import MIN_WORDS, Candidate, relative_day, story_candidates
from reader.digest.model import SummarySentence
from reader.digest.points import SAME_POINT, Point, is_repeat, point_of, said_in, same_point
from reader.digest.references import MEASURES, introduces, outside_quotes
from reader.digest.summary_order import order_chosen
from reader.text.descriptions import bodies_named
from reader.text.stance import Reading, contradicts, reading
from reader.text.words import content_stems, signature

MAX_SENTENCES = 5
CENTRAL_WORDS = 12
FACT_BONUS = 1.0  # for a count or amount in the reporter's words: "Five of the task force's 20 members resigned"
# A number that is not a year, or one in words; what the sentence counts is news, when it happened is not.
_DIGITS = re.compile(r"\d+(?:[,.]\d+)*")
_YEAR_DIGITS = re.compile(r"(?:1[89]|20)\d\d$")
_LETTERS = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
    "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
    "billions", "dozen", "dozens", "half", "third", "quarter", "percent",
})
MORE_SAID = 0.5  # new content words, as a share of a chosen sentence's, that let a sentence saying it replace it
QUOTED = 0.5  # share of a sentence's words (names aside) in one quote the section shows: it is mostly that quote
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
    long_ago: date | None = None  # its publication day, when long before the digest's: its "Friday" is not this week's
    day: int = 0  # its publication (or first-seen) day as an ordinal, 0 when unknown: the later says a point instead
    headline: str = ""  # its lead's title: what it names ("Denver council ...") its sentences may call "the council"

    @cached_property
    def candidates(self) -> list[Candidate]:
        return story_candidates(self.paragraphs, self.headline)


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
    common: frozenset[str]  # its words beside the names
    phrases: frozenset[tuple[str, ...]]
    background: bool
    stance: Reading | None  # which way its decision goes (reader.text.stance): opposite ones are never one point

    @property
    def point(self) -> Point:
        return self.words, self.phrases, self.stance


def counts_something(text: str) -> bool:
    """Whether the text holds a count or amount: a number that is not a year, or one in words."""
    return (any(not _YEAR_DIGITS.match(d) for d in _DIGITS.findall(text))
            or not _NUMBER_WORDS.isdisjoint(_LETTERS.findall(text.lower())))


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
        near = [c.text for c in story.candidates if mentions is None or story.mainly_about or mentions(c.text)]
        words = [w for t in near for w in content_stems(t)]
        uses.update(words)
        stories_using.update(set(words))
    shared = sorted((w for w in uses if stories_using[w] > 1), key=lambda w: (-stories_using[w], -uses[w]))
    central = shared[:CENTRAL_WORDS]
    if len(central) < CENTRAL_WORDS // 2 and (mentions is not None or len(stories) == 1):
        frequent = sorted(uses, key=lambda w: -uses[w])  # stable: reading order among equals
        central += [w for w in frequent if w not in central][: CENTRAL_WORDS - len(central)]
    return TopicLens(mentions, frozenset(central))


def _score_all(stories: Sequence[StoryForSummary], lens: TopicLens) -> list[_Scored]:
    signatures = [[signature(c.text) for c in story.candidates] for story in stories]  # each made once
    df: Counter[str] = Counter()
    for story_signatures in signatures:
        df.update(frozenset().union(*story_signatures))
    scored = []
    for rank, (story, story_signatures) in enumerate(zip(stories, signatures, strict=True)):
        candidates = story.candidates
        background = {c.index: is_background(c.text, story.year) for c in candidates}
        # The lead is the first paragraph of the story's own prose that is news, not background.
        prose_paragraphs = sorted({c.paragraph for c in candidates if not background[c.index]})
        first_in_paragraph = {c.paragraph: c.index for c in reversed(candidates)}
        # A story whose text came as one long paragraph is read sentence by sentence instead.
        units = prose_paragraphs if len(prose_paragraphs) > 1 else [c.index for c in candidates
                                                                      if not background[c.index]]
        unit_rank = {unit: n for n, unit in enumerate(units)}  # a lookup, not a search per sentence
        about: set[int] = set()  # indexes of the story's sentences about the topic
        for c, words in zip(candidates, story_signatures, strict=True):
            names_topic = lens.names(c.text)
            shared = len(words & lens.central)
            # In a story about the topic, "the bill" or "the system" is the topic's measure.
            measure = story.mainly_about and any(h in MEASURES for h in c.refers_to)
            # "It aimed at ..." after a sentence about the topic goes on about it (and is chosen only after it).
            goes_on = c.needs_previous and c.index - 1 in about
            if not names_topic and not measure and not goes_on and shared < (1 if story.mainly_about else lens.need):
                continue  # not about the topic
            about.add(c.index)
            common, said_phrases = said_in(c.text)
            centrality = sum(df[w] for w in common) / max(len(common), 1) ** 0.5
            unit = c.paragraph if len(prose_paragraphs) > 1 else c.index
            p_rank = unit_rank.get(unit, len(units))
            position = 1.5 / (1 + p_rank) + (0.5 if first_in_paragraph[c.paragraph] == c.index else 0.0)
            past = background[c.index]
            facts = FACT_BONUS if counts_something(outside_quotes(c.text)) else 0.0
            central_said = len(common & lens.central)  # central words beside the names
            score = (centrality + facts + (2.0 if names_topic else 0.0) + 0.3 * central_said + position
                     + 0.5 / (1 + rank) - (1.5 if past else 0.0)
                     - (0.5 if c.needs_previous or c.needs_context else 0.0))
            scored.append(_Scored(score, rank, story, c, words, common, said_phrases, past, reading(c.text)))
    scored.sort(key=lambda s: (-s.score, s.story.number, s.candidate.index))
    return scored


def _superseded(s: _Scored, chosen: Sequence[_Scored], after: dict[int, tuple[_Scored, ...]]) -> list[_Scored]:
    """The chosen sentences that s says and says more than: most of their content words and at least
    MORE_SAID as many again ("The task force ... recommended that people arrested for minor traffic
    offenses not be pursued" within "The task force said the program had caused confusion ... and
    recommended that ICE stop pursuing people arrested only for minor traffic offenses"). The shorter
    one gives way, unless another chosen sentence leans on it. A sentence that needs its story's context
    ("Most significantly, the task force recommended ...") replaces none: one saying the point plainly reads better.
    """
    if s.candidate.needs_context:
        return []
    needed = {id(a) for deps in after.values() for a in deps}
    return [c for c in chosen if id(c) not in needed and not contradicts(s.stance, c.stance)
            and len(c.words & s.words) >= SAME_POINT * len(c.words)
            and len(s.words - c.words) >= MORE_SAID * len(c.words)]


def _said_before(s: _Scored, chosen: Sequence[_Scored], after: dict[int, tuple[_Scored, ...]]) -> list[_Scored]:
    """The chosen sentences making s's point (same_point) from stories of an earlier day than s's, none leaned on
    by another: the later day's article says it instead (later news wins: it may carry the vote, not the plan)."""
    needed = {id(a) for deps in after.values() for a in deps}
    return [o for o in chosen if id(o) not in needed and 0 < o.story.day < s.story.day
            and same_point(s.point, o.point)]


def _antecedents(s: _Scored, chosen: Sequence[_Scored], lens: TopicLens) -> tuple[_Scored, ...] | None:
    """The chosen sentences that s must follow (none when it needs none), or None when none chosen will do.

    A sentence leaning on its predecessor needs that one. What it calls "the department" follows a
    chosen sentence that introduced a department (an earlier one of its story, or another story's),
    else its chosen predecessor (the officer whose department it is); "the program" may also be the
    topic, named before or in the sentence itself. With none of those chosen, it may stand only when
    its story introduced the thing earlier in words ("a task force" ... "the task force") and a chosen
    sentence of that story comes before it: what it calls "the ..." is never new to the summary's reader.
    A sentence that itself calls it "the department" un-introduced introduces nothing.
    """
    c = s.candidate
    previous = next((o for o in chosen if o.story is s.story and o.candidate.index == c.index - 1), None)
    if c.needs_previous:
        return (previous,) if previous is not None else None
    needed = []
    if c.needs_context:  # "Most significantly, ...": read right after a chosen earlier sentence of its story
        context = [o for o in chosen if o.story is s.story and o.candidate.index < c.index]
        if not context:
            return None
        needed.append(max(context, key=lambda o: o.candidate.index))
    speakers = dict(c.speakers)
    for head in c.refers_to:
        if head in speakers:  # "..., the department said": after a sentence naming the department it means
            named = _naming(speakers[head], head, s, chosen)
            if named is None:
                return None
            needed.append(named)
            continue
        measure = head in MEASURES
        if measure and lens.names(c.text):
            continue  # "Immigration reform stalled after a vote on the bill failed"
        # What introduces the thing does not itself call it "the ..." as if already introduced.
        found = next((o for o in chosen if (o.story is not s.story or o.candidate.index < c.index)
                      and ((introduces(o.candidate.text, head) and head not in o.candidate.refers_to)
                           or (measure and lens.names(o.candidate.text)))),
                     previous)
        if found is None and any(introduces(e.text, head) and head not in e.refers_to
                                 for e in s.story.candidates if e.index < c.index):
            # Its story introduced it in a sentence not chosen: it may stand after a chosen sentence of that
            # story read before it ("Apple ... announced a recall" ... "The company said it had received ...").
            found = next((o for o in chosen if o.story is s.story and o.candidate.index < c.index), None)
        if found is None:
            return None
        needed.append(found)
    return tuple(needed)


def _naming(body: str, head: str, s: _Scored, chosen: Sequence[_Scored]) -> _Scored | None:
    """A chosen sentence (of any story, read before s) that names the body ("the Department of Homeland
    Security", or "DHS") that s credits as "the department said", or None."""
    keys = {key for key, _ in bodies_named(body, head)}
    return next((o for o in chosen if o is not s and o.candidate.text is not s.candidate.text
                 and (body.removeprefix("the ") in o.candidate.text
                      or keys & {key for key, _ in bodies_named(o.candidate.text, head)})), None)


def summarise(stories: Sequence[StoryForSummary], lens: TopicLens, budget: SummaryBudget = DEFAULT_BUDGET,
              already_said: Sequence[str] = (), quotes_shown: Sequence[str] = ()) -> tuple[SummarySentence, ...]:
    """Sentences within the budget, each citing every story that carries it.

    `already_said` are sentences shown elsewhere (an earlier topic's summary): none of them, nor a
    rewording of one, is chosen again. Fewer sentences come out rather than a repeat. A sentence that
    is mostly one of `quotes_shown` (the section's key quotes and pins, and those above) is left to
    the quotes, which name the speaker: the summary tells what happened. A sentence
    that leans on its predecessor is reconsidered in a second pass, once that one may be chosen.
    A one-sentence summary is the sentence a full one would lead with (the main development, in its
    reporter's words), not merely the highest-scoring one, which may be a quote or background.
    """
    carriers: dict[str, set[int]] = {}
    for story in stories:
        for c in story.candidates:
            carriers.setdefault(normalised(c.text), set()).add(story.number)
    elsewhere = {normalised(s) for s in already_said}
    said = [point_of(s) for s in already_said]
    quoted = [signature(q) for q in quotes_shown]
    scored = _score_all(stories, lens)
    chosen: list[_Scored] = []
    after: dict[int, tuple[_Scored, ...]] = {}  # id of a chosen sentence -> the chosen ones it must follow
    words_left = budget.words
    wanted = max(budget.sentences, MAX_SENTENCES) if budget.sentences == 1 else budget.sentences
    for _ in range(2):
        for s in scored:
            if len(chosen) == wanted or (words_left is not None and words_left < MIN_WORDS):
                break
            length = len(s.candidate.text.split())
            if s in chosen:
                continue
            if normalised(s.candidate.text) in elsewhere:
                continue
            if any(len(s.common & q) >= QUOTED * len(s.common) for q in quoted):
                continue
            dropped = _superseded(s, chosen, after)  # shorter chosen ones this says more than
            kept = [o for o in chosen if o not in dropped]
            if is_repeat(s.point, [o.point for o in kept], said):
                older = _said_before(s, kept, after)  # the same point from an earlier day: the later says it
                kept = [o for o in kept if o not in older]
                if not older or is_repeat(s.point, [o.point for o in kept], said):
                    continue
                dropped = [*dropped, *older]
            freed = sum(len(o.candidate.text.split()) for o in dropped)
            if words_left is not None and length > words_left + freed:
                continue
            antecedents = _antecedents(s, kept, lens)
            if antecedents is None:
                continue
            chosen[:] = kept
            for o in dropped:
                after.pop(id(o), None)
            if words_left is not None:
                words_left += freed
            chosen.append(s)
            if antecedents:
                after[id(s)] = antecedents
            if words_left is not None:
                words_left -= length
    ordered = order_chosen(chosen, after)
    if budget.sentences == 1:  # the lead: news that stands alone, not background leading for a later sentence
        ordered = [s for s in ordered if not s.background and id(s) not in after and not (
            s.candidate.needs_previous or s.candidate.needs_context)][:1] or ordered[:1]
    return tuple(SummarySentence(s.candidate.text, tuple(sorted(carriers[normalised(s.candidate.text)])),
                                 s.story.long_ago if relative_day(s.candidate.text) else None) for s in ordered)
