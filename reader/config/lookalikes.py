"""Letters of Cyrillic and Greek that look like Latin ones, so "Metro Ledger" with a Cyrillic "е" is one name.

A small confusables skeleton in the manner of Unicode's UTS #39 (decompose, map each look-alike to
its Latin letter, decompose again), kept to the three scripts feed and topic names are written in
and mixed up in: the whole of confusables.txt would be a dependency, or a 600 kB table, for names a
person types. Only letters that read the same in an ordinary terminal font are mapped: Cyrillic
"а" and Latin "a" are; Greek "κ" and Latin "k", which differ in most fonts, are not. Case is kept,
as names keep it: "WNYC" and "wnyc" are different names, and so are "WNYC" and "wnyc" in Cyrillic.
"""

from __future__ import annotations

import unicodedata

# look-alike -> the Latin letter it passes for (from Unicode's confusables.txt, these scripts only)
LATIN_LOOKALIKES = {
    # Cyrillic, small
    "а": "a", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "і": "i", "ј": "j", "ӏ": "l", "о": "o", "р": "p",
    "ԛ": "q", "ѕ": "s", "ԝ": "w", "х": "x", "у": "y", "ү": "y",
    # Cyrillic, capital
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ӏ": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ԛ": "Q", "Ѕ": "S", "Т": "T", "Ԝ": "W", "Х": "X", "Ү": "Y",
    # Greek, small
    "α": "a", "ϲ": "c", "ι": "i", "ϳ": "j", "ο": "o", "ρ": "p", "ν": "v", "γ": "y",
    # Greek, capital
    "Α": "A", "Β": "B", "Ϲ": "C", "Ε": "E", "Η": "H", "Ι": "I", "Ϳ": "J", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X", "Υ": "Y", "Ζ": "Z",
}
_TABLE = str.maketrans(LATIN_LOOKALIKES)


def skeleton(text: str) -> str:
    """`text` with each Cyrillic or Greek look-alike made the Latin letter it passes for, decomposed (NFD).

    Two strings with one skeleton look the same; the mapping is one character for one, so their
    decomposed forms can be compared position by position (first_lookalike).
    """
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).translate(_TABLE))


def first_lookalike(one: str, other: str) -> tuple[str, str] | None:
    """The first pair of different characters that make `one` and `other` (of one skeleton) look the same."""
    a, b = unicodedata.normalize("NFD", one), unicodedata.normalize("NFD", other)
    if len(a) != len(b):
        return None
    return next(((x, y) for x, y in zip(a, b, strict=True) if x != y), None)


def describe(char: str) -> str:
    """'"а" (U+0430 CYRILLIC SMALL LETTER A)': a character and what it is, so a user can tell two apart."""
    return f'"{char}" (U+{ord(char):04X} {unicodedata.name(char, "unnamed")})'
