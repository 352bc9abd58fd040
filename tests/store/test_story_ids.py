"""The store folds copies into stories as it stores them: a story id on each article, kept through refreshes."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reader.config import FeedConfig
from reader.models import ParsedEntry
from reader.store import SCHEMA_VERSION, ArticleFilter, Store
from reader.store.rows import select_in
from reader.store.schema import migrate
from reader.store.story_fold import StoryFolder
from reader.stories import StoryText, fold_copies, story_text
from tests.test_stories import story

WIRE = story(1, 400)
TRIMMED = WIRE[: len(WIRE) * 3 // 4]  # an outlet cut the last quarter
EDITED = "(AP) " + WIRE.replace("court7", "tribunal7", 1)
OTHER = story(3, 400)
DAY = "2026-11-28T10:00:00+00:00"


def wire_entry(key: str, text: str, published: str | None = DAY, title: str = "Wire story") -> ParsedEntry:
    return ParsedEntry(key, key, None, title, None, published, f"<p>{text}</p>", text,
                       hashlib.sha1(f"{title}\0{text}".encode()).hexdigest())


def add_feeds(store: Store, *names: str) -> list[int]:
    store.sync_feeds([FeedConfig(n, f"/{n}.xml") for n in names], {n: f"/{n}.xml" for n in names})
    ids = {f.name: f.id for f in store.feeds()}
    return [ids[n] for n in names]


def story_ids(store: Store) -> dict[str, int | None]:
    """Each article's guid -> its story id."""
    return {str(a.guid): a.story_id for a in store.list_articles(limit=1000)}


def test_copies_in_other_feeds_share_a_story_and_other_stories_do_not(store: Store) -> None:
    one, two, three = add_feeds(store, "One", "Two", "Three")
    store.upsert_entries(one, [wire_entry("wire", WIRE), wire_entry("other", OTHER)])
    store.upsert_entries(two, [wire_entry("trimmed", TRIMMED), wire_entry("brief", "Too short.")])
    store.upsert_entries(three, [wire_entry("edited", EDITED)])
    ids = story_ids(store)
    assert ids["wire"] == ids["trimmed"] == ids["edited"]
    assert len({ids["wire"], ids["other"], ids["brief"]}) == 3 and None not in ids.values()
    # The same stories fold_copies finds among the same texts: the store folds by its rules.
    texts = {"wire": WIRE, "other": OTHER, "trimmed": TRIMMED, "brief": "Too short.", "edited": EDITED}
    keys = list(texts)
    folded = fold_copies([StoryText(n, k, story_text("Wire story", texts[k])) for n, k in enumerate(keys)])
    assert sorted(sorted(keys[n] for n in g) for g in folded) == sorted(
        sorted(k for k in keys if ids[k] == sid) for sid in set(ids.values()))


def test_copies_days_apart_are_different_stories(store: Store) -> None:
    one, two = add_feeds(store, "One", "Two")
    store.upsert_entries(one, [wire_entry("wire", WIRE, published="2026-11-20T10:00:00+00:00")])
    store.upsert_entries(two, [wire_entry("rerun", TRIMMED, published="2026-11-25T10:00:00+00:00"),
                               wire_entry("near", EDITED, published="2026-11-21T20:00:00+00:00")])
    ids = story_ids(store)
    assert ids["wire"] == ids["near"] != ids["rerun"]  # a template text reused five days later is another story


def test_a_text_repeated_every_day_does_not_chain_into_one_story(store: Store) -> None:
    [one] = add_feeds(store, "One")
    store.upsert_entries(one, [wire_entry(f"day{d}", WIRE, published=f"2026-11-{d:02d}T10:00:00+00:00")
                               for d in range(1, 9)])
    ids = story_ids(store)
    days = {sid: [d for d in range(1, 9) if ids[f"day{d}"] == sid] for sid in set(ids.values())}
    assert len(days) > 1 and all(max(d) - min(d) <= 2 for d in days.values())


def test_a_copy_bridging_two_stories_merges_them(store: Store) -> None:
    words = WIRE.split()
    head, tail, whole = " ".join(words[:300]), " ".join(words[100:]), WIRE
    assert len(fold_copies([StoryText(1, "A", head), StoryText(2, "C", tail)])) == 2
    assert len(fold_copies([StoryText(1, "A", head), StoryText(2, "C", tail), StoryText(3, "B", whole)])) == 1
    one, two, three = add_feeds(store, "One", "Two", "Three")
    store.upsert_entries(one, [wire_entry("head", head)])
    store.upsert_entries(two, [wire_entry("tail", tail)])
    assert story_ids(store)["head"] != story_ids(store)["tail"]
    store.upsert_entries(three, [wire_entry("whole", whole)])
    assert len(set(story_ids(store).values())) == 1


def test_refresh_keeps_story_ids_read_and_starred_and_a_rewritten_article_leaves_its_story(store: Store) -> None:
    one, two = add_feeds(store, "One", "Two")
    store.upsert_entries(one, [wire_entry("wire", WIRE)])
    store.upsert_entries(two, [wire_entry("copy", TRIMMED)])
    before = story_ids(store)
    copy = next(a for a in store.list_articles() if a.guid == "copy")
    store.set_read([copy.id])
    store.set_starred([copy.id])
    assert store.upsert_entries(one, [wire_entry("wire", WIRE)]) == (0, 0)
    assert store.upsert_entries(two, [wire_entry("copy", EDITED)]) == (0, 1)  # corrected, still a copy
    assert story_ids(store) == before
    kept = store.article(copy.id)
    assert kept is not None and kept.is_read and kept.is_starred
    store.upsert_entries(two, [wire_entry("copy", OTHER)])  # replaced by another story's text
    after = story_ids(store)
    assert after["wire"] == before["wire"] and after["copy"] != before["wire"]
    kept = store.article(copy.id)
    assert kept is not None and kept.is_read and kept.is_starred


def test_a_page_text_that_shows_a_copy_joins_its_story(store: Store) -> None:
    one, two = add_feeds(store, "One", "Two")
    store.upsert_entries(one, [wire_entry("wire", WIRE)])
    store.upsert_entries(two, [wire_entry("summary", "A short summary.")])
    summary = next(a for a in store.list_articles() if a.guid == "summary")
    assert story_ids(store)["summary"] != story_ids(store)["wire"]
    store.save_full_text(summary.id, f"<p>{WIRE}</p>", None)
    assert story_ids(store)["summary"] == story_ids(store)["wire"]


def test_migration_to_v9_folds_stored_articles_keeping_read_and_starred(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("reader.store.schema.FOLD_NOTICE_S", 0.0)  # a long wait says why opening waits
    monkeypatch.setattr("reader.store.schema.FOLD_BATCH", 1)
    path = tmp_path / "v8.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 8)
    conn.executemany("INSERT INTO feeds (id, name, url) VALUES (?, ?, ?)",
                     [(1, "One", "/1.xml"), (2, "Two", "/2.xml"), (3, "Three", "/3.xml")])
    conn.executemany(
        "INSERT INTO articles (feed_id, key, guid, title, sort_date, first_seen, updated, text, content_hash, "
        "is_read, is_starred) VALUES (?, ?, ?, 'Wire story', ?, ?, ?, ?, 'h', ?, ?)",
        [(1, "wire", "wire", DAY, DAY, DAY, WIRE, 1, 0), (2, "copy", "copy", DAY, DAY, DAY, TRIMMED, 0, 1),
         (3, "other", "other", DAY, DAY, DAY, OTHER, 1, 1)])
    conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles")
    conn.close()
    with Store(path) as store:
        assert "folding 3 stored articles into stories" in capsys.readouterr().err
        assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        ids = story_ids(store)
        assert ids["wire"] == ids["copy"] != ids["other"] and None not in ids.values()
        state = {a.guid: (a.is_read, a.is_starred) for a in store.list_articles()}
        assert state == {"wire": (True, False), "copy": (False, True), "other": (True, True)}
        # The migration stored the band keys too: a copy arriving now joins the migrated story.
        store.upsert_entries(3, [wire_entry("late", EDITED)])
        assert story_ids(store)["late"] == ids["wire"]


def test_parsed_entries_carry_the_band_keys_and_shingles_the_store_would_compute(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.fetch.parse import parse_feed_bytes
    from reader.store import story_fold
    from reader.stories import shingles, story_bands, unpack_shingles

    data = (Path(__file__).parents[2] / "reader" / "samples" / "capitol-dispatch.xml").read_bytes()
    entries = parse_feed_bytes(data, None, "http://127.0.0.1/f").entries
    assert entries and all(e.story_bands == tuple(story_bands(shingles(story_text(e.title, e.text))))
                           for e in entries)
    assert all(e.story_shingles is not None and unpack_shingles(e.story_shingles) == shingles(
        story_text(e.title, e.text)) for e in entries)
    assert any(e.story_bands for e in entries)
    # Given or computed, the same bands and shingles fold the same way; given shingles are not computed again.
    first, with_bands, without = add_feeds(store, "First", "With", "Without")
    computed: list[str] = []
    monkeypatch.setattr(story_fold, "shingles", lambda text, words: computed.append(text) or shingles(text, words))
    store.upsert_entries(first, list(entries))
    computed.clear()
    store.upsert_entries(with_bands, list(entries))
    given = len(computed)  # only the stored copies' shingles: each new entry brought its own
    computed.clear()
    store.upsert_entries(without, [replace(e, story_shingles=None) for e in entries])
    assert given < len(computed)
    by_feed = {f: [a.story_id for a in store.list_articles(ArticleFilter(feed_id=f))]
               for f in (first, with_bands, without)}
    assert by_feed[first] == by_feed[with_bands] == by_feed[without]  # each entry and its copies: one story


def old_store(path: Path, stories: int) -> list[set[str]]:
    """A v8 store (before story ids) of `stories` stories, each run by three feeds; returns each story's guids."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 8)
    conn.executemany("INSERT INTO feeds (id, name, url) VALUES (?, ?, ?)",
                     [(1, "One", "/1.xml"), (2, "Two", "/2.xml"), (3, "Three", "/3.xml")])
    rows, groups = [], []
    for n in range(stories):
        text = story(100 + n, 300)
        day = f"2026-11-{1 + n % 28:02d}T{n % 24:02d}:00:00+00:00"
        copies = {1: text, 2: text[: len(text) * 3 // 4], 3: "(AP) " + text}
        rows += [(feed, f"s{n}-{feed}", day, day, day, copy) for feed, copy in copies.items()]
        groups.append({f"s{n}-{feed}" for feed in copies})
    conn.executemany("INSERT INTO articles (feed_id, key, guid, title, sort_date, first_seen, updated, text, "
                     "content_hash) VALUES (?, ?, ?, 'Wire story', ?, ?, ?, ?, 'h')",
                     [(feed, key, key, *dates, text) for feed, key, *dates, text in rows])
    conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles")
    conn.close()
    return groups


def stories_of(path: Path) -> list[set[str]]:
    """The stories the store holds, each as its articles' guids."""
    found: dict[int, set[str]] = {}
    for guid, sid in sqlite3.connect(path).execute("SELECT guid, story_id FROM articles"):
        assert sid is not None, f"{guid} has no story"
        found.setdefault(sid, set()).add(guid)
    return sorted(found.values(), key=min)


def test_an_interrupted_upgrade_to_v9_keeps_what_it_folded_and_the_next_open_finishes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v8.db"
    groups = old_store(path, 12)
    monkeypatch.setattr("reader.store.schema.FOLD_BATCH", 6)  # 36 articles: six transactions
    real_fold = StoryFolder.fold_stored
    calls = 0

    def interrupted_on_the_third_batch(self: StoryFolder, *args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        real_fold(self, *args, **kwargs)

    monkeypatch.setattr(StoryFolder, "fold_stored", interrupted_on_the_third_batch)
    with pytest.raises(KeyboardInterrupt):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(story_id), count(*) FROM articles").fetchone() == (12, 36)  # two batches kept
    conn.close()
    monkeypatch.setattr(StoryFolder, "fold_stored", real_fold)
    with Store(path) as store:
        assert len(store.list_articles(limit=100)) == 36
    assert stories_of(path) == sorted(groups, key=min)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM settings").fetchone()[0] == 0  # done: no mark left


def test_another_program_can_write_while_a_large_store_is_upgraded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The upgrade holds the write lock a batch at a time, never for the whole folding."""
    path = tmp_path / "v8.db"
    groups = old_store(path, 30)
    monkeypatch.setattr("reader.store.schema.FOLD_BATCH", 3)  # 90 articles: 30 batches
    real_fold = StoryFolder.fold_stored
    folding, written = threading.Event(), threading.Event()

    def slow_fold(self: StoryFolder, *args: Any, **kwargs: Any) -> None:
        folding.set()
        if not written.is_set():
            time.sleep(0.1)  # as a batch of thousands of articles takes: 3 s in all, until the other program wrote
        real_fold(self, *args, **kwargs)

    monkeypatch.setattr(StoryFolder, "fold_stored", slow_fold)
    errors: list[BaseException] = []

    def upgrade() -> None:
        try:
            Store(path).close()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=upgrade)
    thread.start()
    try:
        assert folding.wait(30)
        other = sqlite3.connect(path, timeout=1.5, isolation_level=None)  # a refresh or digest, but impatient
        other.execute("BEGIN IMMEDIATE")  # "database is locked" after 1.5 s if the upgrade held the lock throughout
        other.execute("INSERT INTO settings (key, value) VALUES ('theme', 'dark')")
        other.execute("COMMIT")
        other.close()
    finally:
        written.set()
        thread.join(60)
    assert not errors
    assert stories_of(path) == sorted(groups, key=min)


def test_select_in_asks_a_long_list_of_ids_in_chunks() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(i, "even" if i % 2 == 0 else "odd") for i in range(5000)])
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    ids = [*range(0, 5000, 2), 7, 9999]  # 2,502 ids: over SQLite's old limit of 999 variables
    rows = select_in(conn, "SELECT id FROM t WHERE kind = ? AND id IN ({})", ids, ("even",), chunk=1000)
    assert sorted(r[0] for r in rows) == list(range(0, 5000, 2))  # `params` apply to every chunk
    assert len(statements) == 3
    assert select_in(conn, "SELECT id FROM t WHERE id IN ({})", []) == []


def test_story_outlets_over_more_stories_than_one_statement_asks(store: Store) -> None:
    one, two = add_feeds(store, "One", "Two")
    store.upsert_entries(one, [wire_entry(f"a{n}", story(1000 + n, 120)) for n in range(700)])
    store.upsert_entries(two, [wire_entry(f"b{n}", story(1000 + n, 120)) for n in range(0, 700, 7)])
    by_guid = {a.guid: a.story_id for a in store.list_articles(limit=1000)}
    outlets = store.story_outlets(by_guid.values())
    assert len(outlets) == 700
    assert all(outlets[by_guid[f"a{n}"]] == ({"One", "Two"} if n % 7 == 0 else {"One"}) for n in range(700))
