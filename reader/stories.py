"""Folds syndicated and wire copies across feeds into stories, without comparing every pair.

Each text becomes a set of word 4-gram shingles built from crc32 word hashes (deterministic,
unlike hash(), so the same day always folds the same way); long texts keep a content-defined
quarter of them. A one-permutation MinHash signature is
cut into LSH bands; only texts that share a band are compared, and a pair is the same story
when at least 85% of the shorter text's shingles are in the longer one (outlets trim wire
copy, so containment is the right measure rather than Jaccard).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

SHINGLE_WORDS = 4
SAMPLE_FROM_WORDS = 120
SIGNATURE_SIZE = 60
BAND_ROWS = 3
SAME_STORY = 0.85
_WORD = re.compile(r"\w+")
_EMPTY = 0xFFFFFFFF
_MASK = 0xFFFFFFFFFFFFFFFF


@dataclass(frozen=True)
class StoryText:
    """What folding needs of an article: an id, its outlet and its cleaned text."""

    key: int
    outlet: str
    text: str


def shingles(text: str) -> frozenset[int]:
    """Hashes of every run of four words; each word is hashed once and runs are combined arithmetically."""
    cache: dict[str, int] = {}
    ids = [cache.get(w) or cache.setdefault(w, zlib.crc32(w.encode()) | 1) for w in _WORD.findall(text.casefold())]
    if len(ids) < SHINGLE_WORDS:
        return frozenset([sum(ids) & _MASK]) if ids else frozenset()
    k = 0x100000001B3
    runs = zip(ids, ids[1:], ids[2:], ids[3:], strict=False)
    if len(ids) >= SAMPLE_FROM_WORDS:
        # Content-defined sampling: keep runs whose first word hash has bits 2-3 clear. Every copy of a text
        # samples the same runs, so containment between samples estimates containment between texts.
        return frozenset((((a * k + b) * k + c) * k + d) & _MASK for a, b, c, d in runs if not (a >> 2) & 3)
    return frozenset((((a * k + b) * k + c) * k + d) & _MASK for a, b, c, d in runs)


def signature(items: frozenset[int]) -> tuple[int, ...]:
    """One-permutation MinHash: the smallest hash in each of SIGNATURE_SIZE bins."""
    bins = [_EMPTY] * SIGNATURE_SIZE
    for h in items:
        mixed = (h ^ (h >> 29)) & 0xFFFFFFFF
        b = mixed % SIGNATURE_SIZE
        if mixed < bins[b]:
            bins[b] = mixed
    return tuple(bins)


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return 0.0
    return len(small & big) / len(small)


def fold_copies(texts: Sequence[StoryText]) -> list[list[int]]:
    """Group keys into stories; each group lists its keys in input order, groups ordered by first key."""
    sets = [shingles(t.text) for t in texts]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    for i, items in enumerate(sets):
        if len(items) < 3:
            continue  # too short to call anything a copy of it
        sig = signature(items)
        for band in range(0, SIGNATURE_SIZE, BAND_ROWS):
            rows = sig[band:band + BAND_ROWS]
            if _EMPTY not in rows:
                buckets[(band, rows)].append(i)
    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in checked or find(i) == find(j):
                    continue
                checked.add((i, j))
                if containment(sets[i], sets[j]) >= SAME_STORY:
                    parent[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[find(i)].append(i)
    ordered = sorted(groups.values(), key=lambda g: g[0])
    return [[texts[i].key for i in g] for g in ordered]
