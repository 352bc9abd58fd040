"""The one sanitiser against the shared table of hostile strings (tests/hostile.py)."""

from __future__ import annotations

import pytest

from reader.text.sanitize import MAX_MARKS, single_line, strip_control_characters
from tests.hostile import ALL_IN_ONE, CONTROLS, INVISIBLES, MARKUP, assert_label_safe, assert_terminal_safe


@pytest.mark.parametrize("name", sorted(CONTROLS))
def test_controls_never_survive(name: str) -> None:
    text = f"before {CONTROLS[name]} after\nline two"
    cleaned = strip_control_characters(text)
    assert_terminal_safe(cleaned)
    assert cleaned.startswith("before ") and cleaned.endswith(" after\nline two")
    assert_label_safe(single_line(text))


@pytest.mark.parametrize("name", sorted(INVISIBLES))
def test_invisibles_leave_labels_but_stay_in_body_text(name: str) -> None:
    assert_label_safe(single_line(f"Name {INVISIBLES[name]}"))
    assert strip_control_characters("خانه\u200cها 👩\u200d💻") == "خانه\u200cها 👩\u200d💻"


def test_escape_payloads_go_with_their_introducer() -> None:
    assert single_line("a\x1b]0;pwned title\x07b\x1b[2Jc\x1b]52;c;aGk=\x1b\\d\x9b31me") == "abcde"


def test_a_mis_decoded_quote_loses_only_its_control() -> None:
    assert strip_control_characters("he said â€\x9dno\x9d and left") == "he said â€no and left"


def test_markup_stays_literal_text() -> None:
    for value in MARKUP.values():
        assert single_line(value) == value


def test_everything_at_once_is_idempotent() -> None:
    once = single_line(ALL_IN_ONE, 5000)
    assert_label_safe(once)
    assert single_line(once, 5000) == once
    assert strip_control_characters(strip_control_characters(ALL_IN_ONE)) == strip_control_characters(ALL_IN_ONE)


def test_a_label_keeps_at_most_a_few_combining_marks_on_a_letter() -> None:
    """As body text does (limit_floods): 5,000 accents on one letter of a title made a 500-character label."""
    assert single_line("W" + "\u0301" * 5000 + " county jail") == "W" + "\u0301" * MAX_MARKS + " county jail"
    assert single_line("Nguyễn Văn An, Tiếng Việt") == "Nguyễn Văn An, Tiếng Việt"  # real marks untouched
