"""A screenshot is saved where the toast says, and a failed one says what failed, where, and what to do."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from reader.tui import screenshot
from reader.tui.app import ReaderApp
from reader.tui.screenshot import screenshot_folder, shown_path, why_not_saved
from tests.tui.conftest import settle, toasts, wait_until


@pytest.mark.parametrize(("error", "says"), [
    (PermissionError(errno.EACCES, "Permission denied"), "/srv/shots is not writable for you. To save screenshots, "
                                                         "make it writable (chmod u+w /srv/shots), or start"),
    (OSError(errno.EROFS, "Read-only file system"), "/srv/shots is on a read-only file system. To save screenshots, "
                                                    "start the reader from a folder you can write to"),
    (FileNotFoundError(errno.ENOENT, "No such file"), "the folder /srv/shots does not exist. To save screenshots, "
                                                      "create it, or start"),
    (OSError(errno.ENOSPC, "No space left on device"), "No space left on device on the disk of /srv/shots. "
                                                       "To save screenshots, free some space"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "/srv/shots/s.svg is a folder. To save screenshots, move"),
])
def test_each_failure_says_where_why_and_what_to_do(error: OSError, says: str) -> None:
    message = why_not_saved(Path("/srv/shots/s.svg"), error)
    assert message.startswith("Could not save /srv/shots/s.svg: ") and says in message


def test_the_path_is_shown_on_one_line_without_controls_and_home_as_tilde() -> None:
    assert shown_path(Path.home() / "Downloads" / "a.svg") == "~/Downloads/a.svg"
    hostile = why_not_saved(Path("/tmp/\x1b]52;c;aGk=\x07x\ny/s.svg"), PermissionError(errno.EACCES, "denied"))
    assert "\x1b" not in hostile and "\x07" not in hostile and "\n" not in hostile


def test_without_a_writable_downloads_folder_it_saves_in_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(screenshot, "user_downloads_path", lambda: tmp_path / "no-such-folder")
    assert screenshot_folder(None) == tmp_path
    (tmp_path / "Downloads").mkdir()
    monkeypatch.setattr(screenshot, "user_downloads_path", lambda: tmp_path / "Downloads")
    assert screenshot_folder(None) == tmp_path / "Downloads"
    assert screenshot_folder("~/x") == Path.home() / "x"


async def test_the_toast_says_where_it_was_saved_or_why_not(filled_app: ReaderApp, tmp_path: Path) -> None:
    async with filled_app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(filled_app, pilot)
        filled_app.deliver_screenshot("shot.svg", str(tmp_path))
        await wait_until(pilot, lambda: bool(toasts(filled_app)))
        assert (tmp_path / "shot.svg").read_text().startswith("<svg")
        assert toasts(filled_app) == [f"Screenshot: Saved to {shown_path(tmp_path / 'shot.svg')}"]
        filled_app.deliver_screenshot("shot.svg", str(tmp_path / "gone"))
        await wait_until(pilot, lambda: "not saved" in " ".join(toasts(filled_app)))
        gone = tmp_path / "gone"
        assert toasts(filled_app)[-1].startswith(f"Screenshot not saved: Could not save {shown_path(gone / 'shot.svg')}"
                                                 f": the folder {shown_path(gone)} does not exist.")
