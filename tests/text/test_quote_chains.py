"""Speakers carried further than the sentence before: a "she" the paragraph before said carries whom it meant, a
surname alone taking a side is a person, and a quote running on into the next paragraph keeps its speaker; with
the hard cases that must stay unattributed (two who fit, a body, a program)."""

from __future__ import annotations

import time

import pytest

from reader.text.quotes import find_key_quotes

QUOTE = "“It hurts trust in every way we know,”"


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # The name two paragraphs back, carried by the "she" of the paragraph between.
        (["Maria Lopez runs the jail.", "She said the program was flawed.", f"{QUOTE} she said."], "Maria Lopez"),
        # ... through any number of paragraphs that go on saying "she".
        (["Maria Lopez runs the jail.", "She said the program was flawed.", "She was angry.", f"{QUOTE} she said."],
         "Maria Lopez"),
        # A surname alone, the subject taking a side just before, is a person when the article named her in full
        # or by title; alone, "Lopez disagreed." reads as "Microsoft disagreed." does (test_credit_table).
        (["Maria Lopez runs the jail.", f"Lopez disagreed. {QUOTE} she said."], "Maria Lopez"),
        (["Ms. Lopez runs the jail.", f"Lopez disagreed. {QUOTE} she said."], "Lopez"),
        ([f"Lopez said she was sure. Lopez disagreed. {QUOTE} she said."], "Lopez"),
    ],
)
def test_a_speaker_carried_further_back_is_credited(paragraphs: list[str], speaker: str) -> None:
    assert [q.speaker for q in find_key_quotes(paragraphs)] == [speaker]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Two women before the "she" the chain goes through.
        ["Maria Lopez met Ann Lee.", "She said the program was flawed.", f"{QUOTE} she said."],
        ["Maria Lopez and Ann Lee run the jail.", f"{QUOTE} she said."],
        # The paragraph between says "he", or says nothing of anyone: no chain.
        ["Maria Lopez runs the jail.", "He said the program was flawed.", f"{QUOTE} she said."],
        ["Maria Lopez runs the jail.", "The weather was cold.", f"{QUOTE} she said."],
        # The chain ends on someone the article says is not "she".
        ["Mr. Tom Smith runs the jail.", "She said the program was flawed.", f"{QUOTE} she said."],
        # Someone nearer whom nothing says is "she", and the one the chain carries: two fit.
        ["Maria Lopez runs the jail.", "She said the program was flawed.", f"Tom Smith disagreed. {QUOTE} she said."],
        ["Ms. Lopez runs the jail.", "She said the program was flawed.", f"Tom Smith disagreed. {QUOTE} she said."],
        # A program, an organisation, an agency, a group, a body: never "he" or "she".
        [f"Medicaid covers the program. {QUOTE} she said."],
        [f"The Cato Institute disagreed. {QUOTE} she said."],
        [f"Amnesty International disagreed. {QUOTE} she said."],
        [f"Human Rights Watch said the raids were unlawful. {QUOTE} she said."],
        [f"ICE disagreed. {QUOTE} she said."],
        [f"Officials disagreed. {QUOTE} she said."],
        ["Maria Lopez runs the jail.", "The county disagreed.", f"{QUOTE} she said."],
        # A name the article writes as a company's or a program's, though it looks like a surname or a person's.
        ["Microsoft Corp. recalled the devices.", f"Microsoft responded. {QUOTE} she said."],
        ["Microsoft Corp. recalled the devices.", f"Microsoft said it would appeal. {QUOTE} she said."],
        ["In Head Start programs, staff were cut.", f"Head Start responded. {QUOTE} she said."],
        ["The Head Start program lost its grant.", f"Head Start responded. {QUOTE} she said."],
        # Known not to fit.
        [f"Ms. Lopez disagreed. {QUOTE} he said."],
    ],
)
def test_a_chain_or_a_lone_surname_leaves_the_hard_cases_unattributed(paragraphs: list[str]) -> None:
    assert [q.speaker for q in find_key_quotes(paragraphs)] == [None]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Lopez said: “The program hurt trust in every community we serve.", "“It must end now for all of us.”"],
        ['Lopez said: "The program hurt trust in every community we serve.', '"It must end now for all of us."'],
        # The speaker named only where the quote ends is the opening part's too.
        ["“The program hurt trust in every community we serve.", "“It must end now for all of us,” Lopez said."],
        # Over three paragraphs.
        ["Lopez said: “The program hurt trust in every community we serve.", "“It must end now for all of us.",
         "“We cannot wait another year for this.”"],
    ],
)
def test_a_quote_running_on_into_the_next_paragraph_keeps_its_speaker(paragraphs: list[str]) -> None:
    quotes = find_key_quotes(paragraphs)
    assert sorted(q.paragraph for q in quotes) == list(range(len(paragraphs)))
    assert {q.speaker for q in quotes} == {"Lopez"}


def test_an_unclosed_quote_not_taken_up_again_is_no_quote() -> None:
    """The next paragraph does not open with the mark: the open one is a stray mark, not a quote to find."""
    quotes = find_key_quotes(["Lopez said: “The program hurt trust in every community we serve.",
                              "The vote was held on Monday."])
    assert quotes == []
    # Nor is one opened inside a clause: a stray mark whose close was lost, before a new quote.
    stray = find_key_quotes(["The rule, known as “the fairest deal local workers had, was dropped.",
                             "“We will fight it in every court,” Lopez said."])
    assert [(q.paragraph, q.speaker) for q in stray] == [(1, "Lopez")]


def test_a_company_or_program_the_article_names_leaves_its_people_credited() -> None:
    """Knowing "Head Start" is a program keeps the person named beside it: its director is still "she"."""
    paragraphs = ["The Head Start program lost its grant.", f"Head Start director Ann Lee responded. {QUOTE} she said."]
    assert [q.speaker for q in find_key_quotes(paragraphs)] == ["Ann Lee"]


def test_chains_and_running_quotes_stay_linear() -> None:
    """Each paragraph's carried "she" is found once: 8,000 paragraphs of a chain, and of one quote running on."""
    chain = ["Maria Lopez runs the jail.", *["She said it was flawed.", f"{QUOTE} she said."] * 4000]
    running = ["Lopez said: “The program hurt trust in every community.",
               *[f"“It must end now, for all of us, {n}." for n in range(8000)], "“That is all of it.”"]
    nobody = [*["She was tired. The day was long."] * 8000, f"{QUOTE} she said."]
    began = time.process_time()  # CPU, not wall: a loaded machine must not fail it; quadratic would take minutes
    assert {q.speaker for q in find_key_quotes(chain)} == {"Maria Lopez"}
    assert {q.speaker for q in find_key_quotes(running)} == {"Lopez"}
    assert [q.speaker for q in find_key_quotes(nobody)] == [None]
    assert time.process_time() - began < 10
