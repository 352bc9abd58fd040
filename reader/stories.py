"""Folds syndicated and wire copies across feeds into stories, without comparing every pair.

Each text becomes a set of word 4-gram shingles: crc32 word hashes (str hashes are salted per
process, crc32 is not, so the same day always folds the same way), four at a time through
hash() of an int tuple (unsalted); long texts keep their lead and a content-defined quarter of
the rest. Densified one-permutation MinHash signatures of the sample (the same kind of set for
every text) and of the lead are cut into LSH bands; only texts that share a band are compared,
and a pair is the same story when at least 85% of the shorter text's shingles are in the longer
one, both cut to their samples when either is long (outlets trim wire copy from the end, often
to its first two paragraphs, so containment is the right measure rather than Jaccard, and the
lead's bands are what lets a short copy meet its long original).

The store folds each article as it is stored (reader/store/story_fold.py, with these rules and
band keys) and keeps a story id on it; `stories_among` groups articles by that id, so the list,
the copies screen and the digest all see the same stories.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from reader.models import Article
from reader.text.datelines import dateline_credit

SHINGLE_WORDS = 4
SAMPLE_FROM_WORDS = 120
SIGNATURE_SIZE = 30
LEAD_WORDS = 32  # a headline and the start of the first paragraph: what every trimmed copy keeps
LEAD_SIGNATURE_SIZE = 15
BAND_ROWS = 3
SAME_STORY = 0.85
MIN_SHINGLES = 3  # a text with fewer is too short to call anything a copy of it
BAND_CANDIDATES = 64  # of the texts sharing one band key, the latest this many may be compared (see candidates)
MOST_COMPARED = 16  # texts compared with each new one at most, the likeliest copies first
FEW_SAMPLED = 16  # a sample smaller than this is checked against the lead too (runs_containment)
_WORD = re.compile(r"\w+")
_EMPTY = 0xFFFFFFFF
_MASK = 0xFFFFFFFFFFFFFFFF
_ROTATION = 0x9E3779B1  # odd, so each distance shifts a borrowed value differently
_SAMPLE_BITS = 0b1100
_LEAD_BIT = 0b1
_UNMARKED = ~(_LEAD_BIT | _SAMPLE_BITS)
SAMPLED = 0b1000  # in a long text's set: it is sampled (never a sample or lead run: bit 3 set, bit 0 clear)


@dataclass(frozen=True)
class StoryText:
    """What folding needs of an article: an id, its outlet and its cleaned text."""

    key: int
    outlet: str
    text: str


class WordHashes(dict[str, tuple[int, ...]]):
    """Whitespace-separated token -> the crc32 hashes of its casefolded words, computed once per token and shared.

    A token is casefolded and split into words only the first time it is met ("U.S.-led," gives
    three), so a text costs one str.split and one dict lookup a token instead of a casefold and
    a regex pass over every character. The words are exactly the casefolded text's \\w+ runs:
    whitespace is never part of one, and casefolding never makes or removes whitespace (a test
    checks every code point), so folding token by token splits the text the same way.
    """

    def __missing__(self, token: str) -> tuple[int, ...]:
        hashes = tuple(zlib.crc32(word.encode()) | 1 for word in _WORD.findall(token.casefold()))
        self[token] = hashes
        return hashes


def shingles(text: str, words: WordHashes | None = None) -> frozenset[int]:
    """Hashes of the runs of four words: all of a short text's, the lead and a quarter of the rest of a long one's.

    Each token is hashed once per fold (`words` is shared), and a run's hash is hash() of its four
    word hashes: a tuple of ints hashes the same way in every process (only str and bytes hashes
    are salted). Low bits of each value say what it is, so a set can be cut down to what another
    kind of set holds (`sample`; story_bands takes the lead): bit 0 marks the lead (runs starting in the first
    LEAD_WORDS words: headline and first paragraph), kept in every set; bits 2-3 are those of the
    run's first word hash, and a run is in the sample when they are clear (a rule of its own
    words, so every copy samples the same runs). A long text's set holds SAMPLED besides.
    Only the runs kept are built (cheaper than building every run and dropping most).
    """
    vocabulary = words if words is not None else WordHashes()
    ids = list(chain.from_iterable(map(vocabulary.__getitem__, text.split())))
    count = len(ids)
    if count < SHINGLE_WORDS:
        return frozenset([sum(ids) & _MASK & _UNMARKED]) if ids else frozenset()
    runs = count - SHINGLE_WORDS + 1
    lead_end = min(LEAD_WORDS, runs)
    kept = [hash((ids[i], ids[i + 1], ids[i + 2], ids[i + 3])) & _UNMARKED | ids[i] & _SAMPLE_BITS | _LEAD_BIT
            for i in range(lead_end)]
    if count >= SAMPLE_FROM_WORDS:
        kept += [hash((ids[i], ids[i + 1], ids[i + 2], ids[i + 3])) & _UNMARKED
                 for i in range(lead_end, runs) if not ids[i] & _SAMPLE_BITS]
        kept.append(SAMPLED)
    else:
        rest = ids[lead_end:]
        kept += [h & _UNMARKED | first & _SAMPLE_BITS
                 for h, first in zip(map(hash, zip(rest, rest[1:], rest[2:], rest[3:], strict=False)), rest,
                                     strict=False)]
    return frozenset(kept)


def is_sampled(items: frozenset[int]) -> bool:
    """True for a long text's set: its lead and a quarter of its other runs, not every run."""
    return SAMPLED in items


def sample(items: Iterable[int]) -> frozenset[int]:
    """The runs any text keeps whatever its length (bits 2-3 clear), without their lead mark.

    The same for a whole set and a sampled one of the same text, so texts of any lengths are
    compared (and banded) on sets of one kind; the lead mark goes because a run of one copy's lead
    may fall after the other's (an added dateline or paragraph moves it).
    """
    return frozenset([h & ~_LEAD_BIT for h in items if not h & _SAMPLE_BITS])


@dataclass(frozen=True, slots=True)
class Runs:
    """A text's runs as containment compares them, made once per text: its sample if it is long, else every run."""

    sampled: bool
    items: frozenset[int]  # without the lead mark: a run is the same wherever it falls
    lead: frozenset[int]  # the lead's runs, marked


def compared_runs(items: frozenset[int]) -> Runs:
    """A text's shingles as containment compares them: computed once, where a text may be compared with many."""
    sampled = is_sampled(items)
    return Runs(sampled, sample(items) if sampled else frozenset([h & ~_LEAD_BIT for h in items]),
                frozenset([h for h in items if h & _LEAD_BIT]))


def signature(items: Iterable[int], size: int = SIGNATURE_SIZE) -> tuple[int, ...]:
    """One-permutation MinHash: the smallest hash in each of `size` bins, empty bins densified."""
    bins = [_EMPTY] * size
    for h in items:
        mixed = (h ^ (h >> 29)) & 0xFFFFFFFF
        b = mixed % size
        if mixed < bins[b]:
            bins[b] = mixed
    return _densified(bins)


def _densified(bins: list[int]) -> tuple[int, ...]:
    """The bins with each empty one filled from the next filled bin to its right (circularly), shifted by the distance.

    A sampled text has about as many shingles as there are bins, so a third of the bins stay
    empty and most bands could not be compared. Borrowing ("rotation" densification) keeps equal
    sets equal and similar sets similar; copies then meet in far more bands. No bin filled: as is.
    """
    size = len(bins)
    if _EMPTY not in bins or bins.count(_EMPTY) == size:
        return tuple(bins)
    filled = [i for i, v in enumerate(bins) if v != _EMPTY]
    nearest = filled[0] + size  # for the empty bins after the last filled one
    for i in range(size - 1, -1, -1):
        if bins[i] != _EMPTY:
            nearest = i
        else:
            bins[i] = (bins[nearest % size] + (nearest - i) * _ROTATION) & 0xFFFFFFFF
    return tuple(bins)


def _keys(bins: tuple[int, ...], first: int) -> list[int]:
    """Band keys of one signature, numbered from `first` (so bands of different sets never share a key)."""
    return list(map(hash, enumerate(zip(*[iter(bins)] * BAND_ROWS, strict=True), first)))


def story_bands(items: frozenset[int]) -> list[int]:
    """The text's LSH band keys: two texts are compared only when they share one (none for a too-short text).

    Bands of the sample (the same kind of set for every text, so a copy and its original meet
    whatever their lengths) and of the lead: a copy trimmed to its first paragraphs holds a small
    part of the original's sample, too little for MinHash (which estimates Jaccard, not
    containment) to meet it, but the same lead. Each key is hash() of the band's number and rows,
    all ints, so it is the same in every process and can be stored (the store keeps them to find
    an article's copies by index). Both signatures are made in one pass over the set.
    """
    if len(items) < MIN_SHINGLES:
        return []
    sampled, leading = [_EMPTY] * SIGNATURE_SIZE, [_EMPTY] * LEAD_SIGNATURE_SIZE
    in_sample = in_lead = 0
    for h in items:
        if not h & _SAMPLE_BITS:
            in_sample += 1
            mixed = ((h & ~_LEAD_BIT) ^ (h >> 29)) & 0xFFFFFFFF
            b = mixed % SIGNATURE_SIZE
            if mixed < sampled[b]:
                sampled[b] = mixed
        if h & _LEAD_BIT:
            in_lead += 1
            mixed = (h ^ (h >> 29)) & 0xFFFFFFFF
            b = mixed % LEAD_SIGNATURE_SIZE
            if mixed < leading[b]:
                leading[b] = mixed
    return ((_keys(_densified(sampled), 0) if in_sample >= MIN_SHINGLES else [])
            + (_keys(_densified(leading), SIGNATURE_SIZE) if in_lead >= MIN_SHINGLES else []))


def pack_shingles(items: frozenset[int]) -> bytes:
    """A shingle set as bytes (8 a shingle): it crosses from a parse worker for a tenth of a pickled set's cost."""
    return array("q", items).tobytes()


def unpack_shingles(packed: bytes) -> frozenset[int]:
    return frozenset(array("q", packed))


def story_text(title: str, text: str) -> str:
    """What is folded: the title and the stored plain text (as topics.topic_text matches on)."""
    return f"{title}\n{text}"


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """How much of the smaller text is in the other (`runs_containment` of both texts' runs)."""
    return runs_containment(compared_runs(a), compared_runs(b))


def runs_containment(a: Runs, b: Runs) -> float:
    """How much of the smaller text is in the other: the share of its runs the other holds.

    Two short texts are compared on every run; when one is a long text's sample, the other is cut
    to its sample too (the same runs of each text), so a short copy of a long story is measured
    against it, not the long story's sample against the copy. A short text's sample is small: when
    it has fewer than FEW_SAMPLED runs, a few stock phrases of the beat could make up most of it,
    so the texts' leads must then agree too (half the short one's lead runs in the other's lead),
    as a trimmed copy's do. Fewer than MIN_SHINGLES runs to compare say nothing (0.0).
    """
    x, y = a.items, b.items
    if a.sampled != b.sampled:
        x, y = (x, sample(y)) if a.sampled else (sample(x), y)
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    if len(small) < MIN_SHINGLES:
        return 0.0
    share = len(small & big) / len(small)
    if a.sampled != b.sampled and len(small) < FEW_SAMPLED:
        short, long = (b, a) if a.sampled else (a, b)
        if len(short.lead & long.lead) * 2 < len(short.lead):
            return 0.0
    return share


def group_root(parent: list[int], i: int) -> int:
    """Union-find: the root of `i`'s group in `parent` (i -> its parent), halving the path as it goes."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def candidates(key: int, bands: Sequence[int], sharing: Mapping[int, Sequence[int]]) -> list[int]:
    """The keys a text may be compared with, the likeliest copies first; compare MOST_COMPARED at most.

    `sharing` lists each band's keys oldest first. A band key shared by many texts is a template's
    (court listings, alerts, results differ in a word) or a beat's stock phrase: comparing each new
    text with every earlier one made folding quadratic, 6,000 listings 34 s of CPU (try11). So of
    the keys sharing a band only the latest BAND_CANDIDATES count, ranked by the bands they share,
    each weighing 1 / the texts sharing it (as IDF weighs words): a trimmed copy shares few bands
    with its original, its lead's, but those are rare. benchmarks.fold_quality's recall is the same
    as comparing every candidate, down to 8 compared.
    """
    shared: dict[int, float] = defaultdict(float)
    for band in bands:
        members = sharing.get(band, ())
        weight = 1 / len(members) if members else 0.0  # a band few texts share says more than a stock phrase's
        for other in members[-BAND_CANDIDATES:]:
            shared[other] += weight
    shared.pop(key, None)
    return sorted(shared, key=lambda k: (-shared[k], k))


def fold_copies(texts: Sequence[StoryText]) -> list[list[int]]:
    """Group keys into stories; each group lists its keys in input order, groups ordered by first key."""
    words = WordHashes()
    sets = [shingles(t.text, words) for t in texts]
    parent = list(range(len(texts)))

    compared: dict[int, Runs] = {}

    def find(i: int) -> int:
        return group_root(parent, i)

    def runs_of(i: int) -> Runs:
        if i not in compared:
            compared[i] = compared_runs(sets[i])
        return compared[i]

    buckets: dict[int, list[int]] = defaultdict(list)
    for j, items in enumerate(sets):  # each text against the earlier ones, as the store folds (linear: candidates)
        bands = story_bands(items)
        tried = 0
        for i in candidates(j, bands, buckets):
            if find(i) == find(j):
                continue  # a story already joined needs no other copy compared
            if tried == MOST_COMPARED:
                break
            tried += 1
            if runs_containment(runs_of(i), runs_of(j)) >= SAME_STORY:
                parent[find(j)] = find(i)
        for band in bands:
            buckets[band].append(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[find(i)].append(i)
    ordered = sorted(groups.values(), key=lambda g: g[0])
    return [[texts[i].key for i in g] for g in ordered]


def stories_among(articles: Sequence[Article]) -> list[list[Article]]:
    """The articles grouped into stories by their stored story id; each story earliest published first, the
    outlet its datelines credit first of all (credited_first).

    The one way the copies screen, the digest and its stored topic days group copies (the list's
    "+N outlets" counts by the same id in the store), so they agree. Articles without a story id
    (made by hand, or by `reader summarize` from outside the store) are folded by their text,
    among themselves.
    Stories come in the order of their first article in `articles`.
    """
    groups: dict[tuple[bool, int], list[Article]] = {}
    unfolded = [a for a in articles if a.story_id is None]
    folded_by_text = fold_copies([StoryText(a.id, a.feed_name, story_text(a.title, a.text)) for a in unfolded])
    loose = {key: n for n, keys in enumerate(folded_by_text) for key in keys}
    for a in articles:
        key = (True, a.story_id) if a.story_id is not None else (False, loose[a.id])
        groups.setdefault(key, []).append(a)
    return [credited_first(sorted(g, key=lambda a: (a.dated, a.id))) for g in groups.values()]


def credited_first(copies: list[Article]) -> list[Article]:
    """The copies, earliest first, with the outlet their datelines credit ("WASHINGTON (Civic Wire) —") first
    when it is one of them: a published date is whatever a feed writes, and a scraped copy dated hours earlier
    would otherwise lead the story and take the credit for its quotes."""
    if len(copies) < 2:
        return copies
    credited = {c.casefold() for a in copies if (c := dateline_credit(a.text)) is not None}
    source = next((a for a in copies if a.feed_name.casefold() in credited), None)
    if source is None or source is copies[0]:
        return copies
    return [source, *(a for a in copies if a is not source)]
