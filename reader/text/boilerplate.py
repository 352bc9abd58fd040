"""Recognises lines that are not article text: photo captions and credits, share/subscribe prompts."""

from __future__ import annotations

import re

# "Rally ... in May (Mirela Iverac/WNYC)", "(Photo: Capitol Dispatch)", "(AP Photo/Jane Doe)"
_CREDIT = re.compile(r"\((?:[^()]{0,40}\b(?:photo|image|credit|courtesy|file)\b[^()]{0,60}"
                     r"|[A-Z][^()/]{1,40}/[A-Z][^()]{1,40})\)\s*$", re.I)
_CAPTION_PREFIX = re.compile(r"^(?:photo|image|caption|credit|pictured|above|top|file photo)\s*[:|—–-]\s*", re.I)
_BOILERPLATE = re.compile(
    r"^(?:share (?:this|on)\b|share$|tweet$|email this|print this|subscribe\b|sign up\b|follow us\b|"
    r"read more\b|continue reading\b|click here\b|related(?: stories| articles)?:?$|advertisement$|"
    r"check back for updates\b|this (?:story|article) (?:has been|was) updated\b|download (?:the|our) app\b|"
    r"comments?$|\d+ comments?$)",
    re.I,
)
CAPTION_MAX_WORDS = 40
BOILERPLATE_MAX_CHARS = 120


def is_caption(text: str) -> bool:
    """A short line ending in a photo credit, or starting "Photo:", is a caption, not body text."""
    if len(text.split()) > CAPTION_MAX_WORDS:
        return False
    return bool(_CREDIT.search(text) or _CAPTION_PREFIX.match(text))


def is_boilerplate(text: str) -> bool:
    return len(text) <= BOILERPLATE_MAX_CHARS and _BOILERPLATE.match(text.strip()) is not None
