"""Outside text in the reader: literal, safe, and whole."""

from reader.tui.format import plain
from tests.hostile import ALL_IN_ONE, assert_label_safe


def test_a_long_paragraph_is_shown_whole() -> None:
    paragraph = " ".join(f"word{i}" for i in range(1500))  # ~11,000 characters, one paragraph of a long story
    assert plain(paragraph).plain == paragraph


def test_outside_text_is_literal_and_safe() -> None:
    shown = plain(f"[bold]{ALL_IN_ONE}[/]")
    assert_label_safe(shown.plain)
    assert shown.plain.startswith("[bold]") and not shown.spans
