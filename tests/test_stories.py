"""Story folding: wire copies trimmed or lightly edited by each outlet fold together, distinct stories do not."""

from __future__ import annotations

import random
import subprocess
import sys

from reader.stories import StoryText, fold_copies, shingles
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
