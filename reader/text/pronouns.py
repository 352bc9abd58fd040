"""Who "he" or "she" is, for a quote credited only so: the nearest person mentioned before it, if the article's
own words about gender leave exactly one.

"“...,” she said." once went to the one person the sentence before named, whoever that was: after
"Mr. Tom Smith met the press.", Smith. Analysts cite the credit, and a wrong speaker is worse than none, so
the people a quote may mean are weighed by what the article says of each: a title (Mr., Ms., Mrs.), a
gendered role beside the name ("Ann Lee, a spokeswoman", "Congressman Bo Diaz"), or a "he" or "she"
already bound to the person ("Lee said she ...", an earlier quote credited to her). A first name is never
evidence. Two people who both fit, or evidence both ways, leave the quote unattributed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reader.text.descriptions import BODIES, DOCUMENTS, GROUPS
from reader.text.names import (
    ABBREVIATED_TITLES,
    NOT_NAMES,
    NOT_PERSON,
    PARTICLES,
    PERSON_TITLES,
    PERSON_WORD,
    PLACE_BEFORE,
    PLACE_WORDS,
    PREFIXED,
    ROLE_WORDS,
    is_headline,
    people_named,
    role_after,
    titled_surname,
)
from reader.text.sentences import split_sentences
from reader.text.words import UPPER

FEMALE, MALE = "f", "m"
PRONOUN_GENDER = {"he": MALE, "she": FEMALE}
TITLE_GENDER = {"Mr": MALE, "Mrs": FEMALE, "Ms": FEMALE, "Miss": FEMALE}
# "chairman" and "councilman" are used for women too, so they are no evidence.
_FEMALE_ROLES = """spokeswoman congresswoman councilwoman chairwoman assemblywoman businesswoman alderwoman
woman mother wife daughter sister grandmother widow girl aunt niece stepmother"""
_MALE_ROLES = """spokesman congressman assemblyman businessman alderman man father husband son brother grandfather
widower boy uncle nephew stepfather"""
_ROLE_GENDER = {**dict.fromkeys(_FEMALE_ROLES.split(), FEMALE), **dict.fromkeys(_MALE_ROLES.split(), MALE)}
_NAME = rf"{PERSON_WORD}(?:\s+{PERSON_WORD}){{0,2}}"
_TITLED = re.compile(rf"\b(?P<title>Mr|Mrs|Ms|Miss)\.?\s+(?P<name>{_NAME})")
# Each is found by its role or verb first, then the name is read just before or after it: one scan of the text.
_CASED_ROLES = [*_ROLE_GENDER, *(w.capitalize() for w in _ROLE_GENDER)]
# Case written out and the first letters looked at first: three times faster than (?i:...) at every position.
_ROLE = re.compile(rf"\b(?=[{''.join(sorted({w[0] for w in _CASED_ROLES}))}])"
                   rf"(?:{'|'.join(sorted(_CASED_ROLES, key=len, reverse=True))})\b")
_NAME_AFTER_ROLE = re.compile(rf"\s+(?P<name>{_NAME})")  # "Congresswoman Ann Lee", "spokesman Bo Diaz"
_NAME_BEFORE_ROLE = re.compile(rf"(?P<name>{_NAME}),\s+(?:[\w'’-]+\s+){{0,5}}$")  # "Ann Lee, a spokeswoman"
_SAYS_PRONOUN = re.compile(r"\s+(?:said|says|told|added|explained|argued|insisted|acknowledged|noted|wrote|recalled|"
                           r"testified)\s+(?:that\s+)?(?P<pronoun>he|she)\b")
_NAME_BEFORE_VERB = re.compile(rf"(?P<name>{_NAME})(?:,[^,]{{1,80}},)?$")  # "Lee said she", "Lee, 40, said he"
# A name followed by what only a company or a program has: "Microsoft Corp.", "Head Start programs".
_THING = re.compile(rf"(?<![\w’'.-])(?P<name>{PERSON_WORD}(?:\s+{PERSON_WORD}){{0,2}})\s+(?:Inc|Corp|Co|Ltd|LLC|"
                    r"program|programs|initiative|project|projects|center|centers|classroom|classrooms|grant|grants|"
                    r"funding|policy|scheme)\b")
BEHIND = 120  # characters read before a role or verb for the name it is about
# A person named by title and surname alone ("Ms. Lee"), which people_named (two words or more) leaves out.
_TITLED_SURNAME = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov)\.\s+{PERSON_WORD}\b(?!\s+{UPPER})")
_TITLED_CREDIT = re.compile(rf"{PERSON_TITLES}{UPPER}")  # "Mayor Jo Park", "Sen. Lee": a person, whatever the name
# What a description can be that is no person: "the agency said", "the report said".
# Plural people, never "he" or "she": what a sentence's first word is when a group speaks.
_GROUPS = GROUPS | {"democrats", "republicans"}
_NOT_PEOPLE = frozenset({
    *DOCUMENTS, *BODIES, "company", "firm", "group", "council", "committee", "board", "court", "city", "county",
    "state", "government", "force", "network", "coalition", "union", "organization", "organisation", "association",
    "campaign", "university", "school", "district", "website", "newspaper", "magazine", "outlet", "station",
    "hospital", "party", "team", "club", "police", "department",
})
_SEVERAL = frozenset({"two", "three", "several", "some", "many"})
_JOINING = re.compile(r"\s+(?:for|of|at|with|from|in|on)\s.*$")
YES, NO, UNKNOWN, BOTH = "yes", "no", "unknown", "both"


# A role run before a name: capitalised words, "of"/"for" between them, and a few abbreviations ("Rep.", "U.S.");
# not a possessive ("Security’s Jeh Johnson" is Jeh Johnson) nor a word ending a sentence.
_ROLE_WORD = rf"(?:{UPPER}[\w&-]*(?![’'.])|U\.S\.|(?:{'|'.join(ABBREVIATED_TITLES)})\.)"
_FULL_MENTION = re.compile(rf"(?<![\w’'.-])(?P<role>{_ROLE_WORD}(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?{_ROLE_WORD}){{0,8}}"
                           rf"\s+)?(?P<first>{PERSON_WORD})(?P<middle>\s+{UPPER}\.)?(?P<particles>(?:\s+{PARTICLES}){{0,3}})"
                           rf"\s+(?P<surname>{PERSON_WORD}|{PREFIXED})\b")
_DATELINE = re.compile(r"^[A-Z]{5,}$")  # "WASHINGTON" run into the name that opens a story


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in full: as written with the role before the name, and who (first name and surname)."""

    credit: str
    person: tuple[str, str]
    gender: str | None


def full_mentions(text: str) -> list[Mention]:
    """The people a text names with a first name and surname, each with the role run written before the name
    ("Homeland Security Secretary Jeh Johnson", which people_named leaves out for its body's words)."""
    found = []
    for m in _FULL_MENTION.finditer(text):
        first, last = m.group("first"), m.group("surname")
        role = (m.group("role") or "").split()
        plain = not (m.group("middle") or m.group("particles"))  # "Rep. John Park", not "Jo Q. Park"
        if first in NOT_NAMES | NOT_PERSON | ROLE_WORDS or last in NOT_NAMES | ROLE_WORDS or (
                last in NOT_PERSON and not (plain and titled_surname(role, first, last))):
            continue
        cut = max((i + 1 for i, w in enumerate(role) if w in NOT_NAMES or _DATELINE.match(w)), default=0)
        place = role[cut - 1] in PLACE_WORDS if cut else PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start())
        role = role_after(role[cut:], bool(place))  # "In Washington Sen. Chuck Schumer": Sen. Chuck Schumer
        gender = next((TITLE_GENDER[w.rstrip(".")] for w in role if w.rstrip(".") in TITLE_GENDER), None)
        credit = " ".join([*role, first, *(m.group("middle") or "").split(), *m.group("particles").split(), last])
        found.append(Mention(credit, (first, last), gender))
    return found


def surname(name: str) -> str:
    """The last word of a name, the key a person's mentions share ("Ms. Lee" and "Ann Lee")."""
    words = name.replace("’s", "").replace("'s", "").split()
    return words[-1].strip(".,") if words else ""


def is_person(credit: str) -> bool:
    """Whether a credit can be "he" or "she": a person's name or a description of a person ("a spokeswoman for
    ICE", "the chief"), not a body ("the agency", "the American Farm Bureau Federation") or a document."""
    first = credit.split()[0] if credit.split() else ""
    if first.islower():  # "a spokeswoman for ICE", "the task force", "the Department of Homeland Security"
        head = _JOINING.sub("", credit).split()[-1]
        return head.islower() and head not in _NOT_PEOPLE | _GROUPS and first not in _SEVERAL
    if _TITLED_CREDIT.match(credit) or people_named(credit):
        return True
    # "Lopez", not "ICE", nor a sentence's first word that names a group ("Officials said ...").
    return " " not in credit and not credit.isupper() and credit.lower() not in _NOT_PEOPLE | _GROUPS


_SURNAME = re.compile(rf"(?<![\w’'.-]){PERSON_WORD}\b")


def mentions(text: str, surnames: frozenset[str] = frozenset()) -> list[str]:
    """The people a text names, in order: full names, titled surnames ("Ms. Lee"), and a bare surname of someone
    the article names in full (`surnames`: "Lee" after "Ann Lee"). A possessive is left out: in "Ann Lee's
    lawyer said she ...", "she" is the lawyer, not Lee."""
    if is_headline(text):
        return []  # "Critics Say Plan Falls Short": no one a "he" after it can be
    found = [(text.find(name), name) for name in people_named(text)]
    keys = {surname(name) for _, name in found}
    for m in (*_TITLED_SURNAME.finditer(text), *(m for m in _SURNAME.finditer(text) if m.group(0) in surnames)):
        if surname(m.group(0)) not in keys:
            keys.add(surname(m.group(0)))
            found.append((m.start(), m.group(0)))
    return [name for at, name in sorted(found) if not text.startswith(("'s", "’s"), at + len(name))]


class GenderBook:
    """What an article says of each person's gender, by surname, and which names it writes as a company's or a
    program's, read once when a quote first needs it."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self._paragraphs = paragraphs
        self._known: dict[str, set[str]] | None = None
        self._surnames: frozenset[str] = frozenset()
        self._things: frozenset[str] = frozenset()

    def _read(self) -> dict[str, set[str]]:
        if self._known is None:
            self._known = {}
            self._surnames = frozenset(surname(name) for paragraph in self._paragraphs
                                       if not is_headline(paragraph)
                                       for name in (*people_named(paragraph),
                                                    *(m.group(0) for m in _TITLED_SURNAME.finditer(paragraph))))
            # "Head Start programs": "Head Start", and "In Head Start programs" opening a sentence gives it too
            self._things = frozenset(" ".join(m.group("name").split()[i:]) for paragraph in self._paragraphs
                                     for m in _THING.finditer(paragraph) for i in range(len(m.group("name").split())))
            for paragraph in self._paragraphs:
                for m in _TITLED.finditer(paragraph):
                    self._add(m.group("name"), TITLE_GENDER[m.group("title")])
                for m in _ROLE.finditer(paragraph):
                    gender = _ROLE_GENDER[m.group(0).lower()]
                    after = _NAME_AFTER_ROLE.match(paragraph, m.end())
                    before = _NAME_BEFORE_ROLE.search(paragraph, max(0, m.start() - BEHIND), m.start())
                    for named in (after, before) if m.group(0).islower() or after is None else (after,):
                        if named is not None:
                            self._add(named.group("name"), gender)
                for m in _SAYS_PRONOUN.finditer(paragraph):
                    named = _NAME_BEFORE_VERB.search(paragraph, max(0, m.start() - BEHIND), m.start())
                    if named is not None:
                        self._add(named.group("name"), PRONOUN_GENDER[m.group("pronoun")])
        return self._known

    def things(self) -> frozenset[str]:
        """The capitalised names the article writes as a company's or a program's ("Microsoft Corp.", "Head Start
        programs"), so "Microsoft responded." or "Head Start responded." is no one a "she" can be."""
        self._read()
        return self._things

    def surnames(self) -> frozenset[str]:
        """The surnames of the people the article names in full, so "Lee" alone is known for a person."""
        self._read()
        return self._surnames

    def is_person(self, credit: str) -> bool:
        """Whether a credit can be "he" or "she" here: a person's name or description (is_person), and a name of one
        word only as the surname of someone the article names ("Lopez" after "Maria Lopez") or calls "he" or "she"
        ("Jenkins said he ..."), not "Microsoft", "Reuters" or "Amnesty"."""
        return is_person(credit) and (" " in credit.strip() or credit in self.surnames() or credit in self._read())

    def _add(self, name: str, gender: str) -> None:
        if self._known is not None:
            self._known.setdefault(surname(name), set()).add(gender)

    def bind(self, credit: str, pronoun: str) -> None:
        """Record that a quote's "he" or "she" was found to be `credit`: evidence for the next one."""
        if credit[:1].isupper():
            self._read()
            self._add(credit, PRONOUN_GENDER[pronoun])

    def evidence(self, credit: str) -> set[str]:
        """The genders the article gives the person: from the credit's own words, and for a name, its mentions."""
        words = credit.split()
        found = {TITLE_GENDER[w.rstrip(".")] for w in words[:1] if w.rstrip(".") in TITLE_GENDER}
        found |= {_ROLE_GENDER[w.lower()] for w in words if w.lower() in _ROLE_GENDER}
        if credit[:1].isupper():
            found |= self._read().get(surname(credit), set())
        return found

    def fit(self, credit: str, pronoun: str) -> str:
        """YES, NO, UNKNOWN or BOTH: whether what the article says of the person fits the pronoun."""
        found = self.evidence(credit)
        if len(found) > 1:
            return BOTH
        return UNKNOWN if not found else YES if PRONOUN_GENDER[pronoun] in found else NO

    def choose(self, pronoun: str, speaker: str | None, people: Sequence[str]) -> str | None:
        """Who the pronoun is, of a sentence's speaker and the people it names (at least one of them), or None.

        The speaker goes on speaking unless the evidence says otherwise or only someone else is known to fit;
        otherwise the one person who fits. Two who fit, or a person with evidence both ways, is no one."""
        others = [p for p in people if speaker is None or surname(p) != surname(speaker)]
        fits = {c: self.fit(c, pronoun) for c in ([speaker] if speaker else []) + others}
        if BOTH in fits.values():
            return None
        if speaker is not None:
            said = fits[speaker]
            if said == YES or (said == UNKNOWN and YES not in (fits[p] for p in others)):
                return speaker
            return None
        fitting = [c for c, fit in fits.items() if fit in (YES, UNKNOWN)]
        return fitting[0] if len(fitting) == 1 else None


@dataclass(slots=True)
class Unit:
    """A unit's text, whom its last quote with a speaker was credited to, and once read by _person_meant, the
    speaker and people it names and the pronouns it says outside quotes (each unit is read once, however many
    quotes look back at it)."""

    text: str
    credit: str | None
    read: tuple[str | None, list[str], frozenset[str]] | None = None


@dataclass(slots=True)
class Paragraph:
    """A paragraph a quote has passed: its units (a quoteless one split only when read), the one before it, and
    whom each "he" or "she" it says was found to be, from the paragraphs before it (filled once, when asked)."""

    units: list[Unit] | str
    before: Paragraph | None
    carried: dict[str, str | None]

    def split(self) -> list[Unit]:
        """The paragraph's units, a quoteless one split into sentences now: most are never looked back at."""
        if isinstance(self.units, str):
            self.units = [Unit(s, None) for s in split_sentences(self.units)]
        return self.units


class Window:
    """The units a quote's "he" or "she" may mean someone in: its paragraph's so far and the paragraph before
    (a paragraph without quotes is split into sentences only when read); the paragraphs before those are kept
    for a pronoun the paragraph before says itself, which carries whom it meant ("Maria Lopez runs the jail. /
    She said ... / “...,” she said.")."""

    def __init__(self) -> None:
        self.here: list[Unit] = []
        self.before: Paragraph | None = None

    def next_paragraph(self, quoteless: str | None) -> None:
        """Start the next paragraph; `quoteless` is the one before when it held no quote (else its units stay)."""
        units: list[Unit] | str = quoteless if quoteless is not None else self.here
        self.before, self.here = Paragraph(units, self.before, {}), []

    def last_credit(self) -> str | None:
        """Whom the unit just before was credited to, if it held a quote with a speaker."""
        units = self.here or (self.before.units if self.before and isinstance(self.before.units, list) else [])
        return units[-1].credit if units else None

    def back(self, ahead: Unit) -> Iterator[Unit]:
        """The quote's own unit up to it (`ahead`, with whom its quotes so far were credited to), then the units
        before it, nearest first."""
        if ahead.text.strip():
            yield ahead
        yield from reversed(self.here)
        if self.before is not None:
            yield from reversed(self.before.split())
