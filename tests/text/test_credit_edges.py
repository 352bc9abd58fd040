"""Credits a tester found wrong: a program's name taken for a person, a description cut at "the", an apposition."""

from __future__ import annotations

import pytest

from reader.text.quotes import find_key_quotes

QUOTE = "“We are proud of what this program has achieved for public safety in every county,”"


@pytest.mark.parametrize(("paragraphs", "speaker"), [
    # A program is nobody: "he" is the person the article names, or no one.
    (["The Department of Homeland Security expanded Secure Communities to every county in Texas.",
      f"{QUOTE} he said."], None),
    (["Maria Lopez runs the county jail in Dane County.", f"{QUOTE} she said.",
      "“The program has cost this county millions of dollars every year,” she added."], "Maria Lopez"),
    (["Officials said Operation Streamline would continue.", f"{QUOTE} he said."], None),
    # A description ends on its noun, and takes the body it names: not "a statement from the".
    ([f"{QUOTE} according to a statement from the ACLU."], "a statement from the ACLU"),
    # The name in an apposition is the credit.
    ([f"{QUOTE} the county executive, Ann Marie Lee, said."], "Ann Marie Lee"),
    ([f"{QUOTE} a spokeswoman, who asked not to be named, said."], "a spokeswoman"),
])
def test_credits(paragraphs: list[str], speaker: str | None) -> None:
    quotes = find_key_quotes(paragraphs, ["Secure Communities"])
    assert quotes and all(q.speaker == speaker for q in quotes), [(q.speaker, q.text) for q in quotes]
