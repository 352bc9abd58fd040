"""What leads a summary and in what order the rest follows, and what ranks a sentence in: faults a tester
found reading the samples' digest, each test built from the fault's shape."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.config import TopicConfig
from reader.digest import summarise as summarise_module
from reader.digest.summarise import (
    DEFAULT_BUDGET,
    StoryForSummary,
    SummaryBudget,
    counts_something,
    is_background,
    summarise,
    topic_lens,
)
from reader.digest.topic_summary import fold_stories, rank_stories, topic_fits
from reader.topics import TopicMatcher
from tests.digest.fixtures import article

SC = TopicMatcher.from_config(TopicConfig("Secure Communities", ("Secure Communities",)))


def run(stories: list[StoryForSummary], budget: SummaryBudget = DEFAULT_BUDGET) -> list[str]:
    return [s.text for s in summarise(stories, topic_lens(stories, SC.matches), budget)]


def story(number: int, *paragraphs: str) -> StoryForSummary:
    return StoryForSummary(number, paragraphs, 2011, mainly_about=True)


MAIN = story(
    1,
    "The Department of Homeland Security said Friday it will keep expanding Secure Communities despite a "
    "critical task force report.",
    "The program checks the fingerprints of everyone booked into a local jail against federal databases.",
    "Immigration and Customs Enforcement rolled out Secure Communities in October 2008 in a few Texas counties.",
)
SECOND = story(
    2,
    "A federal advisory panel has given critics of Secure Communities their strongest ammunition yet.",
    "The panel said Secure Communities had eroded trust between immigrant neighborhoods and local police.",
    "Six of the panel's 19 members resigned rather than sign the report, saying it did not go far enough.",
)


def test_the_main_development_leads_other_ledes_follow_it_and_background_goes_last() -> None:
    chosen = run([MAIN, SECOND], SummaryBudget(sentences=6))
    assert chosen[0] == MAIN.paragraphs[0]
    assert chosen[1] == SECOND.paragraphs[0]  # the other story's lede opens its thread, never mid-summary
    assert is_background(MAIN.paragraphs[2], 2011) and chosen[-1] == MAIN.paragraphs[2]
    for s in (MAIN, SECOND):  # each story's sentences keep its order
        own = [chosen.index(p) for p in s.paragraphs if p in chosen]
        assert own == sorted(own)


def test_a_story_s_news_is_not_outranked_by_the_names_around_it() -> None:
    """The resignations: said once, deep in one story, without the topic's name, while the sentences
    around it carry the agencies' long names. Names do not make a sentence central; a count in the
    reporter's words is news."""
    dhs = story(
        1,
        "The Department of Homeland Security said Friday it will keep expanding Secure Communities despite a "
        "task force report.",
        "Immigration and Customs Enforcement runs Secure Communities for the Department of Homeland Security.",
    )
    tribune = story(
        2,
        "Secure Communities faced new criticism on Friday from a federal task force.",
        "Officials of the Department of Homeland Security and Immigration and Customs Enforcement met the task "
        "force on Friday.",
        "Six of the task force's 19 members resigned rather than sign the report, saying it did not go far enough.",
    )
    chosen = run([dhs, tribune], SummaryBudget(sentences=3))
    assert tribune.paragraphs[2] in chosen and tribune.paragraphs[1] not in chosen


def test_of_two_equally_strong_stories_the_later_day_s_leads() -> None:
    """Day one previews a vote, day two reports it: both in one digest, the vote's story ranks first. Within
    one day the original report still comes before later ones."""
    preview = replace(article(1, "Capitol Dispatch", "Sheriff drops 287(g) deal as Frederick County weighs renewal",
                              "The Frederick County Council is scheduled to vote on renewing its 287(g) deal "
                              "on Friday, and sheriffs disagree about whether 287(g) is still needed."),
                      published="2011-09-16T12:10:00+00:00")
    vote = replace(article(2, "Capitol Dispatch", "Sheriffs split over 287(g) agreements",
                           "The Frederick County Council voted 4 to 3 on Friday night to renew the 287(g) "
                           "agreement, as sheriffs split over whether 287(g) is still needed."),
                   published="2011-09-17T12:05:00+00:00")
    matcher = TopicMatcher.from_config(TopicConfig("287(g)", ("287(g)",)))
    stories = fold_stories([preview, vote])
    ranked = rank_stories(stories, topic_fits(stories, matcher))
    assert [s.lead.id for s in ranked] == [2, 1]
    same_day = replace(vote, published="2011-09-16T18:00:00+00:00")
    stories = fold_stories([preview, same_day])
    assert [s.lead.id for s in rank_stories(stories, topic_fits(stories, matcher))] == [1, 2]


def test_counts_something_is_a_count_or_amount_not_a_year() -> None:
    for counted in ("Five of the task force's 20 members resigned rather than sign the report.",
                    "The program has flagged 1,400 people booked into the county jail.",
                    "Hundreds of students rallied at the Capitol on Thursday.",
                    "Calls to the tip line have fallen by a third.",
                    "Fares could rise by up to 7.5 percent."):
        assert counts_something(counted), counted
    for uncounted in ("Immigration and Customs Enforcement rolled out Secure Communities in October 2008.",
                      "A 2011 report by the Migration Policy Institute found problems in the program.",
                      "The council met on Friday night to renew the sheriff's agreement.",
                      "Someone said nothing of note."):  # "one" inside a word is no number
        assert not counts_something(uncounted), uncounted


def test_a_count_in_the_reporter_s_words_outranks_the_same_point_without_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two outlets say one thing; the one that counts it is chosen (FACT_BONUS), though its story ranks lower.
    A count inside a quotation is the speaker's, and earns nothing."""
    lede = "The county board voted on Monday to leave Secure Communities after a year of complaints."
    plain = "Board members said the county would stop sending fingerprints to ICE under Secure Communities next month."
    counted = ("Three board members said the county would stop sending fingerprints to ICE under Secure "
               "Communities next month.")
    quoted = ("Board members said “three” counties would stop sending fingerprints to ICE under Secure "
              "Communities next month.")
    first = story(1, lede, plain)
    two = SummaryBudget(sentences=2)
    assert sorted(run([first, story(2, lede, counted)], two)) == sorted([lede, counted])
    assert sorted(run([first, story(2, lede, quoted)], two)) == sorted([lede, plain])
    monkeypatch.setattr(summarise_module, "FACT_BONUS", 0.0)
    assert sorted(run([first, story(2, lede, counted)], two)) == sorted([lede, plain])


def test_the_later_day_breaks_only_a_tie_and_a_story_without_a_date_counts_its_first_sighting() -> None:
    """More outlets outrank a later day; with no published date the day first seen decides."""
    matcher = TopicMatcher.from_config(TopicConfig("287(g)", ("287(g)",)))
    text = "The county renewed its 287(g) agreement, and sheriffs split over whether 287(g) is still needed."
    early = replace(article(1, "Capitol Dispatch", "Counties weigh 287(g)", text),
                    published="2011-09-16T12:00:00+00:00")
    copy = replace(early, id=2, feed_name="Metro Ledger")
    late = replace(article(3, "Civic Wire", "Counties renew 287(g)", text.replace("county", "council")),
                   published="2011-09-17T12:00:00+00:00")
    stories = fold_stories([early, copy, late])
    assert len(stories) == 2 and [s.lead.id for s in rank_stories(stories, topic_fits(stories, matcher))] == [1, 3]
    undated = replace(late, published=None, first_seen="2011-09-18T08:00:00+00:00")
    stories = fold_stories([early, undated])
    assert [s.lead.id for s in rank_stories(stories, topic_fits(stories, matcher))] == [3, 1]
    unreadable = replace(late, published="next Tuesday", first_seen="2011-09-18T08:00:00+00:00")
    stories = fold_stories([early, unreadable])
    assert [s.lead.id for s in rank_stories(stories, topic_fits(stories, matcher))] == [1, 3]


def _reads_right_after_its_antecedent(stories: list[StoryForSummary], chosen: list[str]) -> None:
    """Every chosen sentence that leans on what came before ("Most significantly, ...", "In addition, ...",
    "It also ...") is read right after a sentence of its own story, before it there: its predecessor when
    it leans on that one, never another outlet's sentence."""
    where = {c.text: (s.number, c) for s in stories for c in s.candidates}
    for before, text in zip(["", *chosen], chosen, strict=False):
        number, c = where[text]
        if not (c.needs_previous or c.needs_context):
            continue
        assert before, f"{text!r} opens the summary"
        before_number, b = where[before]
        assert before_number == number and b.index < c.index, f"{text!r} follows {before!r}"
        if c.needs_previous:
            assert b.index == c.index - 1


def test_a_leaning_sentence_is_read_right_after_its_own_outlet_s_sentence_never_another_s() -> None:
    """The digest put "Most significantly, the Task Force ... recommended ..." (WNYC) right after the Borderlands
    Tribune's lede, so it read as ranking the Tribune's point. A sentence that leans on what came before follows
    the chosen sentence of its own story nearest before it, the two read as one run."""
    dhs = story(1, "The Department of Homeland Security said Friday it will keep expanding Secure Communities despite "
                   "a task force report that found it had eroded trust between immigrants and local police.",
                "The program checks the fingerprints of everyone booked into a local jail against federal databases.")
    wnyc = story(2, "A task force created to recommend improvements to Secure Communities presented a critical report "
                    "this week, saying the program caused confusion at the state and local level.",
                 "The report was released by the Homeland Security Advisory Council on a Thursday evening.",
                 "Most significantly, the Task Force on Secure Communities recommended ICE not pursue people "
                 "identified through Secure Communities for arrests based on minor traffic offenses.",
                 "In addition, the task force urged that victims of domestic violence who come to the agency's "
                 "attention through Secure Communities be protected.")
    tribune = story(3, "A federal advisory panel has given critics of Secure Communities their strongest ammunition "
                       "yet, calling the program a threat to community policing.",
                    "It also found that Secure Communities had been sold to states as optional when it was not.")
    stories = [dhs, wnyc, tribune]
    leaning = {c.text for s in stories for c in s.candidates if c.needs_previous or c.needs_context}
    assert leaning == {wnyc.paragraphs[2], wnyc.paragraphs[3], tribune.paragraphs[1]}
    for sentences in (3, 4, 5, 6):
        chosen = run(stories, SummaryBudget(sentences=sentences))
        _reads_right_after_its_antecedent(stories, chosen)
    chosen = run(stories, SummaryBudget(sentences=6))
    assert wnyc.paragraphs[2] in chosen  # kept, beside its own story's lede
    assert chosen.index(wnyc.paragraphs[2]) == chosen.index(wnyc.paragraphs[0]) + 1


def test_the_lead_story_s_own_opening_comes_first_when_chosen() -> None:
    """"Senators said a bipartisan bill ... had the best chance" led and its story's opening, "The Senate began its
    long-promised immigration debate on Monday", followed it: the story told backwards. The lead story's opening,
    when chosen, comes first, then the best sentence."""
    daca = TopicMatcher.from_config(TopicConfig("DACA", ("DACA",)))
    senate = story(
        1,
        "The Senate began its long-promised immigration debate on Monday, and young immigrants are watching to see "
        "whether they can stay.",
        "Senators said a bipartisan bill protecting DACA recipients in exchange for border security money had the "
        "best chance of reaching 60 votes.",
        "The White House said the president would veto any DACA bill that did not include money for the wall.",
    )
    lens = topic_lens([senate], daca.matches)
    chosen = [s.text for s in summarise([senate], lens, SummaryBudget(sentences=3))]
    assert chosen == list(senate.paragraphs)


def test_a_sentence_ranking_its_story_s_points_follows_news_not_the_background_between() -> None:
    """The samples' own-day digest read "... rolled out the Secure Communities program in October 2008.[2] Most
    significantly, the Task Force ... recommended ...[2]" after the other stories' news: background between news
    sentences, and ranking a date as a point. It follows its story's nearest chosen news sentence instead."""
    wnyc = story(2, "A task force created to recommend improvements to Secure Communities presented a critical report "
                    "this week, saying the program caused confusion at the state and local level.",
                 "Immigration and Customs Enforcement rolled out the Secure Communities program in October 2008.",
                 "Most significantly, the Task Force on Secure Communities recommended ICE not pursue people "
                 "identified through Secure Communities for arrests based on minor traffic offenses.")
    chosen = run([wnyc, SECOND], SummaryBudget(sentences=6))
    assert is_background(wnyc.paragraphs[1], 2011) and set(wnyc.paragraphs) <= set(chosen)
    assert chosen.index(wnyc.paragraphs[2]) == chosen.index(wnyc.paragraphs[0]) + 1
    assert chosen[-1] == wnyc.paragraphs[1]
