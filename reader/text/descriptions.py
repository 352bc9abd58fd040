"""A quote credited to a description ("the report", "the spokesman") resolved to what the article named earlier.

A story names a speaker once ("Khaalid Walls, a spokesman for ICE", "A task force ... presented a
critical report") and then says "the spokesman said", "the report said". Credited as written, the
quote reads as if "the report" were a person's name, and says nothing about whose report it is.
So the nearest earlier mention is found: a name in apposition ("Name, a spokesman"), a role before
a name ("spokesman Khaalid Walls", "Sheriff Chuck Jenkins"), a proper name holding the words
("the Department of Homeland Security" for "the department"), or for a document its author ("the
task force's report"). With none, the description is kept, and is_bare_description() tells
renderers not to present it as a person.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from reader.text.names import AGENCY_WORDS, NOT_NAMES, PERSON_WORD
from reader.text.sentences import split_sentences
from reader.text.words import LOWER, UPPER

# Things written rather than said: their antecedent is who wrote them, not a person named beside them.
DOCUMENTS = frozenset({
    "report", "study", "statement", "memo", "letter", "audit", "review", "survey", "analysis", "document",
    "ruling", "order", "filing", "complaint", "lawsuit", "bill", "plan", "proposal", "findings", "paper",
    "assessment", "evaluation", "brief", "opinion", "notice", "guidance", "release",
})
# People spoken of as a group: "Critics said ..." credits critics, a description, not someone named "Critics".
GROUPS = frozenset({
    "officials", "critics", "advocates", "lawmakers", "officers", "residents", "activists", "experts", "analysts",
    "prosecutors", "lawyers", "attorneys", "researchers", "immigrants", "protesters", "police", "authorities",
    "leaders", "sheriffs", "students", "supporters", "opponents", "farmers", "parents", "teachers", "workers",
    "employers", "economists", "scientists", "doctors", "nurses", "organizers", "organisers", "witnesses",
    "neighbors", "neighbours", "voters", "investigators", "regulators", "legislators", "senators", "donors",
})
_WORD = r"[a-z][\w'’-]*"
# No owner ("the agency’s X" says whose): "the report", "a spokesman", and one of several ("one contractor").
_BARE = re.compile(r"^(?:the|a|an|one|another|two|three|several|some|many)\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*$")
_CAP = rf"{UPPER}[\w'’.-]*"
# A proper name: capitalised words, maybe joined by "of", "for", "and", "on" ("Department of Homeland Security").
# Bounded, as a name is a few words: an unbounded run was read to its end from each of its words (quadratic).
_PROPER = rf"(?:[Tt]he\s+)?{_CAP}(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?{_CAP}){{0,8}}"
_PERSON = rf"{PERSON_WORD}(?:\s+{UPPER}\.)?(?:\s+{PERSON_WORD}){{1,2}}"
_AUTHORED = (r"presented|released|issued|published|produced|prepared|wrote|written|completed|delivered|unveiled|"
             r"submitted|filed|sent|compiled|commissioned|drafted")
# Where a description's noun phrase ends: a verb form, a relative word or a preposition starts what follows it.
_PHRASE_END = re.compile(r"(?:ed|ing)$|^(?:who|that|which|to|of|in|on|at|for|with|from|by|and|or|said|says|has|"
                         r"had|have|is|was|were|are|will|would)$")
_OWNER_WORDS = 3


def is_bare_description(credit: str) -> bool:
    """Whether a credit is only a description in lower case ("the report", "a spokesman", "one contractor"):
    no one is named, not even whose it is ("the task force’s report" says that)."""
    return bool(_BARE.match(credit.strip()))


# A description's determiner, and where its owner begins: "a spokeswoman | for ICE", "the report | of the panel".
_DETERMINER = frozenset({"the", "a", "an", "one", "another", "two", "three", "several", "some", "many"})
_OWNER = re.compile(r"\s+(?:for|of|at|with|from|in|on|to)\s.*$")


def is_description(credit: str) -> bool:
    """Whether a credit describes its speaker rather than naming them: "a spokeswoman for ICE", "one contractor",
    "the agency", "the task force’s report", but not "the Department of Homeland Security" or "Ann Lee".

    A reader must be able to tell the two apart: shown where a name goes, "a spokeswoman for ICE" reads as
    if that were who she is. The test is the phrase's own noun, before any owner ("for ICE"): in lower case.
    A document with its author ("the task force’s report") is its source as the article names it, not a
    person described, and is shown as a source is."""
    words = _OWNER.sub("", credit.strip()).split()
    if len(words) > 2 and words[-1] in DOCUMENTS and words[-2].endswith(("’s", "'s", "s’", "s'")):
        return False
    if words == [credit.strip()] and credit.strip() in GROUPS:
        return True  # "critics", as "Critics, including Mayor Tim Keller, called it ..." credits them
    return len(words) > 1 and words[0] in _DETERMINER and words[-1][:1].islower()


def resolve_description(credit: str, before: Sequence[str]) -> str:
    """The credit as the article named it in `before` (its paragraphs ahead of the quote, and the quote's own
    paragraph up to it), else the credit unchanged."""
    if not _resolvable(credit):
        return credit
    sentences = [s for p in before for s in split_sentences(p)]
    return ArticleMentions(sentences).resolve(credit, len(sentences))


def _resolvable(credit: str) -> bool:
    """A bare description that may name something the article named before: "the spokesman", "a spokesman";
    not "one contractor", which is one of several and never a particular one named earlier."""
    return is_bare_description(credit) and credit.split()[0].lower() in ("the", "a", "an")


class ArticleMentions:
    """An article's sentences, with what each description names before each sentence, each worked out once.

    Reading back through the article for each quote made n quotes credited to "the report" cost n times the
    article; each description's nearest mention is now filled in going forward, once per description, so
    an article costs its length times the descriptions it uses, however many quotes there are.
    """

    def __init__(self, sentences: Sequence[str]) -> None:
        self._sentences = sentences
        self._nearest: dict[tuple[str, bool], list[str | None]] = {}
        self._bodies: dict[str, _BodiesSeen] = {}

    def nearest(self, credit: str, position: int, owners: bool = True) -> str | None:
        """What the sentences before `position` name the credit's thing, the nearest mention first, or None."""
        words = credit.split()[1:]
        table = self._nearest.setdefault((credit, owners), [])
        while len(table) < position:
            i = len(table)
            found = _named_in(self._sentences[i], words, _Earlier(self, i), owners)
            table.append(found or (table[-1] if table else None))
        return table[position - 1] if position else None

    def resolve(self, credit: str, position: int, ahead: str = "") -> str:
        """The credit as the article named it before sentence `position` and in `ahead` (the quote's own sentence up
        to it); with no mention, the one body the article named that the credit can mean ("the agency":
        "Immigration and Customs Enforcement"), else the credit unchanged."""
        if not _resolvable(credit):
            return credit
        earlier = _Earlier(self, position)
        found = (ahead and _named_in(ahead, credit.split()[1:], earlier)) or self.nearest(credit, position)
        if found:
            return found
        head = credit.split()[-1]
        if head not in BODIES:
            return credit
        seen = self._bodies.setdefault(head, _BodiesSeen(head))
        return seen.only(self._sentences, position, ahead) or credit


class _Earlier:
    """The article's sentences before one of them, as a sentence's own resolution reads them."""

    def __init__(self, mentions: ArticleMentions, position: int) -> None:
        self.mentions, self.position = mentions, position

    def resolve(self, credit: str) -> str:
        """Without crediting a document to its author, so a chain of documents goes one step only."""
        return self.mentions.nearest(credit, self.position, owners=False) or credit


def _named_in(sentence: str, words: list[str], earlier: _Earlier, owners: bool = True) -> str | None:
    """What one sentence names the description's thing, or None; `earlier` are the article's sentences before it."""
    head = words[-1]
    if head in DOCUMENTS:
        return (owners and _document_owner(sentence, head, earlier)) or _proper_name(sentence, words)
    appositive = re.compile(rf"(?P<name>{_PROPER}),\s+(?:a|an|the|its|his|her|their)\s+(?:[\w'’-]+\s+){{0,5}}?"
                            rf"{re.escape(head)}\b")
    role_first = re.compile(rf"\b(?P<role>(?i:{re.escape(head)}))\s+(?P<name>{_PERSON})\b")
    found = [(m.start(), _name(m.group("name"))) for m in appositive.finditer(sentence)]
    for m in role_first.finditer(sentence):
        name = m.group("name")
        if not any(w in NOT_NAMES for w in name.split()) and name[:1].isupper():
            found.append((m.start(), f"{m.group('role')} {name}" if m.group("role")[0].isupper() else name))
    named = [(at, n) for at, n in found if n]
    if named:
        return max(named)[1]
    return _proper_name(sentence, words)


def _proper_name(sentence: str, words: list[str]) -> str | None:
    """A proper name in the sentence holding the description's last words capitalised, and more besides
    ("the Department of Homeland Security" for "the department", "Task Force on X" for "the task force")."""
    for tail in (words[-2:], words[-1:]) if len(words) > 1 else (words,):
        titled = r"\s+".join(re.escape(w[:1].upper() + w[1:]) for w in tail)
        pattern = re.compile(rf"(?:\b[Tt]he\s+)?(?:{_CAP}\s+){{0,4}}{titled}\b"
                             rf"(?:\s+(?:of|on|for|and)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,8}})?")
        for m in reversed(list(pattern.finditer(sentence))):
            name = m.group(0)
            capitals = [w for w in name.split() if w[:1].isupper() and w not in NOT_NAMES]
            if len(capitals) > len(tail):
                return _name(name)
    return None


def _document_owner(sentence: str, head: str, earlier: _Earlier) -> str | None:
    """"X's report" for a sentence saying who wrote it: "X presented a critical report", "a report by X",
    "X's report"; a described X ("A task force created to ...") is named as the article named it before."""
    noun = rf"(?:[\w'’-]+\s+){{0,3}}?{re.escape(head)}s?\b"
    authored = re.compile(rf"\b(?:{_AUTHORED})\s+(?:a|an|its|their|the|his|her|this)\s+{noun}")
    by = re.compile(rf"\b{re.escape(head)}s?\s+(?:by|from|of)\s+(?P<owner>{_PROPER})")
    possessive = re.compile(rf"(?P<owner>{_PROPER}|\b[Tt]he\s+{_WORD}(?:\s+{_WORD})?)['’]s?\s+{noun}")
    owners: list[tuple[int, str | None]] = []
    for m in authored.finditer(sentence):
        owners.append((m.start(), _subject(sentence[:m.start()], earlier)))
    owners += [(m.start(), _name(m.group("owner"))) for m in (*by.finditer(sentence), *possessive.finditer(sentence))]
    named = [(at, o) for at, o in owners if o and o.split()[-1] not in DOCUMENTS]  # not "the report’s report"
    if not named:
        return None
    owner = max(named)[1]
    return f"{owner}’ {head}" if owner.endswith("s") else f"{owner}’s {head}"


def _subject(clause: str, earlier: _Earlier) -> str | None:
    """Who a clause's verb is about: the proper name or noun phrase opening it ("A task force created to ..."
    is "the task force", or its name if the article gave one before)."""
    # An opening phrase ("On Friday, ...") is cut off at its comma.
    for start in (0, *(m.end() for m in re.finditer(r",\s+", clause))):
        found = _noun_phrase(clause[start:].strip(), earlier)
        if found:
            return found
    return None


def _noun_phrase(clause: str, earlier: _Earlier) -> str | None:
    """The proper name or described thing ("a task force created to ...": "the task force") opening a clause."""
    m = re.match(rf"{_PROPER}\b", clause)
    if m and _name(m.group(0)):
        return _name(m.group(0))
    m = re.match(rf"(?:[Tt]he|[Aa]n?)\s+((?:{_WORD}\s*)+)", clause)
    if not m:
        return None
    words: list[str] = []
    for word in m.group(1).split():
        if _PHRASE_END.search(word) or len(words) == _OWNER_WORDS:
            break
        words.append(word)
    if not words:
        return None
    return earlier.resolve("the " + " ".join(words))


def _name(raw: str) -> str | None:
    """A proper name tidied: a leading "The" in lower case, trailing joining words cut; None if not a name."""
    words = raw.strip(" ,").split()
    while words and words[-1] in ("of", "for", "and", "on", "the"):
        words.pop()
    if words and len(words[-1]) > 3 and not re.fullmatch(r"(?:[A-Z]\.)+", words[-1]):
        words[-1] = words[-1].rstrip(".")  # a full stop after "Office", not the one of "U.S."
    while len(words) > 1 and words[0] in NOT_NAMES and words[0] != "The":
        words = words[1:]  # "Later Maria Diaz": a sentence's first word, not the name's
    if words and words[0] in ("The", "the"):
        words[0] = "the"
    capitals = [w for w in words if w[:1].isupper() and w not in NOT_NAMES]
    # One capitalised word is a name only as an acronym ("ICE"): else it may be a sentence's first word ("Most").
    if not capitals or (len(capitals) == 1 and not re.fullmatch(r"[A-Z]{2,}", capitals[0].strip(".’'s"))):
        return None
    return " ".join(words)


# What a body's generic name ("the agency") can mean: a name holding one of these words, or initials.
BODIES: dict[str, frozenset[str]] = {
    head: frozenset(words.split()) for head, words in {
        "agency": " ".join(sorted(AGENCY_WORDS)),
        "department": "Department",
        "office": "Office",
        "bureau": "Bureau",
        "administration": "Administration",
        "ministry": "Ministry",
        "commission": "Commission",
    }.items()
}
_BODY_WORD = rf"(?:{UPPER}(?:{LOWER}|[’'-])+|[A-Z]{{2,6}}\b)"
_BODY_NAME = re.compile(rf"(?<![\w’'-])(?:U\.S\.\s+)?{_BODY_WORD}"
                        rf"(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?{_BODY_WORD})*")
_NOT_INITIALS = frozenset({"US", "USA", "UK", "UN", "EU", "AP", "TV", "GOP", "CEO", "AM", "PM", "OK", "ID", "II",
                           "III"})
_JOINING = frozenset({"of", "for", "and", "on", "the"})


def _initials(name: str) -> str:
    """A body's initials ("ICE" for "Immigration and Customs Enforcement", "U.S." left out), so a name and its
    initials count as one body."""
    words = [w for w in name.split() if w not in _JOINING and w != "U.S."]
    return words[0] if len(words) == 1 else "".join(w[0] for w in words)


def bodies_named(sentence: str, head: str) -> list[tuple[str, str]]:
    """The (initials, name) of each body in the sentence that the generic "the <head>" can mean."""
    found = []
    for m in _BODY_NAME.finditer(sentence):
        # "The Department of Homeland Security runs ..." opens a sentence: the article is not part of the name.
        name = re.sub(r"^The\s+", "", m.group(0).removesuffix("’s").removesuffix("'s"))
        # "ICE and the Department of Homeland Security" are two bodies; "Immigration and Customs Enforcement" one.
        parts = re.split(r"\s+and\s+(?:the\s+)?", name)
        names = parts if len(parts) > 1 and all(_is_body(p, head) for p in parts) else [name]
        found += [(_initials(n), n) for n in names if _is_body(n, head)]
    return found


def _is_body(name: str, head: str) -> bool:
    """Whether a capitalised name is a body "the <head>" can mean: one holding a word of its kind, or initials
    ("ICE"; a department's start with a D: "DHS")."""
    parts = name.split()
    if len(parts) > 1:
        return bool(BODIES[head].intersection(parts)) and parts[0] not in NOT_NAMES
    return (name.isupper() and name not in _NOT_INITIALS and head in ("agency", "department")
            and (head != "department" or name[0] == "D"))


class _BodiesSeen:
    """The bodies one generic name ("the agency") can mean, as the article names them, read once going forward."""

    def __init__(self, head: str) -> None:
        self.head = head
        self.read = 0  # sentences read
        self.at: list[int] = []  # the sentence each mention is in, in order
        self.key: str | None = None  # the first body's initials
        self.longest: list[str] = []  # the first body's longest name so far, after each mention
        self.one: list[bool] = []  # whether only one body was named, up to each mention

    def _add(self, position: int, found: list[tuple[str, str]]) -> None:
        for key, name in found:
            self.key = self.key or key
            longest = self.longest[-1] if self.longest else name
            self.at.append(position)
            self.longest.append(name if key == self.key and len(name) > len(longest) else longest)
            self.one.append(key == self.key and (not self.one or self.one[-1]))

    def only(self, sentences: Sequence[str], position: int, ahead: str) -> str | None:
        """The one body named before sentence `position` and in `ahead`, or None when none or several are."""
        while self.read < position:
            self._add(self.read, bodies_named(sentences[self.read], self.head))
            self.read += 1
        count = bisect_left(self.at, position)
        one, first = (self.one[count - 1], self.key) if count else (True, None)
        longest = self.longest[count - 1] if count else None
        for key, name in bodies_named(ahead, self.head) if ahead else []:
            first = first or key
            one = one and key == first
            longest = name if longest is None or len(name) > len(longest) else longest
        return longest if one else None


def only_antecedent(pronoun: str, sentence: str) -> str | None:
    """Who "it" (the one body named) is in the sentence before, or None when it names none or several: then a
    quote stays unattributed rather than credited to a guess. "He" and "she" are reader.text.pronouns'."""
    if pronoun != "it":
        return None
    bodies: dict[str, str] = {}
    for key, name in bodies_named(sentence, "agency"):  # "ICE" and "Immigration and Customs Enforcement" are one
        bodies[key] = max(bodies.get(key, ""), name, key=len)
    return next(iter(bodies.values())) if len(bodies) == 1 else None
