"""Background never interrupts a summary's news, and a one-sentence summary is the lede, not a quote."""

from __future__ import annotations

from reader.digest.summarise import SummaryBudget, is_background
from tests.digest.test_summarise import SC, run, story

# The second day of a story: today's news, with yesterday's introduction of the task force now background.
SECOND_DAY = story(
    1,
    "The Department of Homeland Security said Friday it will keep expanding Secure Communities despite a "
    "critical report from its own advisers.",
    "In 2009, Immigration and Customs Enforcement appointed a task force of 20 sheriffs and police chiefs to "
    "review Secure Communities in all 50 states.",
    "The task force said on Friday that Secure Communities should stop pursuing people arrested only for minor "
    "traffic offenses.",
    mainly=True, year=2011,
)
OTHER_STORY = story(
    2,
    "Police chiefs in three states said on Friday that Secure Communities had made immigrants afraid to report "
    "crimes to local officers.",
    "Sheriffs in Texas said Secure Communities had freed deputies from checking the immigration status of "
    "everyone booked into county jails.",
    mainly=True, year=2011,
)


def _background(chosen: list[str]) -> list[bool]:
    return [is_background(s, 2011) for s in chosen]


def test_background_that_news_needs_leads_and_never_interrupts_the_news() -> None:
    """It came fourth of five: after three news sentences, before the one calling its task force "the task force"."""
    chosen = run([SECOND_DAY, OTHER_STORY], SC)
    assert SECOND_DAY.paragraphs[1] in chosen and SECOND_DAY.paragraphs[2] in chosen
    flags = _background(chosen)
    # Background only at the start or the end: never a news sentence on both sides of it.
    first_news, last_news = flags.index(False), len(flags) - 1 - flags[::-1].index(False)
    assert not any(flags[first_news:last_news + 1]), chosen
    # What "the task force" means is read before it.
    assert chosen.index(SECOND_DAY.paragraphs[1]) < chosen.index(SECOND_DAY.paragraphs[2])


def test_background_nothing_needs_comes_last() -> None:
    first = story(1, SECOND_DAY.paragraphs[0],
                  "Immigration and Customs Enforcement rolled out Secure Communities in October 2008, starting "
                  "in a handful of counties in Texas.", mainly=True, year=2011)
    chosen = run([first, OTHER_STORY], SC)
    assert chosen[0] == first.paragraphs[0] and _background(chosen)[-1] and not any(_background(chosen)[:-1])


def test_one_sentence_is_the_lede_not_a_quote_or_background() -> None:
    quoted = story(
        1,
        "The Frederick County Council voted on Friday to end its Secure Communities agreement with ICE.",
        "“Secure Communities has made every immigrant family in Frederick County afraid of the local police "
        "and afraid of the county jail,” said Council President Ana Ruiz of Secure Communities.",
        mainly=True, year=2011,
    )
    assert run([quoted], SC, SummaryBudget(sentences=1)) == [quoted.paragraphs[0]]
    assert run([SECOND_DAY, OTHER_STORY], SC, SummaryBudget(sentences=1)) == [SECOND_DAY.paragraphs[0]]


def test_new_today_does_not_note_a_background_summary_sentence_as_new() -> None:
    """The samples' 17 September digest said "New today: the whole summary", the summary ending with ICE having
    "rolled out the Secure Communities program in October 2008": new to the week's coverage, not news that day."""
    from datetime import date

    from reader.config import TopicConfig
    from reader.digest.changes import new_today
    from reader.text.clean import clean_stored_article
    from reader.text.decision_state import news_signature

    news = "The task force said on Friday that Secure Communities should stop pursuing minor traffic offenders."
    rollout = "Immigration and Customs Enforcement rolled out the Secure Communities program in October 2008."
    history = [news_signature("County sheriffs in Maryland weighed their agreements with federal immigration "
                              "agents on Thursday.")]
    topic = TopicConfig("Secure Communities", ("Secure Communities",))
    noted = new_today([], clean_stored_article, history, topic, 7, [news, rollout], day=date(2011, 9, 17),
                      summary_years=[2011, 2011])
    assert noted.in_summary == (1,) and not noted.whole_summary
    assert new_today([], clean_stored_article, history, topic, 7, [news, rollout]).in_summary == (1, 2)  # no years
