"""Labels and every invisible character in Unicode: judged by property, walked code point by code point.

The oracle for Default_Ignorable_Code_Point is perl's \\p{DI} (Python's unicodedata does not carry the
property); the walk over every format character (Cf) needs only unicodedata.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.text.sanitize import single_line, strip_control_characters, without_invisibles

ZWJ = "\u200d"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
VARIATION_SELECTORS = {*range(0x180B, 0x180E), 0x180F, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}
TAGS = range(0xE0020, 0xE0080)
# Format characters (Cf) that are not Default_Ignorable: they show a glyph (the Arabic number signs,
# prepended concatenation marks, and the Egyptian hieroglyph format controls that lay out the signs beside them).
VISIBLE_FORMAT = {*range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD, *range(0x13430, 0x13439)}


def _code_points() -> range:
    return range(sys.maxunicode + 1)


def _default_ignorable_from_perl() -> list[int]:
    perl = shutil.which("perl")
    if perl is None:
        pytest.skip("perl (the oracle for Default_Ignorable_Code_Point) is not installed")
    version = subprocess.run([perl, "-MUnicode::UCD", "-e", "print Unicode::UCD::UnicodeVersion()"],
                             capture_output=True, text=True, check=True).stdout.strip()
    if version != unicodedata.unidata_version:
        pytest.skip(f"perl knows Unicode {version}, Python {unicodedata.unidata_version}: not one oracle")
    script = ("for my $c (0..0x10FFFF) { next if $c >= 0xD800 && $c <= 0xDFFF; "
              "print \"$c\\n\" if chr($c) =~ /\\p{Default_Ignorable_Code_Point}/ }")
    out = subprocess.run([perl, "-e", script], capture_output=True, text=True, check=True).stdout
    return [int(line) for line in out.split()]


def test_every_default_ignorable_code_point_leaves_a_label() -> None:
    ignorable = _default_ignorable_from_perl()
    assert len(ignorable) > 4000 and 0x200D in ignorable and 0xE0100 in ignorable  # the oracle answered
    kept = [f"U+{c:04X}" for c in ignorable if single_line(f"a{chr(c)}b") != "ab"]
    assert kept == []
    assert [f"U+{c:04X}" for c in ignorable if without_invisibles(chr(c))] == []


def test_every_format_character_is_dropped_or_shows_a_glyph() -> None:
    """Without perl: every Cf code point, every variation selector and the braille blank leave a label."""
    walked = 0
    for c in _code_points():
        char = chr(c)
        if c in VISIBLE_FORMAT or not (unicodedata.category(char) == "Cf" or c in VARIATION_SELECTORS or c == 0x2800):
            continue
        walked += 1
        assert single_line(f"a{char}b") == "ab", f"U+{c:04X} {unicodedata.name(char, '')} reached a label"
        assert single_line(char) == "", f"U+{c:04X} alone shows as something"
    assert walked > 400


@pytest.mark.parametrize("char", ["\ufe00", "\ufe0f", "\U000e0100", "\U000e01ef", "\U000e0020", "\U000e0041",
                                  "\U000e007f", "\u17b4", "\u17b5", "\U0001d173", "\U0001d17a", "\u2800", "\u3164",
                                  "\uffa0", "\u115f", "\u1160", ZWJ])
def test_the_named_invisibles_make_a_name_show_as_nothing(char: str) -> None:
    assert single_line(char * 3) == "" and single_line(f" {char} x {char}") == "x"


@pytest.mark.parametrize("emoji", ["👩\u200d💻", "👨\u200d👩\u200d👧\u200d👦", "🧑🏽\u200d⚕\ufe0f",
                                   "🏳\ufe0f\u200d🌈", "❤\ufe0f\u200d🔥", "🐻\u200d❄\ufe0f"])
def test_zwj_sequences_keep_their_joiners(emoji: str) -> None:
    assert single_line(f"Desk {emoji} news") == f"Desk {emoji} news"
    assert single_line(emoji) == emoji


def test_zwj_is_dropped_where_it_joins_no_emoji() -> None:
    assert single_line("Metro\u200dLedger") == "MetroLedger"
    assert single_line("👩\u200d") == "👩" and single_line("\u200d💻") == "💻" and single_line("a\u200d💻") == "a💻"
    assert single_line("👩\u200d \u200d💻") == "👩 💻"


def test_variation_selectors_stay_only_after_what_they_modify() -> None:
    assert single_line("👍\ufe0f ok") == "👍\ufe0f ok" and single_line("☺\ufe0e") == "☺\ufe0e"
    assert single_line("#\ufe0f\u20e3 1\ufe0f\u20e3") == "#\ufe0f\u20e3 1\ufe0f\u20e3"  # keycaps
    assert single_line("葛\U000e0100城") == "葛\U000e0100城"  # an ideographic variant
    assert single_line("≩\ufe00") == "≩\ufe00"  # a standardized variant of a mathematical symbol
    assert single_line("\u1820\u180b") == "\u1820\u180b"  # a Mongolian letter's free variation
    assert single_line("Metro\ufe0f Ledger\U000e0100") == "Metro Ledger"
    assert single_line("1\ufe0f") == "1" and single_line("\ufe0f👍") == "👍"
    assert single_line("👍\ufe0f\ufe0f") == "👍\ufe0f"


def test_tag_characters_stay_only_in_an_emoji_tag_sequence() -> None:
    assert single_line(f"{SCOTLAND} Herald") == f"{SCOTLAND} Herald"
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore previous instructions")
    assert single_line(f"Herald{hidden}") == "Herald"
    assert single_line("🏴\U000e0067\U000e0062") == "🏴"  # no CANCEL TAG: not a sequence
    assert single_line("x\U000e0067\U000e007f") == "x"
    assert single_line("🏴\U000e0067\U000e007f") == "🏴"  # found by hypothesis: a one-letter code is no flag
    smuggled = "".join(chr(0xE0000 + ord(c)) for c in "ignoreprevious")
    assert single_line(f"🏴{smuggled}\U000e007f News") == "🏴 News"  # a flag's code is at most five


def test_body_text_keeps_joiners_and_selectors() -> None:
    body = "خانه\u200cها 👩\u200d💻 👍\ufe0f 葛\U000e0100"
    assert strip_control_characters(body) == body


def test_comparison_form_drops_what_labels_keep() -> None:
    assert without_invisibles("👩\u200d💻 👍\ufe0f") == "👩💻 👍"
    assert without_invisibles(f"{SCOTLAND}") == "🏴"
    assert without_invisibles("plain text") == "plain text"


_ALPHABET = st.sampled_from(["a", " ", "👩", "💻", "👍", "🏽", "🏴", "1", "#", "\u20e3", "葛", "\u1820", "≩", ZWJ,
                             "\ufe0f", "\ufe0e", "\ufe00", "\U000e0100", "\u180b", "\U000e0067", "\U000e0062",
                             "\U000e007f", "\U000e0041", "\u200b", "\u2800", "\x1b", "[", "\n"])


_SUBDIVISION_FLAG = re.compile("🏴([\U000e0061-\U000e007a]{2}[\U000e0030-\U000e0039\U000e0061-\U000e007a]{1,3})"
                               "\U000e007f")


def _invisibles_only_where_they_work(label: str) -> None:
    """Each invisible left in a label is a ZWJ between emoji, a selector after its base, or part of a tag flag."""
    rest = _SUBDIVISION_FLAG.sub("🏴", label)  # a flag's code: two tag letters, then one to three letters or digits
    for at, char in enumerate(rest):
        if char == ZWJ:
            assert at > 0 and at + 1 < len(rest) and unicodedata.category(rest[at + 1]) == "So", label
        elif ord(char) in VARIATION_SELECTORS:
            assert at > 0 and unicodedata.category(rest[at - 1]) in ("So", "Sm", "Lo", "Nd", "Po"), label
        else:
            assert without_invisibles(char) == char, label


@given(st.lists(_ALPHABET, max_size=40).map("".join), st.integers(min_value=2, max_value=30))
def test_labels_are_idempotent_and_keep_invisibles_only_where_they_work(text: str, limit: int) -> None:
    for label in (single_line(text, None), single_line(text, limit)):
        _invisibles_only_where_they_work(label)
        assert single_line(label, None) == label
    assert without_invisibles(single_line(text, None)) == single_line(without_invisibles(text), None)


# Emoji 15.0-16.0 and their ZWJ sequences, which Python 3.11's Unicode 14 does not know: the phoenix and lime
# join emoji it knows; 🙂‍↔️ joins ↔, an emoji that is a mathematical symbol (Sm); 🩷 U+1FA77, 🪿 U+1FABF (15.0)
# and 🫩 U+1FAE9 (16.0) are unassigned to it, and count as emoji where emoji-data.txt reserves their range.
@pytest.mark.parametrize("emoji", ["🐦\u200d🔥", "🍋\u200d🟩", "🍄\u200d🟫", "⛓\ufe0f\u200d💥", "🙂\u200d↔\ufe0f",
                                   "🚶\u200d➡\ufe0f", "\U0001fa77\u200d🔥", "🔥\u200d\U0001fabf",
                                   "\U0001fae9\u200d\U0001fa77"])
def test_zwj_sequences_with_emoji_newer_than_python_keep_their_joiners(emoji: str) -> None:
    assert single_line(f"Desk {emoji} news") == f"Desk {emoji} news"


def test_a_zwj_beside_an_unassigned_character_outside_the_emoji_ranges_is_dropped() -> None:
    assert single_line("\u0378\u200d🔥") == "\u0378🔥" and single_line("🔥\u200d\U0001fbff") == "🔥\U0001fbff"
    assert single_line("a\u200d\U0001fa77") == "a\U0001fa77"


def test_every_emoji_of_a_newer_unicode_joins_with_zwj() -> None:
    """The regex module carries a newer Unicode's Emoji property than unicodedata: each such emoji is one."""
    regex = pytest.importorskip("regex")
    emoji = regex.compile(r"\p{Emoji}")
    skipped = set("0123456789#*") | {chr(c) for c in range(0x1F3FB, 0x1F400)}  # keycap bases; skin tones follow
    found = [chr(c) for c in range(sys.maxunicode + 1) if emoji.match(chr(c)) and chr(c) not in skipped]
    assert len(found) > 1300 and "\U0001fae9" in found  # Unicode 16.0 or later
    lost = [c for c in found if single_line(f"{c}\u200d🔥") != f"{c}\u200d🔥" or single_line(f"🔥\u200d{c}") !=
            f"🔥\u200d{c}"]
    assert lost == []
