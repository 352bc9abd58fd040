"""New today: a decision taken after coverage that only planned it is news; a plan or an outcome reworded is not."""

from __future__ import annotations

import pytest

from reader.digest.novelty import History, new_sentences
from reader.text.decision_state import DONE, PLANNED, news_signature, state_marks

# From the bundled samples (Capitol Dispatch, 16 and 17 September 2011), the count taken out of the outcome:
# without "4 to 3" only the change of state tells the vote happened.
SCHEDULED = "The Frederick County Council is scheduled to vote on renewing the agreement on Friday."
RENEWED = ("The Frederick County Council voted on Friday night to renew the sheriff’s agreement for three more "
           "years, over the objections of immigrant advocates.")
WILL_VOTE = ("The Arlington County Board will vote Tuesday on whether to end its participation in the fingerprint "
             "program.")
VOTED = "The Arlington County Board voted Tuesday to end its participation in the fingerprint program."


def news(today: str, *earlier: str) -> bool:
    return new_sentences([today], [news_signature(s) for s in earlier]) == [0]


@pytest.mark.parametrize(("sentence", "marks"), [
    (WILL_VOTE, {PLANNED}),
    (SCHEDULED, {PLANNED}),
    ("The council is expected to vote on the agreement next week.", {PLANNED}),
    ("The bill is expected to be approved by the Senate.", {PLANNED}),  # a taken form after "to be"
    ("Supervisors proposed ending the county's agreement with ICE.", {PLANNED}),
    (VOTED, {DONE}),
    (RENEWED, {DONE}),
    ("Supervisors adopted the proposal to end the county's agreement with ICE.", {DONE}),  # taken wins
    ("The governor signed the measure on Monday.", {DONE}),
    ("Senate passes E-Verify bill", {DONE}),  # a headline's present
    ("The county has not approved the agreement.", set()),
    ("The county hasn’t approved the agreement.", set()),
    ("Critics said the program eroded trust between police and immigrants.", set()),
])
def test_state_marks(sentence: str, marks: set[str]) -> None:
    assert state_marks(sentence) == marks


@pytest.mark.parametrize(("earlier", "today"), [
    (WILL_VOTE, VOTED),
    (SCHEDULED, RENEWED),
    ("County supervisors proposed ending the agreement with federal immigration authorities.",
     "County supervisors adopted ending the agreement with federal immigration authorities."),
    ("The council is expected to vote on ending the county's 287(g) agreement with ICE.",
     "The council voted to end the county's 287(g) agreement with ICE."),
])
def test_a_decision_taken_after_coverage_that_planned_it_is_news(earlier: str, today: str) -> None:
    assert not news(earlier, earlier)  # the same sentence again is no news: the share alone would say repeat
    assert news(today, earlier)


@pytest.mark.parametrize(("earlier", "today"), [
    (WILL_VOTE, "The Arlington County Board is expected to vote Tuesday on ending its participation in the "
                "fingerprint program."),  # a plan reworded as a plan
    (VOTED, "On Tuesday the Arlington County Board ended its participation in the fingerprint program by vote."),
    (WILL_VOTE, "The Arlington County Board has not voted to end its participation in the fingerprint program "
                "Tuesday."),  # no decision taken
    ("The Arlington County Board discussed its participation in the fingerprint program at length Tuesday.",
     VOTED),  # nothing was planned before: the share decides, as before
    (VOTED, WILL_VOTE),  # a plan after the outcome is no news
])
def test_a_rewording_is_not_news(earlier: str, today: str) -> None:
    assert not news(today, earlier)


def test_an_outcome_already_reported_is_not_news_again_after_the_plan() -> None:
    assert not news(VOTED, WILL_VOTE, VOTED.replace("Tuesday", "on Tuesday"))


def test_stored_marks_are_not_stems() -> None:
    """A mark neither counts towards a sentence's share nor makes a short sentence substantial."""
    assert not History().is_new("The board voted Tuesday.")  # three stems and a mark: too short to be news
    assert History([news_signature(WILL_VOTE)]).covers(news_signature(WILL_VOTE))
