"""`reader digest --date`: a bad day is refused in the calendar's words; a day that has not come says so."""

from __future__ import annotations

from datetime import date

import pytest

from reader.commands.digest import DigestError, parse_day
from reader.digest.model import Digest
from reader.digest.render import render_digest


@pytest.mark.parametrize(("given", "says"), [
    ("2026-02-30", "February 2026 has 28 days"),
    ("2025-02-29", "February 2025 has 28 days"),
    ("2026-04-31", "April 2026 has 30 days"),
    ("2026-13-01", "there is no month 13 (months are 01 to 12)"),
    ("2026-00-10", "there is no month 0"),
    ("2026-01-00", "January 2026 has 31 days"),
    ("9999-01-01", "give a day from 1900-01-01 to 9998-12-31"),
    ("0000-01-01", "give a day from 1900-01-01 to 9998-12-31"),
    ("1899-12-31", "give a day from 1900-01-01 to 9998-12-31"),
    ("tomorrow", "expected YYYY-MM-DD, for example 2026-11-30"),
    ("", "expected YYYY-MM-DD"),
    (" 2026-11-30", "expected YYYY-MM-DD"),
    ("2026-1-30", "expected YYYY-MM-DD"),
    ("２０２６-１１-３０", "expected YYYY-MM-DD"),  # digits of another script are no date
])
def test_a_bad_date_is_refused_saying_what_is_wrong(given: str, says: str) -> None:
    with pytest.raises(DigestError) as refused:
        parse_day(given)
    assert f"invalid --date {given!r}: " in str(refused.value) and says in str(refused.value)
    assert "out of range for month" not in str(refused.value) and refused.value.status == 2


def test_good_dates() -> None:
    assert parse_day("2024-02-29") == date(2024, 2, 29)
    assert parse_day("1900-01-01") == date(1900, 1, 1) and parse_day("9998-12-31") == date(9998, 12, 31)
    assert parse_day(None) == date.today()


def _empty(day: date, today: date | None, nearest: tuple[date | None, date | None]) -> str:
    return render_digest(Digest(day, 5, 0, 5, (), (), (), None, (), (), nearest_days=nearest, today=today))


def test_a_day_that_has_not_come_says_so() -> None:
    text = _empty(date(2026, 12, 3), date(2026, 12, 2), (date(2026, 12, 2), None))
    assert ("This day has not come yet (the digest was made on Wednesday 2 December 2026), so no article has been "
            "first seen on it. The store's nearest articles were first seen before it on Wednesday 2 December 2026 "
            "(`reader digest --date 2026-12-02`).") in text
    assert "No new articles were first seen" not in text


def test_a_quiet_past_day_says_it_had_no_articles() -> None:
    text = _empty(date(1900, 1, 1), None, (None, date(2026, 12, 2)))
    assert ("No new articles were first seen on this day, so there is no coverage to report. The store's nearest "
            "articles were first seen after it on Wednesday 2 December 2026") in text
    assert "not come yet" not in text
