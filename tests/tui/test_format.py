"""Outside text in the reader: literal, safe, and whole."""

import io

from rich.text import Text

from reader.tui.format import plain
from tests.hostile import ALL_IN_ONE, assert_label_safe


def test_a_long_paragraph_is_shown_whole() -> None:
    paragraph = " ".join(f"word{i}" for i in range(1500))  # ~11,000 characters, one paragraph of a long story
    assert plain(paragraph).plain == paragraph


def test_outside_text_is_literal_and_safe() -> None:
    shown = plain(f"[bold]{ALL_IN_ONE}[/]")
    assert_label_safe(shown.plain)
    assert shown.plain.startswith("[bold]") and not shown.spans


def test_a_quote_keeps_its_speaker_whole_and_right_under_it() -> None:
    """At every width (80 and 160 columns included): no blank line, the dash never ends a line, the speaker is whole
    on the quote's last line or on the line right under it; the quote's text is all there, in order."""
    from rich.console import Console

    from reader.tui.format import Attributed, hanging

    quote = ("To the extent that Secure Communities may damage community policing, the result can be greater "
             "levels of crime")
    for speaker in ("the task force’s report", "Angelica Salas"):
        for width in range(40, 170):
            console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
            console.print(hanging(Text("▌ "), Attributed(plain(f"“{quote}”"), plain(speaker, "italic"))))
            lines = [line.rstrip() for line in console.export_text().splitlines()]
            assert all(line.strip() for line in lines), (width, lines)
            assert not any(line.endswith("—") for line in lines), (width, lines)
            said = next(n for n, line in enumerate(lines) if f"— {speaker}" in line)
            assert said == len(lines) - 1 and lines[said].endswith(f"— {speaker}"), (width, lines)
            assert " ".join(line[2:].strip() for line in lines) == f"“{quote}” — {speaker}", (width, lines)
