"""A table of real-looking sentences and the credit each quote must get, or None where any credit would be a guess.

Two weaknesses are measured here: a bare one-word organisation ("said Reuters", "Microsoft said") taken for a
person ("he" or "she" later credited to it), and titled or particled names ("Sen. Chuck Schumer", "Ursula von
der Leyen", "Homeland Security Secretary Alejandro Mayorkas") that people_named missed. Hard negatives (a day,
a place, a sentence's first word, a headline in title case) must be credited to no one: a wrong name is worse
than none. CREDITS and PEOPLE are plain tables so a session can count right, wrong and missing before a change.
"""

from __future__ import annotations

import pytest

from reader.text.names import people_named
from reader.text.quotes import find_key_quotes

Q = "“We will comply with the law in every state we work in,”"

# (paragraphs, the last quote's credit). None: no credit is right.
CREDITS: list[tuple[list[str], str | None]] = [
    # An organisation named by one word is credited as written: "said ICE" is true.
    ([f"{Q} said Reuters."], "Reuters"),
    ([f"{Q} Microsoft said."], "Microsoft"),
    ([f"{Q} ICE said in a statement."], "ICE"),
    ([f"{Q} Amnesty said."], "Amnesty"),
    (["Amnesty International released a report on Monday.", f"{Q} Amnesty said."], "Amnesty"),
    # ... but it is no "he" or "she".
    (["Microsoft said on Monday it would appeal the ruling.", f"{Q} she said."], None),
    (["Reuters reported the deal on Monday.", f"{Q} he said."], None),
    (["Microsoft disagreed.", f"{Q} she said."], None),
    (["Amnesty objected to the plan.", f"{Q} he said."], None),
    (["Microsoft said the ruling was wrong.", f"{Q} it said."], "Microsoft"),
    # A surname alone is a person when the article named that person in full.
    (["Maria Lopez runs the clinic in El Paso.", f"{Q} Lopez said."], "Maria Lopez"),
    (["Maria Lopez runs the clinic in El Paso.", "Lopez disagreed.", f"{Q} she said."], "Maria Lopez"),
    # ... and not otherwise: "Jenkins said ..." reads as "Microsoft said ..." does.
    (["Jenkins said deputies who patrol the county were well trained.", f"{Q} he said."], None),
    (["Lopez disagreed.", f"{Q} she said."], None),
    # Titled names, kept with their title.
    ([f"{Q} said Sen. Chuck Schumer."], "Sen. Chuck Schumer"),
    ([f"{Q} Rep. Alexandria Ocasio-Cortez said."], "Rep. Alexandria Ocasio-Cortez"),
    (["Dr. Anthony Fauci testified on Tuesday.", f"{Q} Fauci said."], "Dr. Anthony Fauci"),
    (["Gov. Kathy Hochul signed the bill on Monday.", f"{Q} Hochul said."], "Gov. Kathy Hochul"),
    (["Gov. Kathy Hochul signed the bill on Monday.", f"{Q} she said."], "Gov. Kathy Hochul"),
    (["Homeland Security Secretary Alejandro Mayorkas visited the border.", f"{Q} Mayorkas said."],
     "Homeland Security Secretary Alejandro Mayorkas"),
    (["Homeland Security Secretary Alejandro Mayorkas visited the border.", f"{Q} he said."],
     "Homeland Security Secretary Alejandro Mayorkas"),
    (["Mayor Eric Adams spoke at City Hall on Monday.", f"{Q} he said."], "Mayor Eric Adams"),
    (["Senate Majority Leader Chuck Schumer spoke on Monday.", f"{Q} he said."],
     "Senate Majority Leader Chuck Schumer"),
    (["Prime Minister Rishi Sunak spoke on Monday.", f"{Q} he said."], "Prime Minister Rishi Sunak"),
    (["In Washington Sen. Chuck Schumer spoke on Monday.", f"{Q} he said."], "Sen. Chuck Schumer"),
    (["Then Mr. Tom Smith spoke to the council.", f"{Q} he said."], "Mr. Tom Smith"),
    (["In Washington Sen. Chuck Schumer spoke on Monday.", f"{Q} Schumer said."], "Sen. Chuck Schumer"),
    (["At City Hall Mayor Eric Adams spoke on Monday.", f"{Q} Adams said."], "Mayor Eric Adams"),
    (["St. Louis County Executive Sam Page spoke.", f"{Q} he said."], "St. Louis County Executive Sam Page"),
    (["Former Gov. Andrew Cuomo spoke on Monday.", f"{Q} Cuomo said."], "Former Gov. Andrew Cuomo"),
    (["Judge Ana Reyes of the U.S. District Court ruled.", f"{Q} she said."], "Judge Ana Reyes"),
    # Particles, apostrophes, hyphens and other alphabets.
    ([f"{Q} said Ursula von der Leyen."], "Ursula von der Leyen"),
    (["Ursula von der Leyen spoke in Brussels on Monday.", f"{Q} she said."], "Ursula von der Leyen"),
    (["Mohammed bin Salman met the envoy on Monday.", f"{Q} he said."], "Mohammed bin Salman"),
    (["Charles de Gaulle spoke in Paris.", f"{Q} he said."], "Charles de Gaulle"),
    (["Ayman al-Zawahri spoke in a video.", f"{Q} he said."], "Ayman al-Zawahri"),
    (["Mayor Bill de Blasio spoke at City Hall.", f"{Q} de Blasio said."], "Mayor Bill de Blasio"),
    (["Ursula von der Leyen spoke in Brussels.", f"{Q} von der Leyen said."], "Ursula von der Leyen"),
    (["Mohammed bin Salman met the envoy on Monday.", f"{Q} bin Salman said."], "Mohammed bin Salman"),
    (["Conan O'Neill runs the shelter.", f"{Q} O'Neill said."], "Conan O'Neill"),
    (["Tara McDonald, a lawyer, filed the suit.", f"{Q} McDonald said."], "Tara McDonald"),
    ([f"{Q} said Владимир Зеленский."], "Владимир Зеленский"),
    (["Κυριάκος Μητσοτάκης spoke in Athens.", f"{Q} he said."], "Κυριάκος Μητσοτάκης"),
    # Hard negatives: a day, a place, a sentence's first word, a headline.
    ([f"{Q} said Friday."], None),
    ([f"{Q} said Washington."], None),
    ([f"{Q} New York said."], None),
    ([f"{Q} Brussels said."], None),
    (["Speaking Tuesday, officials defended the plan.", f"{Q} he said."], None),
    (["Still, the plan drew fire from all sides.", f"{Q} she said."], None),
    (["Democrats objected to the plan.", f"{Q} he said."], None),
    (["Schumer Vows To Fight On", f"{Q} he said."], None),
    (["Biden Signs Executive Order On Asylum", f"{Q} he said."], None),
    (["Governor Signs Border Bill Into Law", f"{Q} he said."], None),
    (["Critics Say Plan Falls Short", f"{Q} he said."], None),
    # Written after the change, as a check it generalises.
    ([f"{Q} Google said in a blog post."], "Google"),
    (["Google said on Tuesday it would fight the order.", f"{Q} he said."], None),
    (["The ACLU sued on Monday.", f"{Q} it said."], "ACLU"),
    (["Texas Attorney General Ken Paxton filed suit.", f"{Q} Paxton said."], "Texas Attorney General Ken Paxton"),
    (["Rep. Henry Cuellar, D-Texas, spoke.", f"{Q} he said."], "Rep. Henry Cuellar"),
    (["U.S. Border Patrol Chief Raul Ortiz testified.", f"{Q} Ortiz said."], "U.S. Border Patrol Chief Raul Ortiz"),
    ([f"{Q} said Sheriff Mark Lamb of Pinal County."], "Sheriff Mark Lamb"),
    ([f"{Q} said Tuesday."], None),
    ([f"{Q} Texas said in its filing."], None),
    (["Speaking in Spanish, Gabriela Ruiz described her fear.", f"{Q} she said."], "Gabriela Ruiz"),
    (["Ana María Pérez García leads the group.", f"{Q} she said."], "Ana María Pérez García"),
    (["Kamala Harris met Emmanuel Macron.", f"{Q} she said."], None),
    (["Border Crisis Deepens As Migrants Arrive", f"{Q} he said."], None),
    (["Mr. Lee said he would appeal.", f"{Q} he said."], "Mr. Lee"),
    (["Reuters and the AP reported the raid.", f"{Q} she said."], None),
    (["Sister Norma Pimentel runs the shelter.", f"{Q} she said."], "Sister Norma Pimentel"),
    (["Rabbi Sharon Brous spoke.", f"{Q} Brous said."], "Rabbi Sharon Brous"),
    # try11 F36: a surname that is a place's word too, named in full by an apposition; a participle going on
    # with the sentence's speaker; a group opening the sentence, a description, not a name.
    (["Lopez’s opponent, Rep. John Park, disagreed.", f"{Q} Park said."], "Rep. John Park"),
    (["Mayor Tim Hall spoke on Monday.", f"{Q} Hall said."], "Mayor Tim Hall"),
    (["The rally was held in Central Park.", f"{Q} Park said."], "Park"),
    (["Maria Lopez spoke.", f"{Q} said Lopez, adding that Park “has never run a business in his life.”"],
     "Maria Lopez"),
    (["Ms. Ann Lee spoke.", f"{Q} she said, noting that the law “was never meant for small farms.”"], "Ms. Ann Lee"),
    (["Ann Lee spoke.", "Lee said it would pass, adding that critics called it “a solution in search of a problem.”"],
     None),
    (["Critics, including Mayor Tim Keller, called the plan “a solution in search of a problem.”"], "critics"),
    ([f"{Q} Officials said."], "officials"),
    ([f"{Q} Democrats said."], "Democrats"),
    (["Critics said the plan would fail.", f"{Q} she said."], None),
]

# (sentence, the people it names as people_named gives them).
PEOPLE: list[tuple[str, list[str]]] = [
    ("Sen. Chuck Schumer met Rep. Alexandria Ocasio-Cortez.", ["Sen. Chuck Schumer", "Rep. Alexandria Ocasio-Cortez"]),
    ("Dr. Anthony Fauci spoke.", ["Dr. Anthony Fauci"]),
    ("Gov. Kathy Hochul spoke.", ["Gov. Kathy Hochul"]),
    ("Homeland Security Secretary Alejandro Mayorkas spoke.", ["Homeland Security Secretary Alejandro Mayorkas"]),
    ("Mayor Eric Adams spoke.", ["Mayor Eric Adams"]),
    ("Senate Majority Leader Chuck Schumer spoke.", ["Senate Majority Leader Chuck Schumer"]),
    ("Former President Donald Trump spoke.", ["Former President Donald Trump"]),
    ("Prime Minister Rishi Sunak spoke.", ["Prime Minister Rishi Sunak"]),
    ("Secretary of State Antony Blinken spoke.", ["Secretary of State Antony Blinken"]),
    ("House Speaker Mike Johnson spoke.", ["House Speaker Mike Johnson"]),
    ("Police Chief Jane Castor spoke.", ["Police Chief Jane Castor"]),
    ("County Executive Edward Mangano spoke.", ["County Executive Edward Mangano"]),
    ("ICE Director John Morton spoke.", ["ICE Director John Morton"]),
    ("New York Gov. Kathy Hochul spoke.", ["New York Gov. Kathy Hochul"]),
    ("U.S. Attorney Damian Williams spoke.", ["U.S. Attorney Damian Williams"]),
    ("In Washington Sen. Chuck Schumer spoke.", ["Sen. Chuck Schumer"]),
    ("Then Mr. Tom Smith spoke.", ["Mr. Tom Smith"]),
    ("A letter to Sen. Chuck Schumer was sent.", ["Sen. Chuck Schumer"]),
    ("Later Ursula von der Leyen spoke.", ["Ursula von der Leyen"]),
    ("Then Mohammed bin Salman spoke.", ["Mohammed bin Salman"]),
    ("Then Vincent van Gogh painted.", ["Vincent van Gogh"]),
    ("Then Charles de Gaulle spoke.", ["Charles de Gaulle"]),
    ("Then Ayman al-Zawahri spoke.", ["Ayman al-Zawahri"]),
    ("Then Conan O'Neill and Tara McDonald spoke.", ["Conan O'Neill", "Tara McDonald"]),
    ("Then Jean-Claude Van Damme spoke.", ["Jean-Claude Van Damme"]),
    ("Then Hillary Rodham Clinton spoke.", ["Hillary Rodham Clinton"]),
    ("Then Владимир Зеленский spoke.", ["Владимир Зеленский"]),
    ("Then Recep Tayyip Erdoğan spoke.", ["Recep Tayyip Erdoğan"]),
    ("Then Theresa May spoke.", ["Theresa May"]),
    ("Mayor Bill de Blasio met Former Gov. Andrew Cuomo.", ["Mayor Bill de Blasio", "Former Gov. Andrew Cuomo"]),
    ("St. Louis County Executive Sam Page spoke.", ["St. Louis County Executive Sam Page"]),
    ("Judge Ana Reyes of the U.S. District Court ruled.", ["Judge Ana Reyes"]),
    ("Chris Newman of the National Day Laborer Organizing Network spoke.", ["Chris Newman"]),
    ("Because DACA permits lapse, Nguyễn Văn An spoke.", ["Nguyễn Văn An"]),
    # Hard negatives.
    ("Speaking Tuesday, the mayor defended it.", []),
    ("Schumer Vows To Fight On", []),
    ("Biden Signs Executive Order On Asylum", []),
    ("Asked About Policy, Lopez Demurred", []),
    ("Maria Diaz, a lawyer at the Immigrant Defense Project, spoke in New York City.", ["Maria Diaz"]),
    ("The Los Angeles County Board of Supervisors met.", []),
    ("Human Rights Watch and Amnesty International objected.", []),
    ("Nokia OVI Store sells it.", []),
    ("Plan A. Then the council voted.", []),
    ("Did The Javascript Execute?", []),
    ("501 E. Middlefield Rd.", []),
    # Written after the change, as a check it generalises.
    ("Texas Attorney General Ken Paxton sued.", ["Texas Attorney General Ken Paxton"]),
    ("U.S. Border Patrol Chief Raul Ortiz testified.", ["U.S. Border Patrol Chief Raul Ortiz"]),
    ("Ana María Pérez García leads it.", ["Ana María Pérez García"]),
    ("Border Crisis Deepens As Migrants Arrive", []),
    ("Sister Norma Pimentel runs it.", ["Sister Norma Pimentel"]),
    ("Catholic Charities of the Rio Grande Valley runs it.", []),
    ("Doctors Without Borders said so.", []),
    ("On Thursday Gov. Greg Abbott said so.", ["Gov. Greg Abbott"]),
    ("Miami-Dade Mayor Daniella Levine Cava spoke.", ["Miami-Dade Mayor Daniella Levine Cava"]),
    ("Supreme Court Justice Sonia Sotomayor dissented.", ["Supreme Court Justice Sonia Sotomayor"]),
    ("The Washington Post reported it.", []),
    ("San Antonio Police Chief William McManus said so.", ["San Antonio Police Chief William McManus"]),
    ("Lopez’s opponent, Rep. John Park, disagreed.", ["Rep. John Park"]),
    ("The fair filled Central Park.", []),
    ("Mayor Tim Keller Park opened.", []),
    ("Gov. Jo Hall Street was closed.", []),
]


@pytest.mark.parametrize(("paragraphs", "speaker"), CREDITS)
def test_each_quote_gets_the_credit_the_table_gives(paragraphs: list[str], speaker: str | None) -> None:
    assert find_key_quotes(paragraphs)[-1].speaker == speaker


@pytest.mark.parametrize(("sentence", "people"), PEOPLE)
def test_people_named_finds_titled_and_particled_names(sentence: str, people: list[str]) -> None:
    assert people_named(sentence) == people


def test_long_runs_of_capitalised_words_stay_linear() -> None:
    """A paragraph of 4,000 "The Agency" (or "FBI", "Ann Lee of", "Sen.") before a quote: each name pattern read the
    run to its end from each of its words, 17 s for one quote credited to "the spokesman" and 18 s for "Ann Lee of";
    names and roles are a few words, so each position now costs a bounded look."""
    import time

    tails = ("he said", "the agency said", "the spokesman said", "the report said", "Lopez said")
    began = time.process_time()  # CPU, not wall: a loaded machine must not fail it; quadratic would take minutes
    for unit in ("The Agency ", "FBI ", "Ann Lee of ", "Sen. ", "Mayor of ", "Department of "):
        run = unit * 4000 + "Lopez spoke."
        assert len(people_named(run)) < 2000
        for tail in tails:
            assert len(find_key_quotes([run, f"{Q} {tail}."])) == 1
    assert time.process_time() - began < 10
