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

CAPTION_MAX_WORDS = 40
CAPTION_MAX_SENTENCES = 2

# A capitalised name token ("Jane", "J.", "O'Neil", "McDonald", "Al-Sharif") and a run of them.
_NAME = r"[A-Z][\w.'’-]*"
_NAMES = rf"{_NAME}(?:\s+(?:{_NAME}|de|da|del|della|der|di|du|la|le|van|von|bin|ibn|y)){{0,4}}"
# Outlets whose names end a credit with no parentheses (longest first, so "AP Photo" beats "AP").
_AGENCY = (
    r"(?:(?:AFP|AP|Bloomberg|Reuters|NurPhoto|SOPA Images(?:/LightRocket)?|Anadolu Agency|Pool|Corbis|"
    r"Sipa USA|Xinhua|EPA(?:-EFE)?|Kyodo|Zuma Press|ZUMA Wire)\s*(?:via|/)\s*)?Getty Images"
    r"|Getty|AP Photo|AP Images|AP|The Associated Press|Associated Press|Reuters|AFP|EPA-EFE|EPA|Bloomberg|"
    r"Shutterstock|iStock(?:photo)?|Alamy(?: Stock Photo)?|Redux|Polaris|NurPhoto|ZUMA Press|ZUMA Wire|Zuma|"
    r"Sipa USA|Sipa|Xinhua|Kyodo|Yonhap|Anadolu Agency|Tribune News Service|TNS|UPI|Pool|Handout|"
    r"(?i:staff(?: photographer| photo)?|special to (?:the )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?|contributor|"
    r"file(?: photo)?|courtesy(?: photo)?|freelance)"
)
# An outlet named by its last word ("The Press Democrat", "Houston Chronicle") or an acronym ("WNYC").
_OUTLET_WORD = (r"Images?|Photos?|Photography|Press|Wire|Agency|Service|Times|Post|News|Chronicle|Journal|"
                r"Tribune|Herald|Democrat|Gazette|Globe|Sun|Star|Examiner|Observer|Inquirer|Bee|Republic|"
                r"Register|Dispatch|Ledger|Courier|Record|Review|Telegraph|Guardian|Independent|Magazine|"
                r"Bulletin|Monitor|Reporter|Daily|Weekly|Media|Radio|Television|TV|Network|Studio|Studios")
_OUTLET = rf"(?:{_AGENCY}|(?:(?:The|{_NAME})\s+){{0,3}}(?:{_OUTLET_WORD})\b|[A-Z]{{2,6}}(?:-[A-Z]{{2,6}})?\b)"
_STARTS_SENTENCE = r"(?=[\"“‘'(\[]?[A-Z0-9])"

_PHOTO_WORD = (r"(?:(?:AP|AFP|Reuters|EPA|UPI|Pool|File|Staff|Getty|Handout|Courtesy)\s+)?"
               r"(?:photo(?:graph)?s?|images?|illustration|graphic|credit|courtesy|handout|file photo|pool photo)")
# The inside of parentheses that is a credit: "AP Photo/Jane Doe", "Photo: X", "Jane Doe/The Press Democrat".
_CREDIT_INSIDE = (
    rf"(?i:{_PHOTO_WORD})\b\s*(?:[:/|]|by|of|courtesy of)?\s*[^()]{{0,80}}"
    rf"|{_NAMES}\s*/\s*(?:{_OUTLET}|{_NAMES})(?:\s*/\s*{_NAMES})?"
    rf"|{_NAMES}\s+(?:via|for)\s+{_OUTLET}"
    r"|Getty Images|Getty|Shutterstock|iStock(?:photo)?|Alamy"
)
_PAREN_CREDIT_AT_START = re.compile(rf"^\(\s*(?:{_CREDIT_INSIDE})\s*\)\s+{_STARTS_SENTENCE}")
_PAREN_CREDIT_AT_END = re.compile(rf"\(\s*(?:{_CREDIT_INSIDE})\s*\)[.\s]*$")
_FIRST_LAST = r"[A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+(?:de|da|del|van|von|le|la))?\s+[A-Z][\w'’-]+"
_BARE_CREDIT_AT_START = re.compile(
    rf"^(?:(?i:photo(?:graph)?|image|credit|photo credit|photos|illustration)\s*(?::|by)\s*{_NAMES}"
    rf"\s*(?:/|\||,|via|for)\s*{_OUTLET}"
    rf"|{_NAMES}\s*/\s*(?:{_AGENCY})"
    rf"|{_NAMES}\s+(?:via|for)\s+(?:{_AGENCY}|The New York Times|The Washington Post)"
    rf"|(?:AP|AFP|Reuters|EPA|UPI|Getty Images|The Associated Press) Photo\s*/\s*{_FIRST_LAST})"
    rf"\s*[.,:;|—–-]?\s+{_STARTS_SENTENCE}"
)
_CAPTION_PREFIX = re.compile(r"^(?:photo|image|caption|credit|pictured|above|top|file photo)\s*[:|—–-]\s*", re.I)
_WHOLE_CREDIT = re.compile(
    rf"^(?:\(\s*(?:{_CREDIT_INSIDE})\s*\)|(?i:{_PHOTO_WORD})\s*(?::|by)\s*[^.]{{1,80}}"
    rf"|{_NAMES}\s*/\s*(?:{_OUTLET})|{_NAMES}\s+via\s+{_OUTLET})[.\s]*$"
)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z])")


def split_leading_credit(text: str) -> tuple[str, str] | None:
    """(credit, the paragraph after it) when a photo credit runs into the start of a paragraph, else None."""
    head = text[:90]
    if not text or (text[0] != "(" and "/" not in head and " via " not in head and " for " not in head
                    and not _CAPTION_PREFIX.match(text)):
        return None
    match = _PAREN_CREDIT_AT_START.match(text) or _BARE_CREDIT_AT_START.match(text)
    if match is None:
        return None
    credit, rest = text[: match.end()].strip(), text[match.end():].strip()
    if len(rest.split()) < 3:
        return None  # the whole line is a caption or credit, not a paragraph with one run into it
    return credit.rstrip(" .,:;|—–-"), rest


def is_caption(text: str) -> bool:
    """A short line ending in a photo credit, starting "Photo:", or only a credit, is a caption, not body text."""
    words = len(text.split())
    if words > CAPTION_MAX_WORDS:
        return False
    if _WHOLE_CREDIT.match(text):
        return True
    if len(_SENTENCE_END.findall(text)) >= CAPTION_MAX_SENTENCES:
        return False  # three sentences or more read as a story paragraph, whatever credit ends it
    return bool(_PAREN_CREDIT_AT_END.search(text) or _CAPTION_PREFIX.match(text))
