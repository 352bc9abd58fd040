"""Repairs broken encodings: ftfy first, then the mojibake ftfy leaves behind.

ftfy is the slowest step of cleaning, so it only runs on text that can hold mojibake at all;
plain ASCII and already-correct curly quotes and dashes skip it.
"""

from __future__ import annotations

import re

from reader.wording import count_of

# UTF-8 misread as Latin-1 or Windows-1252 always shows its lead byte (0xC2-0xF4) as one of
# these characters, so text without them cannot hold that mojibake and skips ftfy entirely.
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4]")
_DANGLING = re.compile("\u00e2\u20ac[\u009d\u0081\u008d\u008f\u0090]?(?=$|[\\s\"'.,;:!?)\\]])")
_DANGLING_WORD = re.compile("(?<=\\w)\u00e2\u20ac[\u009d]?(?=\\w)")


def needs_encoding_repair(text: str) -> bool:
    return _MOJIBAKE_HINT.search(text) is not None


def repair_encoding(text: str) -> tuple[str, list[str]]:
    """Return the repaired text and the names of the repairs applied (empty when nothing changed)."""
    if not needs_encoding_repair(text):
        return text, []
    import ftfy  # lazy: ftfy costs ~60 ms to import and most text never needs it

    from reader.text.sanitize import strip_escape_sequences

    text = strip_escape_sequences(text)  # ftfy would drop ESC alone, leaving "[31m" behind

    repairs: list[str] = []
    # Dangling "â€" goes first: ftfy reads "â€ " as a lost no-break space and makes it "†".
    fixed, count = _fix_dangling_quotes(text) if "\u00e2\u20ac" in text else (text, 0)
    if count:
        repairs.append(f"restored {count_of(count, 'closing quote')} lost to a Windows-1252 misread")
    before_ftfy = fixed
    fixed = ftfy.fix_text(fixed, uncurl_quotes=False, unescape_html=False, normalization="NFC")
    if fixed != before_ftfy:
        repairs.append("fixed mojibake (ftfy)")
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
        before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]  # this paragraph only
        opened = before.count("\u201c") + before.count("\u00e2\u20ac\u0153")  # “ and its mojibake
        if opened > before.count("\u201d"):
            return "\u201d"
        if before.count("\u2018") + before.count("\u00e2\u20ac\u02dc") > before.count("\u2019"):
            return "\u2019"
        return "\u201d"

    text = _DANGLING.sub(closing, text)

    def apostrophe(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "\u2019"

    return _DANGLING_WORD.sub(apostrophe, text), count


def close_truncated_quotations(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Close a quotation left open at the end of a paragraph with "…”", marking it as cut short.

    A paragraph whose quote stays open is only truncated when the next paragraph does not open
    a quote again: newsroom style continues a long quotation that way across paragraphs.
    """
    fixed = list(paragraphs)
    repairs: list[str] = []
    for i, text in enumerate(paragraphs):
        continued = i + 1 < len(paragraphs) and paragraphs[i + 1].lstrip().startswith(("“", '"'))
        if continued:
            continue
        if text.count("“") > text.count("”"):
            fixed[i] = text.rstrip() + ("" if text.rstrip().endswith("…") else "…") + "”"
        elif text.count('"') % 2 == 1:
            fixed[i] = text.rstrip() + ("" if text.rstrip().endswith("…") else "…") + '"'
        else:
            continue
        repairs.append(f"closed a truncated quotation in paragraph {i + 1}")
    return fixed, repairs
