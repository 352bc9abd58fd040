"""One test per summary fault seen in real multi-outlet coverage, each built from the fault's shape."""

from __future__ import annotations

from reader.config import TopicConfig
from reader.digest.candidates import is_story_prose, leans_on_previous, story_candidates, strip_dateline
from reader.digest.summarise import (
    DEFAULT_BUDGET,
    StoryForSummary,
    SummaryBudget,
    is_background,
    summarise,
    topic_lens,
)
from reader.text.words import signature
from reader.topics import TopicMatcher

IMMIGRATION = TopicMatcher.from_config(TopicConfig("Immigration", ("immigration", "immigrants")))
SC = TopicMatcher.from_config(TopicConfig("Secure Communities", ("Secure Communities",)))


def run(stories: list[StoryForSummary], matcher: TopicMatcher | None = IMMIGRATION,
        budget: SummaryBudget = DEFAULT_BUDGET, already: tuple[str, ...] = ()) -> list[str]:
    lens = topic_lens(stories, matcher.matches if matcher else None)
    return [s.text for s in summarise(stories, lens, budget, already)]


def story(number: int, *paragraphs: str, year: int | None = 2018, mainly: bool = False) -> StoryForSummary:
    return StoryForSummary(number, paragraphs, year, mainly)


IMMIGRATION_STORY = story(
    1,
    "The Senate on Monday began debate on an immigration bill that would give legal status to young immigrants "
    "brought to the country as children.",
    "Senators from both parties said the immigration debate would test whether the chamber can still legislate.",
    "The bill would also spend billions on border security, a demand of the White House on immigration.",
    mainly=True,
)


def test_off_topic_sentences_from_a_passing_mention_are_left_out() -> None:
    sotu = story(
        2,
        "Those expecting that Donald Trump's first State of the Union address would be remarkable for its "
        "bipartisan tone were left waiting for most of the evening.",
        "The president spoke for eighty minutes, the third longest address in half a century of speeches.",
        "He mentioned immigration once, near the end, in a passage about the border wall.",
    )
    chosen = run([IMMIGRATION_STORY, sotu])
    assert chosen and not any("State of the Union" in s or "eighty minutes" in s for s in chosen)


def test_list_items_and_headlines_are_not_sentences() -> None:
    s = story(1, "• Trump State of the Union address promised unity but emphasized discord on immigration[5]",
              "Immigration reform stalled in the Senate on Tuesday after a vote on the bill failed by six votes.",
              "Immigration Bill Stalls In Senate After Failed Vote On Border Funding")
    chosen = run([s])
    assert chosen == ["Immigration reform stalled in the Senate on Tuesday after a vote on the bill failed by six "
                      "votes."]


def test_captions_and_credits_run_into_sentences_are_left_out() -> None:
    s = story(
        1,
        "(Christopher Chung/The Press Democrat) Alicia Roman holds a sign at a rally against immigration raids "
        "in Santa Rosa.",
        "Barry Brecheisen/Getty Images There is no question that immigration arrests rose sharply this year.",
        "Iran's President Hassan Rouhani, second left, gives a speech on immigration and refugees in Tehran.",
        "Immigration arrests in the interior of the country rose by forty percent in the last fiscal year, "
        "federal data showed.",
    )
    chosen = run([s])
    assert len(chosen) == 1 and chosen[0].startswith("Immigration arrests in the interior")


def test_site_junk_and_code_are_left_out() -> None:
    s = story(
        1,
        "To order presentation-ready copies of immigration coverage for distribution, use the Order Reprints tool.",
        "This page was archived by the crawler on 12 March 2018 and immigration links may no longer work.",
        "var immigrationWidget = loadWidget({region: 'us', topic: 'immigration'});",
        "The immigration court backlog passed 680,000 cases in January, according to court records.",
    )
    assert run([s]) == ["The immigration court backlog passed 680,000 cases in January, according to court "
                        "records."]
    assert is_story_prose("Immigration hearings slowed to a crawl as judges subscribe to a new schedule.", "")
    crawl_notice = ("Immigration pages are kept because these crawls are part of an effort to archive pages as "
                    "they are created and archive the pages that they refer to.")
    assert not is_story_prose(crawl_notice, "")
    assert not is_story_prose("Alicia Roman holds a sign at an immigration rally. Christopher Chung hide caption "
                              "toggle caption Christopher Chung.", "")
    assert is_story_prose("The AC/DC tour played to immigration officers in Houston last night.", "")
    for policy_news in (  # policy stories about the very words site notices use
        "The Supreme Court ruled that the copyright office exceeded its authority.",
        "The FTC said the terms of service let the firm share location data.",
        "Regulators said the privacy policy did not disclose the sharing.",
        "The law requires sites to ask before they use cookies to track children.",
    ):
        assert is_story_prose(policy_news, ""), policy_news


def test_datelines_other_than_a_capital_city_are_cut_off() -> None:
    assert strip_dateline("(CNN) The shooting at the school left three dead.") == \
        "The shooting at the school left three dead."
    assert strip_dateline("Computerworld - Apple today announced a new laptop.") == \
        "Apple today announced a new laptop."
    assert strip_dateline("WASHINGTON (AP) — The House voted.") == "The House voted."
    assert strip_dateline("The vote - a close one - passed.") == "The vote - a close one - passed."
    s = story(1, "(Reuters) - The administration said on Friday it would end the immigration program in March.")
    assert run([s]) == ["The administration said on Friday it would end the immigration program in March."]


def test_reworded_repeats_from_two_outlets_are_one_point() -> None:
    wnyc = story(
        1,
        "A task force created to recommend improvements to Secure Communities presented a critical report this "
        "week, saying the program caused confusion at the state and local level.",
        "The task force recommended ICE not pursue individuals, identified through Secure Communities, for "
        "arrests based on minor traffic offenses.",
        mainly=True,
    )
    tribune = story(
        2,
        "The Homeland Security Advisory Council task force said Secure Communities had caused confusion and "
        "recommended that ICE stop pursuing people arrested only for minor traffic offenses.",
        mainly=True,
    )
    chosen = run([wnyc, tribune], SC)
    assert sum("traffic offenses" in s for s in chosen) == 1
    # Nor is a rewording of a sentence another topic's summary already shows.
    assert run([tribune], SC, already=(wnyc.paragraphs[1],)) == []


def test_sentences_needing_context_are_taken_only_after_what_they_need() -> None:
    assert leans_on_previous("Most significantly, the task force recommended changes to the program.")
    assert leans_on_previous("“We will not be deterred by threats,” she told host María Celeste Arrarás.")
    assert not leans_on_previous("“We will not be deterred,” Governor Ana López told host María Celeste Arrarás.")
    assert leans_on_previous("This program has never had a vote in the Senate.")
    assert leans_on_previous('"If residents do not trust their local police, they are less willing to help."')
    assert not leans_on_previous("This week the Senate voted on the program for the first time.")
    lone = story(
        1,
        "Most significantly, the immigration task force recommended ending arrests for minor traffic offenses.",
        "“We will not be deterred by threats on immigration,” she told host María Celeste Arrarás on Sunday.",
        "The immigration agency said it would review every recommendation on immigration arrests by March.",
    )
    assert run([lone]) == [lone.paragraphs[2]]
    # "The task force" there would be introduced only by the sentence left out: the reader never met it.
    task_force = "The immigration agency said it would review every recommendation of the task force by March."
    assert run([story(1, *lone.paragraphs[:2], task_force)]) == []


def test_an_answer_whose_question_was_skipped_is_left_out() -> None:
    s = story(1, "Will the immigration bill pass the Senate this year? Probably not before the midterm "
                 "elections, immigration lobbyists on both sides now concede.",
              "The immigration bill has 54 sponsors in the Senate, six short of the sixty needed to end debate.")
    candidates = [c.text for c in story_candidates(s.paragraphs)]
    assert not any(c.startswith("Probably not") for c in candidates)
    assert run([s]) == [s.paragraphs[1]]


def test_main_development_first_background_last_and_today_in_story_order() -> None:
    first = story(
        1,
        "Immigration and Customs Enforcement rolled out the Secure Communities program in October 2008, "
        "starting in a handful of counties in Texas.",
        "The Department of Homeland Security said Friday it will keep expanding Secure Communities despite "
        "a critical task force report released this week.",
        mainly=True, year=2011,
    )
    second = story(
        2,
        "Police chiefs in three states said on Friday that Secure Communities had made immigrants afraid to "
        "report crimes to local officers.",
        mainly=True, year=2011,
    )
    chosen = run([first, second], SC)
    assert chosen[0].startswith("The Department of Homeland Security said Friday")
    assert chosen[-1].startswith("Immigration and Customs Enforcement rolled out")
    assert is_background(chosen[-1], 2011) and not is_background(chosen[0], 2011)
    assert is_background("The federal DREAM Act failed in the Senate last December.", None)


def test_a_caption_does_not_take_the_lead_bonus() -> None:
    """When the lead was lost and a caption sits first, the first prose paragraph is the lead."""
    s = story(
        1,
        "Rally against Secure Communities in front of the governor's office in May (Mirela Iverac/WNYC)",
        "A task force created to recommend improvements to Secure Communities presented a critical report "
        "this week.",
        "Officials in several states have said that Secure Communities confused local police departments.",
        mainly=True,
    )
    chosen = run([s], SC, SummaryBudget(sentences=1))
    assert chosen == [s.paragraphs[1]]


def test_budget_in_sentences_and_words() -> None:
    assert len(run([IMMIGRATION_STORY], budget=SummaryBudget(sentences=1))) == 1
    chosen = run([IMMIGRATION_STORY], budget=SummaryBudget(words=40))
    assert 0 < sum(len(s.split()) for s in chosen) <= 40


def test_no_topic_uses_the_cluster_s_shared_words() -> None:
    a = story(1, "A powerful storm flooded three coastal cities on Monday and cut power to 200,000 homes.",
              "The mayor of one city thanked volunteers at a news conference on Tuesday afternoon.")
    b = story(2, "Floodwater from the storm reached the second floor of homes in three coastal cities.")
    chosen = run([a, b], None)
    assert chosen and all(signature(c) & signature("storm coastal cities homes") for c in chosen)


def test_a_story_given_as_one_paragraph_is_read_sentence_by_sentence() -> None:
    """Text that came without paragraph breaks keeps its lead: the same sentences come out as when each
    sentence is its own paragraph."""
    sentences = (
        "The county board voted on Tuesday to leave Secure Communities after a year of complaints from police.",
        "Board members said Secure Communities had discouraged immigrant witnesses.",
        "Sheriff Ana Ruiz told the board that Secure Communities checks had not made the county jail any safer.",
        "A restaurant owner said diners avoided the county fair because of Secure Communities checks at the gate.",
    )
    split = story(1, *sentences, mainly=True)
    joined = story(1, " ".join(sentences), mainly=True)
    budget = SummaryBudget(sentences=2)
    assert run([joined], SC, budget) == run([split], SC, budget) == list(sentences[:2])
