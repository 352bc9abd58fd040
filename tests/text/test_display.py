"""Bylines and dates as a person reads them: the one helper the reader, `reader show` and the digest share."""

from __future__ import annotations

import pytest

from reader.commands.show import render_text
from reader.text.clean import clean_article
from reader.text.display import display_byline, display_credit, display_date


def test_dates_read_as_day_month_year_and_utc_time() -> None:
    assert display_date("2026-11-30T09:30:00+00:00") == "30 Nov 2026, 09:30 UTC"
    assert display_date("2026-11-30T04:30:00-05:00") == "30 Nov 2026, 09:30 UTC"  # the same moment
    assert display_date("2026-12-01T09:30:00Z") == "1 Dec 2026, 09:30 UTC"
    assert display_date("Mon, 30 Nov 2026 09:30:00 GMT") == "30 Nov 2026, 09:30 UTC"  # as a feed writes it
    assert display_date("2026-11-30") == "30 Nov 2026"  # no time given: none is made up
    assert display_date("next \x1b[31mweek") == "next week"  # not a date: shown as given, made safe
    assert display_date(None) == display_date("  ") == ""


def test_a_byline_is_the_name_and_only_when_it_is_not_the_outlet() -> None:
    assert display_byline("news@countyherald.example (Pat Quinn)") == "Pat Quinn"
    assert display_credit("news@countyherald.example (Pat Quinn)", "County Herald") == "Pat Quinn"
    assert display_credit("Civic Wire", "Civic Wire") is None
    assert display_credit("news@countyherald.example", "County Herald") is None
    assert display_byline("<news@countyherald.example>") is None


def test_a_byline_with_an_at_sign_that_is_no_address_is_shown_as_written() -> None:
    """A feed's author "[@click=app.quit]Mallory[/]" once vanished as if it were an email address (try8)."""
    assert display_byline("[@click=app.quit]Mallory[/]") == "[@click=app.quit]Mallory[/]"
    assert display_byline("@civicwire") == "@civicwire"


def test_show_prints_the_readable_byline_date_and_the_unattributed_mark() -> None:
    html = ("<p>The board met.</p><p>“We will not accept a mandate that drives up costs for small firms,” one "
            "contractor said at the hearing on Monday evening.</p><p>The rule, long known as “the fairest deal "
            "local workers ever had,” was first proposed in May.</p>")
    article = clean_article(html, title="Board weighs rule", byline="news@countyherald.example (Pat Quinn)",
                            source="County Herald", published="2026-11-30T09:30:00+00:00", kind="html")
    shown = render_text(article, 78)
    assert "County Herald · Pat Quinn · 30 Nov 2026, 09:30 UTC" in shown
    assert "news@" not in shown and "2026-11-30T" not in shown
    assert [q.speaker for q in article.pinned_quotes] == ["one contractor", None]  # a described speaker, as written
    unattributed = [q for q in article.pinned_quotes if q.speaker is None]
    flat = " ".join(shown.replace("▌", "").split())
    assert f"{unattributed[0].text}” — unattributed" in flat
    # A described speaker is what the outlet quoted, as the digest says it, not a name.
    assert "small firms” — County Herald, quoting one contractor" in flat


def test_show_gives_a_described_speaker_without_an_outlet_as_quoted() -> None:
    article = clean_article("<p>“We will not accept a mandate that drives up costs,” a spokeswoman for ICE said.</p>",
                            title="Rule", byline=None, source=None, published=None, kind="html")
    assert "costs” — quoting a spokeswoman for ICE" in " ".join(render_text(article, 78).replace("▌", "").split())


@pytest.mark.parametrize("byline", [
    "Mark Pilgrim (mark@example.org)", "mark@example.org (Mark Pilgrim)", "Mark Pilgrim <mark@example.org>",
    "<mark@example.org> Mark Pilgrim", "By Mark Pilgrim (mark@example.org)", "Mark Pilgrim, mailto:mark@example.org",
    "mark@example.org ( Mark Pilgrim )",
])
def test_an_email_beside_a_name_is_never_shown(byline: str) -> None:
    assert display_byline(byline) == "Mark Pilgrim"
    assert display_credit(byline, "Dive Into Mark") == "Mark Pilgrim"


def test_each_author_of_several_keeps_a_name_without_an_address() -> None:
    assert display_byline("a@x.org (Ann Lee), b@y.org (Bo Chan)") == "Ann Lee, Bo Chan"
    assert display_byline("Ann Lee (a@x.org) and Bo Chan <b@y.org>") == "Ann Lee and Bo Chan"
    assert display_byline("mailto:mark@example.org") is None and display_byline("mark@example.org ()") is None
    assert display_byline("Pat (PQ) Quinn") == "Pat (PQ) Quinn"


@pytest.mark.parametrize(("byline", "shown"), [
    ("By JANE DOE and JOHN ROE, Associated Press", "Jane Doe and John Roe, Associated Press"),
    ("MARY MCDONALD", "Mary McDonald"), ("SEAN O'NEILL, AP", "Sean O'Neill, AP"),
    ("JEAN-PAUL SARTRE JR.", "Jean-Paul Sartre Jr."), ("By JOSÉ ÁLVAREZ", "José Álvarez"),
    # Left as written: an acronym, a part of one word, a name the publisher wrote in mixed case.
    ("NPR STAFF", "NPR STAFF"), ("Jane Doe, AP", "Jane Doe, AP"), ("AP", "AP"),
    ("Tara McDONALD and JOHN ROE", "Tara McDONALD and JOHN ROE"), ("Ron DeSANTIS", "Ron DeSANTIS"),
])
def test_a_wire_byline_in_capitals_reads_as_names(byline: str, shown: str) -> None:
    """try11 F46: wire bylines kept shouting; only a part wholly in capitals, of two words or more, is changed."""
    assert display_byline(byline) == shown


def test_show_wraps_its_title_credit_and_repairs_to_the_width_like_the_body() -> None:
    article = clean_article("<p>\u00e2\u20ac\u0153Quote,\u00e2\u20ac said someone about the vote.</p><p>Again.</p>"
                            "<p>Again.</p>", kind="html", title="A very long title about the county council and its "
                            "immigration agreement vote", byline="Pat Quinn (pat@example.org)",
                            source="The County Herald of Somewhere Far", published="2026-11-30T09:30:00Z")
    assert len(article.repairs) >= 2
    lines = render_text(article, 40).splitlines()
    assert all(len(line) <= 40 for line in lines), [line for line in lines if len(line) > 40]
    shown = "\n".join(lines)
    assert "Repairs: restored 1 closing quote lost" in shown and "\n  " in shown.split("Repairs:")[1]
    assert "Pat Quinn" in " ".join(shown.split()) and "pat@example.org" not in shown
