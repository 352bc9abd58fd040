"""The order feed names (and tags) are listed in, everywhere: numbers by value, letters without case.

One key, so the sidebar and `reader feeds list` agree: plain text order put "Feed 10" before "Feed 2",
"apple" after "Zebra" and "Ärger" after both.
"""

from __future__ import annotations

import re
import unicodedata

_RUNS = re.compile(r"(\d+)")

# A run of digits, (0, its value as comparable text), or of text, (1, the text folded): never an int against a str
Part = tuple[int, str]


def _number(run: str) -> str:
    """A run of decimal digits (any script's) as ASCII digits without leading zeros: its value, with no int()
    (a name of 5,000 digits would exceed Python's limit on int conversion)."""
    return "".join(str(unicodedata.decimal(c)) for c in run).lstrip("0")


def _folded(text: str) -> str:
    """Text as it sorts: without case or accents ("Ärger" among the A's)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def natural_key(name: str) -> tuple[tuple[Part, ...], str]:
    """Sort key for a name: text without case or accents, numbers by value ("Feed 2" < "Feed 10" < "feed 11");
    names that differ only in case or leading zeros then order by the name itself, so every list of the
    same names comes out in the same order whatever order it started in."""
    parts: list[Part] = []
    for n, run in enumerate(_RUNS.split(name)):
        if n % 2:
            digits = _number(run)
            parts.append((0, f"{len(digits):08d}{digits}"))  # longer (without zeros) is larger
        elif run:
            parts.append((1, _folded(run)))
    return tuple(parts), name
