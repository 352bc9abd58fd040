"""Which day an article belongs to (try11 F25): the day first seen, or the day its text changed; --date yesterday
for the morning cron; a digest of a day not over says so."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path

from reader.commands.digest import parse_day
from reader.config import TopicConfig
from reader.digest.build import build_digest
from reader.digest.render import render_digest
from reader.store import Store
from reader.text.clean import clean_stored_article
from reader.topic_days import local_day_bounds, past_topic_days, recent_signatures
from tests.digest.fixtures import feed_row
from tests.store.test_store import add_feed, entry

DAY = date(2026, 12, 2)
TOPIC = [TopicConfig("E-Verify", ("E-Verify",))]
PLAN = "The county council will vote on Tuesday night on a rule requiring E-Verify for every city contractor."
OUTCOME = "The county council voted 5 to 2 on Tuesday night to adopt the E-Verify rule for every city contractor."


def _at_noon(path: Path, column: str, day: date) -> None:
    stamp = datetime.combine(day, time(12)).astimezone().isoformat(timespec="seconds")
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE articles SET {column} = ?", (stamp,))


def test_cron_s_yesterday_and_today_are_days() -> None:
    assert parse_day("yesterday") == date.today() - timedelta(days=1)
    assert parse_day(" Today ") == date.today()


def test_an_article_updated_with_the_outcome_is_the_news_of_the_day_it_changed(tmp_path: Path) -> None:
    """The tester's repro: 'will vote' first seen on 1 December, the same guid updated with 'voted 5 to 2' on the
    2nd; the 2nd's digest said '0 new articles' and no digest ever had the vote."""
    path = tmp_path / "r.db"
    with Store(path) as store:
        feed = add_feed(store)
        store.upsert_entries(feed, [entry("u1", title="Council weighs E-Verify rule", body=PLAN)])
        _at_noon(path, "first_seen", DAY - timedelta(days=1))
        _at_noon(path, "updated", DAY - timedelta(days=1))
        assert store.upsert_entries(feed, [entry("u1", title="Council weighs E-Verify rule",
                                                 body=f"{PLAN} {OUTCOME}")]) == (0, 1)
        _at_noon(path, "updated", DAY)
        # The day before is computed after the update: the store has only the new text, which that day did not carry.
        recent = recent_signatures(past_topic_days(store, TOPIC, DAY, 7), "E-Verify", 7)
        articles = store.articles_of_day(*local_day_bounds(DAY))
        assert [a.id for a in articles] == [1]
        assert [a.id for a in store.articles_of_day(*local_day_bounds(DAY + timedelta(days=1)))] == []
        digest = build_digest(DAY, articles, TOPIC, [feed_row(feed, "F")], clean_stored_article,
                              recent={"E-Verify": recent})
    text = render_digest(digest)
    assert "F feeds read" not in text and "0 new articles, 1 updated · 1 of 1 tracked topics covered" in text
    assert "updated_articles: 1" in text
    assert ("1. Council weighs E-Verify rule — F · Saturday 17 September 2011 · updated on this day (first seen "
            "Tuesday 1 December 2026)") in text
    new_today = text.split("**New today", 1)[1].split("**Coverage**")[0]
    assert OUTCOME in text.split("**Coverage**")[0] and "No new articles" not in text
    assert "nothing that the previous" not in new_today and "stored no coverage" not in text


def test_a_day_changed_after_it_was_stored_keeps_what_it_carried(tmp_path: Path) -> None:
    """The day's row stored before the update (by its own digest) keeps the old text's signatures."""
    path = tmp_path / "r.db"
    with Store(path) as store:
        feed = add_feed(store)
        store.upsert_entries(feed, [entry("u1", title="Council weighs E-Verify rule", body=PLAN)])
        _at_noon(path, "first_seen", DAY - timedelta(days=1))
        _at_noon(path, "updated", DAY - timedelta(days=1))
        before = recent_signatures(past_topic_days(store, TOPIC, DAY, 7), "E-Verify", 7)
        store.upsert_entries(feed, [entry("u1", title="Council weighs E-Verify rule", body=f"{PLAN} {OUTCOME}")])
        _at_noon(path, "updated", DAY)
        assert recent_signatures(past_topic_days(store, TOPIC, DAY, 7), "E-Verify", 7) == before


def test_a_digest_of_a_day_not_over_says_so_at_its_top() -> None:
    digest = build_digest(DAY, [], TOPIC, [feed_row(1, "F")], clean_stored_article)
    from dataclasses import replace

    text = render_digest(replace(digest, day_not_over=True))
    assert ("\n*This day was not over when this digest was made: articles first seen later today are not in it. "
            "The digest made after the day (`reader digest --date yesterday` tomorrow) has the whole day.*\n") in text
    assert "not over" not in render_digest(digest)
