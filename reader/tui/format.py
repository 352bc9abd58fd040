"""Pure formatting for the reader's widgets: relative dates and safe Rich Text built from feed strings.

Everything from a feed becomes rich.text.Text constructed from plain strings, never parsed as
markup, so a title like "[bold red]x[/]" shows literally. Long lines wrap with a hanging indent
(hanging), links break after a separator rather than mid-word (LinkText), and a date or an outlet stays on one
line (KeptWhole).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from reader.text.display import display_day
from reader.text.sanitize import single_line
from reader.topics import TopicMatcher


def relative_date(stamp: str | None, now: datetime) -> str:
    """"now", "5m", "3h", "2d", else the day ("17 Sep 2011", as text.display writes it): short enough for a list
    column."""
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (now - when).total_seconds()
    if seconds < 0 or seconds >= 7 * 86400:
        return display_day(when.astimezone(now.tzinfo).date())
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    return f"{int(seconds // 86400)}d"


def plain(text: str | None, style: str = "") -> Text:
    """A Text that shows `text` literally (no markup), made safe for the terminal, and never shortened.

    Paragraphs of the story go through here too, so it must not cut: widgets fit labels to their width.
    """
    return Text(single_line(text or "", None), style=style)


def highlight_topics(text: Text, matchers: Sequence[TopicMatcher], style: str = "bold reverse") -> Text:
    """Highlight every tracked-topic phrase, using the same case and word-boundary rules as matching."""
    for matcher in matchers:
        for pattern in matcher.patterns:
            text.highlight_regex(pattern, style)
    return text


def hanging(marker: Text | str, body: RenderableType) -> Table:
    """`marker` then `body`, whose continuation lines start under the body's first character, not the margin."""
    mark = marker if isinstance(marker, Text) else Text(marker)
    grid = Table.grid(expand=True)
    grid.add_column(no_wrap=True, width=mark.cell_len)
    grid.add_column(ratio=1)
    grid.add_row(mark, body)
    return grid


# A link may break after one of these: after a path's "/" or a query's "?&=#" first, else after "-_.~+,;".
LINK_BREAKS = ("/?&=#", "-_.~+,;")


def link_lines(link: str, width: int) -> list[str]:
    """`link` cut into lines of at most `width` cells, each after a separator where one lies in the line's last
    two thirds (so "…/2026/11/" ends a line, not "…/20"); a run with no separator is cut at the width.

    A link holds no spaces, so a terminal's word wrap would cut it anywhere, even mid-word. Widths are
    terminal cells: a path in Japanese takes two a letter, and counted as one its lines were cropped unseen."""
    width = max(width, 8)
    lines, rest = [], link
    while cell_len(rest) > width:
        head = _fitting(rest, width)
        cut = len(head)
        for separators in LINK_BREAKS:
            at = max(head.rfind(c) for c in separators) + 1
            if at > len(head) // 3:
                cut = at
                break
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest] if rest else lines


def cut_to_cells(text: str, width: int) -> str:
    """`text` cut with "…" to `width` cells (a quoted label keeps its closing quote: Search “long que…”)."""
    if cell_len(text) <= width:
        return text
    if text.endswith("”") and width > 2:
        return _fitting(text[:-1], width - 2) + "…”"
    return _fitting(text, max(width - 1, 1)) + "…"


def _fitting(text: str, width: int) -> str:
    """The longest start of `text` that fits in `width` cells (at least its first character)."""
    used = 0
    for i, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return text[:max(i, 1)]
    return text


class LinkText:
    """A link (made safe and literal) that wraps at its separators (see link_lines) in whatever width it gets."""

    def __init__(self, link: str, style: str = "") -> None:
        self.link, self.style = single_line(link, None).replace(" ", "%20"), style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for line in link_lines(self.link, options.max_width):
            yield Text(line, style=self.style, no_wrap=True, overflow="crop")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(8, len(self.link)), len(self.link))


class KeptWhole:
    """Parts joined by `separator` that wrap only between parts: a date ("30 Nov 2026, 09:30 UTC"), an outlet or
    a byline never splits across lines unless it alone is wider than the line (then it folds as any text)."""

    def __init__(self, parts: Sequence[Text], separator: str = " · ") -> None:
        self.parts, self.separator = [p for p in parts if p.plain], separator

    def lines(self, width: int) -> list[Text]:
        lines: list[Text] = []
        line = Text()
        for part in self.parts:
            if line.plain and line.cell_len + len(self.separator) + part.cell_len > width:
                lines.append(line)
                line = Text()
            if line.plain:
                line.append(self.separator)
            line.append_text(part)
        if line.plain:
            lines.append(line)
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield from self.lines(options.max_width)  # a part wider than a line still wraps at its spaces, as Text does

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((p.cell_len for p in self.parts), default=0)
        return Measurement(min(widest, options.max_width), sum(p.cell_len for p in self.parts)
                           + len(self.separator) * max(len(self.parts) - 1, 0))


class Attributed:
    """A quote and who said it: " — speaker" after the quote's last line when it fits there whole, else on a line
    of its own under the quote; the dash never ends a line and a speaker's name never splits (unless it alone is
    wider than the line). Plain wrapping left "crime” —" at the end of one line and "the task / force’s report"
    across the next two."""

    def __init__(self, quote: Text, speaker: Text) -> None:
        self.quote, self.speaker = quote, speaker

    def lines(self, console: Console, width: int) -> list[Text]:
        lines = list(self.quote.wrap(console, width))
        said = Text("— ").append_text(self.speaker)
        if lines and lines[-1].cell_len + 1 + said.cell_len <= width:
            lines[-1] = lines[-1].copy().append(" ").append_text(said)
            return lines
        return lines + list(said.wrap(console, width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield from self.lines(console, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        words = f"{self.quote.plain} {self.speaker.plain}".split()
        whole = self.quote.cell_len + 3 + self.speaker.cell_len
        return Measurement(min(max((cell_len(w) for w in words), default=1), options.max_width), whole)
