"""The app's safety: every toast sanitised and plain, one of a kind at a time, and a crash written to its log.

Kept apart from ReaderApp (its layout and handlers) so each stays short; StoreWorkers builds on it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from uuid import uuid4

from textual.app import App
from textual.notifications import Notification, Notify, SeverityLevel

from reader.crash_log import write_crash_log
from reader.text.sanitize import single_line
from reader.tui.screenshot import screenshot_folder, shown_path, why_not_saved


class SafeApp(App[None]):
    crashed = False
    crash_log: Path | None = None  # where the traceback of an unexpected error went

    def __init__(self) -> None:
        super().__init__()
        self.toasts: dict[str, Notification] = {}  # the latest toast of each title (see on_notify)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification is sanitised and plain: messages quote feed names, HTTP reasons and errors."""
        lines = "\n".join(single_line(line, 1000) for line in message.splitlines())
        super().notify(lines, title=single_line(title, 200), severity=severity, timeout=timeout, markup=False)

    def on_notify(self, event: Notify) -> None:
        """One toast of a kind (title) at a time: a new one replaces the last (Textual's own handler adds it next).

        Textual can only clear every toast publicly, so the others still showing are posted again, as new
        toasts (a toast it removed does not come back) with the time they had left.
        """
        new = event.notification
        last, self.toasts[new.title] = self.toasts.get(new.title), new
        if last is None or last is new or last.has_expired:
            return
        self.clear_notifications()
        for title, other in list(self.toasts.items()):
            if other is not new and not other.has_expired:
                self.toasts[title] = again = replace(other, identity=str(uuid4()))
                self.post_message(Notify(again))

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Save an SVG of the screen (the command palette's Screenshot), then say where, or what failed, where, and
        what to do: Textual's own toast said only "Failed to save screenshot" (and showed its markup literally)."""
        when = datetime.now().strftime(time_format or "%Y-%m-%dT%H_%M_%S_%f")
        target = screenshot_folder(path) / (filename or f"{self.title}_{when}.svg")
        try:
            target.write_text(self.export_screenshot(), encoding="utf-8")
        except OSError as error:
            self.notify(why_not_saved(target, error), title="Screenshot not saved", severity="error", timeout=20)
            return None
        self.notify(f"Saved to {shown_path(target)}", title="Screenshot")
        return None

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: the traceback goes to the crash log; the command prints where (commands.tui)."""
        if not self.crashed:
            self.crashed, self.crash_log = True, write_crash_log(error)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if self.crash_log is not None:
            self._exit_renderables.clear()  # in the crash log; the screen gets one line instead
        else:
            super()._print_error_renderables()
