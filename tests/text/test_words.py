"""Content words: one stemmer and stop list for summaries and New today."""

from reader.text.words import signature, stem


def test_stems_join_forms_of_a_word() -> None:
    assert stem("voted") == stem("votes") == stem("vote")
    assert stem("ended") == stem("ending") == stem("ends") == stem("end")
    assert stem("deputies") == stem("deputy") and stem("agreements") == stem("agreement")
    assert stem("5-2") == "5-2"


def test_signature_ignores_wording_stop_words_and_apostrophes() -> None:
    assert signature("The county's board VOTED 5-2.") == signature("county board votes 5-2")
    assert "287g" in signature("its 287(g) agreement")
    assert signature("It was said that they would.") == frozenset()
