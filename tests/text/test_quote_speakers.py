"""Who a key quote is credited to when the quote's own sentence says only "he", "the agency" or "one contractor",
which quotes are key quotes at all, and that crediting descriptions stays linear in the article."""

import pytest

from reader.text.descriptions import ArticleMentions, is_bare_description, only_antecedent, people_named
from reader.text.quotes import find_key_quotes, is_key_quote

QUOTE = "“This policy will protect every family in the state,”"


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # A pronoun is the one person the sentence before names, in the same paragraph or the one before.
        (["Gov. Tom Smith signed the order on Monday.",
          "He told reporters: “This policy will protect every family in the state.”"], "Gov. Tom Smith"),
        (["Gov. Tom Smith signed the order on Monday. He told reporters: “This policy will protect every family.”"],
         "Gov. Tom Smith"),
        (["Maria Lopez is a lawyer at the Immigrant Defense Project.", f"{QUOTE} she said."], "Maria Lopez"),
        (["Maria Lopez is a lawyer at the Immigrant Defense Project. “This policy will harm every family in the "
          "state,” she said."], "Maria Lopez"),
        # "it" is the one body named before, by its longest name.
        (["U.S. Immigration and Customs Enforcement (ICE) detained 40 people in the county on Monday.",
          f"{QUOTE} it said."], "U.S. Immigration and Customs Enforcement"),
        # A speaker the sentence before gives by speaking still wins over the people it names.
        (["Sheriff Ann Lee said the deal with Mayor Jo Park was vital.", f"{QUOTE} she said."], "Sheriff Ann Lee"),
    ],
)
def test_a_pronoun_is_the_one_person_or_body_named_just_before(paragraphs: list[str], speaker: str) -> None:
    [quote] = find_key_quotes(paragraphs)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Gov. Tom Smith met Mayor Ann Lee on Monday.", f"{QUOTE} she said."],  # two people: which one?
        ["The weather in New York was cold on Monday.", f"{QUOTE} he said."],  # a place, not a person
        ["Residents of Frederick County gathered at City Hall.", f"{QUOTE} he said."],
        [f"{QUOTE} he said."],  # nothing before it at all
        ["ICE and the Department of Homeland Security detained 40 people.", f"{QUOTE} it said."],
        ["Maria Lopez and her neighbours filed suit.", f"{QUOTE} they said."],  # "they": a group never guessed
    ],
)
def test_a_pronoun_with_no_one_clear_before_it_stays_unattributed(paragraphs: list[str]) -> None:
    [quote] = find_key_quotes(paragraphs)
    assert quote.speaker is None


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        (["Immigration and Customs Enforcement detained 40 people on Monday.",
          "“This operation targeted people with serious criminal records,” the agency said."],
         "Immigration and Customs Enforcement"),
        # A name and its initials are one body; the full name is given.
        (["ICE agents detained 40 people.", "Immigration and Customs Enforcement did not say where.",
          "“This operation targeted people with serious criminal records,” the agency said."],
         "Immigration and Customs Enforcement"),
        (["DHS announced the operation on Monday.",
          "“This operation targeted people with serious criminal records,” the department said."], "DHS"),
        # Two bodies the agency could be: the description is kept, and the quote with it.
        (["ICE and the FBI detained 40 people on Monday.",
          "“This operation targeted people with serious criminal records,” the agency said."], "the agency"),
        (["Officials met on Monday.",
          "“This operation targeted people with serious criminal records,” the agency said."], "the agency"),
    ],
)
def test_the_agency_is_the_one_body_the_article_named(paragraphs: list[str], speaker: str) -> None:
    [quote] = find_key_quotes(paragraphs)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“We will not accept a mandate that drives up costs,” one contractor said at the hearing.", "one contractor"),
        ("“We will not accept a mandate that drives up costs,” said a spokeswoman for ICE.", "a spokeswoman for ICE"),
        ("“We will not accept a mandate that drives up costs,” a spokeswoman for ICE said.", "a spokeswoman for ICE"),
        ("Two officials said the rule would “drive up costs for every small firm in the county.”", "two officials"),
        ("“We will not accept a mandate that drives up costs,” another lawyer said.", "another lawyer"),
    ],
)
def test_a_described_speaker_is_credited_as_written(paragraph: str, speaker: str) -> None:
    [quote] = find_key_quotes([paragraph])
    assert quote.speaker == speaker


def test_one_of_several_is_not_taken_for_someone_named_before() -> None:
    """"One contractor" is one of several: not the contractor the article named, unlike "the contractor"."""
    paragraphs = ["Ann Lee, a contractor from Frederick, spoke first.",
                  "“We will not accept a mandate that drives up costs,” one contractor said."]
    assert [q.speaker for q in find_key_quotes(paragraphs)] == ["one contractor"]
    assert is_bare_description("one contractor") and not is_bare_description("a spokeswoman for ICE")


@pytest.mark.parametrize(
    ("paragraph", "texts", "speakers"),
    [
        # Four words or more are a statement, shown even when nobody is named for it.
        ("“We will sue them,” Lopez said.", ["We will sue them"], ["Lopez"]),
        ("The sign read “No more raids here” all week.", ["No more raids here"], [None]),
        # One to three words are scare quotes, and a short run of capitals is a title.
        ("It had an “adverse impact” and was “a new era” in “Gone With the Wind” style.", [], []),
        ("“This is unfair,” she said.", [], []),
    ],
)
def test_short_quotes_are_kept_from_four_words_and_scare_quotes_are_not(
        paragraph: str, texts: list[str], speakers: list[str | None]) -> None:
    quotes = find_key_quotes([paragraph])
    assert [q.text for q in quotes] == texts and [q.speaker for q in quotes] == speakers


def test_what_a_key_quote_is() -> None:
    assert is_key_quote("we will sue them") and is_key_quote("The Plan Is Dead And Buried Now")
    titles = ("Gone With the Wind", "The Grapes of Wrath")
    assert not any(is_key_quote(t) for t in ("adverse impact", "a new era", *titles))


def test_people_named_leaves_out_bodies_and_places() -> None:
    assert people_named("Later Maria Diaz, a lawyer at the Immigrant Defense Project, spoke in New York City.") == [
        "Maria Diaz"]
    assert people_named("Gov. Tom Smith met Mayor Ann Lee and Tom Smith again.") == ["Gov. Tom Smith", "Mayor Ann Lee"]
    assert only_antecedent("they", "Maria Lopez filed suit.") is None


def test_many_quotes_credited_to_a_description_are_resolved_once_each() -> None:
    """2,000 quotes credited to "the report" in a 4,000-sentence article: each quote read the whole article back
    once (192 s on the shared machine); each description's nearest mention is now filled in once (under 1 s)."""
    paragraphs = ["The Migration Policy Institute released a report on Monday."]
    paragraphs += [f"Filler sentence {i} says little. “This policy has failed community number {i} badly,” the "
                   "report said." for i in range(2000)]
    quotes = find_key_quotes(paragraphs)
    assert len(quotes) == 2000
    assert {q.speaker for q in quotes} == {"the Migration Policy Institute’s report"}


def test_the_nearest_mention_is_the_one_before_each_position() -> None:
    sentences = ["Ann Lee, a spokeswoman for the county, spoke.", "Filler.",
                 "Maria Diaz, a spokeswoman for ICE, spoke."]
    mentions = ArticleMentions(sentences)
    assert [mentions.resolve("the spokeswoman", n) for n in range(4)] == [
        "the spokeswoman", "Ann Lee", "Ann Lee", "Maria Diaz"]
    assert mentions.resolve("the spokeswoman", 1, "Then Jo Park, a spokeswoman for the state, said") == "Jo Park"


ACCENTED = ["José Núñez", "Zoë Ruiz", "Renée O'Connor", "Łukasz Kowalski", "Nguyễn Văn An", "Ángel Ruiz-Díaz"]


@pytest.mark.parametrize("name", ACCENTED)
def test_accented_names_are_credited_like_any_name(name: str) -> None:
    assert [q.speaker for q in find_key_quotes([f"{QUOTE} said {name}."])] == [name]
    assert [q.speaker for q in find_key_quotes([f"{QUOTE} {name} said."])] == [name]
    assert people_named(f"Later {name} spoke.") == [name]
    said = [f"{name}, a lawyer at the clinic, spoke first.", f"{QUOTE} the lawyer said."]
    assert [q.speaker for q in find_key_quotes(said)] == [name]
