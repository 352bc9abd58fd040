"""What a sentence points back to: a pronoun with no antecedent in the sentence, or "the department".

A summary sentence is read out of its story, so "County Executive Edward Mangano said he would
review its findings" means nothing unless the sentence naming what "its" is comes first, and
"calls to the department's tip line" misleads when the department was never introduced. Pronouns
are resolved inside the sentence when something they can stand for comes before them (a name for
"he", a thing or a group for "it" and "they"); definite descriptions of institutions and measures
("the department", "the system", "the task force's") need an earlier sentence that introduced them.
"""

from __future__ import annotations

import re

from reader.text.descriptions import BODIES, bodies_named

_QUOTED_SPAN = re.compile(r"“[^”]*”|\"[^\"]*\"")
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-zà-ÿ'’-]+)+")
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.I)
_THING_PRONOUN = re.compile(r"\b(?:it|its|they|their|them|theirs)\b", re.I)
# "it is unclear whether ...", "it was too early to say": no referent needed.
_EXPLETIVE_IT = re.compile(
    r"\bit\s+(?:is|was|'s|’s|would be|will be|has been|had been|remains|remained|seems|seemed|appears|appeared)"
    r"\s+(?:not\s+)?(?:clear|unclear|possible|impossible|likely|unlikely|hard|difficult|easy|too|time|important|"
    r"expected|known|unknown|true|false|necessary|uncertain)\b",
    re.I,
)
# What "it" or "they" can stand for before it in the sentence: something named with an article or a
# possessive, an acronym ("ICE"), a plural noun ("Sheriffs", "critics") or, when no he/she in the sentence
# makes its names people, a name ("Apple said it would").
_THING_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+[\w-]|\b[A-Z]{2,}\b|\b\w+[’']s\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_PLURAL = re.compile(r"[a-z]{2,}(?<!ss)(?<!us)(?<!is)s$")
_PLURAL_BEFORE = re.compile(r"\b[A-Za-z][a-z]{2,}(?<!ss)(?<!us)(?<!is)(?<!was)(?<!has)(?<!its)(?<!this)s\b")
# Institutions and measures a story introduces once and then calls just "the ...": a reader of one
# sentence cannot tell which one. "The immigration agency", "the department of ...", "the program
# that ..." and "the task force appointed by ICE" say more, and are left alone.
# A measure ("the bill", "the program") may also be the tracked topic itself, named in an earlier sentence.
MEASURES = frozenset({"program", "programme", "system", "bill", "law", "measure", "legislation", "proposal",
                      "plan", "policy"})
_HEADS = (*sorted(MEASURES), "department", "agency", "office", "ministry", "report", "study", "task force",
          "panel", "committee", "commission", "council", "board", "company", "firm", "group", "organization",
          "organisation", "changes", "change", "memo", "rules", "rule")
_DEFINITE = re.compile(
    r"\b[Tt]he\s+(" + "|".join(h.replace(" ", r"\s+") for h in _HEADS) + r")(?:[’']s)?\b"
    r"(?!\s+(?:of|that|which|who|whose|for|called|known|named)\b|\s+(?:\w+ed|\w+en|led|run|set up|made)\s+by\b)",
)

# "ICE not pursue individuals who come to the agency's attention": an agency the sentence named before by its
# initials is the one it means. Not "the department": "with ICE, calls to the department's tip line" is the
# county's police department.
_INSTITUTIONS = frozenset({"agency"})
# Kinds whose members' names do not say what they are: "Apple ..., the company said".
_NAMELESS_KINDS = frozenset({"company", "firm", "group", "organization", "organisation"})
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|announced|added|reported|confirmed|told)\b")
_NAMED_SUBJECT = re.compile(r"(?!(?:The|A|An|This|That|These|Those|It|They)\b)[A-Z]")
_APPOSITION = re.compile(r"(?:[A-Z][\w’')-]*|\))\s*,\s*$")


def outside_quotes(sentence: str) -> str:
    """The sentence with its quoted spans blanked: what the reporter says, not what someone said."""
    return _QUOTED_SPAN.sub(" ", sentence)


def unresolved_pronoun(sentence: str) -> bool:
    """Whether a pronoun outside quotes has nothing before it in the sentence that it can stand for."""
    text = outside_quotes(sentence)
    person = _PERSON_PRONOUN.search(text)
    if person is not None and not _NAME.search(text[: person.start()]):
        return True
    persons_named = person is not None
    for thing in _THING_PRONOUN.finditer(text):
        if thing.group(0).lower() == "it" and _EXPLETIVE_IT.match(text, thing.start()):
            continue
        before = text[: thing.start()]
        plural = thing.group(0).lower() != "it" and thing.group(0).lower() != "its"
        if _THING_BEFORE.search(before) or (plural and _PLURAL_BEFORE.search(before)):
            continue
        if not persons_named and any(plural or not _PLURAL.search(w) for w in _CAPITALISED.findall(before)):
            continue  # "Apple said it would", not "Officials said it would"
        return True
    return False


# "ICE says it has ...", "officials said they ...": a pronoun subject right after a speech verb.
_SPEECH_THEN_PRONOUN = re.compile(
    r"\b(?:says|said|say|added|announced|reported|confirmed|claims|claimed|estimates|estimated|insists|insisted)"
    r"\s+(?:that\s+)?(it|they)\b", re.I)
_WORDS = re.compile(r"[A-Za-z][\w'’-]*")
# The previous sentence's subject when it is a definite description ("The program", "The sheriff's deputies"):
# its head's first word. "Only if its serial number ..." has none.
_SUBJECT = re.compile(r"^\W*(?:(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir)\s+(?:[\w-]+['’]s\s+)?"
                      r"|[\w-]+['’]s\s+)([A-Za-z][\w'’-]*)")


def pronoun_may_mean_previous(sentence: str, before: str) -> bool:
    """Whether a pronoun subject after a speech verb ("ICE says it has led to ...") may stand for what the
    story's previous sentence was about ("The program checks ..."), not the speaker: then the sentence
    read alone names the wrong one. It is the speaker when the previous sentence's subject is the speaker
    too, is no definite description ("Only if ...", "She told ..."), or there is no previous
    sentence to continue."""
    text = outside_quotes(sentence)
    said = _SPEECH_THEN_PRONOUN.search(text)
    subject = _SUBJECT.match(outside_quotes(before)) if before else None
    if said is None or subject is None:
        return False
    head = subject.group(1).lower()
    plural = bool(_PLURAL.search(head))
    if plural != (said.group(1).lower() == "they"):
        return False  # "it" cannot mean "the sheriffs", nor "they" "the program"
    return head not in {w.lower() for w in _WORDS.findall(text[: said.start()])}


def definite_references(sentence: str) -> tuple[str, ...]:
    """The institutions and measures the sentence calls "the ..." as if already introduced ("department").

    Not one the sentence introduced before ("a federal program ..., saying the program"), an
    apposition to a name ("Secure Communities, the fingerprint-sharing program"), or an attribution
    to the subject it opens with ("Apple is recalling ..., the company said").
    """
    text = outside_quotes(sentence)
    heads = []
    for match in _DEFINITE.finditer(text):
        head, before = " ".join(match.group(1).lower().split()), text[: match.start()]
        # "Ohio, the agency said" is an attribution, not an apposition to "Ohio".
        apposition = _APPOSITION.search(before) and not _SPEECH_AFTER.match(text, match.end())
        if (apposition or introduces(before, head) or _says_of_subject(text, match.start(), match.end(), head)
                or (head in _INSTITUTIONS and _ACRONYM.search(before))):
            continue
        heads.append(head)
    return tuple(dict.fromkeys(heads))


def _says_of_subject(text: str, start: int, end: int, head: str) -> bool:
    """ "Apple is recalling batteries ..., the company said": the attribution names the sentence's subject.

    A company's name does not say it is one, so any named subject will do. A body's does ("the department"
    is a Department, or its initials; "the council" a Council): "Secure Communities was expanded on Tuesday,
    the department said" names a program, and the department speaking for it is never introduced.
    """
    if not _SPEECH_AFTER.match(text, end):
        return False
    if head in _NAMELESS_KINDS:
        return bool(_NAMED_SUBJECT.match(text.lstrip()))
    before = text[:start]
    if head in BODIES:  # "The Department of Homeland Security ..., the department said"
        return bool(bodies_named(before, head))
    return re.search(r"\b" + head.title().replace(" ", r"\s+") + r"\b", before) is not None


def speaker_references(sentence: str) -> tuple[str, ...]:
    """The bodies the sentence credits, un-introduced, as "the department said", "the agency says".

    Who spoke is resolved to the body its article names (see ArticleMentions.resolve), so a summary can
    tell whether a sentence read before it named that body.
    """
    text = outside_quotes(sentence)
    heads = definite_references(sentence)
    return tuple(dict.fromkeys(
        head for m in _DEFINITE.finditer(text)
        if (head := " ".join(m.group(1).lower().split())) in heads and head in BODIES
        and _SPEECH_AFTER.match(text, m.end())))


def introduces(sentence: str, head: str) -> bool:
    """Whether the sentence names the thing as a common noun ("a task force report"); "the Department of
    Homeland Security" introduces no "department" a later "the department's tip line" could mean."""
    return re.search(r"\b" + head.replace(" ", r"\s+") + r"s?\b", sentence) is not None
