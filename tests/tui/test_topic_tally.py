"""Topic counts kept up to date from what another program changed: the same counts a full count gives, reading
the text of the changed articles only."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

import reader.store.refresh_writes
import reader.tui.workers as workers
from reader.core import Reader, make_reader
from reader.fetch.refresh import refresh
from reader.models import FetchedFeed, ParsedEntry
from reader.store import ArticleFilter, Store
from reader.topics import compile_topics
from reader.tui.app import ReaderApp
from reader.tui.topic_tally import TopicTally, count_all, count_changes
from tests.tui.conftest import NOW, settle, wait_until

# When the samples were fetched: the fixed clock of the other TUI fixtures (conftest.NOW), a second already past
# (as it is once a fetch is over), so every later write, stamped by the real clock or 2099, is newer.
FETCHED = NOW.isoformat()


@pytest.fixture
def filled(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Reader:
    """The sample articles, fetched at FETCHED (the tally's mark is a past second, as it is once a fetch is over)."""
    with monkeypatch.context() as earlier:
        earlier.setattr(reader.store.refresh_writes, "utc_now", lambda: FETCHED)
        filled = make_reader(sample_dir / "feeds.toml", sample_dir / "r.db")
        refresh(filled.store, replace(filled.config, fetch=replace(filled.config.fetch, concurrency=1)))
    return filled


def full_count(reader: Reader) -> TopicTally:
    tally = count_all(reader.store, reader.config.topics, compile_topics(reader.config.topics), lambda: False)
    assert tally is not None
    return tally


def secure_articles(db: Path) -> list[int]:
    with Store(db) as store:
        return [a.id for a in store.list_articles(ArticleFilter(), limit=100)
                if "Secure Communities" in f"{a.title} {a.text}"]


def write_elsewhere(db: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Another program's writes, a while after the count: a topic article read, one read before made unread again,
    one whose text changed (it no longer mentions its topic), one new; which they were. The reader had read the
    second (read_before)."""
    monkeypatch.setattr(reader.store.refresh_writes, "utc_now", lambda: "2099-01-01T00:00:00+00:00")
    read, unread_again, edited = secure_articles(db)[:3]
    with Store(db) as other:
        other.set_read([read])
        other.set_read([unread_again], read=False)
        feed, key, guid, link, published = sqlite3.connect(db).execute(
            "SELECT feed_id, key, guid, link, published FROM articles WHERE id = ?", (edited,)).fetchone()
        other.upsert_entries(feed, [ParsedEntry(key, guid, link, "County budget", None, published, "<p>Roads.</p>",
                                                "Roads and bridges.", "changed")])
        other.upsert_entries(feed, [ParsedEntry("g:new", "g:new", "https://x.example/new", "E-Verify expands",
                                                None, "2026-11-30T09:00:00+00:00", "<p>x</p>",
                                                "The E-Verify rule now covers every contractor.", "new")])
        new = other.list_articles(ArticleFilter(search="contractor"))[0].id
    return {"read": read, "unread again": unread_again, "edited": edited, "new": new}


def read_before(reader: Reader) -> None:
    reader.store.set_read([secure_articles(reader.db_path)[1]])


def test_counting_what_changed_gives_what_counting_everything_gives(filled: Reader,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    matchers = compile_topics(filled.config.topics)
    read_before(filled)
    before = full_count(filled)
    changed = write_elsewhere(filled.db_path, monkeypatch)
    read: list[int] = []
    texts = filled.store.story_texts
    monkeypatch.setattr(filled.store, "story_texts", lambda ids: texts(read.extend(ids) or ids))
    after = count_changes(filled.store, before, matchers, lambda: False)
    assert after is not None
    assert sorted(read) == sorted([changed["unread again"], changed["edited"], changed["new"]])  # no other text
    assert after == full_count(filled)
    counts, was = after.counts(), before.counts()
    assert counts["Secure Communities"] == was["Secure Communities"] - 1  # -1 read, -1 edited, +1 unread again
    assert counts["E-Verify"] == was["E-Verify"] + 1
    assert count_changes(filled.store, before, matchers, lambda: True) is None  # cancelled: no half count


def unread_without(db: Path, phrase: str) -> tuple[int, int, str, str | None, str | None, str | None]:
    """An unread article that does not mention `phrase`: (id, feed, key, guid, link, published)."""
    with Store(db) as store:
        aid = next(a.id for a in store.list_articles(ArticleFilter(), limit=100)
                   if not a.is_read and phrase not in f"{a.title} {a.text}")
    feed, key, guid, link, published = sqlite3.connect(db).execute(
        "SELECT feed_id, key, guid, link, published FROM articles WHERE id = ?", (aid,)).fetchone()
    return aid, feed, key, guid, link, published


def test_page_text_saved_elsewhere_is_matched(filled: Reader) -> None:
    """save_full_text changes an article's text (its fetched page is appended): the tally matches it again."""
    matchers = compile_topics(filled.config.topics)
    before = full_count(filled)
    aid = unread_without(filled.db_path, "E-Verify")[0]
    assert aid not in before.members["E-Verify"]
    with Store(filled.db_path) as other:
        other.save_full_text(aid, "<p>The E-Verify rule now covers every contractor.</p>", None)
    after = count_changes(filled.store, before, matchers, lambda: False)
    assert after is not None and after == full_count(filled)
    assert after.members["E-Verify"] == before.members["E-Verify"] | {aid}


def test_a_write_committed_after_the_mark_was_read_is_matched(filled: Reader, monkeypatch: pytest.MonkeyPatch) -> None:
    """A refresh's transaction still open while the reader counts (and reads its mark) is matched once committed.

    It began in the second the last committed write did (the sample's fetch, at FETCHED), so no clock
    stamp it gives its rows can be newer than a mark the reader takes from committed rows meanwhile.
    """
    monkeypatch.setattr(reader.store.refresh_writes, "utc_now", lambda: FETCHED)
    matchers = compile_topics(filled.config.topics)
    aid, feed, key, guid, link, published = unread_without(filled.db_path, "E-Verify")
    during: list[TopicTally] = []
    with Store(filled.db_path) as other:
        upsert = other._upsert

        def upsert_then_count(*args: object) -> tuple[int, int]:
            stored = upsert(*args)  # type: ignore[arg-type]
            during.append(full_count(filled))  # the reader counts while the refresh's transaction is open
            return stored

        monkeypatch.setattr(other, "_upsert", upsert_then_count)
        # An update of the story (its text with a sentence added), not another story under its guid (reused_keys.py).
        [text] = sqlite3.connect(filled.db_path).execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()
        other.store_fetched_together([FetchedFeed(feed, [ParsedEntry(
            key, guid, link, "E-Verify expands", None, published, "<p>x</p>",
            f"{text} The E-Verify rule now covers every contractor.", "edited")], "ok")])
    [counted] = during
    assert aid not in counted.members["E-Verify"] and aid in counted.unread  # the edit was not committed yet
    after = count_changes(filled.store, counted, matchers, lambda: False)
    assert after is not None and after == full_count(filled)
    assert after.members["E-Verify"] == counted.members["E-Verify"] | {aid}


async def test_a_write_elsewhere_counts_only_what_changed_and_keeps_the_counts_shown(
        filled: Reader, sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read_before(filled)
    full: list[int] = []
    monkeypatch.setattr(workers, "count_all", lambda *a: (full.append(1), count_all(*a))[1])
    app = ReaderApp(make_reader(sample_dir / "feeds.toml", sample_dir / "r.db"))
    app.STORE_POLL_S = 0.1
    shown: list[dict[str, int] | None] = []
    show = app._show_sidebar
    monkeypatch.setattr(app, "_show_sidebar", lambda: (shown.append(app.topic_unread), show())[1])
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(app, pilot)
        assert full == [1] and app.topic_unread == full_count(filled).counts()
        counted = app.topic_tally
        shown.clear()
        write_elsewhere(sample_dir / "r.db", monkeypatch)
        await wait_until(pilot, lambda: app.topic_tally is not counted)
        await settle(app, pilot)
        assert full == [1]  # no second count over the store
        assert app.topic_unread == full_count(filled).counts()
        assert None not in shown  # the sidebar never showed the topics uncounted while it recounted
