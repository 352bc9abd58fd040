"""The digest's two "what changed" parts: a topic's New today list, and what outlets added to wire copy.

Both are pure: the caller passes the topic's recent sentence signatures (kept in the store per
topic and day, see reader/topic_days.py) and a cleaner; nothing here reads the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date

from reader.config import TopicConfig
from reader.copies import adds_words, compare_copies, copy_text, describe_addition
from reader.digest.candidates import is_story_prose, leans_on_previous, relative_day
from reader.digest.coverage import published_day
from reader.digest.model import NewToday, SummarySentence
from reader.digest.novelty import History, listable, phrase_stems, sentences_of
from reader.digest.points import point_of, same_point, says_again
from reader.digest.references import MEASURES, definite_references, outside_quotes
from reader.digest.summarise import QUOTED, is_background
from reader.digest.summary_order import mostly_quoted
from reader.digest.topic_summary import Story, TopicSummary, long_ago_day, published_year
from reader.models import Article
from reader.text.clean import CleanArticle
from reader.text.words import signature

NEW_TODAY_MAX = 4
REFERENCE_REPEAT = 0.4  # share of a "The program ..." sentence's content the summary holds: it restates it
# A sentence whose subject is a bare definite description ("The program checks ...").
_SUBJECT_REFERENCE = re.compile(r"^\W*[Tt]he\s+([a-z]+(?:\s+force)?)\b")


def new_today(stories: Sequence[tuple[int, Article]], clean: Callable[[Article], CleanArticle],
              history: Sequence[frozenset[str]], topic: TopicConfig, days: int,
              summary: Sequence[str] = (), quotes: Collection[str] = (),
              others: Sequence[tuple[int, Article, str | None]] = (), day: date | None = None,
              originals: Mapping[int, Article] = {}, summary_years: Sequence[int | None] = (),
              said_above: Sequence[tuple[str, str]] = ()) -> NewToday:
    """Up to NEW_TODAY_MAX sentences of the numbered stories' leads (best-ranked first) that the history lacks,
    besides the section's `summary`: which of its sentences are new is noted, and none of them, nor a
    rewording of one, is listed again (by the summary's own test, summarise.says_again: one of them holds
    most of its words or shares a phrase with it, or together they hold most of them).

    Like a summary sentence, a listed one is read out of its story: it is a sentence of the story's
    prose (not a caption or a cut-off line), leans on no sentence before it ("It aimed at ..."), calls
    nothing "the changes" or "the department" that it does not introduce, is not background
    ("rolled out ... in October 2008" is new to the history, not news today), and is not mostly one
    of the `quotes` the section shows. It is in the reporter's words: a sentence that is mostly someone's
    quoted words is comment on the news, not news, and is left to the key quotes (which pick the
    topic's best, credited) rather than listed here with its speaker in passing.

    With no history at all the topic is new: everything would be listed, so the list says that
    instead. A development several stories report is listed once, citing every story that has it.

    A sentence telling a relative day ("said Friday") of a story published long before the digest's `day`
    is dated, as in the summary. `others` are the section's listed stories summarised under another topic
    (number, lead, that topic): when nothing here is new, those with a sentence this topic's history lacks
    are noted with where their news is told, so a section whose stories are all summarised elsewhere never
    says nothing new happened.

    A summary sentence that is background ("rolled out ... in October 2008"; `summary_years` gives the year each
    one's story was published) is not noted as new, as it would not be listed: new to the history, not news today.

    `said_above` holds the sections above's summary and New today sentences, each with its topic: a point one of
    them made is not listed again here (the digest says each once); with nothing else new, the line names the
    topic it is told under rather than saying nothing new happened.

    A story first seen before the day is read in its day's copy (what is new is there), while its coverage line
    leads with its original (`originals`, by number): a sentence the original lacks names the copy it is in.
    """
    if not history:
        return NewToday((), True, days)
    index = History(history)
    ignore = phrase_stems(topic.match)
    years = [*summary_years, *[None] * (len(summary) - len(summary_years))]
    in_summary = tuple(n for n, (s, year) in enumerate(zip(summary, years, strict=True), 1)
                       if index.is_new(s, ignore) and not (summary_years and is_background(s, year)))

    quoted = [signature(q) for q in quotes]

    def fresh(article: Article) -> Iterator[str]:
        year = published_year(article)
        sentences = sentences_of(clean(article).paragraphs)
        for before, sentence in zip(["", *sentences], sentences, strict=False):
            if (listable(sentence) and index.is_new(sentence, ignore) and is_story_prose(sentence, sentence)
                    and not leans_on_previous(sentence, before) and not is_background(sentence, year)
                    and not _unintroduced(sentence) and not mostly_quoted(sentence)):
                sig = signature(sentence)
                if not any(len(sig & q) >= QUOTED * len(sig) for q in quoted):
                    yield sentence

    # Each story's first new sentence before any story's second, so the list spans the top stories;
    # a development already listed is not listed again. Sentences are checked only until the list
    # is full, which keeps a busy day cheap.
    streams = [(n, fresh(article)) for n, article in stories]
    chosen: list[tuple[int, str]] = []
    said = list(summary)  # the summary and the sentences listed so far: none is said again, nor reworded
    above = [(point_of(s), home) for s, home in said_above]
    told_above: list[tuple[int, str | None]] = []
    while streams and len(chosen) < NEW_TODAY_MAX:
        still = []
        for n, stream in streams:
            sentence = next(stream, None)
            if sentence is None:
                continue
            still.append((n, stream))
            point = point_of(sentence)
            home = next((home for other, home in above if same_point(point, other)), None)
            if home is not None:
                told_above.append((n, home))
            elif not says_again(sentence, said) and not restates_by_reference(sentence, said):
                chosen.append((n, sentence))
                said.append(sentence)
                if len(chosen) == NEW_TODAY_MAX:
                    break
        streams = still
    # Cited by every story whose stored text has the sentence too (looked up there: no more cleaning).
    # Dated like a summary sentence when it tells a relative day of a story published long before `day`.
    lead = dict(stories)
    items = [SummarySentence(s, tuple(sorted({n} | {m for m, a in stories if s in a.text})),
                             long_ago_day(lead[n], day) if relative_day(s) else None,
                             lead[n].feed_name if n in originals and _plain(s) not in _plain(originals[n].text)
                             else None)
             for n, s in chosen]
    told = () if items or in_summary else tuple(dict.fromkeys(
        [*told_above, *((n, home) for n, a, home in others if next(fresh(a), None))]))
    return NewToday(tuple(items), False, days, in_summary, bool(summary) and len(in_summary) == len(summary), told)


def restates_by_reference(sentence: str, said: Sequence[str]) -> bool:
    """Whether a sentence whose subject is only "the program" (or another measure it never names) goes over
    what the sentences `said` (the summary, and those listed) already hold: REFERENCE_REPEAT of its content.

    Listed alone under the summary, "The program checks the fingerprints of everyone booked into a local
    jail" reads as news about some program, while it restates the summary's "the fingerprint-sharing
    program" in other words: a weaker echo than says_again() catches, but with a subject that tells the
    reader nothing, nothing new is left.
    """
    subject = _SUBJECT_REFERENCE.match(outside_quotes(sentence))
    if subject is None or " ".join(subject.group(1).lower().split()) not in definite_references(sentence):
        return False
    words = signature(sentence.replace("-", " "))
    held = frozenset().union(*(signature(s.replace("-", " ")) for s in said)) if said else frozenset()
    return bool(words) and len(words & held) >= REFERENCE_REPEAT * len(words)


def _unintroduced(sentence: str) -> bool:
    """Whether a listed sentence calls something "the changes", "the department" that it never introduced.

    A listed sentence stands alone, so nothing before it can have. A measure ("the program") is
    let through: under the topic's heading it reads as the topic.
    """
    return any(head not in MEASURES for head in definite_references(sentence))


def story_additions(story: Story, clean: Callable[[Article], CleanArticle]) -> tuple[str, ...]:
    """A line per outlet whose copy of the story adds something substantial to the earliest copy: the story's
    `original` when it was first seen before the day (a trimmed copy of yesterday's wire story is no measure of
    what another outlet added), else the day's first copy. The coverage line leads with that copy."""
    original = story.source
    compared = [a for a in story.members if a.id != original.id]
    adding = [a for a in compared if adds_words(original.text, a.text)]
    if not adding:
        return ()
    earliest = copy_text(original, clean(original))
    lines = (describe_addition(compare_copies(earliest, copy_text(a, clean(a)))) for a in adding)
    return tuple(line for line in lines if line)


def credit_copies(result: TopicSummary, stories: Sequence[tuple[int, Story]],
                  clean: Callable[[Article], CleanArticle]) -> TopicSummary:
    """The summary and key quotes of `stories` (numbered as cited, in the order summarised), credited to the copy the
    coverage line leads with where that copy has them, and to the day's copy where only it does.

    A story first seen before the day leads with its original (yesterday's wire copy) and is summarised from the
    day's copy: a sentence the original lacks ("(in Hudson Times' copy)") or a quote only the day's copy ran is
    that copy's; a quote both ran is the original's, as the line that is cited shows it.
    """
    if all(s.original is None for _, s in stories):
        return result
    by_number = dict(stories)

    def in_original(text: str, story: Story | None) -> bool | None:
        """Whether the story's original has the text; None when the story has no original."""
        if story is None or story.original is None:
            return None
        return _plain(text) in _plain(" ".join(clean(story.original).paragraphs))

    summary = tuple(replace(x, copy_of=by_number[x.citations[0]].lead.feed_name)
                    if x.citations and in_original(x.text, by_number.get(x.citations[0])) is False else x
                    for x in result.summary)
    quotes = tuple(replace(q, outlet=original.feed_name)
                   if (original := stories[i][1].original) is not None and in_original(q.text, stories[i][1]) else q
                   for q, i in zip(result.quotes, result.quote_stories, strict=True))
    return replace(result, summary=summary, quotes=quotes)


_QUOTE_MARKS = str.maketrans("", "", "“”\"‘’'")


def _plain(text: str) -> str:
    """Words as compared across copies: quotation marks and case aside, spaces folded."""
    return " ".join(text.translate(_QUOTE_MARKS).casefold().split())


def earlier_original(original: Article, story: Story, day: date) -> bool:
    """Whether the story's earliest stored copy was first seen before the digest's `day` and is not one of the
    day's copies: then it is the story's original. One first seen after the day is left out of the day's digest,
    which shows what was known by then."""
    seen = published_day(original.first_seen)
    return (seen is not None and seen < day and all(a.id != original.id for a in story.members)
            and _copy_order(original) <= _copy_order(story.lead))


def _copy_order(article: Article) -> tuple[str, int]:
    """How stories_among() orders a story's copies: earliest published (else first seen) first."""
    return article.dated, article.id
