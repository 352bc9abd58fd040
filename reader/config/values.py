"""What each key of feeds.toml accepts, and the one rule for the strings a user reads back (names, tags).

Every check returns what is wrong with a value (None when nothing is), so an error can name the
file, the line, the key, the value and what would be accepted. Numbers have ranges, not just
signs: `timeout = inf` or `history_days = 1e18` would otherwise pass as "positive" and fail
later, far from the line that caused it.

A name is judged as it will be displayed: every name and tag is shown only through the
sanitiser (reader/text/sanitize.py), which drops escape sequences, control and invisible
characters (every Default_Ignorable code point) and folds whitespace. A name made only of such
characters would show as nothing, and "Metro\\u200b Ledger" would show exactly as "Metro Ledger",
so emptiness is decided on the displayed form, and that form is what the rest of the program gets.
Uniqueness is decided on what a person can tell apart (identity): the displayed form NFC-normalised
(so "é" typed either way is one name), without the joiners and selectors an emoji keeps ("👍" and
"👍\\ufe0f"), and with Cyrillic and Greek look-alikes read as the Latin letters they pass for
(config/lookalikes.py). Case is kept: "WNYC" and "wnyc" read differently.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from datetime import date, time

from reader.config.lookalikes import describe, first_lookalike, skeleton
from reader.text.sanitize import fold_whitespace, single_line, strip_control_characters, without_invisibles

Check = Callable[[object], "str | None"]  # the problem with a value, or None when it is acceptable


def displayed(text: str) -> str:
    """A user-facing config string exactly as the program shows it: sanitised, whitespace folded and stripped."""
    return single_line(text, None)


def identity(text: str) -> str:
    """The form two names are compared in: two names with one identity cannot be told apart on screen."""
    return skeleton(without_invisibles(unicodedata.normalize("NFC", displayed(text))))


def why_alike(first: str, second: str) -> str:
    """Why two names as written (of one identity) read the same, for the error that refuses the second."""
    shown_first, shown_second = displayed(first), displayed(second)
    if shown_first == shown_second:
        if first == second:
            return ""
        return (f" once invisible and control characters and extra spaces are dropped "
                f"({visible_repr(first)} and {visible_repr(second)})")
    nfc_first, nfc_second = (unicodedata.normalize("NFC", s) for s in (shown_first, shown_second))
    if nfc_first == nfc_second:
        return (f" (the same letters, typed as different Unicode sequences: {shown_first!a} "
                f"and {shown_second!a})")
    bare_first, bare_second = without_invisibles(nfc_first), without_invisibles(nfc_second)
    if bare_first == bare_second:
        return (f"; they differ only by invisible characters ({visible_repr(shown_first)} and "
                f"{visible_repr(shown_second)})")
    pair = first_lookalike(bare_first, bare_second)
    if pair is None:
        return ""
    return f"; it has {describe(pair[1])} where the other has {describe(pair[0])}, and the two look the same"


def visible_repr(text: str) -> str:
    """`text` quoted with every character the display drops written as an escape, so a user sees what differs."""
    shown = []
    for c in text:
        hidden = not c.isprintable() or (not c.isspace() and not single_line(c, None))
        code = ord(c)
        shown.append((f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
                     if hidden else c)
    return '"' + "".join(shown).replace('"', '\\"') + '"'


def _number(value: object, whole: bool) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) if whole else isinstance(value, int | float)


def number_in(low: float, high: float, what: str, whole: bool = True) -> Check:
    """A number from `low` to `high` inclusive (finite: inf and nan are refused), described as `what`."""
    low_text = f"{low:,}" if whole else f"{low:g}"
    high_text = f"{high:,}" if whole else f"{high:g}"
    expected = f"{'a whole number' if whole else 'a number'} of {what} from {low_text} to {high_text}"

    def check(value: object) -> str | None:
        if isinstance(value, int | float) and _number(value, whole) and math.isfinite(value) and low <= value <= high:
            return None
        return f"expected {expected}, got {_quoted(value)}"
    return check


def _quoted(value: object) -> str:
    """A value as the user wrote it in TOML (true, not Python's True; a table as a table), strings made visible."""
    if isinstance(value, str):
        return visible_repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, date | time):  # TOML dates and times, as TOML writes them
        return value.isoformat()
    return single_line(repr(value), 80)


def a_bool(value: object) -> str | None:
    return None if isinstance(value, bool) else f"expected true or false, got {_quoted(value)}"


def a_string(value: object) -> str | None:
    return None if isinstance(value, str) else f"expected a string, got {_quoted(value)}"


def a_setting(default: str) -> Check:
    """A string that replaces a default (a path, the user agent): never empty, since "" is not "the default"."""
    def check(value: object) -> str | None:
        if not isinstance(value, str):
            return f"expected a string, got {_quoted(value)}"
        if not value.strip():
            return f"is empty; remove the key to use the default ({default})"
        if "\x00" in value:
            return f"contains a NUL character: {visible_repr(value)}"
        return None
    return check


def header_text(default: str) -> Check:
    """A string sent in an HTTP header: a setting with no control characters (not even a newline or tab)."""
    setting = a_setting(default)

    def check(value: object) -> str | None:
        problem = setting(value)
        if problem is None and any(ord(c) < 0x20 or c != strip_control_characters(c) for c in str(value)):
            return f"contains control characters: {visible_repr(str(value))}; an HTTP header cannot carry them"
        return problem
    return check


def a_name(what: str) -> Check:
    """A name a user will read back (`what`: "feed", "topic"): something must be left once it is displayed."""
    def check(value: object) -> str | None:
        if not isinstance(value, str):
            return f"expected a string (the {what}'s name), got {_quoted(value)}"
        return _nothing_shown(value, f"give the {what} a name", f"give the {what} a name that can be read")
    return check


def names_list(what: str) -> Check:
    """A list of names or phrases (`what`: "tag", "phrase"), each with something left once displayed."""
    def check(value: object) -> str | None:
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            return f"expected a list of strings ({what}s), got {_quoted(value)}"
        for s in value:
            problem = _nothing_shown(s, "remove it or give it some text",
                                     "remove it or give it text that can be read")
            if problem is not None:
                return f"a {what} {problem}"
        return None
    return check


def _nothing_shown(text: str, if_empty: str, if_invisible: str) -> str | None:
    if displayed(text):
        return None
    if not text.strip():
        return f"is empty; {if_empty}"
    return (f"{visible_repr(text)} shows as nothing: it has only invisible or control characters "
            f"and spaces; {if_invisible}")


def phrase(text: str) -> str:
    """A topic phrase as matching uses it: controls and escapes removed, whitespace folded.

    Unlike a name it keeps joiners (Persian needs U+200C), because it is matched against article
    text, which keeps them; it must still show as something (names_list checks that).
    """
    return fold_whitespace(strip_control_characters(text))


__all__ = ["Check", "a_bool", "a_name", "a_setting", "a_string", "displayed", "header_text", "identity",
           "names_list", "number_in", "phrase", "visible_repr", "why_alike"]
