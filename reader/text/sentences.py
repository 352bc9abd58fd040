"""Splits a paragraph into sentences without being fooled by "Rep.", "U.S." or initials.

Used by collapsing (a teaser is a paragraph whose sentences all reappear), quote attribution
and the digest's extractive summary, so all three agree on what a sentence is.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "rep", "sen", "gov", "gen", "lt", "col", "sgt", "capt", "st", "jr", "sr",
    "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "ft", "mt", "ave", "calif", "fla", "ill", "mass", "wash", "ariz", "tex", "pa", "va", "md",
    "e.g", "i.e", "u.s", "u.n", "u.k", "d.c", "a.m", "p.m", "dept", "gov't", "assn", "ore", "conn", "mich",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences in order; joining them with single spaces gives the paragraph back (whitespace folded)."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        # The word the full stop ends ("Rep." or "U.S."): an abbreviation or initial is no boundary.
        token = paragraph[paragraph.rfind(" ", start, match.start()) + 1 : match.start()].lower()
        token = token.lstrip("\"“‘'([").rstrip(".")
        if paragraph[match.start()] == "." and (token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())):
            continue
        sentence = paragraph[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
