"""Repairs broken encodings: ftfy first, then the mojibake ftfy leaves behind.

ftfy is the slowest step of cleaning, so it only runs on text that can hold mojibake at all
(characters from the Latin-1/Windows-1252 range); plain ASCII and already-correct curly
quotes skip it.
"""

from __future__ import annotations

import re

# Characters that appear when UTF-8 is decoded as Latin-1 or Windows-1252.
_MOJIBAKE_HINT = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                            "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
# "â€" whose third byte was lost (0x9D, ”, is undefined in Windows-1252), optionally followed by the C1 char.
_DANGLING = re.compile("\u00e2\u20ac[\u009d\u0081\u008d\u008f\u0090]?(?=$|[\\s\"'.,;:!?)\\]])")
_DANGLING_WORD = re.compile("(?<=\\w)\u00e2\u20ac[\u009d]?(?=\\w)")


def needs_encoding_repair(text: str) -> bool:
    return _MOJIBAKE_HINT.search(text) is not None


def repair_encoding(text: str) -> tuple[str, list[str]]:
    """Return the repaired text and the names of the repairs applied (empty when nothing changed)."""
    if not needs_encoding_repair(text):
        return text, []
    import ftfy  # lazy: ftfy costs ~60 ms to import and most text never needs it

    repairs: list[str] = []
    fixed = ftfy.fix_text(text, uncurl_quotes=False, unescape_html=False, normalization="NFC")
    if fixed != text:
        repairs.append("fixed mojibake (ftfy)")
    if "\u00e2\u20ac" in fixed:
        fixed, count = _fix_dangling_quotes(fixed)
        if count:
            repairs.append(f"restored {count} closing quote(s) lost to a Windows-1252 misread")
    return fixed, repairs


def _fix_dangling_quotes(text: str) -> tuple[str, int]:
    """Replace a leftover "â€" with the character its lost third byte must have been.

    Before whitespace or at the end it closes a quotation: ” when a “ is open (or nothing
    shows which), ’ when only a ‘ is open. Between letters it is an apostrophe.
    """
    count = 0

    def closing(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        before = text[: match.start()]
        if before.count("\u201c") > before.count("\u201d"):
            return "\u201d"
        if before.count("\u2018") > before.count("\u2019"):
            return "\u2019"
        return "\u201d"

    text = _DANGLING.sub(closing, text)

    def apostrophe(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "\u2019"

    return _DANGLING_WORD.sub(apostrophe, text), count
