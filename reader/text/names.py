"""Who a text names as a person: a name of two to four words, with the role written before it ("Homeland Security
Secretary Alejandro Mayorkas", "Sen. Chuck Schumer"), particles and all ("Ursula von der Leyen", "Ayman al-Zawahri");
and which one-word credits name no one who can speak (a day, a place).

A quote's credit, the people "he" or "she" may mean and the surnames a later "Lopez said" is looked up by all read
names here, so they agree on who is a person. A run of capitalised words is split at its last role word: what
follows is the name, what comes before is the role. A body's or a place's word in the name ("Immigrant Defense
Project"), a day ("Speaking Tuesday"), or a headline in title case ("Biden Signs Order On Asylum") is no person.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.text.words import LOWER, STOP_WORDS, UPPER

# Sentence openers and the calendar: never a name's first word.
NOT_NAMES = frozenset({
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "He", "She", "They", "This", "That", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Later", "Earlier",
    "Meanwhile", "Also", "Then", "Still", "However", "Most", "When", "After", "Before", "While", "Since", "As",
    "If", "For", "With", "Yet", "So", "Last", "Next", "Now", "Today", "Yesterday", "Officials", "Critics",
})
# Inside a run of capitalised words a day ends a name ("Speaking Tuesday"); a month may be one ("Theresa May").
_DAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today",
                   "Yesterday", "Tonight"})
# A name's word: "Smith", "O'Brien", "McDonald", and hyphened whole: "Ros-Lehtinen", not "Ros-".
PERSON_WORD = rf"{UPPER}(?:{LOWER}+|['’]{UPPER}{LOWER}+)(?:{UPPER}{LOWER}+)?(?:-{UPPER}?{LOWER}+)*"
# Lower-case words inside a name: "von der Leyen", "bin Salman", "de la Cruz"; and "al-Zawahri", "el-Sisi".
PARTICLES = r"(?:de|da|dos|das|del|della|der|den|di|du|la|le|van|von|bin|ibn|binti|y)\b"
PREFIXED = rf"(?:al|el|ad|ash|as|ar|abu|bin|ibn)-{PERSON_WORD}"
ABBREVIATED_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Sgt", "Capt", "Prof", "Rev",
                      "Col", "Maj", "Adm", "Cmdr", "Atty", "Supt", "Det", "Insp", "Hon", "Fr", "Amb", "Pres", "St",
                      "Ft", "Mt")
PERSON_TITLES = (r"(?:(?:Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Gen|Lt|Sgt|Capt|Prof|Lt\. Gov)\.\s+|"
                 r"(?:Mayor|Sheriff|Judge|Commissioner|Governor|Senator|Representative|President|Chief|Director|"
                 r"Secretary|Superintendent|Councilman|"
                 r"Councilwoman|Councilmember|Officer|Detective|Deputy|Attorney General|Justice)\s+)")
# Words that stand before a surname as a role, not a first name: "Secretary Johnson" names no first name.
_ROLES = """Mayor Sheriff Judge Commissioner Governor Senator Representative President Chief Director
Secretary Superintendent Councilman Councilwoman Councilmember Officer Detective Deputy Attorney General Justice
Ambassador Chairman Chairwoman Commander Professor Coach Bishop Pastor Father Sister Agent Spokesman Spokeswoman
Sergeant Captain Lieutenant Congressman Congresswoman Assemblyman Assemblywoman Minister Chancellor Dean Trooper
Rabbi Inspector Warden Prosecutor Admiral Colonel Lawyer Administrator Advocate Activist Leader Speaker"""
ROLE_WORDS = frozenset(_ROLES.split())
# More words a role run ends on, which are never a surname one is looked up by.
_MORE_ROLES_TEXT = """
State Executive Chair Chairperson Premier Prince Princess King Queen Sheikh Pope Cardinal Archbishop Imam Reverend
Marshal Ombudsman Controller Comptroller Treasurer Auditor Clerk Manager Counsel Supervisor Alderman
Alderwoman Assemblymember Delegate Envoy Magistrate Mufti
"""
_MORE_ROLES = frozenset(_MORE_ROLES_TEXT.split())
# Words of an agency's name ("the agency" can mean one holding them).
_AGENCY_WORDS_TEXT = """Agency Administration Bureau Service Services Enforcement Protection Office Department
Commission Authority Patrol Police Security"""
AGENCY_WORDS = frozenset(_AGENCY_WORDS_TEXT.split())
# Words that make a capitalised run a body or a place, not a person: "Immigrant Defense Project", "Los Angeles County".
NOT_PERSON = frozenset({
    *AGENCY_WORDS, "Ministry", "Project", "Institute", "Center", "Centre", "University", "College", "School",
    "County", "City", "Council", "Board", "Court", "Party", "House", "Senate", "Congress", "Network", "Society",
    "Union", "Association", "Coalition", "Foundation", "Church", "Committee", "Group", "Fund", "Street", "Avenue",
    "Road", "Park", "Hall", "Times", "Post", "News", "Press", "Tribune", "Herald", "Journal", "Act", "Program",
    "Republicans", "Democrats", "Republican", "Democrat", "New", "North", "South", "East", "West", "United",
    # Programs and policies: "Secure Communities", "Operation Streamline", "the Dream Act".
    "Communities", "Initiative", "Operation", "Policy", "Agreement", "Partnership", "Amendment", "Task", "Force",
    # Organisations: "Amnesty International", "Human Rights Watch", "the Cato Institute".
    "International", "Watch", "Federation", "Alliance", "League", "Corporation", "Company", "Inc", "Corp", "Bank",
    "Clinic", "Hospital", "Library", "Museum", "Campaign", "Caucus", "Partners", "Charities", "Charity",
    "Ministries", "Industries", "Holdings", "Technologies", "Airlines", "Motors", "Brothers", "Labs", "Media",
    "Rd", "Ave", "Blvd",
})
# A body's or a place's word that is a common surname too ("Rep. John Park", "Mayor Tim Hall"): a person's surname
# right after a person's title and first name, where it ends the name.
SURNAMES_TOO = frozenset({"Park", "Hall", "West", "House", "Street", "Church", "Bank", "Post", "North", "South",
                          "East", "Court", "Press"})
_PERSON_TITLE_WORDS = ROLE_WORDS | {f"{t}." for t in ABBREVIATED_TITLES if t not in ("St", "Ft", "Mt")}


def titled_surname(role: list[str], first: str, last: str) -> bool:
    """Whether `last`, a body's or a place's word ("Park"), is a person's surname here: the one word after a first
    name that a person's title stands before ("Rep. John Park"), not "Central Park" nor "Jo Park Street"."""
    return last in SURNAMES_TOO and bool(role) and role[-1] in _PERSON_TITLE_WORDS and first not in NOT_PERSON


_ROLE_END = ROLE_WORDS | _MORE_ROLES | {f"{t}." for t in ABBREVIATED_TITLES}
_QUALIFIER = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,}|of|for|the)$")  # "ICE Director", "U.S. Attorney"
_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")
_INITIAL = re.compile(rf"^{UPPER}\.$")

_TOKEN = (rf"(?:(?:{'|'.join(ABBREVIATED_TITLES)})\.|(?:[A-Z]\.){{2,}}|{UPPER}\.|[A-Z]{{2,6}}(?![\w’'])|"
          rf"{PERSON_WORD}|{PREFIXED})")
_JOIN = rf"(?:\s+(?:{PARTICLES}\s+){{0,3}}|\s+(?:of|for)\s+(?:the\s+)?)"
# A capital, or "al-" or "bin-", looked at first: the tokens' alternation is tried at few positions.
_RUN = re.compile(rf"(?={UPPER}|[aeib][lsrdbi])(?<![\w’'.-]){_TOKEN}(?:{_JOIN}{_TOKEN})*")
_PREFIXED = re.compile(PREFIXED)
RUN_WORDS = 12  # "Department of Homeland Security Secretary Jeh C. Johnson" is nine
PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|across|of|outside|inside|for)\s+(?:the\s+)?$", re.I)
PLACE_WORDS = frozenset({"In", "At", "From", "To", "Near", "Across", "Outside", "Inside", "For", "Of"})
_MONTHS = frozenset({"January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"})
_DATELINE = re.compile(r"^[A-Z]{5,}$")  # "WASHINGTON" run into the name that opens a story
# Words that open a sentence, so end a run before them ("... Plan A. Then Maria Lopez"); "An" may be a name's
# ("Nguyễn Văn An"), and a month one ("Theresa May"), so they only open one.
_OPENERS = frozenset({"The", "It", "He", "She", "They", "This", "That", "Then", "But", "However", "Meanwhile",
                      "Later", "Earlier", "Also", "Still", "When", "After", "Before", "While", "Since", "If", "Now",
                      "Officials", "Critics"})
_FIRST_NAMES_LIKE_WORDS = frozenset({"Will", "Bill", "May", "Mark", "Hope", "Faith", "Grace", "Joy", "Rich", "An", "So",
                                     "Do"})  # "Nguyễn Văn An"
# Small words a headline capitalises and a sentence does not: "Schumer Vows To Fight On".
_SMALL = frozenset({"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "with", "by", "from", "as"})
_PROSE_WORD = re.compile(rf"(?<![\w’'-])(?!(?:{'|'.join(_SMALL)})\b)[a-z]")  # a word only prose writes in lower case
_CAPITAL_SMALL = frozenset({"To", "For", "With", "Into", "Over", "From", "Is", "Are", "Amid", "Against", "About",
                            "On", "In", "At", "Of", "And", "By", "After", "The"})


# Places a story makes speak for a government ("Washington said", "Beijing said"): which person or office spoke is not
# said, so such a credit tells a reader no one. Checked only after a credit was not found to be a person named
# in the article ("Harold Washington ... Washington said").
_PLACES_TEXT = """
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois
Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington
Wisconsin Wyoming Albany Sacramento Austin Tallahassee Annapolis Trenton Harrisburg Springfield Beijing Moscow
Kyiv Kiev London Paris Berlin Brussels Tokyo Tehran Jerusalem Ottawa Canberra Delhi Islamabad Kabul Baghdad
Damascus Cairo Riyadh Ankara Rome Madrid Warsaw Budapest Seoul Pyongyang Taipei Havana Caracas Brasília
Brasilia Manila Hanoi Minsk Geneva China Russia Ukraine Iran Israel Britain France Germany Japan India
Pakistan Mexico Canada Cuba Venezuela Turkey Egypt Syria Iraq Afghanistan Poland Hungary Taiwan Qatar Europe
America
"""
PLACES = frozenset(_PLACES_TEXT.split()) | {
    "New York", "New Jersey", "New Mexico", "New Hampshire", "North Carolina", "South Carolina", "North Dakota",
    "South Dakota", "Rhode Island", "West Virginia", "New Delhi", "Hong Kong", "South Korea", "North Korea",
    "Saudi Arabia", "the United States", "United States", "the U.S.", "U.S.", "the UK", "Washington, D.C.",
    "New York City"}


def names_no_one(credit: str) -> bool:
    """Whether a credit no person the article named is a day or a place ("said Friday", "Washington said"): who spoke
    is not said, and a credit that says no one is worse than none."""
    return credit in PLACES or credit in _DAYS or credit in _MONTHS


def is_headline(text: str) -> bool:
    """Whether a paragraph is a headline, which names no one for "he" or "she" to be: in title case, or three words
    or more all capitalised with no full stop ("Critics Say Plan Falls Short"). Not for a credit alone, which is
    capitalised and unstopped too ("Homeland Security Secretary Alejandro Mayorkas")."""
    if _PROSE_WORD.search(text):
        return False
    if in_title_case(text):
        return True
    words = [w.strip("“”\"‘’'(),:;") for w in text.split()]
    words = [w for w in words if w[:1].isalpha()]
    return (len(words) >= 3 and not text.rstrip().endswith((".", "!", "?", "”", '"', ":"))
            and all(w[:1].isupper() or w in _SMALL for w in words))


def in_title_case(text: str) -> bool:
    """Whether the text is a headline in title case: every word capitalised but a few small ones, and a small word
    capitalised after the first ("Biden Signs Order On Asylum"), which prose never does."""
    if _PROSE_WORD.search(text):
        return False
    words = [w.strip("“”\"‘’'(),.:;!?") for w in text.split()]
    words = [w for w in words if w[:1].isalpha()]
    if len(words) < 3 or any(w[:1].islower() and w not in _SMALL for w in words):
        return False
    return any(w in _CAPITAL_SMALL for w in words[1:])


def _ordinary(word: str) -> bool:
    """Whether a capitalised word opening a run is an ordinary word a sentence starts with ("Because", "Although"):
    a stop word, unless names are written so ("Will Smith")."""
    return word.lower() in STOP_WORDS and word not in _FIRST_NAMES_LIKE_WORDS


@lru_cache(maxsize=1 << 14)
def _word(word: str) -> tuple[bool, bool, bool]:
    """(whether a role run may end on the word, whether it is a name's own, whether it is an acronym or "of"): a
    role's or a body's word ("Secretary", "Sen.", "County", "ICE"); "Lopez" or "al-Zawahri", not "von" or "S."."""
    qualifier = _QUALIFIER.match(word) is not None
    own = not qualifier and not _INITIAL.match(word) and (word[:1].isupper() or _PREFIXED.fullmatch(word) is not None)
    return word in _ROLE_END or word in NOT_PERSON or qualifier, own, qualifier


def _name_words(words: list[str]) -> int:
    """How many of the words are a name's own, or 0 when they cannot be a name (it starts with a role's word)."""
    own = [w for w in words if _word(w)[1]]
    if own and (own[0] in NOT_NAMES or own[0][-1:] == "."):
        return 0
    return len(own)


def _person_in(words: list[str], place_before: bool) -> str | None:
    """The person a run of capitalised words names, role first, or None: the name is what follows its last role
    word, two to four words besides particles and initials, none a body's or a place's."""
    ends = [i for i, w in enumerate(words) if _word(w)[0] and w not in ("of", "for", "the")]  # a role ends on a noun
    cut = next((i + 1 for i in reversed(ends) if _name_words(words[i + 1:]) >= 2), 0)
    role, name = words[:cut], words[cut:]
    while name and _SUFFIX.match(name[-1]):
        name = name[:-1]
    body = [w for w in name if w in NOT_PERSON]
    if body == name[-1:] and len(name) == 2 and titled_surname(role, name[0], name[-1]):
        body = []  # "Rep. John Park"
    if (not 2 <= _name_words(name) <= 4 or not _word(name[-1])[1]
            or body or any(_word(w)[2] for w in name) or any(_ordinary(w) for w in name[1:])):
        return None  # "Nokia OVI Store", "Secretary of State", "Doctors Without Borders": not a name's words
    if place_before and not any(w in _ROLE_END for w in role):
        return None  # "in Maria Lopez's name", "to New York"
    return " ".join(role_after(role, place_before) + name)


def role_after(role: list[str], place_before: bool) -> list[str]:
    """A role run's words as a credit keeps them: after a place's preposition ("In Washington Sen. Chuck Schumer",
    "At City Hall Mayor Eric Adams") from its first title on, as the words before it are the place; never from a
    joining word."""
    if place_before:
        role = role[next((i for i, w in enumerate(role) if w in _ROLE_END), len(role)):]
    while role and role[0] in ("of", "for", "the"):
        role = role[1:]
    return role


def _parts(words: list[str], place_before: bool) -> list[tuple[list[str], bool]]:
    """A run's parts that may each name a person, with whether a place's preposition comes before: split at a
    sentence's opening word or a day ("Later", "Speaking Tuesday"), and at "of" after a whole name ("Chris Newman of
    the National Day Laborer Organizing Network") or after words no role ends on ("Lawyers for Maria Lopez"); each
    part without its opening words ("Later", "In May")."""
    parts: list[tuple[list[str], bool]] = [([], place_before)]
    for word in words:
        current, place = parts[-1]
        if word in _DAYS or word in _OPENERS or _DATELINE.match(word):
            parts.append(([], word in PLACE_WORDS))
        elif not current and (word in NOT_NAMES or word in ("of", "for", "the") or _ordinary(word)):
            parts[-1] = (current, place or word in PLACE_WORDS)
        elif word in ("of", "for") and (_person_in(current, place) or not any(_word(w)[0] for w in current)):
            parts.append(([], True))
        else:
            current.append(word)
            if len(current) > RUN_WORDS:
                del current[0]  # a role and a name are a few words: the run's last ones, read in constant time
    return [(p, place) for p, place in parts if p]


def people_named(sentence: str) -> list[str]:
    """The people a sentence names, each once, as first named with their role ("Gov. Tom Smith", "Maria Lopez",
    "Homeland Security Secretary Alejandro Mayorkas"); none in a headline in title case."""
    if in_title_case(sentence):
        return []
    found: list[str] = []
    for m in _RUN.finditer(sentence):
        words = m.group(0).split()
        if len(words) < 2:
            continue  # one word is no one's full name
        place_before = PLACE_BEFORE.search(sentence, max(0, m.start() - 12), m.start()) is not None
        for part, place in _parts(words, place_before):
            person = _person_in(part, place)
            if person and not any(person in f or f.endswith(_bare(person)) for f in found):
                found.append(person)
    return found


def _bare(person: str) -> str:
    """The last two words of a credit: "Tom Smith" of "Gov. Tom Smith", so one mentioned twice is found once."""
    return " ".join(person.split()[-2:])
