"""Datelines a story opens with ("WASHINGTON (AP) —", "(CNN)", "Computerworld -"), cut off its first sentence.

Where a story was filed is not what it says: summaries and New today compare and show sentences
without it, and stored sentence signatures (reader/text/signatures.py) are made without it too.
"""

from __future__ import annotations

import re

# "WASHINGTON (Civic Wire) — ", "NEW YORK, Sept. 16 (AP) - ": an all-caps city, maybe a date and an agency.
_CITY_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,[^—–(]{1,30})?(?:\s*\([^)]{1,40}\))?\s+[—–-]+\s+")
# "(CNN) ", "(Reuters) - ": an agency in brackets opening the story.
_AGENCY_DATELINE = re.compile(r"^\([A-Z][\w.&' -]{0,30}\)\s*(?:[—–-]+\s*)?(?=[\"“‘A-Z0-9])")
# "Computerworld - Apple today ...": one or two capitalised words and a spaced dash.
_OUTLET_DATELINE = re.compile(r"^[A-Z][\w.&']*(?:\s[A-Z][\w.&']*)?\s+[—–-]{1,2}\s+(?=[\"“A-Z])")


def strip_dateline(sentence: str) -> str:
    """The sentence without an opening dateline: city, agency in brackets, or outlet and dash."""
    for pattern in (_CITY_DATELINE, _AGENCY_DATELINE, _OUTLET_DATELINE):
        stripped = pattern.sub("", sentence, count=1)
        if stripped != sentence:
            return stripped
    return sentence


# The agency a city or bare dateline credits: "WASHINGTON (Civic Wire) —" -> "Civic Wire".
_CREDIT = re.compile(r"^\W{0,3}(?:[A-Z][A-Z .'’-]{2,40}(?:,[^—–(]{1,30})?\s*)?\(([A-Z][\w.&' -]{0,40})\)\s*[—–-]")


def dateline_credit(text: str) -> str | None:
    """The outlet a story's opening dateline names as its source ("WASHINGTON (Civic Wire) —"), else None.

    A copy cannot make the original's dateline its own: the outlet it names is the story's source.
    """
    found = _CREDIT.match(text[:120].lstrip())
    return found.group(1).strip() if found else None
