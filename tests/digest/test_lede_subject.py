"""A story's lede and what its headline names are summarisable; a no-summary reason is true (try11 F20)."""

from __future__ import annotations

from datetime import date

from reader.config import TopicConfig
from reader.digest.build import build_digest
from reader.digest.render import render_digest
from reader.text.clean import clean_stored_article
from tests.digest.fixtures import article, feed_row

DAY = date(2026, 11, 30)
TOPIC = [TopicConfig("E-Verify", ("E-Verify",))]
FEEDS = [feed_row(1, "Denver Post")]
LEDE = "The council voted 7 to 4 on Monday to require E-Verify for every city contractor, starting in July."
CRITICS = "Critics said the change would hurt small businesses that bid for city work."


def _digest(title: str, text: str) -> str:
    return render_digest(build_digest(DAY, [article(1, "Denver Post", title, text)], TOPIC, FEEDS,
                                      clean_stored_article))


def test_a_lede_about_the_council_is_summarised() -> None:
    """The tester's repro: the story's plain lede was never summarised, and the topic got no summary."""
    text = _digest("Denver council requires E-Verify for contractors", f"{LEDE}\n\n{CRITICS}")
    assert f"**Summary.** {LEDE}[1]" in text and "No sentence could be summarised" not in text


def test_what_the_headline_names_may_be_called_the_council_further_down() -> None:
    budget = "Budget talks went on."  # too short to summarise: only the headline says which council
    later = "The council also voted to require E-Verify for every city contractor, starting in July."
    text = _digest("Denver council requires E-Verify", f"{budget}\n\n{later}")
    assert f"{later}[1]" in text.split("**Coverage**")[0]


def test_the_no_summary_reason_names_the_thing_no_sentence_introduced() -> None:
    """It said every sentence 'repeats one shown above or a key quote, or leans on ...' when none did."""
    short = "Budget talks went on."  # too short to summarise: nothing before the board's sentence can be shown
    later = "The board voted to require E-Verify for every city contractor, starting in July, after a hearing."
    text = _digest("City budget talks go on", f"{short}\n\n{later}")
    assert ("No sentence could be summarised: each of their sentences about E-Verify speaks of “the board” with no "
            "sentence shown that says which.") in text
    assert "repeats one shown above" not in text
