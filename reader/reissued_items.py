"""A feed that re-issues one item under a new guid and link each fetch, with only a timestamp or count changed.

Some feeds stamp their item with the time the document was made ("(updated 05:11:18)") and give
it a fresh guid and link every time; each fetch stored another article (try11 F37: five fetches,
five articles, four "stories", the digest citing one sentence [1][2][3][4]). Story folding cannot
be relied on for them: on a 40-word text each changed number spoils up to four of its ~40 word
runs, and two stamps put the pair just under folding's 85% (0.846 measured).

An item is the re-issue of a stored article of its feed when their title and text are the same
once every digit is dropped (ASCII case aside), the article changed within REISSUE_WINDOW,
and no other item of the current document has that text: items that stand side by side in one
document (a daily template, a docket) are different articles, and are never merged. A re-issue
updates the article in place (its read and starred state kept, as for any update: only numbers
changed). What is compared is `reissue_key`, a hash stored with each article.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta

REISSUE_WINDOW = timedelta(hours=12)  # an hourly re-issue is caught; a daily item is left alone
MIN_WORDS = 8  # fewer words without digits say too little to call two items one
_SHORT = 400  # bytes: only a text this short is counted for words (a longer one with fewer is no news item)


def reissue_key(title: str, text: str) -> str | None:
    """The hash re-issues of one item share: its title and text without digits, ASCII case aside.

    None for a text of fewer than MIN_WORDS words (a bare headline, a list of numbers). Bytes
    throughout (translate, lower): a quarter of the cost of a regular expression and str.casefold,
    and it runs for every entry parsed. The parser's text is already spaced alike.
    """
    data = f"{title}\n{text}".encode("utf-8", "surrogatepass").translate(None, b"0123456789").lower()
    if len(data) < _SHORT and len(data.split()) < MIN_WORDS:
        return None
    return hashlib.sha1(data).hexdigest()[:24]


def shared(keys: Iterable[str | None]) -> set[str]:
    """The keys more than one item of a document has: those items stand side by side and are no re-issues."""
    return {key for key, count in Counter(k for k in keys if k is not None).items() if count > 1}
