"""Story folding: wire copies trimmed or lightly edited by each outlet fold together, distinct stories do not."""

from __future__ import annotations

import random
import subprocess
import sys

from reader.stories import (
    FEW_SAMPLED,
    StoryText,
    containment,
    fold_copies,
    is_sampled,
    sample,
    shingles,
    story_bands,
    story_text,
)
from tests.conftest import REPO

WORDS = ["county", "council", "federal", "immigration", "program", "enforcement", "vote", "agreement", "sheriff",
         "detainer", "advocates", "families", "court", "budget", "hearing", "officials", "data", "report", "task",
         "force", "review", "policy"]


def story(seed: int, n_words: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(40)) for _ in range(n_words))


def test_trimmed_and_edited_copies_fold_and_other_stories_stay_apart() -> None:
    wire = story(1, 400)  # long enough for content-defined sampling
    trimmed = wire[: len(wire) * 3 // 4]  # an outlet cut the last quarter
    edited = "(AP) " + wire.replace("court7", "tribunal7", 1)
    short_wire = story(2, 60)  # below the sampling threshold
    texts = [StoryText(1, "A", wire), StoryText(2, "B", story(3, 400)), StoryText(3, "C", trimmed),
             StoryText(4, "D", edited), StoryText(5, "E", short_wire), StoryText(6, "F", short_wire + " Updated."),
             StoryText(7, "G", story(4, 60))]
    assert fold_copies(texts) == [[1, 3, 4], [2], [5, 6], [7]]


def test_shingles_are_the_same_in_every_process() -> None:
    text = story(5, 300)
    code = f"from reader.stories import shingles; print(sorted(shingles({text!r})))"
    runs = {subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")}
    assert runs == {f"{sorted(shingles(text))}\n"}


WIRE_PARAGRAPHS = [  # a 5-paragraph wire story of 119 words: with its headline, long enough to be sampled
    "WASHINGTON (AP) — The Senate on Tuesday passed a bill that would expand the federal program that lets local "
    "jails hold immigrants for deportation, sending it to the House.",
    "The measure, approved 58-41, requires counties that receive federal grants to honor detainer requests from "
    "Immigration and Customs Enforcement for up to 48 hours.",
    "Supporters said the bill closes a gap that lets people with criminal records go free. Opponents said it would "
    "make immigrants afraid to call the police.",
    "The House is expected to take up the bill next month. The White House has not said whether the president "
    "would sign it.",
    "Sheriffs in several states have said they cannot hold people without a warrant signed by a judge.",
]
WIRE_TITLE = "Senate passes bill expanding jail immigration holds"
SAME_TOPIC = [  # other stories of the beat: the same names and stock phrases, told differently
    ("County ends jail immigration holds", "WASHINGTON (AP) — A county in Maryland said on Tuesday it would stop "
     "honoring detainer requests from Immigration and Customs Enforcement, citing a ruling that holding people "
     "without a warrant signed by a judge is unconstitutional. The sheriff said the jail would notify the agency."),
    ("Sheriffs split on detainer bill", "Sheriffs in several states have said they cannot hold people without a "
     "warrant signed by a judge. Others said the federal program helps them remove people with criminal records. "
     "The Senate bill would require counties that receive federal grants to honor detainer requests."),
]


def test_a_copy_trimmed_to_its_first_paragraphs_folds_with_the_long_story_and_other_stories_do_not() -> None:
    """Outlets run the first paragraphs of wire copy; the long original is sampled, the copy is not."""
    wire = story_text(WIRE_TITLE, "\n\n".join(WIRE_PARAGRAPHS))
    assert is_sampled(shingles(wire))
    others = [StoryText(10 + n, "Other", story_text(title, text)) for n, (title, text) in enumerate(SAME_TOPIC)]
    for kept in range(1, len(WIRE_PARAGRAPHS)):
        copy = story_text(WIRE_TITLE, "\n\n".join(WIRE_PARAGRAPHS[:kept]))
        assert not is_sampled(shingles(copy))
        assert containment(shingles(wire), shingles(copy)) == 1.0, kept
        assert set(story_bands(shingles(wire))) & set(story_bands(shingles(copy))), kept  # they are compared
        texts = [StoryText(1, "Wire", wire), StoryText(2, "Outlet", copy), *others]
        assert fold_copies(texts) == [[1, 2], [10], [11]], kept


def test_copies_across_the_sampling_length_fold_whichever_end_changed() -> None:
    """A short story and the same story with an outlet's paragraph added on top (long enough to be sampled)."""
    short = story(8, 100)
    for longer in (story(9, 40) + " " + short, short + " " + story(9, 40)):
        assert is_sampled(shingles(longer)) and not is_sampled(shingles(short))
        assert fold_copies([StoryText(1, "A", short), StoryText(2, "B", longer)]) == [[1, 2]]
    assert fold_copies([StoryText(1, "A", short), StoryText(2, "B", story(10, 300))]) == [[1], [2]]


def test_containment_is_the_same_either_way_round_and_says_nothing_of_too_few_runs() -> None:
    wire, copy = shingles(story(11, 400)), shingles(" ".join(story(11, 400).split()[:70]))
    assert containment(wire, copy) == containment(copy, wire) == 1.0
    assert containment(shingles("two words"), shingles("two words")) == 0.0


def test_a_short_text_with_a_small_sample_must_share_the_lead_of_a_long_one() -> None:
    """A few sampled runs could all be the beat's stock phrases: the lead is checked too, and a trimmed copy has it."""
    wire = shingles(story_text(WIRE_TITLE, "\n\n".join(WIRE_PARAGRAPHS)))
    later = shingles("\n\n".join(WIRE_PARAGRAPHS[3:]))  # the story's last lines, none of its lead
    assert not is_sampled(later) and 3 <= len(sample(later)) < FEW_SAMPLED
    assert len(sample(later) & sample(wire)) == len(sample(later))  # every sampled run is in the story...
    assert containment(wire, later) == containment(later, wire) == 0.0  # ...but without the lead it is no copy
    first = shingles(story_text(WIRE_TITLE, WIRE_PARAGRAPHS[0]))
    assert len(sample(first)) < FEW_SAMPLED and containment(wire, first) == 1.0
