"""The reader's refresh takes the same per-database lock as `reader fetch`, so the two never fetch at once."""

from __future__ import annotations

from pathlib import Path

from reader.store.lock import refresh_lock
from reader.tui.app import ReaderApp
from tests.tui.conftest import answer, settle, toasts


async def test_refresh_while_a_fetch_runs_says_so_and_changes_nothing(filled_app: ReaderApp, sample_dir: Path) -> None:
    async with filled_app.run_test(size=(140, 44), notifications=True) as pilot:
        await settle(filled_app, pilot)
        with refresh_lock(str(sample_dir / "r.db")):  # as a `reader fetch` in another terminal holds it
            await pilot.press("r")
            await settle(filled_app, pilot)
        assert toasts(filled_app) == []  # nothing failed: no error pop-up (try11)
        assert answer(filled_app) == "Another program is refreshing the feeds; what it adds will show here."
        assert not filled_app.refreshing
        await pilot.press("r")  # once it is free, refreshing works again
        await settle(filled_app, pilot)
        assert answer(filled_app) == "Refreshed 5 feeds: 0 new"
