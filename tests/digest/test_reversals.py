"""New today: a decision going the other way from earlier coverage is news; the same way in other words is not."""

from __future__ import annotations

from datetime import date

import pytest

from reader.config import TopicConfig
from reader.digest.changes import new_today
from reader.digest.novelty import History, new_sentences, phrase_stems
from reader.text.clean import clean_stored_article
from reader.text.decision_state import NEGATED, WAYS, news_signature, way_marks
from reader.text.stance import way
from tests.digest.fixtures import article

SC = ("Secure Communities",)
IGNORE = phrase_stems(SC)


def news(today: str, earlier: str) -> bool:
    return new_sentences([today], [news_signature(earlier) - IGNORE], IGNORE) == [0]


# Each pair shares most of its words (by the share alone, the second repeats the first) and goes the other way.
REVERSALS = [
    ("Travis County joins Secure Communities, the sheriff announced on Monday.",
     "Travis County leaves Secure Communities, the sheriff announced on Monday."),
    ("Travis County joins Secure Communities, the sheriff announced on Monday.",
     "Travis County ends Secure Communities participation, the sheriff announced on Monday."),
    ("Travis County joined the Secure Communities program, the sheriff announced.",
     "Travis County suspended its part in the Secure Communities program, the sheriff announced."),
    ("Travis County joined the Secure Communities program, the sheriff announced.",
     "Travis County pulled out of the Secure Communities program, the sheriff announced."),
    ("The county board raised funding for the jail program by a wide margin.",
     "The county board cut funding for the jail program by a wide margin."),
    ("Funding for the county jail program was raised by the state board.",
     "Funding for the county jail program was cut by the state board."),
    ("A federal judge blocks the county's Secure Communities agreement with ICE.",
     "A federal judge allows the county's Secure Communities agreement with ICE."),
    ("The state senate approved the sanctuary bill after a long debate.",
     "The state senate rejected the sanctuary bill after a long debate."),
    ("Sheriff Lupe Valdez said the county will comply with federal detainer requests.",
     "Sheriff Lupe Valdez said the county will not comply with federal detainer requests."),
    ("The council voted to renew the county's 287(g) agreement for three years.",
     "The council voted against renewing the county's 287(g) agreement for three years."),
    ("The governor signed the bill requiring employers to use the federal database.",
     "The governor vetoed the bill requiring employers to use the federal database."),
    ("The court upheld the state's immigration enforcement law on Tuesday.",
     "The court struck down the state's immigration enforcement law on Tuesday."),
    ("The city expanded its cooperation with federal immigration authorities this month.",
     "The city curtailed its cooperation with federal immigration authorities this month."),
    ("The council will vote on the sanctuary ordinance at its meeting next week.",
     "The council will not vote on the sanctuary ordinance at its meeting next week."),
]
# Rewordings going the same way: no news, though the words differ.
SAME_WAY = [
    ("Travis County leaves Secure Communities, the sheriff announced on Monday.",
     "Travis County pulls out of Secure Communities, the sheriff announced Monday."),
    ("The county board cut funding for the jail program by a wide margin.",
     "The county board slashed funding for the jail program by a wide margin."),
    ("A federal judge blocked the county's agreement with federal immigration agents.",
     "A federal judge halted the county's agreement with federal immigration agents."),
    ("The state senate rejected the sanctuary bill after a long debate.",
     "The state senate defeated the sanctuary measure after a long debate."),
    ("Sheriff Lupe Valdez said the county will not comply with federal detainer requests.",
     "Sheriff Lupe Valdez said the county will refuse to comply with federal detainer requests."),
    ("Sheriff Lupe Valdez said the county will not honor federal detainer requests.",
     "Sheriff Lupe Valdez said the county will no longer honor federal detainer requests."),
    ("The court struck down the state's immigration enforcement law on Tuesday.",
     "The court overturned the state's immigration enforcement law on Tuesday."),
    ("The council voted against renewing the county's 287(g) agreement for three years.",
     "The council voted not to renew the county's 287(g) agreement for three more years."),
    ("The council voted on Tuesday night to end the county's 287(g) agreement.",
     "The council voted Tuesday to scrap the county's 287(g) deal."),
    # The same decision words and negations with the clauses in another order: its first decision reads otherwise.
    ("The county board voted 5-2 to end its agreement, which had allowed deputies to hold immigrants for ICE.",
     "The agreement, which had allowed deputies to hold immigrants for ICE, was ended by a 5-2 vote of the board."),
    ("The county will not comply with detainers, which allowed ICE to hold people in the jail.",
     "Detainers, which allowed ICE to hold people in the jail, will not be complied with by the county."),
    ("Travis County, which joined Secure Communities in 2009, left the program on Tuesday.",
     "Travis County left Secure Communities on Tuesday, having joined the program in 2009."),
    # A vote to be held says nothing against the outcome it is about.
    ("The council voted to end the county's 287(g) agreement.",
     "The council will vote on whether to end the county's 287(g) agreement."),
]


@pytest.mark.parametrize(("earlier", "today"), REVERSALS)
def test_a_reversal_of_earlier_coverage_is_news_both_ways(earlier: str, today: str) -> None:
    assert not news(earlier, earlier)  # the share alone makes the sentence a repeat of itself
    assert news(today, earlier)
    assert news(earlier, today)


@pytest.mark.parametrize(("earlier", "today"), SAME_WAY)
def test_a_decision_reworded_the_same_way_is_not_news(earlier: str, today: str) -> None:
    assert not news(today, earlier)


def test_ways() -> None:
    assert way("Travis County joins Secure Communities.") == "on"
    assert way("Travis County leaves Secure Communities.") == "off"
    assert way("The county will not comply with detainers.") == "off"
    assert way("The county refused to end the agreement.") == "on"
    assert way("The council will vote on the ordinance.") == "held"
    assert way("The council will not vote on the ordinance.") == "not held"
    assert way("The council will vote on whether to end the agreement.") == "held"  # asked, not decided
    assert way("Critics raised concerns about the program.") is None  # no increase
    assert way("The program checks fingerprints against federal databases.") is None
    assert way_marks("Travis County leaves Secure Communities.") == {WAYS["off"]}
    assert way_marks("The county will no longer comply with detainers.") == {WAYS["off"], NEGATED}


def test_stored_signatures_keep_the_way_so_a_reversal_is_news_against_stored_history() -> None:
    """The way is part of the stored signature (reader.topic_days keeps them), not worked out from the text again."""
    from reader.digest.novelty import decode_signatures, encode_signatures
    stored = decode_signatures(encode_signatures([news_signature(REVERSALS[0][0]) - IGNORE]))
    assert History(stored).is_new(REVERSALS[0][1], IGNORE)
    assert not History(stored).is_new(REVERSALS[0][0], IGNORE)


def test_new_today_lists_a_reversal_of_yesterdays_news() -> None:
    yesterday = "Travis County joins Secure Communities, the sheriff announced on Monday."
    today = "Travis County leaves Secure Communities, the sheriff announced on Monday."
    story = article(1, "Austin Ledger", "Travis County and Secure Communities", today)
    listed = new_today([(1, story)], clean_stored_article, [news_signature(yesterday)],
                       TopicConfig("Secure Communities", SC), 7, day=date(2026, 12, 2))
    assert [x.text for x in listed.items] == [today]
    again = new_today([(1, article(1, "Austin Ledger", "Travis County and Secure Communities", yesterday))],
                      clean_stored_article, [news_signature(yesterday)], TopicConfig("Secure Communities", SC), 7,
                      day=date(2026, 12, 2))
    assert again.items == () and again.continuing
