import pytest

from reader.text.repair import close_truncated_quotations, needs_encoding_repair, repair_encoding
from reader.text.sanitize import single_line, strip_control_characters


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("interpretationsâ€", "interpretations”"),  # the seed's ending: third byte lost
        ("He said “stop hereâ€ and left.", "He said “stop here” and left."),
        ("He said â€œstop hereâ€ and left.", "He said “stop here” and left."),  # ftfy would make "†"
        ("lose,â€\x9d Chief", "lose,” Chief"),  # the C1 byte survived
        ("the agencyâ€™s attention", "the agency’s attention"),  # plain ftfy territory
        ("she said â€˜noâ€ today", "she said ‘no’ today"),
        ("Caf\u00c3\u00a9 policy", "Café policy"),
    ],
)
def test_encoding_repairs(broken: str, fixed: str) -> None:
    text, repairs = repair_encoding(broken)
    assert text == fixed
    assert repairs
    assert repair_encoding(text) == (text, [])  # idempotent


def test_clean_text_skips_ftfy() -> None:
    assert not needs_encoding_repair("Plain ASCII with “curly quotes” and an em dash — fine.")
    assert repair_encoding("Plain “quoted” text") == ("Plain “quoted” text", [])


def test_truncated_quotation_closed_unless_continued() -> None:
    paragraphs = ["He said “this goes on", "“and on into the next paragraph.”", 'She said "we never', "End."]
    fixed, repairs = close_truncated_quotations(paragraphs)
    assert fixed == ["He said “this goes on", "“and on into the next paragraph.”", 'She said "we never…"', "End."]
    assert repairs == ["closed a truncated quotation in paragraph 3"]
    assert close_truncated_quotations(fixed) == (fixed, [])


def test_control_characters_and_escapes_removed() -> None:
    hostile = "Title\x1b[31m red\x1b[0m \x1b]52;c;ZXZpbA==\x07ok\x00\x08\u202eevil\ttab\nline"
    assert strip_control_characters(hostile) == "Title red okevil\ttab\nline"
    assert single_line("  a \n b\t c  ") == "a b c"
    assert single_line("x" * 600, 500) == "x" * 499 + "…"
