"""Splits a paragraph into sentences without being fooled by "Rep.", "U.S." or initials.

Used by collapsing (a teaser is a paragraph whose sentences all reappear), quote attribution
and the digest's extractive summary, so all three agree on what a sentence is.

A full stop after a title ("Rep.", "Gov.", "Lt.", "Dr.") never ends a sentence: a name follows.
One after a word that may also end a sentence ("U.S.", "D.C.", "a.m.", "Inc.", "Jr.", "Jan.", "Ill.",
an initial) ends one only when the next word is one that opens sentences and is no name ("The",
"He", "But"): "He moved to the U.S. He stayed." is two sentences, "the U.S. Senate" one. That is a
guess both ways ("at 9 a.m. Marshals arrived" stays one sentence), chosen so a name is never cut from
its title, which misattributes quotes, while a missed split only makes a sentence longer.
"""

from __future__ import annotations

import re

from reader.text.words import UPPER

# Titles and words that always have more after them: never a sentence's end.
_TITLES = {
    "mr", "mrs", "ms", "messrs", "dr", "prof", "rep", "reps", "sen", "sens", "gov", "govs", "gen", "lt", "col",
    "maj", "sgt", "cpl", "pvt", "capt", "cmdr", "adm", "atty", "supt", "pres", "rev", "fr", "hon", "insp",
    "det", "lt.gov", "e.g", "i.e", "vs", "cf", "ft", "mt", "dept", "assn", "gov't", "ave",
}
# Abbreviations that may also end a sentence, when capitalised: a split only before a word that opens sentences.
_MAY_END = {
    "st", "jr", "sr", "inc", "co", "corp", "ltd", "llc", "bros", "etc", "jan", "feb", "mar", "apr", "aug", "sept",
    "sep", "oct", "nov", "dec", "calif", "fla", "ill", "mass", "wash", "ariz", "tex", "pa", "va", "md", "ore",
    "conn", "mich", "ga", "ala", "colo", "minn", "wis", "okla", "tenn", "ky", "la", "nev", "ind", "kan", "neb",
    "miss", "mo", "del", "vt", "n.y", "n.j", "n.c", "s.c", "n.m", "n.h", "r.i", "w.va",
}
_NUMBERED = {"no", "nos", "vol", "art", "fig", "pp"}  # "No. 2": an abbreviation only before a number
# Words that open sentences and are never part of a name: after "U.S." they start a new sentence.
_OPENER_WORDS = """
The A An He She It They We I You This That These Those There Here His Her Its Their Our My But And So Yet Or
Then Still However Meanwhile Instead Also In On At After Before When While If As Some Many Most Both Neither
What Why How Who Where One Two Three Officials Critics
"""
_OPENERS = frozenset(_OPENER_WORDS.split())
_BOUNDARY = re.compile(rf"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?(?:{UPPER}|[0-9]))")
_LAST_WORD = re.compile(r"[\w.'’]*$")  # the word a full stop ends: "Rep", "U.S", "a.m"
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # "J", "U.S", "a.m", "F.B.I"
_NEXT_WORD = re.compile(r"[\"“‘'(\[]?([\w'’]+)")


def _ends_sentence(paragraph: str, start: int, stop: int, after: int) -> bool:
    """Whether the full stop at `stop` ends the sentence begun at `start`; the next sentence would begin at `after`."""
    token = _LAST_WORD.search(paragraph, max(start, stop - 40), stop)
    written = token.group(0).lstrip(".") if token else ""
    word = written.lower()
    if word in _TITLES:
        return False
    nxt = _NEXT_WORD.match(paragraph, after)
    following = nxt.group(1) if nxt else ""
    if word in _NUMBERED:
        return not following[:1].isdigit()
    # "Ill." and "Mass." are states, "ill." and "mass." words; "etc." and "a.m." are written in lower case.
    if (word in _MAY_END and (written[:1].isupper() or word == "etc")) or _INITIALS.fullmatch(word):
        return following in _OPENERS
    return True


def split_sentences(paragraph: str) -> list[str]:
    """Sentences in order; joining them with single spaces gives the paragraph back (whitespace folded)."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        if paragraph[match.start()] == "." and not _ends_sentence(paragraph, start, match.start(), end):
            continue
        sentence = paragraph[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
