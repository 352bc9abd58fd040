"""Who a key quote is credited to when the quote's own sentence says only "he", "the agency" or "one contractor",
which quotes are key quotes at all, and that crediting descriptions stays linear in the article."""

import pytest

from reader.text.descriptions import ArticleMentions, is_bare_description, is_description, only_antecedent
from reader.text.names import people_named
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


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # The nearest person named, further back than the sentence before, in the paragraph or the one before.
        (["Gov. Tom Smith signed the order. The weather was cold all week.", f"{QUOTE} he said."], "Gov. Tom Smith"),
        # Gender evidence picks one of two: a title, a gendered role, or an earlier "she" bound to her.
        (["Ms. Ann Lee met Mr. Tom Smith on Monday.", f"{QUOTE} she said."], "Ms. Ann Lee"),
        (["Ann Lee met Mr. Tom Smith on Monday.", f"{QUOTE} she said."], "Ann Lee"),
        (["Ann Lee, a spokeswoman for the county, met Tom Smith.", f"{QUOTE} he said."], "Tom Smith"),
        (["Congressman Bo Diaz met Ann Lee.", f"{QUOTE} she said."], "Ann Lee"),
        (["Ann Lee said she would run. Later, Lee met Tom Smith.", f"{QUOTE} he said."], "Tom Smith"),
        # A described speaker of the sentence before, checked like a name.
        ([f"A spokeswoman for ICE said the raids would go on. {QUOTE} she said."], "a spokeswoman for ICE"),
        # A quote after one credited to "she" is hers too, and a title is kept ("Ms. Lee" is a person).
        (["Ms. Lee spoke.", f"{QUOTE} she said. “It is far from over for all of us,” she added."], "Ms. Lee"),
        (["Ms. Lee spoke.", f"{QUOTE} she said. “It is far from over for all of us.”"], "Ms. Lee"),
        (["José Núñez, a father of three, spoke.", f"{QUOTE} he said."], "José Núñez"),
    ],
)
def test_he_or_she_is_the_nearest_person_the_article_says_fits(paragraphs: list[str], speaker: str) -> None:
    assert {q.speaker for q in find_key_quotes(paragraphs)} == {speaker}


@pytest.mark.parametrize(
    "paragraphs",
    [
        # The evidence contradicts: the one person near is not "she", and nobody else is looked for instead.
        ["Mr. Tom Smith met the press on Monday.", f"{QUOTE} she said."],
        ["Ann Lee, a spokeswoman for the county, spoke first. The weather was cold.", f"{QUOTE} he said."],
        [f"A spokesman for ICE said the raids would go on. {QUOTE} she said."],
        # Two fit: nothing tells them apart, or the nearer is unknown while one further back is known to fit.
        ["Ann Lee met Tom Smith on Monday.", f"{QUOTE} she said."],
        ["Ann Lee said she would run. Later, Lee met Tom Smith.", f"{QUOTE} she said."],
        ["Congresswoman Ann Lee spoke first.", f"Tom Smith spoke next. {QUOTE} she said."],
        # Evidence both ways for one person.
        ["Ms. Jo Park arrived. Mr. Park left.", f"{QUOTE} he said."],
        # A body is never "he" or "she"; nor is anyone more than a paragraph back.
        [f"The department said the raids would go on. {QUOTE} she said."],
        ["Gov. Tom Smith signed the order.", "The weather was cold.", f"{QUOTE} he said."],
        # "He told reporters ...", then the quote alone: "he" is still nobody named.
        ["He told reporters the plan had failed badly.", "“We will keep fighting for every family here.”"],
        # A possessive names whose, not who: "she" is the lawyer.
        [f"Ann Lee's lawyer said she would appeal. {QUOTE} she said."],
        # A first name is no evidence: Maria may be anyone.
        ["Maria Lopez met Tom Smith.", f"{QUOTE} he said."],
    ],
)
def test_he_or_she_stays_unattributed_when_the_evidence_leaves_two_or_none(paragraphs: list[str]) -> None:
    assert [q.speaker for q in find_key_quotes(paragraphs)] == [None] * len(find_key_quotes(paragraphs))


def test_a_pronoun_quote_in_a_long_paragraph_reads_a_few_sentences_back_only() -> None:
    """Who "he" is is looked for WALK units back at most, so a paragraph of "he said" quotes with no one
    named stays linear (4,000 here); with someone named just before, each quote is the one before's."""
    import time

    paragraph = " ".join(["The vote was delayed again. “One two three four five six seven,” he said."] * 4000)
    began = time.process_time()  # CPU, not wall: a loaded machine must not fail it; quadratic would take minutes
    assert [q.speaker for q in find_key_quotes([paragraph])] == [None]
    assert [q.speaker for q in find_key_quotes(["Gov. Tom Smith spoke.", paragraph])] == ["Gov. Tom Smith"]
    assert time.process_time() - began < 5


@pytest.mark.parametrize(
    ("credit", "described"),
    [
        ("a spokeswoman for ICE", True), ("one contractor", True), ("the agency", True), ("two officials", True),
        ("the ICE spokesman", True), ("the inspector general", True),
        ("Ann Lee", False), ("Sen. Ann Lee", False), ("the Department of Homeland Security", False), ("DHS", False),
        ("the American Farm Bureau Federation", False), ("the task force’s report", False),
    ],
)
def test_a_credit_says_whether_it_describes_or_names_its_speaker(credit: str, described: bool) -> None:
    assert is_description(credit) is described
    [quote] = find_key_quotes([f"{QUOTE} said {credit}."])
    assert (quote.speaker, quote.described) == (credit, described)
