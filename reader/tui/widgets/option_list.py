"""An OptionList whose j / k stop at its ends, as the article list's do.

Textual's OptionList wraps from the last option to the first; with the key quotes that made a
reader pressing j past the last quote land on the first, and pin the wrong one with p.
"""

from __future__ import annotations

from textual.widgets import OptionList


class EndStopOptionList(OptionList):
    """j / k (and the arrows) move to the next enabled option in their direction, and stay put at either end."""

    def _step(self, direction: int) -> None:
        at = self.highlighted
        if at is None:  # nothing highlighted yet: Textual's own choice (the first, or the last, enabled option)
            super().action_cursor_down() if direction > 0 else super().action_cursor_up()
            return
        index = at + direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
            index += direction

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)
