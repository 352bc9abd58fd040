"""Sentences saying opposite things are never one point; of two saying the same thing, the later day's is kept."""

from __future__ import annotations

from datetime import date

import pytest

from reader.config import TopicConfig
from reader.digest.points import point_of, same_point, says_again
from reader.digest.summarise import StoryForSummary, summarise, topic_lens
from reader.text.stance import OFF, ON, opposed, stance
from reader.topics import TopicMatcher

SC = TopicMatcher.from_config(TopicConfig("Secure Communities", ("Secure Communities",)))
KEEP = ("The Department of Homeland Security said Friday it will keep expanding Secure Communities, the "
        "fingerprint-sharing program run by Immigration and Customs Enforcement, despite a task force report "
        "that found it had eroded trust between immigrants and local police.")
END = ("The Department of Homeland Security said Tuesday it will end Secure Communities, the fingerprint-sharing "
       "program that critics said eroded trust between immigrant communities and local police.")

OPPOSITE = [
    (KEEP, END),
    ("The county board approved the jail contract with ICE on Tuesday.",
     "The county board rejected the jail contract with ICE on Tuesday."),
    ("The council will vote on the sanctuary ordinance next week.",
     "The council will not vote on the sanctuary ordinance next week."),
    ("The council voted to keep the sanctuary ordinance in place.",
     "The council voted to end the sanctuary ordinance in place."),
    ("The governor signed the detention bill into law on Friday.",
     "The governor vetoed the detention bill on Friday."),
    ("The sheriff said he would renew the agreement with immigration agents.",
     "The sheriff said he would not renew the agreement with immigration agents."),
]
SAME = [
    ("DHS said it will end Secure Communities, the fingerprint-sharing program.",
     "DHS said Tuesday it would scrap Secure Communities, the fingerprint-sharing program."),
    ("The county board approved the jail contract with ICE on Tuesday.",
     "The county board adopted the jail contract with ICE on Tuesday night."),
    ("The sheriff refused to end the agreement with immigration agents.",
     "The sheriff said he would keep the agreement with immigration agents."),
]


# The same decision words in another clause order read as opposite first decisions, and are one point.
REORDERED = [
    ("The county board voted 5-2 to end its agreement, which had allowed deputies to hold immigrants for ICE.",
     "The agreement, which had allowed deputies to hold immigrants for ICE, was ended by a 5-2 vote of the board."),
    ("Travis County, which joined Secure Communities in 2009, left the program on Tuesday.",
     "Travis County left Secure Communities on Tuesday, having joined the program in 2009."),
]


@pytest.mark.parametrize(("one", "other"), REORDERED)
def test_the_same_decisions_in_another_clause_order_are_one_point(one: str, other: str) -> None:
    assert opposed(stance(one), stance(other))  # the first decision read differs...
    assert says_again(other, [one]) and says_again(one, [other])  # ...but no decision word or "not" does


@pytest.mark.parametrize(("one", "other"), OPPOSITE)
def test_sentences_whose_decisions_go_opposite_ways_are_never_one_point(one: str, other: str) -> None:
    assert opposed(stance(one), stance(other))
    assert not same_point(point_of(one), point_of(other))
    assert not says_again(other, [one]) and not says_again(one, [other])


@pytest.mark.parametrize(("one", "other"), SAME)
def test_sentences_whose_decisions_go_the_same_way_are_still_one_point(one: str, other: str) -> None:
    assert not opposed(stance(one), stance(other))
    assert says_again(other, [one])


def test_stance_reads_the_first_run_of_decision_words() -> None:
    assert stance("The board voted to end the program.") == OFF
    assert stance("The board decided not to renew the program.") == OFF
    assert stance("The board refused to end the program.") == ON
    assert stance("It is not clear whether the board will approve the program.") == ON
    assert stance("By the end of the year the program had spread to every county.") is None  # "the end": a noun
    assert stance("The program checks fingerprints against federal databases.") is None


def _run(*stories: StoryForSummary) -> list[tuple[str, tuple[int, ...]]]:
    lens = topic_lens(stories, SC.matches)
    return [(s.text, s.citations) for s in summarise(stories, lens)]


def test_todays_news_is_not_dropped_as_a_repeat_of_old_news_saying_the_opposite() -> None:
    old = StoryForSummary(2, (KEEP, "The program checks the fingerprints of everyone booked into a local jail."),
                          2011, True, date(2011, 9, 16), date(2011, 9, 16).toordinal())
    new = StoryForSummary(1, (END,), 2026, True, None, date(2026, 12, 1).toordinal())
    texts = [t for t, _ in _run(new, old)]
    assert END in texts and KEEP in texts


def test_of_two_stories_saying_the_same_thing_the_later_days_is_kept_and_cited() -> None:
    earlier = ("The Department of Homeland Security said it will end Secure Communities, the fingerprint-sharing "
               "program run by Immigration and Customs Enforcement, after years of criticism from local police.")
    later = ("The Department of Homeland Security said it would scrap Secure Communities, the fingerprint-sharing "
             "program, after years of criticism from local police.")
    # The earlier story ranks first (more outlets), so its sentence is scored first; the later one replaces it.
    first = StoryForSummary(1, (earlier,), 2026, True, None, date(2026, 11, 20).toordinal())
    second = StoryForSummary(2, (later,), 2026, True, None, date(2026, 12, 1).toordinal())
    assert _run(first, second) == [(later, (2,))]
    # With the days the other way round, the earlier-ranked story is also the later one: it stays.
    first = StoryForSummary(1, (earlier,), 2026, True, None, date(2026, 12, 1).toordinal())
    second = StoryForSummary(2, (later,), 2026, True, None, date(2026, 11, 20).toordinal())
    assert _run(first, second) == [(earlier, (1,))]
