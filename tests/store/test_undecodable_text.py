"""A text cell that is not UTF-8 (a file edited by hand, or damaged) is read with U+FFFD and left as it is.

sqlite3 decoding such a cell raised OperationalError, so `feeds list`, `show`, `digest` and
`fetch` died with a traceback and the reader's sidebar failed to load.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import FeedConfig
from reader.store import Store
from reader.store.maintenance import check_store
from tests.store.test_store import entry

BAD = "CAST(x'48ff54' AS TEXT)"  # "H", a byte no UTF-8 text has, "T"


def _spoil(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(f"UPDATE feeds SET error_since = {BAD}, last_error = 'failed'")
        conn.execute(f"UPDATE articles SET title = {BAD}, author = {BAD}, text = 'budget ' || {BAD} WHERE id = 1")


def _stored_bytes(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT hex(title), hex(text) FROM articles UNION ALL "
                            "SELECT hex(error_since), '' FROM feeds").fetchall()


@pytest.mark.parametrize("reading_only", [False, True])
def test_every_read_replaces_what_is_not_utf8_and_keeps_the_cell(tmp_path: Path, reading_only: bool) -> None:
    db = tmp_path / "r.db"
    with Store(db) as store:
        store.sync_feeds([FeedConfig("F", "/f.xml")], {"F": "/f.xml"})
        fid = store.feeds()[0].id
        store.upsert_entries(fid, [entry("a", "Budget passes", "budget vote"), entry("b", "Roads", "roads")])
    _spoil(db)
    before = _stored_bytes(db)
    with Store(db, reading_only=reading_only) as store:
        assert store.feeds()[0].error_since == "H\ufffdT"
        article = store.article(1)
        assert article is not None and (article.title, article.author) == ("H\ufffdT", "H\ufffdT")
        assert {a.title for a in store.list_articles()} == {"H\ufffdT", "Roads"}
        assert store.story_texts([1]) == {1: ("H\ufffdT", "budget H\ufffdT")}
        assert [row[2] for row in store.iter_phrase_candidates(["budget"])] == ["H\ufffdT"]
    assert _stored_bytes(db) == before


def test_commands_read_a_store_with_undecodable_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The user's repro: feeds list, show, digest and fetch each answer instead of a traceback."""
    feed = tmp_path / "f.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                    "<item><guid>g1</guid><title>Budget passes</title><description>The council voted."
                    "</description></item></channel></rss>")
    config = tmp_path / "feeds.toml"
    config.write_text('[[feeds]]\nname = "F"\nurl = "f.xml"\n')
    monkeypatch.setenv("READER_CONFIG", str(config))
    db = tmp_path / "r.db"
    assert main(["fetch", "--db", str(db)]) == 0
    _spoil(db)
    capsys.readouterr()
    assert main(["feeds", "list", "--db", str(db)]) == 0
    assert "failed (since H\ufffdT)" in capsys.readouterr().out
    assert main(["show", "1", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("H\ufffdT\n")
    assert main(["digest", "--no-fetch", "--stdout", "--db", str(db)]) == 0
    assert main(["fetch", "--db", str(db)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_db_check_notes_which_columns_hold_text_that_is_not_utf8(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    with Store(db) as store:
        store.sync_feeds([FeedConfig("F", "/f.xml")], {"F": "/f.xml"})
        store.upsert_entries(store.feeds()[0].id, [entry("a", "Budget passes", "budget vote")])
    assert check_store(db).notes == []
    _spoil(db)
    before = _stored_bytes(db)
    notes = check_store(db).notes
    assert len(notes) == 1 and notes[0].startswith(
        "text that is not UTF-8 in feeds.error_since (1), articles.title (1), articles.author (1), articles.text (1);")
    assert _stored_bytes(db) == before
