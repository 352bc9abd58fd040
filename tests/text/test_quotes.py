import pytest

from reader.text.quotes import find_key_quotes


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“This policy has failed every community it touched,” said Chris Newman of the network.", "Chris Newman"),
        ("“This policy has failed every community it touched,” Sen. Ann Lee said on Monday.", "Sen. Ann Lee"),
        ("The chief told reporters: “This policy has failed every community it touched.”", "the chief"),
        ("The released report stated that “this policy has failed every community it touched”", "the released report"),
        ("“This policy has failed every community it touched,” according to the inspector general.",
         "the inspector general"),
        ("“This policy has failed every community it touched,” the American Farm Bureau Federation said in a letter.",
         "the American Farm Bureau Federation"),
        ("Mayor Jo Park of Springfield, Ohio, said the plan was dead. “This policy has failed every community it "
         "touched,” she said.", "Mayor Jo Park"),
        ("“This policy has failed every community it touched.”", None),
    ],
)
def test_speaker_attribution(paragraph: str, speaker: str | None) -> None:
    [quote] = find_key_quotes([paragraph])
    assert quote.text.startswith(("This policy", "this policy"))
    assert quote.speaker == speaker


def test_previous_sentence_speaker_carries_over() -> None:
    para = ('"The first quoted line is long enough to count," the report said. '
            '"And the second quoted line also counts here."')
    quotes = find_key_quotes([para])
    assert [q.speaker for q in quotes] == ["the report", "the report"]


def test_scare_quotes_and_titles_are_not_key_quotes() -> None:
    assert find_key_quotes(['It had an "adverse impact" on the film “Gone With the Wind” overall.']) == []


def test_ranking_prefers_attributed_on_topic_quotes() -> None:
    paragraphs = [
        "“Unattributed words that are long enough to count as a quote here.”",
        "Filler paragraph.",
        "“Secure Communities has damaged trust in every precinct we serve,” said Chief Ray Diaz.",
    ]
    quotes = find_key_quotes(paragraphs, topic_terms=["Secure Communities"])
    assert quotes[0].speaker == "Chief Ray Diaz" and quotes[0].paragraph == 2
