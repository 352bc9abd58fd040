"""When two sentences make one point: the test the summary, New today and the sections share.

A sentence makes another's point when one holds most (SAME_POINT) of the other's content words, names
aside ("Department of Homeland Security" says who, not what), or they share a phrase of PHRASE content
words in a row (a reworded repeat keeps the point's own words), and their decisions go the same way
(reader/text/stance.py): "will end Secure Communities" never repeats "will keep expanding" it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.text.stance import Reading, contradicts, reading
from reader.text.words import content_stems, signature

SAME_POINT = 0.6  # share of a sentence's content words found in one chosen sentence
ALREADY_SAID = 0.7  # share found across all chosen sentences together
PHRASE = 3  # content words in a row that two sentences share make them one point
# What a sentence says, for telling repeats: its content words, its phrases and its stance.
Point = tuple[frozenset[str], frozenset[tuple[str, ...]], Reading | None]
_NAME_WORD = re.compile(r"(?<![\w'’-])[A-Z][\w'’.-]*")
_NEXT_CAPITAL = re.compile(r"\s+[\"“‘(]?[A-Z]")


def _between_names(text: str) -> list[str]:
    """The text cut at each name (a capitalised word), names left out. A capital opening the sentence
    marks a name only when the next word has one too ("Sheriff Ana Ruiz", not "Board members")."""
    text = text.strip()
    first = _NAME_WORD.match(text)
    if first is None or _NEXT_CAPITAL.match(text, first.end()):
        return _NAME_WORD.split(text)
    parts = _NAME_WORD.split(text[first.end():])
    return [first.group(0) + parts[0], *parts[1:]]


def common_words(text: str) -> frozenset[str]:
    """Content stems that are not names: what a sentence says, beside who or what it names."""
    return said_in(text)[0]


def phrases(text: str) -> frozenset[tuple[str, ...]]:
    """Every PHRASE content words in a row (stemmed, stop words skipped, names breaking the run):
    "caused confusion at the state and local level" and "had caused “confusion at the state and local
    level”" share "confusion state local", whatever else the two sentences say."""
    return said_in(text)[1]


def said_in(text: str) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """common_words() and phrases() of the text, in one pass."""
    words: set[str] = set()
    found: set[tuple[str, ...]] = set()
    for part in _between_names(text):  # a name is who or what, not the point made about it
        run = content_stems(part)
        words.update(run)
        found.update(zip(*(run[k:] for k in range(PHRASE)), strict=False))
    return frozenset(words), frozenset(found)


def point_of(sentence: str) -> Point:
    """The sentence's Point: signature, phrases and stance."""
    return signature(sentence), phrases(sentence), reading(sentence)


def same_point(point: Point, other: Point) -> bool:
    """Whether the other sentence says most of the point's content words, or shares a phrase with it (a
    reworded repeat keeps the point's own words), and its decision goes the same way: "will end Secure
    Communities" never repeats "will keep expanding Secure Communities", however many words they share."""
    words, said_phrases, way = point
    if contradicts(way, other[2]):
        return False
    return (len(words & other[0]) / min(len(words) or 1, len(other[0]) or 1) >= SAME_POINT
            or bool(said_phrases & other[1]))


def is_repeat(point: Point, chosen: Sequence[Point], elsewhere: Sequence[Point] = ()) -> bool:
    """Whether one sentence, chosen here or shown elsewhere, makes the same point (same_point), or the
    sentences chosen here whose decision goes its way said most of its content words together."""
    words = point[0]
    if not words:
        return True
    if any(same_point(point, other) for other in (*chosen, *elsewhere)):
        return True
    said = frozenset().union(*(w for w, _, way in chosen if not contradicts(point[2], way)))
    return len(words & said) / len(words) >= ALREADY_SAID


def says_again(sentence: str, said: Sequence[str]) -> bool:
    """Whether the sentences `said` already say it, by the summary's own test (one of them holds most of its
    content words or shares a phrase with it, or together they hold most of them): New today asks this of
    the section's summary, so a section never says one point twice, however reworded."""
    return is_repeat(point_of(sentence), [point_of(s) for s in said])
