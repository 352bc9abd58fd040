"""Which way a sentence's decision goes: on (keep, expand, approve) or off (end, scrap, reject, "will not").

Two sentences sharing most of their words may say opposite things: "DHS will keep expanding Secure Communities"
and "DHS will end Secure Communities" differ by one verb, and a summary that read them as one point would keep
one and drop the other, perhaps the newer, so the summary would say the opposite of the news. A sentence's
stance is read from its first run of decision words ("voted to end", "decided not to renew", "will keep
expanding"): each off word or negation flips it, so "refused to end" is on and "voted to end" off. Words a run
of more than three other words separates belong to another clause (words saying when do not count: "voted on
Tuesday night to end" is one run), and "whether" ends one (what follows is asked). Crude by design: it only
keeps two sentences from being merged, so a wrong reading costs at most a point said twice, never one hidden.

A reversal is read the same way whatever the decision is about: joining or leaving a program ("joins" and
"pulls out of"), money raised or cut, a judge who allows or blocks, a vote for or against, "will comply" and
"will not comply". New today stores each sentence's stance with its signature (reader.text.decision_state),
so a reversal of earlier coverage is news however many words the two share; there a wrong reading costs at
most a repeat listed as news, never news read as a repeat. A decision only to be held ("will vote", way
"held") is opposed only by one not to be held ("will not vote"), never by the outcome it is about.
"""

from __future__ import annotations

import re
from typing import Literal

from reader.text.words import content_stems

Way = Literal["on", "off", "held", "not held"]
# A sentence's decision as reading() gives it: its stance, the stems of its decision words, whether it says "not".
Reading = tuple[int, frozenset[str], bool]

ON, OFF = 1, -1
# Going ahead with something, or deciding on it (a neutral decision word: "voted", "will vote" is on).
_ON_WORDS = frozenset((
    "keep", "keeps", "keeping", "kept", "continue", "continues", "continued", "continuing", "expand", "expands",
    "expanded", "expanding", "expansion", "extend", "extends", "extended", "extending", "renew", "renews",
    "renewed", "renewing", "maintain", "maintains", "maintained", "retain", "retains", "retained", "preserve",
    "preserves", "preserved", "approve", "approves", "approved", "approving", "adopt", "adopts", "adopted",
    "pass", "passes", "passed", "enact", "enacts", "enacted", "ratify", "ratifies", "ratified", "uphold",
    "upholds", "upheld", "accept", "accepts", "accepted", "support", "supports", "supported", "launch",
    "launches", "launched", "start", "starts", "started", "begin", "begins", "began", "implement",
    "implements", "implemented", "proceed", "proceeds", "proceeded", "press", "presses", "pressed", "sign",
    "signs", "signed", "vote", "votes", "voted", "decide", "decides", "decided", "agree", "agrees", "agreed",
    "allow", "allows", "allowed", "aprobar", "aprobado", "aprobó", "mantener", "ampliar",
    # Taking part, complying, and more of something.
    "join", "joins", "joined", "joining", "enter", "enters", "entered", "enroll", "enrolls", "enrolled",
    "comply", "complies", "complied", "complying", "cooperate", "cooperates", "cooperated", "cooperating",
    "honor", "honors", "honored", "honoring", "permitted", "granted",
    "resume", "resumes", "resumed", "restore", "restores", "restored", "reinstate", "reinstates", "reinstated",
    "impose", "imposes", "imposed", "raise", "raises", "raised", "raising", "increase", "increases", "increased",
    "increasing", "boost", "boosts", "boosted", "rise", "rises", "rose", "risen", "rising", "grow", "grows",
    "grew", "grown", "growing", "double", "doubles", "doubled", "win", "wins", "won",
))
# Stopping something, refusing it, or failing to do it.
_OFF_WORDS = frozenset((
    "end", "ends", "ended", "ending", "scrap", "scraps", "scrapped", "scrapping", "terminate", "terminates",
    "terminated", "abolish", "abolishes", "abolished", "cancel", "cancels", "canceled", "cancelled", "halt",
    "halts", "halted", "stop", "stops", "stopped", "reject", "rejects", "rejected", "defeat", "defeats",
    "defeated", "repeal", "repeals", "repealed", "veto", "vetoes", "vetoed", "suspend", "suspends", "suspended",
    "withdraw", "withdraws", "withdrew", "withdrawn", "drop", "drops", "dropped", "overturn", "overturns",
    "overturned", "kill", "kills", "killed", "block", "blocks", "blocked", "rescind", "rescinds", "rescinded",
    "discontinue", "discontinues", "discontinued", "eliminate", "eliminates", "eliminated", "dismantle",
    "dismantles", "dismantled", "oppose", "opposes", "opposed", "refuse", "refuses", "refused", "decline",
    "declines", "declined", "fail", "fails", "failed", "deny", "denies", "denied", "rechazar", "rechazó",
    "eliminar", "terminar", "suspender",
    # Leaving, barring, undoing, and less of something.
    "leave", "leaves", "leaving", "left", "exit", "exits", "exited", "quit", "quits", "revoke", "revokes",
    "revoked", "invalidate", "invalidates", "invalidated", "ban", "bans", "banned", "barred", "barring",
    "prohibit", "prohibits", "prohibited", "forbid", "forbids", "forbade", "disallow", "disallows",
    "disallowed", "dismiss", "dismisses", "dismissed", "lift", "lifts", "lifted", "freeze", "freezes", "froze",
    "frozen", "pause", "pauses", "paused", "curtail", "curtails", "curtailed", "restrict", "restricts",
    "restricted", "cut", "cuts", "cutting", "slash", "slashes", "slashed", "reduce", "reduces", "reduced",
    "decrease", "decreases", "decreased", "decreasing", "fell", "fallen", "falling", "shrink",
    "shrinks", "shrank", "shrunk", "defund", "defunds", "defunded", "ignore", "ignores", "ignored", "lose",
    "loses", "lost",
))
DECISION_WORDS = _ON_WORDS | _OFF_WORDS
_NEGATIONS = frozenset(("not", "never", "no", "cannot", "nor", "neither", "against"))  # "voted against renewing"
_NOUN_BEFORE = frozenset(("the", "a", "an", "its", "their", "his", "her", "this", "that"))  # "the end of"
_NEUTRAL = frozenset(("vote", "votes", "voted", "decide", "decides", "decided"))  # a decision, of no way yet
_OPEN = frozenset(("whether",))  # what follows is a question still open: "will vote on whether to end"
_GAP = 3  # other words between two decision words that put them in different clauses
# Words saying when, which never part a decision from its object: "voted on Tuesday night to end" is one run,
# as "voted to end" is.
_WHEN = frozenset((
    "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "night", "morning",
    "afternoon", "evening", "today", "yesterday", "tomorrow", "last", "next", "week", "month", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
))
_WORD = re.compile(r"[a-záéíóúñ]+(?:n't)?")
# Phrases whose words alone read the wrong way ("struck down" is no strike, "raised concerns" no increase),
# as the one word that says what they do.
_PHRASES = tuple((re.compile(rf"\b{pattern}\b"), word) for pattern, word in (
    (r"(?:strike|strikes|struck|striking) down", "overturned"),
    (r"(?:pull|pulls|pulled|pulling|opt|opts|opted|opting|back|backs|backed|backing) out", "withdrew"),
    (r"(?:scale|scales|scaled|scaling|roll|rolls|rolled|rolling) back", "reduced"),
    (r"(?:phase|phases|phased|phasing|wind|winds|wound|winding) (?:down|out)", "ended"),
    (r"(?:shut|shuts|shutting) down", "ended"),
    (r"(?:opt|opts|opted|opting) in", "joined"),
    (r"no longer", "not"),
    (r"left (?:in place|intact|standing)", "kept"),
    (r"(?:raise|raises|raised|raising) (?:concerns?|questions?|doubts?|objections?|alarms?)", "noted"),
    (r"(?:cut|cuts|cutting) (?:short|off)", "ended"),
))


def _polar(word: str, before: str) -> int | None:
    """The word's sign in a run (OFF for a negation), or None when it is no decision word here."""
    if word in _NEGATIONS or word.endswith("n't"):
        return OFF
    if before in _NOUN_BEFORE:  # "the end of the year", "a vote on": a noun, not a decision
        return None
    return ON if word in _ON_WORDS else OFF if word in _OFF_WORDS else None


def _words(sentence: str) -> list[str]:
    """The sentence's words, lower-cased, with _PHRASES read as their one word."""
    text = sentence.casefold().replace("’", "'")
    for phrase, word in _PHRASES:
        text = phrase.sub(word, text)
    return _WORD.findall(text)


def _first_run(sentence: str) -> tuple[int, bool] | None:
    """The sign of the sentence's first run of decision words holding one (negations alone are no decision:
    "it is not clear"), and whether the run goes one way (a word besides "vote" or "decide"), or None."""
    words = [w for w in _words(sentence) if w not in _WHEN]
    sign, decision, directed, last = ON, False, False, None
    for i, word in enumerate(words):
        if word in _OPEN:  # what follows is asked, not decided: the run ends here
            if decision:
                return sign, directed
            sign, last = ON, None
            continue
        polar = _polar(word, words[i - 1] if i else "")
        if polar is None:
            continue
        if last is not None and i - last > _GAP:  # a new run: the last one decides, if it held a decision
            if decision:
                return sign, directed
            sign = ON
        sign, last = sign * polar, i
        negation = word in _NEGATIONS or word.endswith("n't")
        decision = decision or not negation
        directed = directed or not (negation or word in _NEUTRAL)
    return (sign, directed) if decision else None


def negated(sentence: str) -> bool:
    """Whether the sentence says "not", "never", "against" or the like anywhere ("no longer" too)."""
    return any(w in _NEGATIONS or w.endswith("n't") for w in _words(sentence))


def stance(sentence: str) -> int | None:
    """ON or OFF for the sentence's first run of decision words holding one, or None when it has none."""
    run = _first_run(sentence)
    return None if run is None else run[0]


def way(sentence: str) -> Way | None:
    """Which way the sentence's decision goes: "on" or "off" for one that goes one way ("joins", "will not
    comply"), "held" or "not held" for one only to be taken or not ("will vote", "will not vote": which way
    it goes is not said), None with no decision. A vote to be held says nothing against "voted to end"."""
    run = _first_run(sentence)
    if run is None:
        return None
    sign, directed = run
    return ("on" if sign == ON else "off") if directed else ("held" if sign == ON else "not held")


def reading(sentence: str) -> Reading | None:
    """The sentence's stance with what it is read from (its decision words, stemmed, and whether it says "not"
    anywhere), or None with no decision."""
    sign = stance(sentence)
    if sign is None:
        return None
    words = _words(sentence)
    return sign, frozenset(s for w in words if w in DECISION_WORDS for s in content_stems(w)), negated(sentence)


def contradicts(a: Reading | None, b: Reading | None) -> bool:
    """Whether two sentences' decisions go opposite ways and one has a decision word or a "not" the other lacks.

    With the same decision words and negations, opposite readings only mean the clauses come in another order
    ("voted to end its agreement, which had allowed ..." and "the agreement, which had allowed ..., was ended
    by a vote"): the first decision read is another one, the sentences say the same.
    """
    if a is None or b is None or a[0] == b[0]:
        return False
    return a[2] != b[2] or not same_words(a[1], b[1])


def same_words(stems: frozenset[str], others: frozenset[str]) -> bool:
    """Whether each stem has one of the others that begins with it or that it begins with, both ways: the crude
    stemmer makes "comply" "comp" and "complied" "comply", one word to a reader."""
    def held(a: frozenset[str], b: frozenset[str]) -> bool:
        return all(any(x.startswith(y) or y.startswith(x) for y in b) for x in a)
    return held(stems, others) and held(others, stems)


def opposed(a: int | None, b: int | None) -> bool:
    """Whether two stances (of stance()) say opposite things: never when either has none."""
    return a is not None and b is not None and a != b
