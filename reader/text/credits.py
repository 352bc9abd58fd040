"""Photo captions and credits: a whole line that is a caption, and a credit run into a paragraph's start.

A paragraph is a caption only when the whole of it reads as one: a short line ending in a photo
credit ("… in May (Mirela Iverac/WNYC)"), a line starting "Photo:", or a bare credit. A credit run
into the start of a story paragraph ("(Name/Outlet) The story…", "Name/Getty Images There is…",
"(AP Photo/Name) …", "Photo: Name / Staff …") is split off, so the credit goes to the captions and
the paragraph stays whole in the story. Where a credit's end is unclear (no parentheses), only
outlets we can name end it, so a story's first words are never taken for an outlet.
"""

from __future__ import annotations

import re

from reader.text.words import UPPER

CAPTION_MAX_WORDS = 40
CAPTION_MAX_SENTENCES = 2

# A capitalised name token ("Jane", "J.", "O'Neil", "McDonald", "Al-Sharif") and a run of them.
_NAME = rf"{UPPER}[\w.'’-]*"  # any Latin capital too: "Óscar", "Ángel", "Łukasz"
_NAMES = rf"{_NAME}(?:\s+(?:{_NAME}|de|da|del|della|der|di|du|la|le|van|von|bin|ibn|y)){{0,4}}"
# Outlets whose names end a credit with no parentheses (longest first, so "AP Photo" beats "AP").
_AGENCY = (
    r"(?:(?:AFP|AP|Bloomberg|Reuters|NurPhoto|SOPA Images(?:/LightRocket)?|Anadolu Agency|Pool|Corbis|"
    r"Sipa USA|Xinhua|EPA(?:-EFE)?|Kyodo|Zuma Press|ZUMA Wire)\s*(?:via|/)\s*)?Getty Images"
    r"(?: News| North America| Europe| Entertainment| Sport| Pool)?"
    r"|Getty|AP Photo|AP Images|AP|The Associated Press|Associated Press|Reuters|AFP|EPA-EFE|EPA|Bloomberg|"
    r"Shutterstock|iStock(?:photo)?|Alamy(?: Stock Photo)?|Redux|Polaris|NurPhoto|ZUMA Press|ZUMA Wire|Zuma|"
    r"Sipa USA|Sipa|Xinhua|Kyodo|Yonhap|Anadolu Agency|Tribune News Service|TNS|UPI|Pool|Handout|"
    r"NPR|PBS|CNN|BBC|MSNBC|(?:NBC|ABC|CBS|Fox) News|USA TODAY(?: Network| Sports)?|[KW][A-Z]{2,3}(?:-TV|-FM)?|"
    r"(?i:staff(?: photographer| photo)?|special to (?:the )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?|contributor|"
    r"file(?: photo)?|courtesy(?: photo)?|freelance)"
)
# An outlet named by its last word ("The Press Democrat", "Houston Chronicle") or an acronym ("WNYC").
_OUTLET_WORD = (r"Images?|Photos?|Photography|Press|Wire|Agency|Service|Times|Post|News|Chronicle|Journal|"
                r"Tribune|Herald|Democrat|Gazette|Globe|Sun|Star|Examiner|Observer|Inquirer|Bee|Republic|"
                r"Register|Dispatch|Ledger|Courier|Record|Review|Telegraph|Guardian|Independent|Magazine|"
                r"Bulletin|Monitor|Reporter|Daily|Weekly|Media|Radio|Television|TV|Network|Studio|Studios")
_OUTLET = rf"(?:{_AGENCY}|(?:(?:The|{_NAME})\s+){{0,3}}(?:{_OUTLET_WORD})\b|[A-Z]{{2,6}}(?:-[A-Z]{{2,6}})?\b)"

_PHOTO_WORD = (r"(?:(?:AP|AFP|Reuters|EPA|UPI|Pool|File|Staff|Getty|Handout|Courtesy|Submitted|Contributed|"
               r"Provided)\s+)?(?:photo(?:graph)?s?|images?|illustration|graphic|credit|courtesy|handout|file photo|"
               r"pool photo|special to|provided by|submitted by)")
# The inside of parentheses that is a credit: "AP Photo/Jane Doe", "Photo: X", "Jane Doe/The Press Democrat",
# "Jane Doe/The Washington Post via Getty Images".
_CREDIT_INSIDE = (
    rf"(?i:{_PHOTO_WORD})\b\s*(?:[:/|]|by|of|courtesy of)?\s*[^()]{{0,80}}"
    rf"|{_NAMES}\s*/\s*(?:{_OUTLET}|{_NAMES})(?:\s*/\s*{_NAMES})?(?:\s+via\s+{_OUTLET})?"
    rf"|{_NAMES}\s+(?:via|for)\s+{_OUTLET}"
    r"|Getty Images|Getty|Shutterstock|iStock(?:photo)?|Alamy"
)
# At a paragraph's start the parentheses end the credit, so any outlet after the slash will do.
_PAREN_CREDIT_AT_START = re.compile(rf"^\(\s*(?:{_CREDIT_INSIDE}|{_NAMES}\s*/\s*[A-Z][^()]{{0,60}})\s*\)\s*")
_PAREN_CREDIT_AT_END = re.compile(rf"\(\s*(?:{_CREDIT_INSIDE})\s*\)[.\s]*$")
_FIRST_LAST = rf"{UPPER}[\w'’-]+(?:\s+{UPPER}\.)?(?:\s+(?:de|da|del|van|von|le|la))?\s+{UPPER}[\w'’-]+"
# "Name via Getty Images", "Name for The New York Times": only outlets no group of people is named after.
_VIA_OUTLET = (r"(?:(?:AFP|Bloomberg|NurPhoto|Anadolu Agency|SOPA Images)\s*(?:via|/)\s*)?Getty Images|AP|AFP|Reuters|"
               r"The Associated Press|The New York Times|The Washington Post|Bloomberg|NPR|Shutterstock")
# A credit whose outlet we can name, so its end is certain: "Name/Getty Images", "AP Photo/Jane Doe".
_KNOWN_CREDIT_AT_START = re.compile(
    rf"^(?P<photo>(?i:photo(?:graph)?|image|credit|photo credit|photos|illustration)\s*(?::|by)\s*)?"
    rf"(?:{_NAMES}\s*(?:/|\|)\s*(?:{_AGENCY})\b"
    rf"|{_NAMES}\s+(?:via|for)\s+(?:{_VIA_OUTLET})\b"
    rf"|(?:AP|AFP|Reuters|EPA|UPI|Getty Images|The Associated Press) Photo\s*/\s*{_FIRST_LAST})"
    rf"(?P<tail>\s*[.,:;|—–-]?\s+)"
)
# "Name/The Press Democrat The story…": an outlet known by its last word; the story must start with a capital.
_OUTLET_CREDIT_AT_START = re.compile(
    rf"^{_NAMES}\s*/\s*(?:(?:The|{_NAME})\s+){{0,3}}(?:{_OUTLET_WORD})\b\s*[.,:;|—–-]?\s+"
)
# "Photo: Name / Outlet": the prefix says a credit follows; the outlet's end is found word by word.
_PHOTO_NAME_AT_START = re.compile(
    rf"^(?i:photo(?:graph)?|image|credit|photo credit|photos|illustration)\s*(?::|by)\s*{_NAMES}\s*(?:/|\||,)\s*"
)
# Lower-case words that still belong to a credit's outlet ("Staff photographer").
_OUTLET_LOWER = frozenset({"photographer", "photographers", "contributor", "correspondent", "staff", "photo"})
_OUTLET_END = re.compile(rf"^(?:{_OUTLET_WORD})$")
# Words that start a story's sentence, and so end an outlet's name before them.
_OPENERS = frozenset(
    [
        "The", "A", "An", "In", "On", "At", "But", "And", "As", "After", "Before", "When", "While", "For", "With",
        "It", "He", "She", "They", "We", "I", "This", "That", "These", "Those", "Some", "Many", "More", "Most", "Two",
        "Three", "Since", "During", "Under", "If", "Officials", "Police", "President", "Gov.", "Sen.", "Rep.",
        "Mayor", "Democrats", "Republicans", "Critics", "Supporters", "Protesters", "Residents", "Immigrants",
        "Students"
    ]
)
OUTLET_MAX_WORDS = 4


def _outlet_words(words: list[str]) -> int:
    """How many of `words` name the outlet of a "Photo: Name / …" credit; 0 when unclear."""
    run = 0
    while run < len(words) and run <= OUTLET_MAX_WORDS and (
            words[run][:1].isupper() or (run and words[run].rstrip(".,") in _OUTLET_LOWER)):
        run += 1
    # The story may start with a quotation or a number right after a run of capitalised words.
    starts_after_run = run < len(words) and run <= OUTLET_MAX_WORDS and words[run][:1] in tuple("\"“‘'(0123456789")
    first_possible = 2 if words and words[0] == "The" else 1
    for i in range(first_possible, run):
        after = words[i + 1][:1] if i + 1 < len(words) else "."
        # A dateline ("… Democrat WASHINGTON", "WNYC WASHINGTON (AP) —") starts the story.
        dateline = len(words[i]) > 2 and words[i].isupper() and (not words[i - 1].isupper() or after in "(—–-")
        if words[i] in _OPENERS or dateline:
            return i
    if starts_after_run and run >= first_possible:
        return run
    ends = [i + 1 for i in range(min(run, OUTLET_MAX_WORDS))
            if _OUTLET_END.match(words[i]) or words[i].rstrip(".,").casefold() in _OUTLET_LOWER]
    if ends and ends[-1] < run:
        return ends[-1]
    return first_possible if first_possible < run else 0


_CAPTION_PREFIX = re.compile(r"^(?:photo|image|caption|credit|pictured|above|top|file photo)\s*[:|—–-]\s*|"
                             r"^(?:image|media) (?:caption|copyright)\s|"
                             r"^(?-i:FILE)\s*[-—–]\s+in this\b", re.I)
# "… at the White House on Tuesday. Photograph: Mandel Ngan/AFP/Getty Images" (the Guardian's captions).
_BARE_CREDIT_AT_END = re.compile(
    rf"(?:^|[.!?]\s+)(?i:photograph|photo|photos|picture|image|illustration|composite|credit)\s*:\s*{_NAMES}"
    rf"(?:\s*/\s*{_NAMES}){{0,2}}\.?$"
)
_WHOLE_CREDIT = re.compile(
    rf"^(?:\(\s*(?:{_CREDIT_INSIDE})\s*\)|(?i:{_PHOTO_WORD})\s*(?::|by)\s*{_NAMES}(?:\s*[/|,]\s*[\w .'’&-]{{1,40}})?"
    rf"|{_NAMES}\s*[/|]\s*(?:{_OUTLET}|{_NAMES})(?:\s*/\s*{_NAMES})?|{_NAMES}\s+via\s+{_OUTLET}|{_AGENCY})[.\s]*$"
)
_SENTENCE_END = re.compile(rf"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?{UPPER})")


def split_leading_credit(text: str) -> tuple[str, str] | None:
    """(credit, the paragraph after it) when a photo credit runs into the start of a paragraph, else None."""
    head = text[:90]
    if not text or (text[0] != "(" and "/" not in head and " via " not in head and " for " not in head
                    and not _CAPTION_PREFIX.match(text)):
        return None
    if match := _PAREN_CREDIT_AT_START.match(text):
        end, certain = match.end(), True
    elif match := _KNOWN_CREDIT_AT_START.match(text):
        end, certain = match.end(), "," not in match.group("tail")  # "Jane Doe/AP, a reporter, said…"
    elif match := _OUTLET_CREDIT_AT_START.match(text):
        end, certain = match.end(), False
    elif match := _PHOTO_NAME_AT_START.match(text):
        words = text[match.end():].split(" ", OUTLET_MAX_WORDS + 2)
        outlet = _outlet_words(words)
        if not outlet:
            return None
        end, certain = match.end() + len(" ".join(words[:outlet])) + 1, False
    else:
        return None
    credit, rest = text[:end].strip(), text[end:].strip()
    if len(rest.split()) < 3:
        return None  # the whole line is a caption or credit, not a paragraph with one run into it
    first = rest.lstrip("\"“‘'([")[:1]
    if not certain and not (first.isupper() or first.isdigit()):
        return None  # "Jane Doe/Reuters, the agency, said…": the story's own words, not a credit
    return credit.rstrip(" .,:;|—–-"), rest


def split_caption(text: str) -> tuple[str, str] | None:
    """(caption, the story's sentences after it) when a line opened as a caption ("Photo: The council chamber during
    the vote.") goes on with sentences that are neither caption nor credit ("The mayor said the ban was never
    discussed."): a caption's label says what its first sentence is, not what a reporter wrote after it."""
    if not _CAPTION_PREFIX.match(text) or _PAREN_CREDIT_AT_END.search(text) or _BARE_CREDIT_AT_END.search(text):
        return None  # a caption ending in its credit is one whole, however many sentences it has
    end = _SENTENCE_END.search(text)
    if end is None:
        return None
    caption, rest = text[:end.end()].strip(), text[end.end():].strip()
    if _WHOLE_CREDIT.match(rest) or len(rest.split()) < 3:
        return None  # "Photo: The chamber. Jane Doe/WNYC": the credit ends the caption
    return caption, rest


def is_caption(text: str) -> bool:
    """A short line ending in a photo credit, starting "Photo:", or only a credit, is a caption, not body text."""
    words = len(text.split())
    if words > CAPTION_MAX_WORDS:
        return False
    if _WHOLE_CREDIT.match(text):
        return True
    if len(_SENTENCE_END.findall(text)) >= CAPTION_MAX_SENTENCES:
        return False  # three sentences or more read as a story paragraph, whatever credit ends it
    # "Photo: Name / Outlet The story…" whose credit could not be split is a paragraph, not a caption.
    return bool(_PAREN_CREDIT_AT_END.search(text) or _BARE_CREDIT_AT_END.search(text)
                or (_CAPTION_PREFIX.match(text) and "/" not in text))


# A credit inside a sentence: in parentheses, a known outlet's credit run into the next words, or after "Photo:".
_CREDIT_IN_TEXT = re.compile(
    rf"\(\s*(?:{_CREDIT_INSIDE})\s*\)|{_NAMES}\s*/\s*(?:{_AGENCY})\s+(?=[\"“‘A-Z])"
    rf"|\b(?i:photograph|photo|photos|image|credit)\s*:\s*{_NAME}"
)


def holds_credit(sentence: str) -> bool:
    """Whether a photo credit or caption is in the sentence anywhere, so it is not the story's own prose.

    The digest quotes summary sentences verbatim, so one with a credit run into it
    ("(Christopher Chung/The Press Democrat) Alicia Roman holds…") must be left out, by the same
    rules that set credits apart when cleaning.
    """
    if "/" not in sentence and "(" not in sentence and ":" not in sentence and not _CAPTION_PREFIX.match(sentence):
        return False
    return (split_leading_credit(sentence) is not None or is_caption(sentence)
            or _CREDIT_IN_TEXT.search(sentence) is not None)
