"""Words policy coverage uses for one another are read as one by New today: a reworded repeat is not news."""

from __future__ import annotations

from collections import Counter

import pytest

from reader.digest.novelty import REPEATED, new_sentences
from reader.digest.same_sense import SAME_SENSE
from reader.text.decision_state import news_signature
from reader.text.words import content_stems, signature


def news(today: str, earlier: str) -> bool:
    return new_sentences([today], [news_signature(earlier)]) == [0]


def test_each_stem_is_in_one_group_only() -> None:
    """A stem in two groups would be read as whichever came last: the table would not say what it does."""
    groups = Counter(stem for group in SAME_SENSE for stem in {s for w in group for s in content_stems(w)})
    assert [stem for stem, n in groups.items() if n > 1] == []


# Sentences of the bundled samples (reader/samples/) and of policy coverage, each against a rewording in other
# words: on their words alone (stems shared) each rewording would be news.
@pytest.mark.parametrize(("earlier", "today"), [
    ("Nassau police chief: immigrants afraid to call 911", "Nassau deputies' chief: migrants afraid to phone 911"),
    ("County supervisors scrapped the jail deal.", "County supervisors terminated the detention agreement."),
    ("Undocumented migrants detained in Arizona face deportation.", "Illegal immigrants held in Arizona face removal."),
    ("ICE deported 40 immigrants held in the county jail.",
     "40 migrants detained at the county jail were removed by ICE."),
    ("The House committee approved a mandatory E-Verify bill.",
     "The House committee adopted legislation mandating E-Verify."),
])
def test_a_rewording_in_other_words_is_not_news(earlier: str, today: str) -> None:
    assert len(signature(today) & signature(earlier)) < REPEATED * len(signature(today))
    assert not news(today, earlier)


def test_spanish_and_british_wording_read_as_the_english() -> None:
    assert not news("The county terminated the programme that detained undocumented migrants for ICE.",
                    "The county ended the program that held illegal immigrants for ICE.")
    assert not news("Los legisladores rechazar el acuerdo con inmigrantes indocumentados detenidos.",
                    "Los legisladores reject el agreement con immigrants undocumented held.")


def test_a_sentence_saying_something_new_stays_news_despite_shared_words() -> None:
    """Reading "deported" as "removed" does not make a new count or a new place a repeat."""
    earlier = "ICE deported 40 immigrants held in the Frederick County jail last month."
    assert news("ICE removed 75 migrants detained in the Frederick County jail last month.", earlier)
    assert news("A federal judge ordered ICE to release immigrants held in the Frederick County jail without "
                "warrants, citing due process.", earlier)
