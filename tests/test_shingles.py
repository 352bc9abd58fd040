"""Shingles split text on whitespace and cache each token's words: the result is exactly that of \\w+ words."""

from __future__ import annotations

import re
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.stories import LEAD_WORDS, SAMPLE_FROM_WORDS, SAMPLED, SHINGLE_WORDS, WordHashes, shingles
from tests.test_stories import story

_WORDS = re.compile(r"\w+")


def reference_shingles(text: str) -> frozenset[int]:
    """The definition: every \\w+ word of the casefolded text, crc32-hashed, four at a time, marked and sampled.

    Each run's hash gets its first word's bits 2-3, and bit 0 when it starts in the first
    LEAD_WORDS words; a long text keeps those runs, the runs with bits 2-3 clear, and SAMPLED.
    """
    ids = [zlib.crc32(w.encode()) | 1 for w in _WORDS.findall(text.casefold())]
    if len(ids) < SHINGLE_WORDS:
        return frozenset([sum(ids) & 0xFFFFFFFFFFFFFFF2]) if ids else frozenset()
    runs = [hash(run) & ~0b1101 | run[0] & 0b1100 | (n < LEAD_WORDS)
            for n, run in enumerate(zip(ids, ids[1:], ids[2:], ids[3:], strict=False))]
    if len(ids) < SAMPLE_FROM_WORDS:
        return frozenset(runs)
    return frozenset([h for h in runs if h & 1 or not h & 0b1100] + [SAMPLED])


# Letters, digits, punctuation that splits or joins words, and every kind of whitespace str.split knows.
PIECES = st.sampled_from(["a", "B", "é", "ß", "İ", "Σ", "ΟΔΟΣ", "1", "_", "-", ".", ",", "’", "“", "—", "'", "\u200b",
                          " ", "  ", "\n", "\t", "\xa0", "\u2003", "\u3000", "\x1c", "\x85", "word",
                          "U.S.-led", "x" * 30])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=400).map("".join))
def test_shingles_match_the_word_definition(text: str) -> None:
    assert shingles(text) == reference_shingles(text)


def test_a_shared_vocabulary_changes_nothing() -> None:
    words = WordHashes()
    texts = [story(seed, n) for seed, n in ((1, 400), (2, 60), (3, 130))] + ["“Quoted,” she said — U.S.-led café…"]
    assert [shingles(t, words) for t in texts] == [reference_shingles(t) for t in texts]
    assert words["u.s.-led"] == tuple(zlib.crc32(w.encode()) | 1 for w in ("u", "s", "led"))


def test_casefolding_never_makes_or_removes_whitespace() -> None:
    """WordHashes casefolds token by token, which splits a text as casefolding it whole would: for every code point."""
    for code in range(0x110000):
        char = chr(code)
        folded = char.casefold()
        if char.isspace():  # str.split's whitespace
            assert folded == char, hex(code)
        else:
            assert not any(f.isspace() for f in folded), hex(code)

