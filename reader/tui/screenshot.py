"""Where a screenshot (the command palette's "Screenshot") is saved, and why it could not be, in words to act on.

Textual saves to the Downloads folder and, when that fails (a machine without ~/Downloads, a read-only
folder), says only "Failed to save screenshot": not where, nor why, nor what to do.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from platformdirs import user_downloads_path

from reader.files import is_disk_trouble
from reader.text.sanitize import single_line

ELSEWHERE = "or start the reader from a folder you can write to (it saves there when Downloads is not writable)"


def screenshot_folder(given: str | None) -> Path:
    """The folder asked for, else Downloads when it is a folder you can write to, else the current folder (where
    `reader digest` writes too): a missing ~/Downloads, usual on a server, no longer fails every screenshot."""
    if given:
        return Path(given).expanduser()
    downloads = user_downloads_path()
    return downloads if downloads.is_dir() and os.access(downloads, os.W_OK) else Path.cwd()


def shown_path(path: Path) -> str:
    """A path as a message shows it: the home folder as ~, on one line with no control characters."""
    home = Path.home()
    shown = f"~{os.sep}{path.relative_to(home)}" if path.is_relative_to(home) and path != home else str(path)
    return single_line(shown, None)


def why_not_saved(target: Path, error: OSError) -> str:
    """What failed, where, and what to do, for the errors writing `target` gives."""
    folder, file = shown_path(target.parent), shown_path(target)
    if isinstance(error, FileNotFoundError):
        why, todo = f"the folder {folder} does not exist", f"create it, {ELSEWHERE}"
    elif isinstance(error, NotADirectoryError):
        why, todo = f"{folder} is not a folder", ELSEWHERE.removeprefix("or ")
    elif isinstance(error, IsADirectoryError):
        why, todo = f"{file} is a folder", "move or rename it, then try again"
    elif error.errno == errno.EROFS:
        why, todo = f"{folder} is on a read-only file system", ELSEWHERE.removeprefix("or ")
    elif error.errno in (errno.EACCES, errno.EPERM):
        why, todo = f"{folder} is not writable for you", f"make it writable (chmod u+w {folder}), {ELSEWHERE}"
    elif is_disk_trouble(error):
        why, todo = f"{single_line(error.strerror or str(error), 200)} on the disk of {folder}", \
            "free some space or check the disk, then try again"
    else:
        why, todo = single_line(error.strerror or str(error), 200), ELSEWHERE.removeprefix("or ")
    return f"Could not save {file}: {why}. To save screenshots, {todo}."
