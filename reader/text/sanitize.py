"""The one sanitiser: removes what must never reach a terminal, a file or the store's text from outside.

A feed title like ``\\x1b]52;...`` (an OSC 52 clipboard write) would otherwise act on the user's
terminal when printed, and a U+202E in a feed name would reverse the text after it, so every
string taken from outside (feeds, pages, HTTP, OPML, config) passes through here before any
output: strip_control_characters for text that keeps its lines, single_line for labels.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# ESC-based sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings,
# nF escapes (ESC, intermediates, final), other two-byte escapes, and CSI's C1 form U+009B. Other C1
# introducers are removed alone (below): their payload is then plain text, and U+009D, for one, is
# also what a mis-decoded right double quote (E2 80 9D) leaves behind, so nothing after it is eaten.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[ -/]+[0-~]?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_HAS_ESCAPE = re.compile("[\x1b\x9b]")


def _markup_escapes(esc: str, bel: str, c1_csi: str) -> str:
    """_ESCAPES for markup (a feed document, an HTML page or fragment, OPML) before any parser reads it.

    A parser drops what it cannot take (lxml and HTML's character references drop ESC and BEL, feedparser
    and ftfy make U+009B a "›"), which would leave an escape's payload ("]0;PWN", "[31m") as text. So
    sequences go here whole, their introducer and terminator raw or as character references (&#27;, &#x1b;,
    escaped once more inside an escaped description: &amp;#27;). A payload ends at a tag, so an unterminated
    OSC cannot take the rest of the document with it. A referenced CSI (&#155;) needs a digit or ';' after
    it: "&#155;" alone is a "›" (HTML reads references to C1 as Windows-1252).
    """
    ref = r"&(?:amp;)?#(?:0*{dec}|[xX]0*{hex});"
    esc = f"(?:{esc}|{ref.format(dec='27', hex='1[bB]')})"
    bel = f"(?:{bel}|{ref.format(dec='7', hex='7')})"
    payload = r"(?:[^\x07\x1b<&]|&(?!(?:amp;)?#(?:0*(?:7|27)|[xX]0*(?:7|1[bB]));))*"
    return (rf"{esc}\[[0-?]*[ -/]*[@-~]"
            rf"|{esc}\]{payload}(?:{bel}|{esc}\\)?"
            rf"|{esc}[PX^_]{payload}(?:{esc}\\)?"
            rf"|{esc}[ -/]+[0-~]?"
            rf"|{esc}[@-Z\\-_]?"
            rf"|{c1_csi}[0-?]*[ -/]*[@-~]|{ref.format(dec='155', hex='9[bB]')}[0-?]+[ -/]*[@-~]")


_MARKUP_ESCAPES = re.compile(_markup_escapes(r"\x1b", r"\x07", r"\x9b"))
# The same over a document's bytes in any ASCII-based encoding: U+009B is found in its UTF-8 form only (a
# byte 9B alone is "›" in Windows-1252, the usual 8-bit one).
_DOCUMENT_ESCAPES = re.compile(_markup_escapes(r"\x1b", r"\x07", r"\xc2\x9b").encode("ascii"))
# A reference to ESC or CSI, searched for apart from the raw characters (which `in` finds at memchr's speed): an
# alternation of the three would test every "&" of a page, ten times the time.
_REFERENCE_HINT = re.compile(r"#(?:0*(?:27|155)|[xX]0*(?:1[bB]|9[bB]));")
_DOCUMENT_REFERENCE_HINT = re.compile(rb"#(?:0*(?:27|155)|[xX]0*(?:1[bB]|9[bB]));")
# Documents in which a raw ESC is text, not an escape (ISO-2022 switches character sets with it), or whose
# bytes are no ASCII superset (UTF-16 and UTF-32, with their byte-order marks or their NULs).
_NOT_ASCII_BASED = re.compile(rb"\A(?:\xff\xfe|\xfe\xff|\x00\x00\xfe\xff|[^\x00]\x00|\x00[^\x00])|iso-?2022", re.I)


def strip_escape_sequences(text: str) -> str:
    """`text` without its terminal escape sequences (other controls stay), for a step that would drop ESC alone.

    ftfy removes ESC and makes U+009B a "›": run before it, so a sequence goes whole, not as "[31m" left over.
    """
    return _ESCAPES.sub("", text) if _HAS_ESCAPE.search(text) else text


def strip_markup_escapes(markup: str) -> str:
    """HTML or XML text without escape sequences, raw or as character references (see _markup_escapes)."""
    if "\x1b" in markup or "\x9b" in markup or _REFERENCE_HINT.search(markup) is not None:
        return _MARKUP_ESCAPES.sub("", markup)
    return markup


def strip_document_escapes(data: bytes) -> bytes:
    """A feed or OPML document's bytes without escape sequences, before a parser decodes them (see _markup_escapes).

    The document stays well-formed (a raw ESC is no XML character, so its removal mends it). Left as it is
    when its bytes are not ASCII-based: the text-level sanitiser still removes what survives decoding.
    """
    if b"\x1b" not in data and b"\xc2\x9b" not in data and _DOCUMENT_REFERENCE_HINT.search(data) is None:
        return data
    if _NOT_ASCII_BASED.search(data[:1024]):
        return data
    return _DOCUMENT_ESCAPES.sub(b"", data)


# Never wanted anywhere: C0 controls other than tab and newline, DEL, C1 controls, bidi embeddings,
# overrides and isolates (they reorder the text that follows, disguising it), the byte-order mark
# inside text, invisible operators, deprecated format characters, interlinear annotation marks and
# lone surrogates (which cannot even be encoded to print).
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2061-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff"
)
_CONTROLS = re.compile(f"[{_UNSAFE}]")
# Also removed from one-line labels (names, titles, tags, reasons): every Default_Ignorable_Code_Point of
# Unicode (zero-width space and non-joiner, direction marks, word joiner, soft hyphen, combining grapheme
# joiner, Hangul fillers, Khmer inherent vowels, shorthand format controls, musical formatting, the plane-14
# tag block, variation selectors...) and the braille blank U+2800, which is no DI but shows as nothing.
# Body text keeps them (Persian needs U+200C), but in a name they only misalign columns or hide a difference
# between two names that look the same. The test walks all of Unicode against this list (perl's \p{DI}).
# Three kinds are kept where they do visible work, and only there:
#   - ZWJ U+200D between two emoji (a family, a profession: 👩‍💻), see _joins_emoji;
#   - a variation selector directly after a character it can modify (VS16 after an emoji, a keycap's 1️⃣;
#     an ideographic or Mongolian selector after its letter), see _takes_selector;
#   - tag characters inside an emoji flag sequence: 🏴 + a subdivision code in tag characters (two letters,
#     then one to three letters or digits, as Unicode's ED-14c: gbeng, gbsct, gbwls) + CANCEL TAG; anywhere
#     else (a longer run could spell "ignore previous instructions") they carry hidden ASCII, and are dropped.
_ZWJ = "\u200d"
_SELECTORS = "\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef"
_TAGS = "\U000e0020-\U000e007f"
_DROPPED_IN_BMP = (
    _UNSAFE + "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200e\u200f\u2060-\u206f"
    "\u2800\u3164\uffa0\ufff0-\ufff8"
)
_DROPPED = (
    _DROPPED_IN_BMP + "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e001f\U000e0080-\U000e00ff"
    "\U000e01f0-\U000e0fff"
)
_INVISIBLE_CLASS = f"[{_DROPPED}{_ZWJ}{_SELECTORS}{_TAGS}]"
# The same test in two steps, because a character class with ranges past U+FFFF costs re a range check per
# character (four times the time of a class within the BMP, for every title): the BMP's invisibles first,
# then the whole class only for a text that has a character past U+FFFF at all.
_BMP_INVISIBLE = re.compile(f"[{_DROPPED_IN_BMP}{_ZWJ}\u180b-\u180d\u180f\ufe00-\ufe0f]")
_PAST_BMP = re.compile("[\U00010000-\U0010ffff]")
_ALWAYS_DROPPED = re.compile(f"[{_DROPPED}]+")
_FLAG_TAGS = ("\U0001f3f4[\U000e0061-\U000e007a]{2}[\U000e0030-\U000e0039\U000e0061-\U000e007a]{1,3}"
              "\U000e007f")  # 🏴 + a subdivision code in tag letters and digits + CANCEL TAG
_HIDDEN_TAGS = re.compile(f"({_FLAG_TAGS})|[{_TAGS}\U000e0001]")
_CONTEXTUAL = re.compile(f"{_FLAG_TAGS}|[{_ZWJ}{_SELECTORS}{_TAGS}]")
_EMOJI_MODIFIERS = "\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff\ufe0e\ufe0f"  # skin tones, VS15, VS16
# Emoji that are not symbols (So): ‼ ⁉ ℹ ↔ ◻ ◼ ◽ ◾ ⤴ ⤵ 〰 〽, Emoji=Yes in emoji-data.txt (keycaps' 0-9 # * apart).
# ↔ is in Emoji 15.1's head shaking horizontally: 🙂 U+200D ↔ U+FE0F.
_EMOJI_NOT_SYMBOLS = "\u203c\u2049\u2139\u2194\u25fb\u25fc\u25fd\u25fe\u2934\u2935\u3030\u303d"
# Emoji newer than the Unicode of Python's unicodedata (14.0 in Python 3.11), to which they are unassigned (Cn):
# 🩷 U+1FA77 and 🪿 U+1FABF (15.0), 🫩 U+1FAE9 (16.0) and those to come. emoji-data.txt lists what is unassigned
# in these ranges as Extended_Pictographic, reserved for emoji (UTS #51, "Emoji Properties",
# https://www.unicode.org/reports/tr51/#Emoji_Properties; https://www.unicode.org/Public/14.0.0/ucd/emoji/
# emoji-data.txt), and every emoji since 14.0 is in them; anything else assigned there since is a symbol (So).
_PICTOGRAPHIC_RANGES = (("\U0001f000", "\U0001faff"), ("\U0001fc00", "\U0001fffd"))
_KEYCAP_BASES = "0123456789#*"


@cache
def _invisible() -> re.Pattern[str]:
    """Every character a label may drop; compiled on first use, as it takes re 4 ms (at every command's start)."""
    return re.compile(_INVISIBLE_CLASS)


def _has_invisible(text: str) -> bool:
    """Whether `text` has anything _invisible() matches, at the cost of a BMP class for the usual title."""
    if _BMP_INVISIBLE.search(text):
        return True
    return not text.isascii() and _PAST_BMP.search(text) is not None and _invisible().search(text) is not None


def _is_emoji(char: str) -> bool:
    """A character that can stand in an emoji sequence: a symbol (So, as nearly every emoji is), ‼ ⁉ ↔ and the
    other emoji that are not, or an emoji newer than unicodedata knows (unassigned to it, where emoji are reserved).
    """
    category = unicodedata.category(char)
    if category == "So" or char in _EMOJI_NOT_SYMBOLS:
        return True
    return category == "Cn" and any(low <= char <= high for low, high in _PICTOGRAPHIC_RANGES)


def _joins_emoji(text: str, at: int) -> bool:
    """Whether the ZWJ at `at` joins two emoji: an emoji (after its skin tone or VS16) before, an emoji after."""
    before = at - 1
    while before >= 0 and text[before] in _EMOJI_MODIFIERS:
        before -= 1
    return before >= 0 and at + 1 < len(text) and _is_emoji(text[before]) and _is_emoji(text[at + 1])


def _takes_selector(text: str, at: int) -> bool:
    """Whether the variation selector at `at` follows a character it can modify.

    Without the tables of standardized and ideographic variants, the kinds of character each applies to:
    VS15/VS16 after an emoji or a keycap's digit (before U+20E3), VS1-14 after a letter of a script that has
    variants or a mathematical symbol, the ideographic selectors after a letter (a CJK ideograph is Lo), the
    Mongolian free variation selectors after a Mongolian letter.
    """
    if at == 0:
        return False
    selector, base = text[at], text[at - 1]
    category = unicodedata.category(base)
    if selector in "\ufe0e\ufe0f":
        return _is_emoji(base) or category == "Sm" or (base in _KEYCAP_BASES and text[at + 1:at + 2] == "\u20e3")
    if "\ufe00" <= selector <= "\ufe0d":
        return category in ("Lo", "Sm")
    if selector >= "\U000e0100":
        return category == "Lo"
    return "\u1820" <= base <= "\u18aa"  # a Mongolian free variation selector


def _keep_where_it_works(match: re.Match[str]) -> str:
    found, text, at = match.group(), match.string, match.start()
    if len(found) > 1:  # a whole emoji tag sequence
        return found
    if found == _ZWJ:
        return found if _joins_emoji(text, at) else ""
    if "\U000e0020" <= found <= "\U000e007f":
        return ""
    return found if _takes_selector(text, at) else ""


def without_invisibles(text: str) -> str:
    """`text` with every character single_line may drop removed, even where a label keeps it (ZWJ in 👩‍💻, VS16).

    The form two labels are compared in: "👍" and "👍\ufe0f" show alike, and must not name two things.
    """
    if not _has_invisible(text):
        return text
    return _invisible().sub("", _ESCAPES.sub("", text))


def strip_control_characters(text: str) -> str:
    """Drop terminal escape sequences and control characters, keeping tabs and newlines."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def escape_control_characters(json_text: str) -> str:
    """JSON text with each character strip_control_characters drops written as a \\u escape instead.

    JSON goes to programs, which must get back exactly what they sent (`reader summarize` echoes a
    cluster's id: one stripped of its controls matches nothing), and may pass a terminal on its way:
    escaped, the characters are whole for the program and inert for the terminal. Every such character
    is in the BMP, and outside JSON's syntax can only stand inside a string, where an escape means it.
    """
    if not _CONTROLS.search(json_text):
        return json_text
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


# Floods in body text: more combining marks on one letter than any script stacks ("Zalgo" text, or 20,000
# accents on one letter from a hostile feed), and runs of zero-width characters (one does its work; the rest
# only make the text slow to lay out and hard to search or copy).
MAX_MARKS = 8
_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u1ab0-\u1aff\u1dc0-\u1dff"
          "\u20d0-\u20ff\ufe20-\ufe2f")  # the combining blocks floods are made of (Latin, Cyrillic, Hebrew, Arabic)
_MARK_FLOOD = re.compile(f"([{_MARKS}]{{{MAX_MARKS}}})[{_MARKS}]+")
_ZERO_WIDTH = "\u00ad\u034f\u200b-\u200d\u2060\ufeff"
_ZERO_WIDTH_RUN = re.compile(f"([{_ZERO_WIDTH}])[{_ZERO_WIDTH}]+")


def limit_floods(text: str) -> str:
    """Body text with at most MAX_MARKS combining marks on a letter, no zero-width run, and no hidden tag text.

    Marks and zero-width characters are kept in measure rather than removed: Vietnamese and Hebrew
    stack two to four marks, and Persian needs its zero-width non-joiner. Tag characters outside an
    emoji flag are text nobody sees (ASCII spelt in plane 14): it would reach a digest, a copy and
    paste or a language model unseen, so it goes (reader/text/clean.py applies this to every paragraph).
    """
    text = _ZERO_WIDTH_RUN.sub(r"\1", _MARK_FLOOD.sub(r"\1", text))
    if not text.isascii() and _PAST_BMP.search(text) is not None:
        text = _HIDDEN_TAGS.sub(lambda m: m.group(1) or "", text)
    return text


def fold_whitespace(text: str) -> str:
    """Every run of whitespace (newlines included) becomes one space, and none is left at either end.

    str.split's whitespace is exactly re's \\s, and it is several times faster than re.sub.
    """
    return " ".join(text.split())


def single_line(text: str, limit: int | None = 500) -> str:
    """A safe one-line label (titles, names, reasons): controls and invisibles removed, whitespace folded, capped.

    A letter keeps at most MAX_MARKS combining marks, as in body text (limit_floods): a title of one
    letter under 5,000 accents was a 500-character label that pushed a list row's columns apart.
    """
    if _has_invisible(text):
        text = _visible_only(text)
    if not text.isascii():
        text = _MARK_FLOOD.sub(r"\1", text)
    line = fold_whitespace(text)
    if limit is not None and len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
        if _has_invisible(line):  # the cut may part a ZWJ or a tag sequence from what it joined
            line = fold_whitespace(_visible_only(line))
    return line


def _visible_only(text: str) -> str:
    """Escapes and always-invisible characters removed, and ZWJ, selectors and tags kept only where they work."""
    text = _ALWAYS_DROPPED.sub("", _ESCAPES.sub("", text))
    return _CONTEXTUAL.sub(_keep_where_it_works, text) if _CONTEXTUAL.search(text) else text
