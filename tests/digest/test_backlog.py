"""A new feed's backlog in today's digest: ranked after the week's news, its relative days dated."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from reader.commands.digest import FIRST_DAY, nearest_days_with_articles
from reader.config import TopicConfig
from reader.digest.build import build_digest
from reader.digest.candidates import relative_day
from reader.digest.changes import new_today
from reader.digest.render import render_digest
from reader.digest.topic_summary import LONG_AGO_DAYS, fold_stories, rank_stories, topic_fits
from reader.store import Store
from reader.text.clean import clean_stored_article
from reader.topics import compile_topics
from tests.digest.fixtures import article, feed_row
from tests.digest.test_structure import section
from tests.test_topic_days import add

DAY = date(2026, 11, 30)
TOPIC = [TopicConfig("Secure Communities", ("Secure Communities",))]
EXPANDING = ("The Department of Homeland Security said Friday it will keep expanding Secure Communities, the "
             "fingerprint-sharing program, despite a task force report that found it had eroded trust.")
ENDING = ("Immigration and Customs Enforcement said Tuesday it would end Secure Communities in three Maryland "
          "counties after their councils voted to withdraw from the program.")
# The backlog story, carried by three outlets and published in 2011, against today's one-outlet story.
BACKLOG = [replace(article(i, f"Outlet {i}", "DHS to press ahead with Secure Communities", EXPANDING),
                   published="2011-10-14T18:00:00+00:00") for i in (1, 2, 3)]
TODAY = article(4, "Outlet 4", "ICE to end Secure Communities in three counties", ENDING)
FEEDS = [feed_row(i, f"Outlet {i}") for i in range(1, 5)]


def test_backlog_ranks_after_the_week_s_news_however_many_outlets_carried_it() -> None:
    stories = fold_stories([*BACKLOG, TODAY])
    fits = topic_fits(stories, compile_topics(TOPIC)[0])
    assert rank_stories(stories, fits)[0].lead.id == 1  # by outlets alone, the backlog leads
    assert [s.lead.id for s in rank_stories(stories, fits, DAY)] == [4, 1]


def test_today_s_news_leads_the_summary_and_the_backlog_s_friday_is_dated() -> None:
    """The tester's repro: the summary led with a 2011 "said Friday", then today's "said Tuesday"."""
    digest = build_digest(DAY, [*BACKLOG, TODAY], TOPIC, FEEDS, clean_stored_article)
    [sc] = digest.sections
    assert [s.text for s in sc.summary] == [ENDING, EXPANDING]
    assert sc.summary[0].dated is None and sc.summary[1].dated == date(2011, 10, 14)
    text = section(render_digest(digest), "Secure Communities")
    assert f"{ENDING}[1] {EXPANDING} *(published Friday 14 October 2011)*[2]" in text
    assert "1. ICE to end Secure Communities in three counties — Outlet 4\n" in text


def test_a_story_of_the_past_week_and_a_backlog_sentence_with_no_relative_day_are_not_dated() -> None:
    recent = replace(TODAY, published=f"{date.fromordinal(DAY.toordinal() - LONG_AGO_DAYS)}T09:00:00+00:00")
    rules = ("Secure Communities checks the fingerprints of everyone booked into a county jail against federal "
             "immigration databases, the program's rules say.")
    plain = replace(BACKLOG[0], text=rules, content=f"<p>{rules}</p>")
    digest = build_digest(DAY, [recent, plain], TOPIC, FEEDS, clean_stored_article)
    [sc] = digest.sections
    assert len(sc.summary) == 2 and all(s.dated is None for s in sc.summary)
    assert "published" not in section(render_digest(digest), "Secure Communities").split("**Coverage**")[0]


def test_new_today_dates_a_backlog_sentence_s_relative_day_too() -> None:
    history = [frozenset({"unrelated", "history", "words"})]
    listed = new_today([(1, BACKLOG[0]), (2, TODAY)], clean_stored_article, history, TOPIC[0], 7, day=DAY)
    assert [(x.text, x.dated) for x in listed.items] == [(EXPANDING, date(2011, 10, 14)), (ENDING, None)]
    assert all(x.dated is None for x in new_today([(1, BACKLOG[0])], clean_stored_article, history, TOPIC[0], 7).items)


def test_the_header_says_how_much_of_the_day_is_backlog_and_when_it_was_published() -> None:
    """Plainly, before anything else: a new reader's first digest is old news, and no earlier day's digest has it."""
    text = render_digest(build_digest(DAY, [*BACKLOG, TODAY], TOPIC, FEEDS, clean_stored_article))
    assert ("\n3 of the 4 new articles were published long before this day (14 October 2011): the back issues of "
            "feeds read for the first time, which the reader first saw on this day. Each such story shows its own "
            "date, and ranks after this week's news. A digest holds the articles first seen on its day, so no "
            "digest of an earlier day has these.\n") in text
    assert build_digest(DAY, [TODAY], TOPIC, FEEDS, clean_stored_article).backlog is None
    one = render_digest(build_digest(DAY, BACKLOG[:1], TOPIC, FEEDS, clean_stored_article))
    assert "\nThe new article was published long before this day (14 October 2011): " in one


def test_an_empty_day_names_the_nearest_days_with_articles_and_the_command_for_them() -> None:
    empty = build_digest(DAY, [], TOPIC, FEEDS, clean_stored_article)
    assert "first seen" in render_digest(empty) and "--date" not in render_digest(empty)
    text = render_digest(replace(empty, nearest_days=(date(2026, 11, 2), date(2026, 12, 1))))
    assert ("No new articles were first seen on this day, so there is no coverage to report. The store's nearest "
            "articles were first seen before it on Monday 2 November 2026 (`reader digest --date 2026-11-02`) and "
            "after it on Tuesday 1 December 2026 (`reader digest --date 2026-12-01`). Articles belong to the day "
            "the reader first saw them, not the day they were published.\n") in text


def test_the_nearest_days_with_articles_are_found_however_far_away(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with Store(path) as store:
        assert nearest_days_with_articles(store, DAY) == (None, None)
        for key, day in (("old", date(1999, 3, 4)), ("older", date(1950, 1, 1)), ("next", date(2031, 7, 8))):
            add(store, path, key, "Secure Communities story text long enough to count as an article.", day)
        assert nearest_days_with_articles(store, DAY) == (date(1999, 3, 4), date(2031, 7, 8))
        assert nearest_days_with_articles(store, date(1999, 3, 4)) == (date(1950, 1, 1), date(2031, 7, 8))
        assert nearest_days_with_articles(store, FIRST_DAY) == (None, date(1950, 1, 1))


@pytest.mark.parametrize(("sentence", "relative"), [
    ("State Senator Bill Perkins said he would reintroduce the bill in January.", True),
    ("The federal DREAM Act failed in the Senate last December, five votes short.", True),
    ("Sales of the system rose sharply last year, the agency said.", True),
    ("The law took effect two years ago.", True),
    ("The council will take it up again next spring.", True),
    ("It passed on Dec. 18, 2010.", False),
    ("The program began in October 2008.", False),
    ("It passed on December 18, 2010, after a long debate.", False),
    ("Officials may decide soon.", False),  # "may" is a verb
])
def test_a_month_or_year_told_relative_to_the_story_is_a_relative_day(sentence: str, relative: bool) -> None:
    assert relative_day(sentence) is relative


def test_a_backlog_story_s_month_without_a_year_is_dated_once_per_summary() -> None:
    """Read in a December 2026 digest, a 2011 story's "in January" would be January 2027; its date is given with the
    story's first such sentence in the summary, and not again for each of its sentences after it."""
    january = ("State Senator Bill Perkins said he would reintroduce the Secure Communities bill in the State "
               "Senate in January.")
    december = ("The federal Secure Communities bill failed in the Senate last December, five votes short of the "
                "60 needed.")
    old = replace(article(1, "Outlet 1", "Secure Communities bill", f"{january} {december}"),
                  published="2011-10-14T18:00:00+00:00")
    [sc] = build_digest(DAY, [old], TOPIC, FEEDS, clean_stored_article).sections
    assert [(s.text, s.dated) for s in sc.summary] == [(january, date(2011, 10, 14)), (december, date(2011, 10, 14))]
    text = section(render_digest(build_digest(DAY, [old], TOPIC, FEEDS, clean_stored_article)), "Secure Communities")
    assert f"{january} *(published Friday 14 October 2011)*[1] {december}[1]" in text
