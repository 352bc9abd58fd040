"""Store-time folding of trimmed copies, at any date the store can hold, and v14's refolding of stored articles."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.store import SCHEMA_VERSION, Store, story_fold
from reader.store.schema import fold_notice, migrate
from reader.stories import shingles, story_bands, story_text
from tests.store.test_story_ids import DAY, add_feeds, story_ids, wire_entry
from tests.test_stories import SAME_TOPIC, WIRE_PARAGRAPHS, WIRE_TITLE

WIRE = "\n\n".join(WIRE_PARAGRAPHS)
FIRST_TWO = "\n\n".join(WIRE_PARAGRAPHS[:2])


def test_a_copy_of_the_first_two_paragraphs_joins_the_long_story_in_the_store(store: Store) -> None:
    one, two, three = add_feeds(store, "One", "Two", "Three")
    store.upsert_entries(one, [wire_entry("wire", WIRE, title=WIRE_TITLE)])
    store.upsert_entries(two, [wire_entry("first-two", FIRST_TWO, title=WIRE_TITLE),
                               wire_entry("first-one", WIRE_PARAGRAPHS[0], title=WIRE_TITLE)])
    store.upsert_entries(three, [wire_entry(f"topic{n}", text, title=title) for n, (title, text) in
                                 enumerate(SAME_TOPIC)])
    ids = story_ids(store)
    assert ids["wire"] == ids["first-two"] == ids["first-one"]
    assert len({ids["wire"], ids["topic0"], ids["topic1"]}) == 3


@pytest.mark.parametrize("day", ["9999-12-31T23:59:59+00:00", "9999-12-30T12:00:00+00:00",
                                 "0001-01-01T00:00:00+00:00", "0001-01-02T06:00:00+00:00"])
def test_copies_dated_at_either_end_of_the_calendar_are_stored_and_folded(store: Store, day: str) -> None:
    """The story window around such a date is clamped to what a date can hold, never an OverflowError."""
    one, two = add_feeds(store, "One", "Two")
    store.upsert_entries(one, [wire_entry("wire", WIRE, published=day, title=WIRE_TITLE)])
    assert store.upsert_entries(two, [wire_entry("copy", FIRST_TWO, published=day, title=WIRE_TITLE),
                                      wire_entry("near", WIRE, published=DAY, title=WIRE_TITLE)]) == (2, 0)
    ids = story_ids(store)
    assert ids["wire"] == ids["copy"] != ids["near"]


def test_v14_folds_stored_articles_again_so_a_short_copy_joins_its_long_story(tmp_path: Path) -> None:
    path = tmp_path / "v13.db"
    with Store(path) as store:
        one, two = add_feeds(store, "One", "Two")
        store.upsert_entries(one, [wire_entry("wire", WIRE, title=WIRE_TITLE)])
        store.upsert_entries(two, [wire_entry("copy", FIRST_TWO, title=WIRE_TITLE),
                                   wire_entry("other", *reversed(SAME_TOPIC[0]))])
    conn = sqlite3.connect(path, isolation_level=None)
    # As v13 folded it: the copy a story of its own, under band keys of the old rules.
    conn.execute("UPDATE articles SET story_id = 100 WHERE guid = 'copy'")
    conn.execute("UPDATE story_bands_held SET band = band + 1")
    conn.execute("ALTER TABLE articles DROP COLUMN full_text_tries")  # v15's
    conn.execute("PRAGMA user_version = 13")
    conn.close()
    with Store(path) as store:
        ids = story_ids(store)
        assert ids["wire"] == ids["copy"] != ids["other"] and None not in ids.values()
        store.upsert_entries(two, [wire_entry("late", FIRST_TWO, title=WIRE_TITLE)])  # bands of the new rules
        assert story_ids(store)["late"] == ids["wire"]
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert check.execute("SELECT count(*) FROM settings WHERE key = 'folding_pending'").fetchone() == (0,)
    stored = set(check.execute("SELECT band, article_id FROM story_bands UNION SELECT band, article_id "
                               "FROM story_bands_held"))
    expected = {(band, aid) for aid, title, text in check.execute("SELECT id, title, text FROM articles")
                for band in story_bands(shingles(story_text(title, text)))}
    assert stored == expected  # the old rules' band keys are gone, every article's new ones are there


def test_v14_runs_on_a_store_from_before_story_ids(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "v8.db", isolation_level=None)
    migrate(conn, 8)
    conn.close()
    with Store(tmp_path / "v8.db"):
        pass
    assert sqlite3.connect(tmp_path / "v8.db").execute("SELECT count(*) FROM settings").fetchone() == (0,)


@settings(max_examples=300, deadline=None)
@given(st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))])))
def test_the_story_window_of_any_date_holds_it_and_never_overflows(when: datetime) -> None:
    written = when.isoformat(timespec="seconds")
    low, high = story_fold._window(written)
    assert low <= high
    try:
        as_stored = when.astimezone(UTC).isoformat(timespec="seconds")  # what the store writes
    except OverflowError:  # a date the store cannot write in UTC: its window is still given
        return
    assert low <= as_stored <= high


def test_the_fold_notice_says_how_long_from_the_first_batch() -> None:
    """52 s of CPU per 100,000 articles was quoted as 'about a minute'; the first batch's time is what counts here."""
    assert fold_notice(100_000, 1.0) == (
        "policy-reader: upgrading the database once: folding 100,000 stored articles into stories, about 1 minute "
        "here (Ctrl-C stops it; the next start goes on from there)...")
    assert "about 3 minutes" in str(fold_notice(100_000, 3.5))  # a busy machine's batch
    assert "about 15 seconds" in str(fold_notice(20_000, 1.4))
    assert fold_notice(4_000, 1.0) is None  # two batches: done before a notice would be read
    assert fold_notice(2_000, 60.0) is None  # the one batch was all of it


def test_show_copies_while_folding_is_pending_says_so_instead_of_no_other_outlet(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A store opened only to read does not fold: an article without its story is not 'a story no one else ran'."""
    path = tmp_path / "r.db"
    with Store(path) as store:
        one, two = add_feeds(store, "One", "Two")
        store.upsert_entries(one, [wire_entry("wire", WIRE, title=WIRE_TITLE)])
        store.upsert_entries(two, [wire_entry("copy", FIRST_TWO, title=WIRE_TITLE)])
        copy = story_ids(store)
    conn = sqlite3.connect(path, isolation_level=None)  # as v14's refold stopped by Ctrl-C leaves it
    conn.execute("UPDATE articles SET story_id = NULL WHERE guid = 'copy'")
    conn.execute("INSERT INTO settings (key, value) VALUES ('folding_pending', 'articles folded before v14')")
    conn.close()
    article_id = sqlite3.connect(path).execute("SELECT id FROM articles WHERE guid = 'copy'").fetchone()[0]
    assert main(["show", str(article_id), "--copies", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"article {article_id} is not folded into a story yet" in err and "`reader fetch`" in err
    with Store(path) as store:  # a writable open finishes the folding
        assert story_ids(store)["copy"] == copy["wire"]
    assert main(["show", str(article_id), "--copies", "--db", str(path)]) == 0
    assert "One" in capsys.readouterr().out
