"""A section whose stories are summarised under another topic: what it says is new, and whose stories it counts."""

from __future__ import annotations

from datetime import date

from reader.config import TopicConfig, load_config
from reader.digest.build import build_digest
from reader.digest.model import Digest, NewToday, TopicSection
from reader.digest.render import render_digest
from reader.models import Article
from reader.text.clean import clean_stored_article
from tests.conftest import REPO
from tests.digest.fixtures import article, feed_row
from tests.digest.test_digest import recent_from
from tests.digest.test_structure import section

CONFIG = load_config(REPO / "feeds.toml")
DAY = date(2026, 11, 30)
FEEDS = [feed_row(i, f"Outlet {i}") for i in (1, 2, 3)]
PROGRAM = ("Secure Communities, the fingerprint-sharing program run by Immigration and Customs Enforcement, "
           "checks the fingerprints of everyone booked into a county jail against federal immigration databases.")
JAILS = ("Sheriffs in several Maryland counties said Secure Communities had strained their jails and frightened "
         "immigrant families away from reporting crimes to ICE-partnered police.")
ENDING = ("ICE said Tuesday it would end Secure Communities in three Maryland counties after county councils "
          "voted to withdraw from the fingerprint-sharing program.")
BEFORE = [article(1, "Outlet 1", "Secure Communities under fire in Maryland", f"{PROGRAM} {JAILS}")]


def markdown(today: list[Article], before: list[Article] = BEFORE) -> str:
    return render_digest(build_digest(DAY, today, CONFIG.topics, FEEDS, clean_stored_article,
                                      recent=recent_from(before)))


def test_a_section_summarised_elsewhere_says_where_its_new_story_is_told_not_that_nothing_is_new() -> None:
    """The tester's repro: every ICE enforcement story is summarised under Secure Communities, and the ending
    of the program in three counties is new today; the section pointed at nothing new."""
    text = markdown([article(2, "Outlet 1", "ICE to end Secure Communities in three counties",
                             f"{ENDING} {PROGRAM} Secure Communities will continue elsewhere."),
                     article(3, "Outlet 2", "Secure Communities strains Maryland jails", f"{JAILS} {PROGRAM}")])
    ice = section(text, "ICE enforcement")
    assert "Both of these stories are summarised under Secure Communities." in ice
    assert "nothing that the previous" not in ice
    assert "**New today:** story 1, summarised under Secure Communities." in ice
    assert "1. ICE to end Secure Communities in three counties" in ice
    assert ENDING in section(text, "Secure Communities")  # where it is told


def test_a_section_summarised_elsewhere_with_only_old_news_still_says_nothing_new() -> None:
    text = markdown([article(3, "Outlet 2", "Secure Communities strains Maryland jails", f"{JAILS} {PROGRAM}")])
    ice = section(text, "ICE enforcement")
    assert "This story is summarised under Secure Communities." in ice
    assert "**New today:** nothing that the previous 7 days' coverage did not already report." in ice


def test_a_capped_list_s_cross_reference_counts_the_listed_stories_and_says_so() -> None:
    """25 of 60,003 stories read as the whole section; the count is of the listed ones, which alone are
    summarised anywhere, and says so."""
    topics = [TopicConfig("Secure Communities", ("Secure Communities",)), TopicConfig("ICE", ("ICE",))]
    on = [article(i, f"Outlet {i % 4}", f"Secure Communities story number {i} on ICE",
                  f"Secure Communities report {i}: county {i} weighs a change of its Secure Communities jail "
                  f"policy with ICE, topic {i * 7}.") for i in range(1, 8)]
    digest = build_digest(DAY, on, topics, FEEDS, clean_stored_article, max_stories=3)
    ice = section(render_digest(digest), "ICE")
    assert "All 3 stories listed here are summarised under Secure Communities." in ice
    assert "and 4 more stories" in ice


def test_news_summarised_under_no_section_is_said_to_be_new_and_unsummarised() -> None:
    """A story whose home topic could summarise none of it is told nowhere: New today says so, by number."""
    new = NewToday((), False, 7, told_elsewhere=((1, "Secure Communities"), (3, "Secure Communities"), (2, None)))
    digest = Digest(DAY, 1, 3, 2, (), (TopicSection("ICE enforcement", (), (), (), (), new_today=new),), (), None,
                    (), ())
    assert ("**New today:** stories 1 and 3, summarised under Secure Communities; story 2, which no section could "
            "summarise.") in render_digest(digest)


def test_a_point_a_section_above_made_is_not_listed_again_and_is_said_to_be_told_there() -> None:
    """The samples' 17 September digest listed under ICE enforcement, as news, the task force's recommendation on
    minor traffic offenses that the Secure Communities summary just above had given in other words."""
    from reader.digest.changes import new_today
    from reader.text.decision_state import news_signature

    above = ("Most significantly, the Task Force on Secure Communities recommended ICE not pursue individuals, "
             "identified through Secure Communities, for arrests based on minor traffic offenses.")
    again = ("The task force appointed by ICE recommended this week that people arrested for minor traffic offenses "
             "not be pursued through the program.")
    other = "Calls to Nassau County’s Spanish-language police tip line fell by a third in two years, police said."
    history = [news_signature("Sheriffs in Maryland weighed their agreements with federal immigration agents.")]
    topic = TopicConfig("ICE enforcement", ("ICE",))
    told = new_today([(1, article(1, "Metro", "ICE and the task force", again))], clean_stored_article, history,
                     topic, 7, said_above=[(above, "Secure Communities")])
    assert told.items == () and told.told_elsewhere == ((1, "Secure Communities"),) and not told.continuing
    listed = new_today([(1, article(1, "Metro", "ICE and the task force", f"{again} {other}"))], clean_stored_article,
                       history, topic, 7, said_above=[(above, "Secure Communities")])
    assert [x.text for x in listed.items] == [other] and listed.told_elsewhere == ()
    alone = new_today([(1, article(1, "Metro", "ICE and the task force", again))], clean_stored_article, history,
                      topic, 7)
    assert [x.text for x in alone.items] == [again]  # with nothing above, it is news here
