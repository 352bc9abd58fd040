"""Photo credits run into a paragraph's start go to the captions; captions only when the whole line is one."""

import pytest

from reader.digest.candidates import is_story_prose
from reader.text.clean import clean_article
from reader.text.credits import holds_credit, is_caption, split_caption, split_leading_credit

PARAGRAPH = "Alicia Roman holds a sign outside the county jail in Santa Rosa on Tuesday."

CREDITS = [
    "(Christopher Chung/The Press Democrat)",
    "(Mirela Iverac/WNYC)",
    "Barry Brecheisen/Getty Images",
    "Saul Loeb/AFP via Getty Images",
    "(AP Photo/Evan Vucci)",
    "(AP Photo/J. Scott Applewhite, File)",
    "AP Photo/Evan Vucci",
    "Photo: Jon Shapley / Staff",
    "Photo: Jon Shapley / Houston Chronicle",
    "Photo: Jon Shapley / Politico",
    "(Photo by Mark Wilson/Getty Images)",
    "(Jabin Botsford for The Washington Post)",
    "Mark Wilson/Getty Images News",
    "Photo: Karen Warren, Staff photographer",
    "Photograph: Mandel Ngan/AFP/Getty Images",
    "(Jane Doe/The Washington Post via Getty Images)",
    "Jane Doe/The New York Times",
    "Jane Doe/KQED",
    "(Submitted photo)",
    "Óscar Ruiz/Getty Images",
]


def test_a_credit_with_no_space_before_the_story() -> None:
    assert split_leading_credit(f"(AP Photo/Evan Vucci){PARAGRAPH}") == ("(AP Photo/Evan Vucci)", PARAGRAPH)


@pytest.mark.parametrize("credit", CREDITS)
def test_each_credit_shape_is_split_from_the_paragraph(credit: str) -> None:
    assert split_leading_credit(f"{credit} {PARAGRAPH}") == (credit, PARAGRAPH)
    article = clean_article(f"<p>The vote was close.</p><p>{credit} {PARAGRAPH}</p>", title="T")
    assert article.paragraphs == ("The vote was close.", PARAGRAPH)
    assert article.captions == (credit,)
    assert "moved 1 photo credit from the text to the captions" in article.repairs


def test_credit_before_a_quotation() -> None:
    quote = "“We all lose when people are afraid,” the chief said."
    assert split_leading_credit(f"Photo: Jane Doe / Politico {quote}") == ("Photo: Jane Doe / Politico", quote)


@pytest.mark.parametrize("text", [
    "(CNN) The shooting happened on Monday night.",
    "WASHINGTON (AP) — The Senate voted 52-48.",
    "(R-Texas) lawmakers walked out of the hearing.",
    "Black/African American residents make up a fifth of the county.",
    "Jane Doe/Reuters, the news agency, reported the figures first.",
    "Democrats for Change President Ana Ruiz said the vote was a start.",
])
def test_paragraphs_that_only_look_like_credits_are_left_whole(text: str) -> None:
    assert split_leading_credit(text) is None and not holds_credit(text)
    article = clean_article(f"<p>{text}</p>", title="T")
    assert article.paragraphs == (text,) and article.captions == ()


def test_a_caption_is_a_caption_only_when_the_whole_line_reads_as_one() -> None:
    assert is_caption("Rally in front of the governor's office in May (Mirela Iverac/WNYC)")
    assert is_caption("Sheriff Joe Arpaio speaks in Phoenix. (Photo: Capitol Dispatch)")
    assert is_caption("Photo: Protesters outside City Hall.")
    assert is_caption("Barry Brecheisen/Getty Images")
    assert is_caption("Image caption Protesters outside the White House on Tuesday")
    assert is_caption("AP Photo/Evan Vucci") and is_caption("Getty Images") and is_caption("Jane Doe | Staff")
    assert is_caption("Donald Trump at the White House on Tuesday. Photograph: Mandel Ngan/AFP/Getty Images")
    assert is_caption("FILE - In this Jan. 5, 2018, file photo, President Trump speaks at Camp David.")
    # A story paragraph that ends in a parenthesis, or whose run-in credit could not be split.
    assert not is_caption("The agency declined to comment (it did not file a response).")
    assert not is_caption("Photo: Jane Doe / Unknown Outlet llc the council voted to end the agreement.")
    assert not is_caption("The vote came late. Members argued for hours. Then the chair called it (Jane Doe/WNYC)")


def test_a_caption_runs_to_its_end_not_into_the_reporters_next_sentence() -> None:
    """try11 F45: "Photo: The council chamber during the vote. The mayor said the photo ban was never discussed." was
    all set apart as a caption; the label says what its first sentence is, and the news after it stays in the story."""
    line = "Photo: The council chamber during the vote. The mayor said the photo ban was never discussed."
    assert split_caption(line) == ("Photo: The council chamber during the vote.",
                                   "The mayor said the photo ban was never discussed.")
    article = clean_article(f"<p>The council voted on Tuesday.</p><p>{line}</p>", title="T")
    assert article.captions == ("Photo: The council chamber during the vote.",)
    assert article.paragraphs == ("The council voted on Tuesday.", "The mayor said the photo ban was never discussed.")
    # A caption ending in its credit, a credit after it, or one sentence alone is whole.
    for whole in ("Photo: The chamber during the vote. Members argued for hours (Jane Doe/WNYC)",
                  "Photo: Donald Trump at the White House. Photograph: Mandel Ngan/AFP/Getty Images",
                  "Photo: Protesters outside City Hall."):
        assert split_caption(whole) is None and is_caption(whole)
    assert split_caption("Photo: The chamber during the vote. Jane Doe/Getty Images") is None


def test_a_group_named_for_something_is_not_a_credit() -> None:
    text = "Voters for Pool Safety said the measure would pass in November."
    assert split_leading_credit(text) is None


@pytest.mark.parametrize("credit", CREDITS)
def test_a_summary_sentence_holds_no_credit_wherever_it_sits(credit: str) -> None:
    """The digest's summaries ask the cleaner's rules, so a credit the cleaner knows is never quoted as a sentence."""
    bracketed = credit if credit.startswith("(") else f"({credit})"
    for sentence in (f"{credit} {PARAGRAPH}", f"{PARAGRAPH[:-1]} {bracketed}.",
                     f"Alicia Roman holds a sign {bracketed} outside the county jail in Santa Rosa."):
        assert holds_credit(sentence) and not is_story_prose(sentence, sentence), sentence
    assert not holds_credit(PARAGRAPH) and is_story_prose(PARAGRAPH, PARAGRAPH)

