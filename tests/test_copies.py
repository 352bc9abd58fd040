from reader.copies import CopyText, adds_words, compare_copies, compare_story, describe_addition

WIRE = (
    "WASHINGTON (Civic Wire) — The Department of Homeland Security said Friday it will keep expanding "
    "Secure Communities, despite a task force report that found it had eroded trust.",
    "The program checks the fingerprints of everyone booked into a local jail against federal databases.",
    "“We are committed to implementing Secure Communities in a way that focuses our resources,” "
    "ICE Director John Morton said in a statement.",
    "Illinois, New York and Massachusetts have tried to withdraw from the program.",
)
EARLIEST = CopyText("Civic Wire", "https://w.example/1", "DHS to Press Ahead With Secure Communities", WIRE)
CURRAN = ("“Secure Communities already tells ICE about every person we book, so the question is what else "
          "Washington wants from a county jail,” said Sheriff Mark Curran of Lake County, Illinois.")
LOCAL = "Lake County books about 1,200 people a month, the sheriff's office said."


def copy(source: str, paragraphs: tuple[str, ...], headline: str = EARLIEST.headline) -> CopyText:
    return CopyText(source, None, headline, paragraphs)


def test_touched_up_paragraphs_are_the_same_paragraph() -> None:
    edited = (WIRE[0].replace("(Civic Wire) ", "").replace("said Friday", "said on Friday"), *WIRE[1:])
    changes = compare_copies(EARLIEST, copy("Metro Ledger", edited, "dhs to press ahead with secure communities"))
    assert changes.added == () and changes.cut == () and not changes.headline_changed


def test_finds_exactly_the_added_and_cut_paragraphs() -> None:
    ran = (WIRE[0], WIRE[2], CURRAN, WIRE[1], LOCAL)  # the Illinois paragraph cut, two added, order changed
    changes = compare_copies(EARLIEST, copy("Capitol Dispatch", ran, "DHS presses on"))
    assert changes.added_paragraphs == (CURRAN, LOCAL)
    assert changes.cut == (3,) and changes.cut_paragraphs == (WIRE[3],)
    assert changes.headline_changed
    assert changes.to_json() == {"source": "Capitol Dispatch", "link": None, "headline": "DHS presses on",
                                 "added": [CURRAN, LOCAL], "cut": [WIRE[3]]}


def test_a_different_paragraph_with_shared_words_is_not_the_same() -> None:
    rewritten = "Homeland Security will keep the program despite the report, officials in Washington said."
    changes = compare_copies(EARLIEST, copy("X", (rewritten, *WIRE[1:])))
    assert changes.added == (0,) and changes.cut == (0,)


def test_describes_a_substantial_addition_with_its_speaker() -> None:
    changes = compare_copies(EARLIEST, copy("Capitol Dispatch", (*WIRE, CURRAN, LOCAL)))
    assert describe_addition(changes) == ("Capitol Dispatch added 2 paragraphs, including a quote from "
                                          "Sheriff Mark Curran")


def test_a_small_addition_or_a_cut_is_not_described() -> None:
    assert describe_addition(compare_copies(EARLIEST, copy("A", (*WIRE, "More to come.")))) is None
    assert describe_addition(compare_copies(EARLIEST, copy("B", WIRE[:2]))) is None
    long = " ".join(["The county also opened a new booking center on the east side of town last spring."] * 3)
    assert describe_addition(compare_copies(EARLIEST, copy("C", (*WIRE, long)))) == "C added 1 paragraph"


def test_compare_story_compares_every_later_copy_with_the_first() -> None:
    later = [copy("A", WIRE[:3]), copy("B", (*WIRE, LOCAL))]
    assert [(c.copy.source, c.cut, c.added) for c in compare_story([EARLIEST, *later])] == [
        ("A", (3,), ()), ("B", (), (4,))]


def test_only_a_copy_with_new_runs_of_words_may_add_something() -> None:
    text = " ".join(WIRE)
    assert not adds_words(text, text.replace("(Civic Wire) ", "(AP) ").replace("said Friday", "said on Friday"))
    assert not adds_words(text, " ".join(WIRE[:2]))  # a cut adds nothing
    assert adds_words(text, f"{text} {CURRAN}")
