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
from collections.abc import Sequence

from reader.text.sentences import split_sentences

# Things written rather than said: their antecedent is who wrote them, not a person named beside them.
DOCUMENTS = frozenset({
    "report", "study", "statement", "memo", "letter", "audit", "review", "survey", "analysis", "document",
    "ruling", "order", "filing", "complaint", "lawsuit", "bill", "plan", "proposal", "findings", "paper",
    "assessment", "evaluation", "brief", "opinion", "notice", "guidance", "release",
})
_WORD = r"[a-z][\w'’-]*"
_BARE = re.compile(r"^(?:the|a|an)\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*$")  # no owner: "the agency’s X" says whose
_CAP = r"[A-Z][\w'’.-]*"
_NOT_NAMES = frozenset({
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "He", "She", "They", "This", "That", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Later", "Earlier",
    "Meanwhile", "Also", "Then", "Still", "However", "Most", "When", "After", "Before", "While", "Since", "As",
    "If", "For", "With", "Yet", "So", "Last", "Next", "Now", "Today", "Yesterday", "Officials", "Critics",
})
# A proper name: capitalised words, maybe joined by "of", "for", "and", "on" ("Department of Homeland Security").
_PROPER = rf"(?:[Tt]he\s+)?{_CAP}(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?{_CAP})*"
_PERSON = r"[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}"
_AUTHORED = (r"presented|released|issued|published|produced|prepared|wrote|written|completed|delivered|unveiled|"
             r"submitted|filed|sent|compiled|commissioned|drafted")
# Where a description's noun phrase ends: a verb form, a relative word or a preposition starts what follows it.
_PHRASE_END = re.compile(r"(?:ed|ing)$|^(?:who|that|which|to|of|in|on|at|for|with|from|by|and|or|said|says|has|"
                         r"had|have|is|was|were|are|will|would)$")
_OWNER_WORDS = 3


def is_bare_description(credit: str) -> bool:
    """Whether a credit is only a description in lower case ("the report", "a spokesman"): no one is named,
    not even whose it is ("the task force’s report" says that)."""
    return bool(_BARE.match(credit.strip()))


def resolve_description(credit: str, before: Sequence[str]) -> str:
    """The credit as the article named it in `before` (its paragraphs ahead of the quote, and the quote's own
    paragraph up to it), else the credit unchanged."""
    if not is_bare_description(credit):
        return credit
    return _resolved(credit, [s for p in before for s in split_sentences(p)])


def _resolved(credit: str, sentences: list[str], owners: bool = True) -> str:
    """resolve_description over the article's sentences before the quote, the nearest mention first.

    Without `owners`, a document is not credited to its author: resolving the author ("A task force
    ... presented a report") goes no deeper, so a chain of documents cannot recurse without end.
    """
    words = credit.split()[1:]
    for index in range(len(sentences) - 1, -1, -1):
        found = _named_in(sentences[index], words, sentences[:index], owners)
        if found:
            return found
    return credit


def _named_in(sentence: str, words: list[str], earlier: list[str], owners: bool = True) -> str | None:
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
        if not any(w in _NOT_NAMES for w in name.split()) and name[:1].isupper():
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
                             rf"(?:\s+(?:of|on|for|and)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*)?")
        for m in reversed(list(pattern.finditer(sentence))):
            name = m.group(0)
            capitals = [w for w in name.split() if w[:1].isupper() and w not in _NOT_NAMES]
            if len(capitals) > len(tail):
                return _name(name)
    return None


def _document_owner(sentence: str, head: str, earlier: list[str]) -> str | None:
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


def _subject(clause: str, earlier: list[str]) -> str | None:
    """Who a clause's verb is about: the proper name or noun phrase opening it ("A task force created to ..."
    is "the task force", or its name if the article gave one before)."""
    # An opening phrase ("On Friday, ...") is cut off at its comma.
    for start in (0, *(m.end() for m in re.finditer(r",\s+", clause))):
        found = _noun_phrase(clause[start:].strip(), earlier)
        if found:
            return found
    return None


def _noun_phrase(clause: str, earlier: list[str]) -> str | None:
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
    return _resolved("the " + " ".join(words), earlier, owners=False)


def _name(raw: str) -> str | None:
    """A proper name tidied: a leading "The" in lower case, trailing joining words cut; None if not a name."""
    words = raw.strip(" ,").split()
    while words and words[-1] in ("of", "for", "and", "on", "the"):
        words.pop()
    if words and len(words[-1]) > 3 and not re.fullmatch(r"(?:[A-Z]\.)+", words[-1]):
        words[-1] = words[-1].rstrip(".")  # a full stop after "Office", not the one of "U.S."
    while len(words) > 1 and words[0] in _NOT_NAMES and words[0] != "The":
        words = words[1:]  # "Later Maria Diaz": a sentence's first word, not the name's
    if words and words[0] in ("The", "the"):
        words[0] = "the"
    capitals = [w for w in words if w[:1].isupper() and w not in _NOT_NAMES]
    # One capitalised word is a name only as an acronym ("ICE"): else it may be a sentence's first word ("Most").
    if not capitals or (len(capitals) == 1 and not re.fullmatch(r"[A-Z]{2,}", capitals[0].strip(".’'s"))):
        return None
    return " ".join(words)
