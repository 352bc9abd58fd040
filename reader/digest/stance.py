"""Which way a sentence's decision goes: on (keep, expand, approve) or off (end, scrap, reject, "will not").

Two sentences sharing most of their words may say opposite things: "DHS will keep expanding Secure
Communities" and "DHS will end Secure Communities" differ by one verb, and a summary that read them as one
point would keep one and drop the other, perhaps the newer, so the summary would say the opposite of the news.
A sentence's stance is read from its first run of decision words ("voted to end", "decided not to renew",
"will keep expanding"): each off word or negation flips it, so "refused to end" is on and "voted to end" off.
Words a run of three or more other words separates belong to another clause. Crude by design: it only keeps
two sentences from being merged, so a wrong reading costs at most a point said twice, never one hidden.
"""

from __future__ import annotations

import re

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
))
_NEGATIONS = frozenset(("not", "never", "no", "cannot", "nor", "neither"))
_NOUN_BEFORE = frozenset(("the", "a", "an", "its", "their", "his", "her", "this", "that"))  # "the end of"
_GAP = 3  # other words between two decision words that put them in different clauses
_WORD = re.compile(r"[a-záéíóúñ]+(?:n't)?")


def _polar(word: str, before: str) -> int | None:
    """The word's sign in a run (OFF for a negation), or None when it is no decision word here."""
    if word in _NEGATIONS or word.endswith("n't"):
        return OFF
    if before in _NOUN_BEFORE:  # "the end of the year", "a vote on": a noun, not a decision
        return None
    return ON if word in _ON_WORDS else OFF if word in _OFF_WORDS else None


def stance(sentence: str) -> int | None:
    """ON or OFF for the sentence's first run of decision words holding one (negations alone are no
    decision: "it is not clear"), or None when it has none."""
    words = _WORD.findall(sentence.casefold().replace("’", "'"))
    sign, decision, last = ON, False, None
    for i, word in enumerate(words):
        polar = _polar(word, words[i - 1] if i else "")
        if polar is None:
            continue
        if last is not None and i - last > _GAP:  # a new run: the last one decides, if it held a decision
            if decision:
                return sign
            sign = ON
        sign, last = sign * polar, i
        decision = decision or not (word in _NEGATIONS or word.endswith("n't"))
    return sign if decision else None


def opposed(a: int | None, b: int | None) -> bool:
    """Whether two stances (of stance()) say opposite things: never when either has none."""
    return a is not None and b is not None and a != b
