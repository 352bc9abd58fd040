"""Removes what must never reach a terminal or the store's text: escape sequences and control characters.

A feed title like ``\\x1b]52;...`` (an OSC 52 clipboard write) would otherwise act on the user's
terminal when printed, so this runs on every string taken from a feed before it is shown.
"""

from __future__ import annotations

import re

# ESC-based sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# C0 controls other than tab and newline, DEL, C1 controls, and bidi overrides that can disguise text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NEEDS_WORK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_control_characters(text: str) -> str:
    """Drop terminal escape sequences and control characters, keeping tabs and newlines."""
    if not _NEEDS_WORK.search(text):
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def fold_whitespace(text: str) -> str:
    """Every run of whitespace (newlines included) becomes one space, and none is left at either end.

    str.split's whitespace is exactly re's \\s, and it is several times faster than re.sub.
    """
    return " ".join(text.split())


def single_line(text: str, limit: int = 500) -> str:
    """A safe one-line label (titles, names): controls removed, whitespace folded, length capped."""
    line = fold_whitespace(strip_control_characters(text))
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line
