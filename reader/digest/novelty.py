"""What is new today: the day's sentences that carry information a topic's recent coverage did not.

A sentence is judged by content, not wording: its signature is the set of its content words,
lower-cased and crudely stemmed ("voted", "votes" and "vote" are one stem; see reader.text.words),
without stop words or dateline. A sentence repeats earlier coverage when one earlier sentence holds at least
REPEATED of its stems, so "county supervisors ended the agreement on Monday by a 5-2 vote"
repeats "the county board voted 5-2 on Monday to end its agreement". Signatures are plain
strings, so a day's worth can be stored once and compared again without re-reading articles.

Three things besides the share decide it. A count is news: a sentence with a number (not a year) that the
earlier one lacks reports something it did not ("voted 20 to 13" after "will vote Tuesday" is the outcome, not
the preview), however many words they share. So is an outcome without a count: a sentence reporting a decision
taken ("the council voted to end ...", "adopted") after one that only had it planned ("will vote on ...",
"proposed"; see reader.text.decision_state), while a plan reworded as a plan, or an outcome as an outcome,
stays a repeat. So is a reversal: a sentence whose decision goes the other way ("Travis County leaves Secure
Communities" after "... joins ...", "funding was cut" after "raised", "will not comply" after "will comply";
see reader.text.stance; it changes a decision word or a "not"), while one going the same way in other words, or
with the same decision words in another clause order, stays a repeat. And words policy coverage
uses interchangeably are one (reader/digest/same_sense.py: "the measure" is "the bill", "scrapped" is "ended",
"migrants" are "immigrants"; "allow", "throughout" and "across" say nothing, like the stop word "let"), so a
reworded sentence ("Sheriffs throughout Ohio have opposed the measure, arguing that it would allow ...")
repeats the one it rewords.

Comparison is exact but cheap (prefix filtering, see History): an earlier sentence can only
cover a sentence if it shares one of its few rarest stems, so only those stems' postings are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from math import ceil

from reader.digest.same_sense import SAME_SENSE
from reader.text.decision_state import MARKS, negation_differs, news_signature, opposite_ways, reports_outcome_of
from reader.text.signatures import MIN_STEMS, decode_signatures, encode_signatures, sentences_of
from reader.text.stance import DECISION_WORDS, same_words
from reader.text.words import content_stems, signature

# The stored signatures' format lives below the digest (the store's topic days are made of it); it is
# New today's, so it is offered here too.
__all__ = ["MAX_WORDS", "MIN_STEMS", "REPEATED", "History", "decode_signatures", "encode_signatures", "listable",
           "new_sentences", "phrase_stems", "sentences_of"]

REPEATED = 0.6  # share of a sentence's stems one earlier sentence must hold for it to be old news
MAX_WORDS = 60  # a longer "sentence" is a run-on paragraph the splitter could not cut: never listed as news
_SENSE = {stem: next(iter(content_stems(group[0])), "") for group in SAME_SENSE for word in group[1:]
          for stem in content_stems(word)}
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _in_sense(sig: frozenset[str]) -> frozenset[str]:
    """The signature with SAME_SENSE words read as one."""
    return frozenset(_SENSE.get(w, w) for w in sig) - {""}


# The stems of decision words ("join", "leav", "approv"), read as SAME_SENSE reads them: what a reversal changes.
_DECISIONS = _in_sense(frozenset(s for w in DECISION_WORDS for s in content_stems(w)))


def _counts(sig: frozenset[str]) -> frozenset[str]:
    """The numbers in a signature that are not years: what a sentence counts is news."""
    return frozenset(w for w in sig if w[:1].isdigit() and not _YEAR.fullmatch(w))


def _reversal(sig: frozenset[str], earlier: frozenset[str]) -> bool:
    """Whether the sentence reverses the earlier one: read as going the other way, with a decision word or a "not"
    the other lacks. Two sentences with the same decision words and negations only put their clauses in another
    order ("voted to end the agreement, which had allowed ..." and "the agreement, which had allowed ..., was
    ended by a vote"), however their first decisions read: a rewording, not a reversal."""
    return opposite_ways(sig, earlier) and (not same_words(sig & _DECISIONS, earlier & _DECISIONS)
                                            or negation_differs(sig, earlier))


def phrase_stems(phrases: Sequence[str]) -> frozenset[str]:
    """The stems of a topic's own phrases, which say nothing new within the topic (every article has them)."""
    return frozenset().union(*(signature(p) for p in phrases))


def _needed(sig: frozenset[str]) -> int:
    return ceil(REPEATED * len(sig))


class History:
    """Earlier sentences' signatures indexed by stem, so checking a sentence costs only a few postings.

    A sentence is covered when one earlier sentence holds `needed` of its k stems; such a sentence
    must then hold one of any k - needed + 1 of them, so only the postings of that many of its
    rarest stems are read (prefix filtering: exact, and cheap because rare stems have short lists).
    """

    def __init__(self, signatures: Iterable[frozenset[str]] = ()) -> None:
        self.signatures: list[frozenset[str]] = []
        self.postings: dict[str, list[int]] = {}
        for sig in dict.fromkeys(signatures):
            self.add(sig)

    def add(self, sig: frozenset[str]) -> None:
        sig = _in_sense(sig)
        for w in sig:
            self.postings.setdefault(w, []).append(len(self.signatures))
        self.signatures.append(sig)

    def __bool__(self) -> bool:
        return bool(self.signatures)

    def covers(self, sig: frozenset[str]) -> bool:
        """Whether one earlier sentence holds REPEATED of the sentence's stems and every count it gives, does
        not only plan a decision the sentence reports taken, and does not go the other way (a reversal)."""
        sig = _in_sense(sig)
        stems = sig - MARKS
        needed, counts = _needed(stems), _counts(stems)
        rarest = sorted(stems, key=lambda w: (len(self.postings.get(w, ())), w))
        tried: set[int] = set()
        for w in rarest[: len(stems) - needed + 1]:
            for i in self.postings.get(w, ()):
                if i not in tried:
                    tried.add(i)
                    earlier = self.signatures[i]
                    if (len(stems & earlier) >= needed and counts <= earlier
                            and not reports_outcome_of(sig, earlier) and not _reversal(sig, earlier)):
                        return True
        return False

    def is_new(self, sentence: str, ignore: frozenset[str] = frozenset()) -> bool:
        """Whether the sentence says enough (MIN_STEMS stems besides `ignore`) that no earlier one said."""
        sig = news_signature(sentence) - ignore
        return len(sig - MARKS) >= MIN_STEMS and not self.covers(sig)


def listable(sentence: str) -> bool:
    """Whether a sentence may be offered as news: not a question, and not a run-on paragraph.

    The digest's New today list and the reader's underlines both ask this, so they agree.
    """
    return len(sentence.split()) <= MAX_WORDS and not sentence.rstrip().endswith("?")


def new_sentences(today: Sequence[str], history: Iterable[frozenset[str]],
                  ignore: frozenset[str] = frozenset(), distinct: bool = False) -> list[int]:
    """Indexes of today's sentences that no history sentence covers, in order.

    `ignore` holds stems that say nothing within the topic (its own name: every article has it).
    With `distinct`, a sentence covered by an earlier new one is left out too, so a development
    reported by three outlets is listed once.
    """
    index, listed = History(history), History()
    found: list[int] = []
    for i, sentence in enumerate(today):
        if index.is_new(sentence, ignore) and not (distinct and not listed.is_new(sentence, ignore)):
            found.append(i)
            if distinct:  # only then is `listed` read
                listed.add(news_signature(sentence) - ignore)
    return found
