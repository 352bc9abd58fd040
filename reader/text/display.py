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

# "news@countyherald.example (Pat Quinn)" and "Pat Quinn <pat@x.example>" (RSS 2.0 puts an email first).
_EMAIL_WITH_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<a>[^()]+)\)\s*$|^\s*(?P<b>[^<>@]+?)\s*<\S+@\S+>\s*$")
# An address alone: a name-like local part and a dotted domain ("[@click=x]Mallory[/]" is a name, if an odd one).
_EMAIL = re.compile(r"^\s*<?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+>?\s*$")
_BY = re.compile(r"^\s*by\s+(?=\S)", re.I)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def display_byline(author: str | None) -> str | None:
    """The author's name as a reader expects it; None when there is no name (a bare email address)."""
    if not author or not author.strip():
        return None
    m = _EMAIL_WITH_NAME.match(author)
    name = (m.group("a") or m.group("b")) if m else author
    if _EMAIL.match(name):
        return None
    return _BY.sub("", name).strip() or None


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


def display_credit(byline: str | None, source: str | None = None) -> str | None:
    """The byline to show beside the outlet: None when it names no one or only repeats the outlet's name."""
    name = display_byline(byline)
    return name if name and name != source else None
