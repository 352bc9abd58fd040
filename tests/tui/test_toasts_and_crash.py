"""Toasts (one per title), ctrl+c's answer, and where an error inside the running app goes (the crash log)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tui.app import ReaderApp
from tests.tui.conftest import answer, settle, wait_until
from tests.tui.test_app import SIZE


def drawn_toasts(app: ReaderApp) -> list[str]:
    """The toasts on screen, as each shows its title and message."""
    return sorted(str(toast.render()) for toast in app.screen.query("Toast"))


async def test_one_toast_per_title_the_latest_and_the_others_stay(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(filled_app, pilot)
        filled_app.notify("kept", title="Other kind", timeout=60)
        for n in range(3):
            filled_app.notify(f"attempt {n}", title="Refresh failed", severity="error", timeout=60)
            await pilot.pause()
        await wait_until(pilot, lambda: len(drawn_toasts(filled_app)) == 2)
        assert drawn_toasts(filled_app) == ["Other kind\nkept", "Refresh failed\nattempt 2"]
        filled_app.notify("newer", title="Other kind", timeout=60)
        await wait_until(pilot, lambda: "Other kind\nnewer" in drawn_toasts(filled_app))
        assert drawn_toasts(filled_app) == ["Other kind\nnewer", "Refresh failed\nattempt 2"]


async def test_ctrl_c_says_press_q_to_quit(filled_app: ReaderApp) -> None:
    async with filled_app.run_test(size=SIZE) as pilot:
        await settle(filled_app, pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert answer(filled_app) == "Press q to quit."
        assert filled_app.is_running


async def test_an_error_inside_the_running_app_is_written_to_the_crash_log(
        filled_app: ReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(self: ReaderApp) -> None:
        raise RuntimeError("a bug on purpose, in a key's action")

    monkeypatch.setattr(ReaderApp, "action_help", broken)
    with pytest.raises(RuntimeError, match="a bug on purpose"):  # run_test hands the error on, as app.run ends
        async with filled_app.run_test(size=SIZE) as pilot:
            await settle(filled_app, pilot)
            await pilot.press("question_mark")
            await pilot.pause()
    log = tmp_path / "state" / "policy-reader" / "crash.log"
    assert filled_app.crashed and filled_app.crash_log == log
    text = log.read_text(encoding="utf-8")
    assert text.startswith("--- ") and "Traceback" in text
    assert "RuntimeError: a bug on purpose, in a key's action" in text and "in broken" in text
    assert filled_app._exit_renderables == []  # the screen gets the one line commands.tui prints, not the traceback
