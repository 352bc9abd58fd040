"""The reader over a database it cannot write (a read-only folder or file): it reads, and says what is not saved."""

from __future__ import annotations

import sqlite3

from reader.tui.app import ReaderApp
from reader.tui.widgets.reading_view import ReadingView
from tests.tui.conftest import answer, record_answers, settle

WHY = "its folder /archive is not writable"


async def test_a_read_only_store_is_read_and_nothing_is_said_saved(filled_app: ReaderApp) -> None:
    filled_app.reader.store.read_only = WHY  # as the store finds it when opened from a read-only folder
    answers = record_answers(filled_app)
    db = filled_app.reader.db_path
    async with filled_app.run_test(size=(80, 24)) as pilot:
        await settle(filled_app, pilot)
        assert answers == ["Read-only database: you can read, but read marks, stars and pins are not saved."]
        await pilot.press("enter")  # open the first article: shown, not marked read, and nothing said
        await settle(filled_app, pilot)
        assert filled_app.query_one(ReadingView).article is not None and len(answers) == 1
        await pilot.press("s")
        await settle(filled_app, pilot)
        assert answers[-1] == f"Not saved (starring the article): the database is read-only ({WHY})."
        assert answer(filled_app).startswith("Not saved")
        await pilot.press("r")
        await settle(filled_app, pilot)
        assert answers[-1] == f"Cannot refresh: the database is read-only ({WHY})." and not filled_app.refreshing
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE is_read OR is_starred").fetchone() == (0,)
