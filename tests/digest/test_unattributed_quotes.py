"""A key quote whose text names no speaker is marked unattributed and comes last, in the digest and in
`reader summarize` (speaker null) alike; one whose text names the speaker is credited."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from reader.config import TopicConfig
from reader.digest.build import build_digest
from reader.digest.render import render_digest
from reader.text.clean import clean_stored_article
from tests.conftest import REPO
from tests.digest.fixtures import DAY, article, feed_row

DACA = [TopicConfig("DACA", ("DACA", "Dreamers"))]
QUOTE = "We are not giving up on them"


def dreamers(before: str) -> str:
    return (f"The Senate began its long-promised immigration debate on Monday, and Dreamers are watching. {before} "
            f"“{QUOTE},” she told host María Celeste Arrarás on Sunday. DACA permits begin to lapse in March.")


COLLINS = article(1, "Capitol Dispatch", "Senate opens DACA debate",
                  "The Senate opened an immigration debate on DACA on Monday. “This is the week the Senate decides "
                  "whether it can still legislate on immigration,” said Senator Susan Collins, a Maine Republican.")


def quote_lines(before: str) -> list[str]:
    story = article(2, "Borderlands Tribune", "Dreamers watch the DACA debate", dreamers(before))
    digest = build_digest(date.fromisoformat(DAY), [COLLINS, story], DACA,
                          [feed_row(1, "Capitol Dispatch"), feed_row(2, "Borderlands Tribune")], clean_stored_article)
    markdown = render_digest(digest)
    return [ln for ln in markdown.split("**Key quotes**")[1].split("**Coverage**")[0].splitlines() if ln]


def test_a_quote_whose_speaker_the_text_does_not_name_is_unattributed_and_last() -> None:
    lines = quote_lines("Why does the vote matter now? Because the permits lapse.")
    assert lines[-1] == f"- “{QUOTE}” — unattributed, *Borderlands Tribune*"
    assert lines[0].endswith("— Senator Susan Collins, *Capitol Dispatch*")


def test_the_same_quote_is_credited_when_the_text_names_her() -> None:
    lines = quote_lines("Representative Ileana Ros-Lehtinen spoke for the Dreamers on Telemundo.")
    assert f"- “{QUOTE}” — Representative Ileana Ros-Lehtinen, *Borderlands Tribune*" in lines


def test_summarize_gives_the_rouge_cluster_s_unnamed_speaker_as_null_after_the_named() -> None:
    clusters = REPO / "benchmarks" / "data" / "rouge-clusters.jsonl"
    out = subprocess.run([sys.executable, "-m", "reader", "summarize", str(clusters)], capture_output=True,
                         text=True, check=True).stdout
    for line in out.splitlines():
        speakers = [q["speaker"] for q in json.loads(line)["quotes"]]
        assert speakers == sorted(speakers, key=lambda s: s is None)  # unattributed last
    sotu = next(json.loads(ln) for ln in out.splitlines() if json.loads(ln)["id"] == "shaped-immigration-sotu")
    assert {"text": QUOTE, "speaker": None, "article": 2} in sotu["quotes"]


def test_a_described_speaker_follows_the_outlet_and_she_is_not_a_man_named_before() -> None:
    """"a spokeswoman for United We Dream" is what the outlet quoted, not a name: it follows the outlet. "She"
    after "Mr. Tom Smith" is not Smith, and no one else is named: unattributed, not a wrong speaker."""
    text = ("The Senate began its immigration debate on Monday, and Dreamers are watching. Mr. Tom Smith, a senator, "
            "opened it. “We are not giving up on the Dreamers,” she said. “This debate will decide whether DACA "
            "survives the year,” a spokeswoman for United We Dream said.")
    story = article(2, "Borderlands Tribune", "Dreamers watch the DACA debate", text)
    digest = build_digest(date.fromisoformat(DAY), [COLLINS, story], DACA,
                          [feed_row(1, "Capitol Dispatch"), feed_row(2, "Borderlands Tribune")], clean_stored_article)
    lines = render_digest(digest).split("**Key quotes**")[1].split("**Coverage**")[0].splitlines()
    assert ("- “This debate will decide whether DACA survives the year” — *Borderlands Tribune*, quoting a "
            "spokeswoman for United We Dream") in lines
    assert "- “We are not giving up on the Dreamers” — unattributed, *Borderlands Tribune*" in lines


def test_a_one_word_organisation_is_no_she_the_digest_credits() -> None:
    """"Amnesty said ..." then "“...,” she told host ...": "she" is not Amnesty, so the quote is unattributed."""
    lines = quote_lines("Amnesty said on Monday that the program should be renewed.")
    assert lines[-1] == f"- “{QUOTE}” — unattributed, *Borderlands Tribune*"


def credited(attribution: str) -> list[str]:
    story = article(2, "Borderlands Tribune", "Dreamers watch the DACA debate",
                    f"Dreamers are watching the DACA debate. “{QUOTE} while DACA lasts,” {attribution}.")
    digest = build_digest(date.fromisoformat(DAY), [story], DACA, [feed_row(2, "Borderlands Tribune")],
                          clean_stored_article)
    return [ln for ln in render_digest(digest).splitlines() if ln.startswith("- “")]


def test_an_organisation_s_own_quote_is_credited_to_it_and_a_place_or_a_day_to_no_one() -> None:
    assert credited("Amnesty said in a statement") == [f"- “{QUOTE} while DACA lasts” — Amnesty, *Borderlands Tribune*"]
    assert credited("said Reuters") == [f"- “{QUOTE} while DACA lasts” — Reuters, *Borderlands Tribune*"]
    for attribution in ("Washington said", "said Friday"):
        assert credited(attribution) == [f"- “{QUOTE} while DACA lasts” — unattributed, *Borderlands Tribune*"]
