"""How bylines and dates read wherever a person sees them: the reading view, `reader show` and the digest.

One helper for each, so the digest's "Pat Quinn" is never "news@x.example (Pat Quinn)" in the
reader, and a stored "2026-11-30T09:30:00+00:00" always reads "30 Nov 2026, 09:30 UTC". Times are
shown in UTC, labelled as such: stored stamps carry their own offsets, and one zone named
explicitly reads the same on a laptop, a server and in a digest sent elsewhere.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from reader.text.sanitize import single_line

# An email address: a name-like local part and a dotted domain ("[@click=x]Mallory[/]" and "@civicwire" are names).
_ADDRESS = r"(?:mailto:)?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"
# RSS 2.0's form puts the address first and the name in brackets: "mark@example.org (Mark Pilgrim)".
_NAME_AFTER_ADDRESS = re.compile(rf"<?{_ADDRESS}>?\s*\(\s*([^()]*?\w[^()]*?)\s*\)")
# The name first, the address bracketed after it: "Mark Pilgrim (mark@example.org)", "Pat Quinn <pat@x.example>".
_BRACKETED_ADDRESS = re.compile(rf"\s*[(<\[]\s*{_ADDRESS}\s*[)>\]]")
_BARE_ADDRESS = re.compile(rf"<?{_ADDRESS}>?")
_LOOSE_ENDS = re.compile(r"^[\s,;:|/·–—-]+|[\s,;:|/·–—-]+$")
_BY = re.compile(r"^\s*by\s+(?=\S)", re.I)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def display_byline(author: str | None) -> str | None:
    """The author's name as a reader expects it, without an email address beside it; None when there is no name.

    "Mark Pilgrim (mark@example.org)", "mark@example.org (Mark Pilgrim)" (RSS's form) and "Mark Pilgrim
    <mark@example.org>" all read "Mark Pilgrim": an address is no name, and a byline that is only an
    address names no one.
    """
    if not author or not author.strip():
        return None
    name = author
    if "@" in name:
        name = _BRACKETED_ADDRESS.sub("", _NAME_AFTER_ADDRESS.sub(r"\1", name))
        name = _BARE_ADDRESS.sub(" ", name).replace("()", " ")
        name = _LOOSE_ENDS.sub("", " ".join(name.split()).replace(" ,", ","))
    return _calm_capitals(_BY.sub("", name).strip()) or None


_JOINERS = frozenset({"and", "&", "AND"})
_SUFFIXES = {"JR": "Jr", "JR.": "Jr.", "SR": "Sr", "SR.": "Sr.", "II": "II", "III": "III", "IV": "IV"}
_VOWEL = re.compile(r"[AEIOUYÀ-ÖØ-Ý]")


def _calm_capitals(byline: str) -> str:
    """A wire byline's names in capitals as names read ("JANE DOE and JOHN ROE, Associated Press" is "Jane Doe and
    John Roe, Associated Press"). Only a part (between commas) of two words or more all in capitals is changed, and
    not one with a word no name has (an acronym without a vowel: "NPR STAFF"); a name the publisher wrote in mixed
    case ("Tara McDONALD") is theirs, so a part holding one is left as written."""
    parts = byline.split(",")
    for i, part in enumerate(parts):
        words = [w for w in part.split() if w not in _JOINERS]
        if (len(words) >= 2 and all(w.isupper() for w in words)
                and all(_VOWEL.search(w) or w in _SUFFIXES for w in words)):
            parts[i] = " ".join(w if w in _JOINERS else _SUFFIXES.get(w) or _name_case(w) for w in part.split(" "))
    return ",".join(parts)


_LETTERS = re.compile(r"[^\W\d_]+")


def _name_case(word: str) -> str:
    """One word of a name from capitals: "DOE" is "Doe", "O'NEILL" "O'Neill", "JEAN-PAUL" "Jean-Paul", "MCDONALD"
    "McDonald" ("DESANTIS" is "Desantis": which letters a name capitalises inside is not known from capitals)."""
    def piece(m: re.Match[str]) -> str:
        text = m.group(0)
        return f"Mc{text[2:].capitalize()}" if text.startswith("MC") and len(text) > 3 else text.capitalize()
    return _LETTERS.sub(piece, word)


def parse_stamp(stamp: str | None) -> datetime | None:
    """A stored or page-given timestamp (ISO 8601, or RFC 822 as feeds write it) as an aware datetime; a stamp
    without a zone is taken as UTC (the store writes UTC); None when it is not a date at all."""
    if not stamp or not stamp.strip():
        return None
    text = stamp.strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def display_day(day: date) -> str:
    """"30 Nov 2026": the day first, the month in letters, so it reads the same in every English locale."""
    return f"{day.day} {day:%b %Y}"


def display_date(stamp: str | None) -> str:
    """"30 Nov 2026, 09:30 UTC" (only "30 Nov 2026" for a date without a time); what is not a date is shown as
    given, made safe, rather than hidden; "" for none."""
    if not stamp or not stamp.strip():
        return ""
    when = parse_stamp(stamp)
    if when is None:
        return single_line(stamp, 60)
    if _DATE_ONLY.match(stamp.strip()):
        return display_day(when.date())
    when = when.astimezone(UTC)
    return f"{display_day(when.date())}, {when:%H:%M} UTC"


def display_dated(published: str | None, seen_instead: str | None = None) -> str:
    """display_date of `published`; with `seen_instead` (a published date in the future), that date first, and why.

    "2 Dec 2026, 05:10 UTC (first seen; the feed dates it 1 Jan 2030, 00:00 UTC, in the future)": a
    date not come yet is no publication date, so the article is placed as first seen, and the claim shown.
    """
    if not seen_instead:
        return display_date(published)
    return f"{display_date(seen_instead)} (first seen; the feed dates it {display_date(published)}, in the future)"


def display_credit(byline: str | None, source: str | None = None) -> str | None:
    """The byline to show beside the outlet: None when it names no one or only repeats the outlet's name."""
    name = display_byline(byline)
    return name if name and name != source else None
