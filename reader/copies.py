"""How an outlet changed the wire copy it ran: paragraphs added and cut, and a changed headline.

Each copy is compared with the story's earliest copy. Outlets touch up what they keep ("said
Friday" becomes "said on Friday", a dateline loses its credit), so paragraphs are aligned by
word-trigram containment rather than by equal text: two paragraphs are the same when SAME
of the smaller one's trigrams are in the other. A paragraph of the copy like none of the
earliest's was added; a paragraph of the earliest like none of the copy's was cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.models import Article
from reader.text.clean import CleanArticle
from reader.text.quotes import find_key_quotes

SAME = 0.5
SUBSTANTIAL_WORDS = 30  # an addition shorter than this, and without a quote, is a touch-up, not news
MIN_NEW_TRIGRAMS = 6  # fewer new word runs cannot hold a key quote (six words or more) or a paragraph
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CopyText:
    """What the comparison needs of one copy: its outlet, link, headline and cleaned paragraphs."""

    source: str
    link: str | None
    headline: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class CopyChanges:
    """One copy against the earliest: which of its paragraphs are new, which of the earliest's it left out."""

    copy: CopyText
    added: tuple[int, ...]  # indexes into copy.paragraphs
    cut: tuple[int, ...]  # indexes into the earliest copy's paragraphs
    cut_paragraphs: tuple[str, ...]
    headline_changed: bool

    @property
    def added_paragraphs(self) -> tuple[str, ...]:
        return tuple(self.copy.paragraphs[i] for i in self.added)

    def to_json(self) -> dict[str, object]:
        """Exactly the keys `reader show ID --copies --json` promises for each copy."""
        return {"source": self.copy.source, "link": self.copy.link, "headline": self.copy.headline,
                "added": list(self.added_paragraphs), "cut": list(self.cut_paragraphs)}


def copy_text(article: Article, cleaned: CleanArticle) -> CopyText:
    """A stored article as a copy; outlet, headline and link are the cleaned (sanitised) labels."""
    return CopyText(cleaned.source or "", cleaned.link, cleaned.title or "", cleaned.paragraphs)


def _trigrams(paragraph: str) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(paragraph.casefold())
    if len(words) < 3:
        return frozenset([tuple(words)])
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def _same(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> bool:
    smaller = min(len(a), len(b))
    return smaller > 0 and len(a & b) >= SAME * smaller


def _headline_key(headline: str) -> str:
    return " ".join(_WORD.findall(headline.casefold()))


def compare_copies(earliest: CopyText, copy: CopyText) -> CopyChanges:
    """The copy's added paragraphs, the earliest's cut paragraphs, and whether the headline was rewritten.

    A headline only re-cased ("Press Ahead" for "press ahead") is not a change.
    """
    old = [_trigrams(p) for p in earliest.paragraphs]
    new = [_trigrams(p) for p in copy.paragraphs]
    added = tuple(i for i, n in enumerate(new) if not any(_same(n, o) for o in old))
    cut = tuple(i for i, o in enumerate(old) if not any(_same(o, n) for n in new))
    return CopyChanges(copy, added, cut, tuple(earliest.paragraphs[i] for i in cut),
                       _headline_key(earliest.headline) != _headline_key(copy.headline))


def adds_words(earliest: str, copy: str) -> bool:
    """Whether a copy's plain text has enough runs of words the earliest lacks to hold an addition.

    A cheap test on stored text, so the digest cleans and compares only copies that may add
    something: a retouched dateline or a changed word adds a few trigrams, a quote adds many.
    """
    return len(_trigrams(copy) - _trigrams(earliest)) >= MIN_NEW_TRIGRAMS


def describe_addition(changes: CopyChanges) -> str | None:
    """One line saying what an outlet added to the wire copy, or None when the addition is not substantial.

    The copy compared with is the one the digest's coverage line leads with (its earliest copy), so the
    line need not name it.

    Substantial means a quote from someone named, or at least SUBSTANTIAL_WORDS words; the
    speaker is found as for key quotes, with the whole copy as context for who "he" is.
    """
    if not changes.added:
        return None
    added = set(changes.added)
    speakers = [q.speaker for q in find_key_quotes(changes.copy.paragraphs)
                if q.paragraph in added and q.speaker and not q.described]
    words = sum(len(p.split()) for p in changes.added_paragraphs)
    if not speakers and words < SUBSTANTIAL_WORDS:
        return None
    n = len(changes.added)
    line = f"{changes.copy.source} added {n} paragraph{'s' if n > 1 else ''}"
    if speakers:
        line += f", including a quote from {speakers[0]}"
    return line


def compare_story(copies: Sequence[CopyText]) -> list[CopyChanges]:
    """Every copy after the first (the earliest) compared with the first."""
    return [compare_copies(copies[0], c) for c in copies[1:]]
