"""Whether a sentence reports a decision still to come or one taken: "will vote" is a plan, "voted" an outcome.

New today compares sentences by their content words, and stemming makes "will vote" and "voted" one
word, so the outcome would read as a repeat of the preview. Each sentence's signature therefore
carries a mark of its state (PLANNED, DONE, or neither; see news_signature), and New today counts
an outcome as news after coverage that only had the plan (reader/digest/novelty.py). It carries the way its
decision goes too (WAYS, from reader.text.stance): stems alone make "Travis County leaves
Secure Communities" a repeat of "Travis County joins Secure Communities", and a reversal is news. The marks
are stored with the day's signatures (reader/topic_days.py), so a change here, or to what stance() reads,
must bump STATE_VERSION.
"""

from __future__ import annotations

import re

from reader.text.stance import Way, negated, way
from reader.text.words import signature

# Part of the stored topic days' key (reader.topic_days.topic_key): bump when the marks change.
STATE_VERSION = 3  # 2: the way a sentence's decision goes (WAYS); 3: and whether it says "not" (NEGATED)
PLANNED, DONE = "~planned", "~done"  # never a stem: stems are letters and digits
# The way a decision goes (reader.text.stance.way): on or off, or a decision only held or not held.
WAYS: dict[Way, str] = {"on": "~on", "off": "~off", "held": "~held", "not held": "~unheld"}
WAY_MARKS = frozenset(WAYS.values())
_OPPOSITE = {"~on": "~off", "~off": "~on", "~held": "~unheld", "~unheld": "~held"}
NEGATED = "~not"  # the sentence says "not", "never", "against" somewhere: "will not comply" is no "will comply"
MARKS = frozenset({PLANNED, DONE, NEGATED}) | WAY_MARKS

# A decision announced, expected or under way, not yet taken.
_PLAN = re.compile(
    r"\b(?:will|would|shall|won't|going to|(?:plans?|planned|planning|intends?|intending|expects?|expected|"
    r"set|poised|scheduled|slated|aims?|seeks?|hopes?|likely|moves?|moving) to|"
    r"propos(?:e|es|ed|ing|al|als)|consider(?:s|ing)?|weigh(?:s|ing)?|debat(?:e|es|ed|ing)|"
    r"pending|upcoming|draft)\b")
# Decision verbs in a form that says the decision was taken (past, perfect, passive; a headline's present).
_TAKEN = frozenset(("voted", "passed", "passes", "approved", "approves", "adopted", "adopts", "signed", "enacted",
    "enacts", "ended", "scrapped", "scraps", "terminated", "terminates", "abolished", "abolishes", "rejected",
    "rejects", "repealed", "repeals", "vetoed", "vetoes", "overturned", "overturns", "defeated", "killed",
    "rescinded", "rescinds", "canceled", "cancelled", "cancels", "discontinued", "suspended", "halted", "withdrew",
    "withdrawn", "ratified", "ratifies", "finalized", "finalised", "renewed", "renews", "dropped", "upheld",
    "struck", "ruled", "decided", "agreed", "failed"))
# A taken form after one of these is still a plan or no decision: "will be signed", "expected to be approved",
# "would have ended", "has not approved", "never passed".
_NOT_TAKEN = frozenset(("will", "would", "shall", "could", "may", "might", "should", "must", "to", "not", "never",
                        "cannot"))
_WORD = re.compile(r"[a-z]+n't|[a-z]+")


def decided(sentence: str) -> bool:
    """Whether the sentence says a decision was taken: a taken form not governed by a modal, "to" or "not"."""
    words = _WORD.findall(sentence.casefold().replace("’", "'"))
    return any(w in _TAKEN and not any(b in _NOT_TAKEN or b.endswith("n't") for b in words[max(0, i - 3):i])
               for i, w in enumerate(words))


def state_marks(sentence: str) -> frozenset[str]:
    """The sentence's decision state: {DONE} when it reports one taken (whatever else it mentions), {PLANNED}
    when it reports one to come, nothing when it reports neither."""
    if decided(sentence):
        return frozenset({DONE})
    return frozenset({PLANNED}) if _PLAN.search(sentence.casefold().replace("’", "'")) else frozenset()


def way_marks(sentence: str) -> frozenset[str]:
    """The mark of the way the sentence's decision goes (reader.text.stance.way), and NEGATED when it says "not"
    anywhere; nothing when it has no decision."""
    going = way(sentence)
    return frozenset() if going is None else frozenset({WAYS[going]} | ({NEGATED} if negated(sentence) else set()))


def news_signature(sentence: str) -> frozenset[str]:
    """The sentence's content stems, its state mark and its way: what New today stores and compares."""
    return signature(sentence) | state_marks(sentence) | way_marks(sentence)


def opposite_ways(sig: frozenset[str], earlier: frozenset[str]) -> bool:
    """Whether a sentence (signature `sig`) and an earlier one are read as going opposite ways: "leaves" after
    "joins", "cut" after "raised", "will not comply" after "will comply", "will not vote" after "will vote".
    One with no way goes against nothing, and a vote only to be held ("will vote on whether to end") against none
    that goes one way. Whether that is a reversal is New today's to judge (reader/digest/novelty.py)."""
    return any(_OPPOSITE[mark] in earlier for mark in sig & WAY_MARKS)


def negation_differs(sig: frozenset[str], earlier: frozenset[str]) -> bool:
    """Whether one of the two sentences says "not" (or "never", "against") and the other does not."""
    return (NEGATED in sig) != (NEGATED in earlier)


def reports_outcome_of(sig: frozenset[str], earlier: frozenset[str]) -> bool:
    """Whether a sentence (signature `sig`) reports as taken a decision the earlier one only planned."""
    return DONE in sig and PLANNED in earlier and DONE not in earlier
