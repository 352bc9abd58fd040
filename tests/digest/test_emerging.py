"""Emerging topics are names several outlets use that no tracked topic covers, not the tracked coverage's own words.

In the samples "Department of Homeland Security" was listed: an agency every Secure Communities
story names is that coverage's vocabulary, not a subject to start tracking.
"""

from __future__ import annotations

from datetime import date

from reader.config import TopicConfig
from reader.digest.build import build_digest
from reader.digest.render import render_digest
from reader.models import Article
from reader.text.clean import clean_stored_article
from tests.digest.fixtures import DAY, article, feed_row

SC = TopicConfig("Secure Communities", ("Secure Communities",))
OUTLETS = ["Civic Wire", "Metro Ledger", "Capitol Dispatch", "WNYC News", "Borderlands Tribune"]
FEEDS = [feed_row(i, name) for i, name in enumerate(OUTLETS, 1)]
# Distinct subjects, so no two stories fold into one.
SUBJECTS = ["jail bookings in Nassau County", "a task force report in Albany", "fingerprint checks in Suffolk",
            "sheriffs meeting in Frederick", "a court ruling in Phoenix", "bus fares in Yonkers",
            "school budgets in Buffalo"]


def story(aid: int, outlet: str, *sentences: str) -> Article:
    subject = SUBJECTS[aid - 1]
    text = " ".join((f"Officials met on Tuesday to discuss {subject}.", *sentences, f"More on {subject} follows."))
    return article(aid, outlet, f"Report on {subject}", text)


def emerging(articles: list[Article], topics: tuple[TopicConfig, ...] = (SC,)) -> list[str]:
    digest = build_digest(date.fromisoformat(DAY), articles, topics, FEEDS, clean_stored_article)
    return [e.phrase for e in digest.emerging]


TRACKED = "The Department of Homeland Security will keep expanding Secure Communities this year."
NEW_SUBJECT = "Inspectors at Rikers Island found the cells crowded again."


def test_an_agency_only_tracked_stories_name_is_not_emerging() -> None:
    plain = "Secure Communities reached every county jail on Monday."
    # The samples' shape: two of the topic's stories (not most of its five) name the agency, no other story does.
    articles = [story(1, "Civic Wire", TRACKED), story(2, "Metro Ledger", TRACKED),
                story(3, "Capitol Dispatch", NEW_SUBJECT), story(4, "WNYC News", NEW_SUBJECT),
                *(story(i, "Borderlands Tribune", plain) for i in (5, 6, 7))]
    assert emerging(articles) == ["Rikers Island"]
    digest = build_digest(date.fromisoformat(DAY), articles, (SC,), FEEDS, clean_stored_article)
    assert "- **Rikers Island** — 2 stories in 2 outlets (Capitol Dispatch, WNYC News)" in render_digest(digest)
    assert "Names several outlets used on this day that no tracked topic covers" in render_digest(digest)  # of any day


def test_an_agency_most_of_a_topics_stories_name_is_not_emerging_though_other_stories_name_it() -> None:
    agency = "The Department of Homeland Security declined to comment."
    articles = [story(1, "Civic Wire", TRACKED), story(2, "Metro Ledger", TRACKED),
                story(3, "Capitol Dispatch", "Secure Communities reached every county jail on Monday."),
                story(4, "WNYC News", agency, NEW_SUBJECT), story(5, "Borderlands Tribune", agency, NEW_SUBJECT),
                story(6, "Civic Wire", agency)]
    # Three untracked stories name the agency, two tracked ones do: but two of the topic's three stories do.
    assert emerging(articles) == ["Rikers Island"]


def test_a_name_whose_initials_a_topic_tracks_is_not_emerging() -> None:
    agency = "The Department of Homeland Security said it would review the findings."
    articles = [story(1, "Civic Wire", agency), story(2, "Metro Ledger", agency)]
    assert emerging(articles) == ["Department of Homeland Security"]
    assert emerging(articles, (SC, TopicConfig("Homeland security", ("DHS",)))) == []
