"""A quote credited to a surname ("Johnson said", "Mr. Johnson said") is credited as the article named that person
in full before it, role and all ("Homeland Security Secretary Jeh Johnson"), as a quote whose own sentence names
the person in full is; never to one of two people sharing the surname, nor to a name given only after the quote."""

from __future__ import annotations

import time

import pytest

from reader.text.quotes import find_key_quotes

QUOTE = "“Secure Communities has become a symbol for general hostility toward the enforcement of our laws,”"
LEAD = "Homeland Security Secretary Jeh Johnson said the program would be replaced by a narrower effort."


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # The tester's wire story: the paragraph before names him in full with his role.
        ([LEAD, f"{QUOTE} Johnson said in a memo to agency leaders."], "Homeland Security Secretary Jeh Johnson"),
        ([LEAD, f"{QUOTE} Mr. Johnson said."], "Homeland Security Secretary Jeh Johnson"),
        ([LEAD, f"Johnson said: {QUOTE}"], "Homeland Security Secretary Jeh Johnson"),
        # The fullest mention, though a plainer one is nearer.
        ([LEAD, "Jeh Johnson spoke briefly.", f"{QUOTE} Johnson said."], "Homeland Security Secretary Jeh Johnson"),
        # Named in full earlier in the quote's own sentence.
        ([f"After Jeh Johnson met the sheriffs, Johnson said: {QUOTE}"], "Jeh Johnson"),
        # As the samples credit "ICE Director John Morton".
        (["ICE Director John Morton defended the program.", f"{QUOTE} Morton said."], "ICE Director John Morton"),
        # A dateline, an opening word or a body's possessive is no part of the role.
        (["WASHINGTON Homeland Security Secretary Jeh Johnson spoke.", f"{QUOTE} Johnson said."],
         "Homeland Security Secretary Jeh Johnson"),
        (["On Tuesday Jeh Johnson spoke.", f"{QUOTE} Johnson said."], "Jeh Johnson"),
        (["The Department of Homeland Security’s Jeh Johnson spoke.", f"{QUOTE} Johnson said."], "Jeh Johnson"),
        (["Secretary of Homeland Security Jeh C. Johnson spoke.", f"{QUOTE} Johnson said."],
         "Secretary of Homeland Security Jeh C. Johnson"),
        # Found by "he" through a surname: credited in full too.
        ([LEAD, f"Johnson disagreed. {QUOTE} he said."], "Homeland Security Secretary Jeh Johnson"),
    ],
)
def test_a_surname_credit_is_the_person_named_in_full_before(paragraphs: list[str], speaker: str) -> None:
    [quote] = find_key_quotes(paragraphs)
    assert quote.speaker == speaker
    assert not quote.described


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # Two Johnsons: which one spoke is not said, so the credit stays as written.
        ([LEAD, "Former President Lyndon Johnson signed the law.", f"{QUOTE} Johnson said."], "Johnson"),
        ([LEAD, "Former President Lyndon Johnson signed the law.", f"{QUOTE} Mr. Johnson said."], "Mr. Johnson"),
        # A title says the one named is someone else: "Ms. Johnson" is not Mr. Jeh Johnson.
        (["Mr. Jeh Johnson spoke.", f"{QUOTE} Ms. Johnson said."], "Ms. Johnson"),
        # Named in full only after the quote: nothing before says who.
        ([f"{QUOTE} Johnson said.", LEAD], "Johnson"),
        # No one of that surname named: as written.
        (["The program ended.", f"{QUOTE} Lopez said."], "Lopez"),
        # A full credit, a body and a description are left alone.
        ([LEAD, f"{QUOTE} said Lyndon Johnson."], "Lyndon Johnson"),
        (["The Department of Homeland Security ended it.", f"{QUOTE} ICE said."], "ICE"),
    ],
)
def test_a_surname_credit_that_could_be_anyone_stays_as_written(paragraphs: list[str], speaker: str) -> None:
    [quote] = find_key_quotes(paragraphs)
    assert quote.speaker == speaker


def test_full_names_stay_linear() -> None:
    """The article's full names are read once: 4,000 quotes credited by surname cost a look-up each."""
    surnames = ["L" + "".join("abcdefghij"[int(d)] for d in str(n)) for n in range(4000)]  # "Lb", "Lc", ...
    paragraphs = [LEAD, *[f"Ann {name} spoke. “It failed every one of us, {name},” {name} said." for name in surnames]]
    paragraphs += [f"{QUOTE} Johnson said."]
    began = time.process_time()  # CPU, not wall: a loaded machine must not fail it; quadratic would take minutes
    quotes = find_key_quotes(paragraphs)
    assert time.process_time() - began < 10
    assert {q.speaker for q in quotes if "Johnson" in (q.speaker or "")} == {"Homeland Security Secretary Jeh Johnson"}
