"""Topic days (trend counts, New today signatures) are computed once per past day, stored, and recomputed
only when the day changed."""

import sqlite3
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest

from reader import topic_days
from reader.config import TopicConfig
from reader.store import Store
from reader.store.store import TopicDay
from reader.text.decision_state import news_signature as signature  # what a stored day holds
from reader.topic_days import local_day_bounds, past_topic_days, recent_signatures, topic_key
from tests.store.test_store import add_feed, entry

DAY = date(2026, 11, 30)
TOPIC = TopicConfig("287(g)", ("287(g)",))
DAY_ONE = "The county board voted 5-2 to end its 287(g) agreement with federal immigration authorities."


def add(store: Store, path: Path, key: str, body: str, day: date) -> None:
    """An article first seen at noon (local time) on `day`."""
    store.upsert_entries(add_feed(store), [entry(key, title=key, body=body)])
    stamp = datetime.combine(day, time(12)).astimezone().isoformat(timespec="seconds")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE articles SET first_seen = ?1, updated = ?1 WHERE key = ?2", (stamp, key))


def history(store: Store, topic: TopicConfig = TOPIC, days: int = 7) -> list[frozenset[str]]:
    return recent_signatures(past_topic_days(store, [topic], DAY, days), topic.name, days)


def test_past_days_are_stored_once_and_recomputed_when_they_change(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with Store(path) as store:
        add(store, path, "one", DAY_ONE, date(2026, 11, 28))
        add(store, path, "off-topic", "Fare hike hearings were set for October by the transit board.",
            date(2026, 11, 28))
        add(store, path, "too-old", "The 287(g) program began in 1996 under a federal immigration law.",
            date(2026, 11, 20))
        found = history(store)
        assert signature(DAY_ONE) in found
        assert all("fare" not in s and "1996" not in s for s in found)
        stored = store.topic_days([topic_key(TOPIC)], ["2026-11-28", "2026-11-29"])
        assert stored[(topic_key(TOPIC), "2026-11-29")] == TopicDay(0, 0, 0, "")  # an empty day is stored too
        row = stored[(topic_key(TOPIC), "2026-11-28")]
        assert (row.day_articles, row.articles, row.outlets) == (2, 1, 1)  # 2 that day, 1 in the topic, 1 outlet

        # An unchanged day is read from the store, not recomputed from its articles.
        store.save_topic_days("2026-11-28", {topic_key(TOPIC): TopicDay(2, 1, 1, "stored only here")})
        assert history(store) == [frozenset({"stored", "only", "here"})]

        # A day that gained an article since is recomputed.
        add(store, path, "late", "Late on Saturday the 287(g) agreement in Frederick County was renewed for "
            "three more years.", date(2026, 11, 28))
        found = history(store)
        assert signature(DAY_ONE) in found and len(found) == 2
        assert past_topic_days(store, [TOPIC], DAY, 7)[date(2026, 11, 28)]["287(g)"].articles == 2

        # A topic whose phrases changed does not reuse the old rows; a shorter history leaves the day out.
        assert signature(DAY_ONE) in history(store, replace(TOPIC, match=("287(g)", "jail")))
        assert history(store, days=1) == []


def test_signatures_stored_by_an_older_stemmer_are_recomputed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.db"
    with Store(path) as store:
        add(store, path, "one", DAY_ONE, date(2026, 11, 28))
        monkeypatch.setattr(topic_days, "SIGNATURE_VERSION", topic_days.SIGNATURE_VERSION - 1)
        old_key = topic_key(TOPIC)
        store.save_topic_days("2026-11-28", {old_key: TopicDay(1, 1, 1, "stems an older stemmer made")})
        assert history(store, days=3) == [{"stems", "an", "older", "stemmer", "made"}]  # reused by that version
        monkeypatch.undo()
        assert topic_key(TOPIC) != old_key
        assert history(store, days=3) == [signature(DAY_ONE)]  # the current version computes the day again


def test_local_day_bounds_cover_one_local_day() -> None:
    start, end = local_day_bounds(DAY)
    assert datetime.fromisoformat(start).astimezone().date() == DAY
    assert (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() in (82800, 86400, 90000)
