"""One table of hostile strings from outside, and the checks that none of them reaches an output raw.

Every output path test (fetch stderr, show, digest, feeds.toml, feeds list, OPML export, the TUI)
pushes these through and asserts with `assert_terminal_safe` / `assert_label_safe`. Markup strings
are not dangerous in a file or on stdout (they must stay literal text there); only the TUI could
parse them, so the TUI tests use MARKUP to check that it never does.
"""

from __future__ import annotations

import re

# name -> a string as a hostile feed, page, server or OPML file would send it
CONTROLS: dict[str, str] = {
    "osc52_clipboard": "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "osc8_hyperlink": "\x1b]8;;http://127.0.0.1/evil\x1b\\click\x1b]8;;\x1b\\",
    "osc0_title": "\x1b]0;pwned title\x07",
    "csi_clear_screen": "\x1b[2J\x1b[H",
    "csi_colour": "\x1b[31mred\x1b[0m",
    "bel": "ding\x07",
    "c0": "a\x00b\x08c\x0bd\x0ce\rf\x0e\x1f",
    "del": "g\x7fh",
    "c1_csi": "\x9b2J\x9b31m",
    "c1_others": "\x85\x8d\x90\x9d\x9c\x9f",
    "bidi_override": "\u202eevil.exe\u202c",
    "bidi_embedding": "\u202a\u202bx\u202c",
    "bidi_isolates": "\u2066\u2067\u2068y\u2069",
    "bom_and_invisible_operators": "\ufeffz\u2061\u2064",
}
# Harmless in body text (Persian needs U+200C, emoji U+200D) but never in a one-line label.
INVISIBLES: dict[str, str] = {
    "zero_width": "a\u200bb\u200cc\u200dd\u2060e",
    "direction_marks": "\u200el\u200fr\u061c",
    "mongolian_vowel_separator": "m\u180en",
    "soft_hyphen_and_fillers": "s\u00adt\u3164u",
}
MARKUP: dict[str, str] = {
    "textual_close": "[/]",
    "textual_click": "[@click=app.quit]click me[/]",
    "rich_style": "[bold red]loud[/bold red]",
    "rich_link": "[link=http://127.0.0.1/x]x[/link]",
}
HOSTILE: dict[str, str] = {**CONTROLS, **INVISIBLES, **MARKUP}
# Escape sequences as HTML or XML spells them, which a parser would turn into controls or drop alone.
ENCODED_ESCAPES: dict[str, str] = {
    "osc_title_decimal": "&#27;]0;PAGEPWN&#7;",
    "osc_title_hex": "&#x1B;]0;PAGEPWN&#x07;",
    "osc52_st": "&#x1b;]52;c;ZWNobyBwd25lZA==&#27;\\",
    "csi_colour_decimal": "&#27;[31mRED&#27;[0m",
    "c1_csi": "&#155;31mRED&#x9b;2J",
    "raw_osc_in_markup": "\x1b]0;PAGEPWN\x07",
    "raw_c1_csi_in_markup": "\x9b31mRED\x9b0m",
}
# What an escape sequence leaves when a parser drops only its introducer: "]0;title", "[31m", "2J".
_REMNANT = re.compile(r"\]\d+;|\[\d[\d;]*[A-Za-z]|[\u203a\x9b]\d|PAGEPWN|ZWNobyBwd25lZA")

# Every hostile string in one label, each kind marked so a failure says which one got through.
ALL_IN_ONE = " ".join(f"#{name}: {value}" for name, value in HOSTILE.items())

# What must never reach any output: ESC and every other C0 but tab and newline, DEL, C1, bidi
# embeddings/overrides/isolates, BOM, invisible operators, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2061-\u2064\u2066-\u2069\ufeff\ud800-\udfff]")
# ... and, in a one-line label (names, titles, reasons), nothing invisible either.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u2060\u3164]")


def _show(text: str, match: re.Match[str]) -> str:
    start = max(match.start() - 40, 0)
    return f"{match.group()!r} at {match.start()}: {text[start:match.end() + 20]!r}"


def assert_terminal_safe(text: str) -> None:
    """No escape sequence, control or bidi character survives in `text`."""
    found = _UNSAFE.search(text)
    assert found is None, f"raw control reached the output: {_show(text, found)}"


def assert_no_escape_remnants(text: str) -> None:
    """Terminal safe, and no escape sequence's payload left as text either (its introducer dropped alone)."""
    assert_terminal_safe(text)
    found = _REMNANT.search(text)
    assert found is None, f"an escape sequence's remnant reached the output: {_show(text, found)}"


def assert_label_safe(text: str) -> None:
    """Terminal safe, and no zero-width or direction character either (for names, titles, reasons)."""
    assert_terminal_safe(text)
    found = _INVISIBLE.search(text)
    assert found is None, f"invisible character reached a label: {_show(text, found)}"
