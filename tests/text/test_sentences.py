"""Where sentences end: never between a title and the name after it, after "U.S." or "a.m." only before a word
that opens sentences, and always after an ordinary word."""

import pytest

from reader.text.sentences import split_sentences


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        # A title opening a sentence stays with its name (it was split off after a sentence's end).
        ("It was filed by Ann Lee, R-Texas. Rep. Bo Diaz agreed.", ["It was filed by Ann Lee, R-Texas.",
                                                                    "Rep. Bo Diaz agreed."]),
        ("Ann Lee spoke. Sen. Bo Diaz replied. Gov. Jo Park left.", ["Ann Lee spoke.", "Sen. Bo Diaz replied.",
                                                                     "Gov. Jo Park left."]),
        ("The order came from Lt. Gov. Ann Lee and Gen. Bo Diaz.", ["The order came from Lt. Gov. Ann Lee and Gen. "
                                                                     "Bo Diaz."]),
        ("Sgt. Maj. Lee and Dr. Ángel Ruiz spoke.", ["Sgt. Maj. Lee and Dr. Ángel Ruiz spoke."]),
        ("—Gov. Tom Smith said so.", ["—Gov. Tom Smith said so."]),
        ("(Sen. Ann Lee) spoke first.", ["(Sen. Ann Lee) spoke first."]),
        ("The church on St. Mark Place opened Jan. 5 at 9 a.m. Tuesday.", ["The church on St. Mark Place opened "
                                                                            "Jan. 5 at 9 a.m. Tuesday."]),
        ("The U.S. Senate and the F.B.I. Director met Acme Inc. President Jo Park.", [
            "The U.S. Senate and the F.B.I. Director met Acme Inc. President Jo Park."]),
        ("The No. 2 official and John A. Smith Jr. Esq. spoke.", ["The No. 2 official and John A. Smith Jr. Esq. "
                                                                 "spoke."]),
        # The same abbreviations end a sentence when the next word opens one ("The", "He", "But").
        ("He moved to the U.S. He stayed.", ["He moved to the U.S.", "He stayed."]),
        ("It opened in Washington, D.C. The crowd was small.", ["It opened in Washington, D.C.",
                                                                "The crowd was small."]),
        ("The vote was at 9 a.m. But few came.", ["The vote was at 9 a.m.", "But few came."]),
        ("She works for Acme Inc. It makes locks.", ["She works for Acme Inc.", "It makes locks."]),
        ("It went to John Smith Sr. He kept it.", ["It went to John Smith Sr.", "He kept it."]),
        ("He lives in Springfield, Ill. The city is small.", ["He lives in Springfield, Ill.", "The city is small."]),
        # An ordinary word that happens to be an abbreviation too ("no", "ill") ends a sentence like any word.
        ("The answer was no. Senators left.", ["The answer was no.", "Senators left."]),
        ("He fell ill. Doctors came.", ["He fell ill.", "Doctors came."]),
        # Ordinary ends, quotes and ellipses.
        ("“It failed.” She left. Did it? Yes!", ["“It failed.”", "She left.", "Did it?", "Yes!"]),
        ("Ask Ann Lee. Éric Ruiz agreed. Łukasz Kowalski did not.", ["Ask Ann Lee.", "Éric Ruiz agreed.",
                                                                      "Łukasz Kowalski did not."]),
        ("Wait... What now?", ["Wait...", "What now?"]),
    ],
)
def test_sentences_end_where_a_reader_would_end_them(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph) == sentences


def test_ambiguous_abbreviation_before_a_name_is_kept_in_one_sentence() -> None:
    """"... at 9 a.m. Marshals arrived" could be two sentences or "the U.S. Marshals": it is kept as one (see
    the module's docstring), so a title is never cut from its name, at the cost of a longer sentence now and then."""
    assert split_sentences("The raid began at 9 a.m. Marshals arrived later.") == [
        "The raid began at 9 a.m. Marshals arrived later."]
