"""A summary sentence crediting "the department said" or "the agency said" comes only after one naming that body.

The body is the one its own article names (the quote speakers' resolver, ArticleMentions, decides which),
so "Secure Communities was expanded on Tuesday, the department said" never opens a summary whose reader
has not been told which department.
"""

from __future__ import annotations

from reader.config import TopicConfig
from reader.digest.candidates import story_candidates
from reader.digest.references import definite_references, speaker_references
from reader.digest.summarise import DEFAULT_BUDGET, StoryForSummary, SummaryBudget, summarise, topic_lens
from reader.text.descriptions import bodies_named
from reader.topics import TopicMatcher

SC = TopicMatcher.from_config(TopicConfig("Secure Communities", ("Secure Communities",)))
EXPANDED = ("Secure Communities was expanded on Tuesday to forty more counties in three states, "
            "the department said in a statement released in Washington.")
RUNS = "The Department of Homeland Security runs the fingerprint-sharing program with local jails across the country."
CRITICS = "Critics of Secure Communities say the program deters immigrant victims from calling the police."


def run(*paragraphs: str, budget: SummaryBudget = DEFAULT_BUDGET) -> list[str]:
    stories = [StoryForSummary(1, paragraphs, 2026, mainly_about=True)]
    return [s.text for s in summarise(stories, topic_lens(stories, SC.matches), budget)]


def test_a_body_speaking_for_a_subject_it_is_not_is_an_unintroduced_reference() -> None:
    assert definite_references(EXPANDED) == ("department",) and speaker_references(EXPANDED) == ("department",)
    assert speaker_references("Secure Communities grew in Ohio, the agency said.") == ("agency",)
    # The subject is the body speaking: named, so introduced.
    for named in ("DHS expanded Secure Communities on Tuesday, the department said.",
                  "The Department of Homeland Security expanded it on Tuesday, the department said.",
                  "ICE expanded Secure Communities to Ohio, the agency said."):
        assert definite_references(named) == () and speaker_references(named) == (), named
    # A company's name does not say it is one: any named subject is the company.
    assert definite_references("Apple is recalling batteries in Europe, the company said.") == ()


def test_a_body_opening_a_sentence_is_named_without_its_article() -> None:
    assert bodies_named(RUNS, "department") == [("DHS", "Department of Homeland Security")]


def test_the_speaker_is_the_body_its_article_names_before_or_after_it() -> None:
    [expanded, _] = story_candidates((EXPANDED, RUNS))
    assert expanded.speakers == (("department", "the Department of Homeland Security"),)
    [_, agency] = story_candidates(("Immigration and Customs Enforcement runs Secure Communities in every state.",
                                    "Secure Communities will reach every jail by 2013, the agency said on Friday."))
    assert agency.speakers == (("agency", "Immigration and Customs Enforcement"),)


def test_a_department_speaking_comes_right_after_the_sentence_naming_it_which_leads() -> None:
    summary = run(EXPANDED, RUNS, CRITICS)
    assert summary.index(EXPANDED) == summary.index(RUNS) + 1
    assert summary[0] == RUNS  # the main development still leads, after what it needs
    assert EXPANDED not in run(EXPANDED, RUNS, CRITICS, budget=SummaryBudget(sentences=1))


def test_initials_name_the_body_too() -> None:
    dhs = "DHS officials have run the fingerprint-sharing program with local jails since the spring."
    summary = run(EXPANDED, dhs, CRITICS)
    assert summary.index(EXPANDED) == summary.index(dhs) + 1


def test_a_department_its_article_never_names_keeps_the_sentence_out() -> None:
    summary = run(EXPANDED, CRITICS, "Sheriffs in rural counties said Secure Communities strained their budgets.")
    assert summary and EXPANDED not in summary
