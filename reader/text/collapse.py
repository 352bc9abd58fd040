"""Collapses repeated paragraphs: exact repeats, teasers repeated inside a later paragraph, near copies.

The rule that governs everything here: a paragraph is only hidden when every word it carries is
shown elsewhere. Exact and teaser repeats pass that by construction; a near copy passes only if
each word it has that the kept copy lacks is a spelling variant of one the kept copy has.

Which copy stays: the one in the article's body. Copies that sit before the first paragraph that
is not repeated at all are the publisher's teaser block, so the later, in-context copy is kept;
elsewhere the first copy is kept. A block of one paragraph is no teaser block but the lead, which a
site repeated: it stays first (moving it would put whatever follows it, often a missed caption, at
the top, where the digest's summary takes its lead). Nor is a block whose later copies begin the
body, after at most one paragraph of the article's own (a lead of two paragraphs, repeated after
a caption): there too the first copies stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TypeVar

from reader.text.sentences import split_sentences

NEAR_MIN_SIMILARITY = 0.8
NEAR_LENGTH_RATIO = 0.8
TEASER_BLOCK_MIN = 2  # paragraphs in a teaser block, and of the article's own before their later copies
# Paragraph pairs compared per article before only exact repeats are looked for: a real article has at
# most a few hundred paragraphs (under 50,000 pairs), while a hostile one of 20,000 would take hours.
PAIR_BUDGET = 100_000
NEAR_MAX_WORDS = 2_000  # longer paragraphs are compared for exact and teaser repeats only: the near check is quadratic
_WORD = re.compile(r"\w+")
_Item = TypeVar("_Item", bound=Hashable)


@dataclass(frozen=True, slots=True)
class CollapsedParagraph:
    """A hidden copy and the index (in the kept paragraphs) of the paragraph that carries its text."""

    text: str
    kept: int


def count_copies(items: Iterable[_Item]) -> tuple[tuple[_Item, int], ...]:
    """Each distinct item once, in the order it first came, with how many times it came.

    What was hidden is shown grouped: a page repeating one paragraph 9,000 times is "repeated 9,000
    times" once, not 9,000 copies of it for a person (or the reading view) to wade through.
    """
    counts: dict[_Item, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return tuple(counts.items())


def _words(text: str) -> list[str]:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _WORD.findall(text.casefold())


def _is_spelling_variant(word: str, vocabulary: set[str]) -> bool:
    if len(word) < 4 or word.isdigit():
        return False
    return any(
        abs(len(word) - len(other)) <= 2 and other[0] == word[0]
        and SequenceMatcher(None, word, other).ratio() >= 0.8
        for other in vocabulary
    )


class _Paragraph:
    __slots__ = ("_sentences", "index", "joined", "text", "vocabulary", "words")

    def __init__(self, index: int, text: str) -> None:
        self.index = index
        self.text = text
        self.words = _words(text)
        self.joined = f" {' '.join(self.words)} "
        self.vocabulary = set(self.words)
        self._sentences: list[str] | None = None

    @property
    def sentences(self) -> list[str]:
        """Normalised sentences, computed only for the few pairs that reach the teaser check."""
        if self._sentences is None:
            self._sentences = [f" {' '.join(w)} " for s in split_sentences(self.text) if (w := _words(s))]
        return self._sentences


def _covers(big: _Paragraph, small: _Paragraph) -> bool:
    """True when `big` shows everything `small` says (so `small` may be hidden in its favour)."""
    if not small.words:
        return False  # a separator ("* * *", "---") repeats nothing: it breaks the article where it stands
    if small.joined == big.joined:
        return True
    if (len(big.words) > len(small.words) and small.vocabulary <= big.vocabulary
            and all(s in big.joined for s in small.sentences)):
        return True  # a teaser, or an exact repeat inside a longer paragraph
    shorter, longer = sorted((len(small.words), len(big.words)))
    if (shorter < 6 or longer > NEAR_MAX_WORDS or shorter / longer < NEAR_LENGTH_RATIO
            or len(big.words) < len(small.words)):
        return False
    missing = small.vocabulary - big.vocabulary
    if len(missing) > (1 - NEAR_MIN_SIMILARITY) * len(small.vocabulary):
        return False  # too many words of its own to be a near copy; cheap, so it goes first
    if any(not _is_spelling_variant(w, big.vocabulary) for w in missing):
        return False
    ratio = SequenceMatcher(None, small.words, big.words, autojunk=False).ratio()
    return ratio >= NEAR_MIN_SIMILARITY


def collapse_repeated_paragraphs(paragraphs: list[str]) -> tuple[list[str], list[CollapsedParagraph]]:
    """Return the paragraphs to show, in their original order, and the hidden copies."""
    items = [_Paragraph(i, p) for i, p in enumerate(paragraphs)]
    keeper: dict[int, int] = {}  # hidden index -> index of the paragraph that covers it
    by_length = sorted(items, key=lambda p: (-len(p.words), p.index))
    first_with: dict[str, int] = {}  # normalised text -> its first paragraph: exact repeats once the budget is spent
    pairs = 0
    for small in items:
        if not small.words:
            continue  # wordless: a section break, never a repeat of anything (try11 F2)
        first = first_with.setdefault(small.joined, small.index)
        if pairs >= PAIR_BUDGET:
            if first != small.index and small.words:
                keeper[small.index] = first
            continue
        for big in by_length:
            pairs += 1
            if big.index == small.index or big.index in keeper:
                continue
            if len(big.words) < len(small.words):
                break
            if len(big.words) == len(small.words) and big.index > small.index:
                continue  # of two equal copies the first is kept; the teaser rule below may swap them
            if not (small.vocabulary & big.vocabulary) and small.words:
                continue
            if _covers(big, small):
                keeper[small.index] = big.index
                break
    _prefer_copies_in_the_body(items, keeper)
    shown = [p.index for p in items if p.index not in keeper]
    position = {index: n for n, index in enumerate(shown)}

    def final(i: int) -> int:
        seen = set()
        while i in keeper and i not in seen:
            seen.add(i)
            i = keeper[i]
        return position[i]

    hidden = [CollapsedParagraph(paragraphs[i], final(i)) for i in sorted(keeper)]
    return [paragraphs[i] for i in shown], hidden


def _prefer_copies_in_the_body(items: list[_Paragraph], keeper: dict[int, int]) -> None:
    """Swap which copy of an equal-length repeat is hidden, so teaser-block copies are the hidden ones."""
    involved = set(keeper) | set(keeper.values())
    first_unique = next((p.index for p in items if p.index not in involved), len(items))
    if first_unique < TEASER_BLOCK_MIN:
        return  # the lead repeated later, not a teaser block: the lead stays first
    hidden_at_first = set(keeper)
    # shown_before[i]: paragraphs from first_unique up to i not hidden at first (a running count, not a sum per pair)
    shown_before = [0] * (len(items) + 1)
    for i in range(first_unique, len(items)):
        shown_before[i + 1] = shown_before[i] + (i not in hidden_at_first)
    covering: dict[int, list[int]] = {}  # kept index -> the hidden copies it covers, so a swap need not scan them all
    for hidden, kept in keeper.items():
        covering.setdefault(kept, []).append(hidden)
    for hidden, kept in list(keeper.items()):
        equal = len(items[hidden].words) == len(items[kept].words)
        between = shown_before[hidden] if hidden >= first_unique else 0
        if equal and kept < first_unique <= hidden and kept not in keeper and between >= TEASER_BLOCK_MIN:
            # The kept copy is in the lead teaser block and the hidden one is in the body: swap them.
            del keeper[hidden]
            keeper[kept] = hidden
            moved = [other for other in covering.pop(kept, []) if other != hidden and keeper.get(other) == kept]
            for other in moved:
                keeper[other] = hidden
            covering.setdefault(hidden, []).extend([kept, *moved])
