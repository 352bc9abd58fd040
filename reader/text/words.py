"""A sentence's content words: lower-cased, crudely stemmed, without stop words.

The digest's summaries (is a sentence about the topic, has it been said already) and New today
(does a sentence repeat earlier coverage) both compare sentences by these words, so they share
one stemmer and one stop list: "voted", "votes" and "vote" are one stem in both. Stored New
today signatures are made of these stems, so a change here must bump SIGNATURE_VERSION.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Part of the key stored signatures are kept under (reader.topic_days.topic_key): bump it whenever
# what a stored signature holds changes (stem, STOP_WORDS, content_stems, or how reader.text.signatures
# splits and encodes sentences), so signatures made the old way are computed again, not compared.
SIGNATURE_VERSION = 2  # 2: sentences split after "U.S." before "The", never after a title opening a sentence

# Letters of the Latin (with Vietnamese), Greek and Cyrillic scripts, as regex classes: "[A-Z]" and "[a-z]"
# took "José Núñez", "Zoë Ruiz", "Łukasz" and "Nguyễn Văn An" for no name. Combining marks count as lower
# case, so a name typed decomposed ("Jose" and U+0301) is one word too.
_SCRIPTS = ((0x41, 0x250), (0x370, 0x530), (0x1E00, 0x1F00))
UPPER = "[" + "".join(re.escape(chr(c)) for lo, hi in _SCRIPTS for c in range(lo, hi) if chr(c).isupper()) + "]"
LOWER = ("[" + "".join(re.escape(chr(c)) for lo, hi in _SCRIPTS for c in range(lo, hi) if chr(c).islower())
         + "\u0300-\u036f]")

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,'’()-][a-z0-9]+)*\)?")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "ly", "s")
_STOP_WORDS = """
a about above after again against all also although am among an and another any are around as at be because
been before being below between both but by can could did do does doing done down during each either else
ever every few for from further had has have having he her here hers herself him himself his how however i if
in into is it its itself just least less let like made make many may me might mine more most much must my
myself near neither no nor not now of off often on once one only onto or other others otherwise our ours
ourselves out over own per perhaps quite rather said same say says she should since so some still such than
that the their theirs them themselves then there these they this those though through thus to too toward
towards under until up upon us very via was we well were what whatever when whenever where whether which
while who whom whose why will with within without would yet you your yours yourself today yesterday tomorrow
monday tuesday wednesday thursday friday saturday sunday week weeks year years day days told according
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def stem(word: str) -> str:
    """A crude, deterministic stem: common suffixes and a final "e" off, never below three letters."""
    if not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


@lru_cache(maxsize=1 << 16)
def _content_stem(token: str) -> str | None:
    """The token's stem, or None for a stop word or a word too short to say anything.

    Cached: a day's sentences use a few thousand distinct words many times over.
    """
    if token in STOP_WORDS or not (len(token) > 2 or token.isdigit()):
        return None
    return stem(token.replace("'", "").replace("(", "").replace(")", ""))


def content_stems(text: str) -> list[str]:
    """The stems of the text's content words in reading order, repeats kept (for counting how often)."""
    stems = map(_content_stem, _TOKEN.findall(text.casefold().replace("’", "'")))
    return [s for s in stems if s is not None]


def signature(text: str) -> frozenset[str]:
    """The content stems of a sentence: what it is about, whatever the wording."""
    return frozenset(content_stems(text))
