"""Page furniture and reported speech (reader/text/furniture.py, one attribution definition): a prompt or a link
that reports who said something is a story's sentence, which summaries may then choose; a headline's "says"
still leaves a cross-link furniture."""

from __future__ import annotations

import pytest

from reader.text.furniture import furniture_kind


@pytest.mark.parametrize("line", [
    "Sign up for health coverage today, officials urged residents.",  # past tense: reported, never furniture
    "Sign up for the county's text alerts before the storm, officials say.",  # a prompt reported in the present
    "Subscribe to the newsletter now, the mayor tells residents.",
    "Read more about the ruling, according to the court's clerk.",
    "RELATED: The sheriff said the agreement would be renewed",
    "Sign up for alerts, the director testified.",
])
def test_reported_speech_is_a_story_sentence(line: str) -> None:
    assert furniture_kind(line) is None


@pytest.mark.parametrize(("line", "kind"), [
    ("RELATED: Mayor says Secure Communities exit is not possible", "cross-link"),  # a headline's "says"
    ("Read more: Sheriff tells deputies to end 287(g) checks", "cross-link"),
    ("Sign up for our newsletter", "prompt"),
])
def test_a_headline_s_present_tense_leaves_furniture_furniture(line: str, kind: str) -> None:
    assert furniture_kind(line) == kind
