"""Where an unexpected error in the reader goes: a log file in the user's state directory, not the screen.

The terminal must come back usable after a crash, so the TUI writes the traceback to a file and
prints one line naming it (see reader.commands.tui); a refresh that meets a bug of ours in one
feed records a line for that feed and leaves the traceback here, so the bug can be reported.
"""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path

from reader.text.sanitize import strip_control_characters


def crash_log_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir("policy-reader")) / "crash.log"


def write_crash_log(error: BaseException) -> Path | None:
    """Append the error's traceback (sanitised: it may quote feed text) to the crash log; its path, or None.

    None means the log could not be written; the caller then leaves the traceback on screen.
    """
    path = crash_log_path()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {stamp}\n{strip_control_characters(text)}\n")
    except OSError:
        return None
    return path
