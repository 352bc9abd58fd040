"""Who a sentence says spoke a quote in it: named after or before it, speaking the clause it ends, or "according to"
someone; and who speaks in a sentence before one that names no one. Then, across the article, a credit named
by surname alone ("Johnson said") as the article named that person in full before ("Homeland Security Secretary
Jeh Johnson"), so the credit says who spoke as the first mention did; and a description's (descriptions.py).

Kept apart from quotes.py, which finds the quotes and walks back for "he" or "she": these read one sentence, or
look credits up in what the article named before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from reader.text.descriptions import GROUPS, ArticleMentions
from reader.text.names import (
    NOT_NAMES,
    NOT_PERSON,
    PARTICLES,
    PERSON_WORD,
    PREFIXED,
    ROLE_WORDS,
    SURNAMES_TOO,
    people_named,
)
from reader.text.pronouns import PRONOUN_GENDER, TITLE_GENDER, Mention, full_mentions
from reader.text.sentences import split_sentences
from reader.text.words import UPPER

REACH = 300  # characters read each side of a quote for its speaker
AHEAD = 1000  # characters of a quote's own sentence before it read for what its description names

QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
VERBS = (r"said|says|say|stated|states|noted|notes|told|tells|added|adds|wrote|writes|argued|argues|explained|"
          r"warned|warns|insisted|declared|asked|replied|testified|acknowledged|recalled|concluded|continued|"
          r"recommended|found|reported|ruled|announced|claimed|contended|conceded|admitted|complained|predicted|"
          r"promised|alleged|cautioned|urged|stressed|emphasized|observed")
_TITLE = r"(?:(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Gen|Lt|Sgt|Capt|Prof|St)\.\s+)?"
_CAPWORD = rf"{UPPER}[\w'’.-]*"  # "José", "Łukasz", "Ángel": any Latin capital
# A name or a body's name is a few words: a bounded run is tried in constant time at each position, where an
# unbounded one read a run of thousands of capitalised words to its end from each of them (quadratic).
_NAME_WORDS = 8
_NAME = rf"{_TITLE}{_CAPWORD}(?:\s+(?:{_CAPWORD}|{PARTICLES}|{PREFIXED})){{0,{_NAME_WORDS}}}"
# A described speaker's words stop at a verb: "the department said it found" is "the department".
_NOT_VERB = rf"(?!(?:{VERBS}|has|had|have|is|was|were|are|will|would|also|later|previously)\b)"
# A description ends on its noun, not on a word joining what follows: "a spokeswoman for ICE", not "a spokeswoman
# for", and "a statement from the ACLU", not "a statement from the".
_NOT_JOINING = r"(?!(?:for|of|at|with|from|in|on|to|and|or|who|that|which|the|a|an|his|her|its|their)\b)"
_THE = rf"(?:[Tt]he|[Aa]n?)\s+(?:{_NOT_VERB}[a-z][\w'’-]*\s+){{0,2}}{_NOT_VERB}{_NOT_JOINING}[a-z][\w-]*"
# One of several, credited as written: "one contractor", "two officials", "another lawyer".
_SOME = (rf"(?:[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any)\s+"
         rf"(?:{_NOT_VERB}{_NOT_JOINING}[a-z][\w'’-]*\s+){{0,2}}{_NOT_VERB}{_NOT_JOINING}[a-z][\w-]*")
# Whose a described speaker is, when it names them: "a spokeswoman for ICE", "one lawyer at the Legal Aid Society".
_FOR_NAMED = (rf"(?:\s+(?:for|of|at|with|from)\s+(?:the\s+)?{_CAPWORD}"
              rf"(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?{_CAPWORD}){{0,{_NAME_WORDS}}})?")
_DESCRIBED = rf"(?:{_THE}|{_SOME}){_FOR_NAMED}"
_THE_NAMED = (rf"[Tt]he\s+{_CAPWORD}(?:\s+(?:{_CAPWORD}|of|for|and|on)){{0,{_NAME_WORDS}}}\s+{_CAPWORD}"
              rf"|[Tt]he\s+{_CAPWORD}")
# "The Homeland Security Advisory Council task force", "the ICE spokesman": a named body's described part.
_THE_NAMED_NOUN = (rf"[Tt]he\s+(?:{_CAPWORD}\s+){{1,5}}{_NOT_VERB}{_NOT_JOINING}[a-z][\w-]*"  # not "the Department of"
                   rf"(?:\s+{_NOT_VERB}{_NOT_JOINING}[a-z][\w-]*)?")
_PARTICLE_NAME = rf"(?:{PARTICLES}\s+){{1,3}}{_CAPWORD}|{PREFIXED}"  # "de Blasio", "von der Leyen", "al-Assad"
_WHO = rf"(?:{_THE_NAMED_NOUN}|{_THE_NAMED}|{_NAME}|{_PARTICLE_NAME}|{_DESCRIBED}|he|she|they|it)"
_SPEAKER = rf"(?P<who>{_WHO})"
PRONOUNS = {"he", "she", "they", "it"}
_DETERMINERS = {"the", "a", "an", "one", "another", "two", "three", "several", "some", "many"}

_APPOSITIVE = r"(?:\s+(?:of|from|in|at)\s+[^,.]{1,60}?)?(?:,[^,]{1,80},)?"
# "“...,” the county executive, Ann Marie Lee, said": the name in the apposition is the credit.
_AFTER_QUOTE = re.compile(rf"^[\s,]*(?:{_SPEAKER}(?:,\s*(?P<named>[^,“”]{{1,80}}),)?\s+(?:{VERBS})\b"
                          rf"|(?:{VERBS})\s+(?P<who2>{_WHO}))")
_BEFORE_QUOTE = re.compile(rf"{_SPEAKER}{_APPOSITIVE}\s+(?:{VERBS})(?:\s+\w+)?(?:\s+that)?\s*[:,]?\s*$")
_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+{_SPEAKER}")
# Who speaks in a sentence, anywhere before a quote: "The task force said the program had caused “...”".
_SPEAKS = re.compile(rf"(?<![\w'’-]){_SPEAKER}{_APPOSITIVE}\s+(?:(?:also|later|previously|has|had|have)\s+)?"
                     rf"(?:{VERBS})\b")
# Between a speaker's verb and the quote, another clause may begin, with a speaker of its own: then the quote
# is not known to be the first speaker's ("Lee said the plan was dead; critics called it “...”").
_CLAUSE_BREAK = re.compile(r"[;:—–]|\s-\s|,\s+(?:and|but|while|whereas|although|though|as)\b|\b(?:who|whom)\s+"
                           r"\w+|\b(?:called|calls|call|described|describes|dubbed|termed|labeled|labelled|"
                           r"branded|named|quoted|cited|citing|quoting)\b")
# A new clause after a sentence's speaker ("Lee said the plan was dead; critics disagreed."): the next quote
# may be the new clause's.
_NEW_CLAUSE = re.compile(r"[;—–]|\s-\s|,\s+(?:and|but|while|whereas)\s")
# A sentence's subject naming something in its own words: "The mayor called the plan “a cruel joke ...”".
_NAMES_IT = re.compile(rf"^{_SPEAKER}{_APPOSITIVE}\s+(?:called|calls|described|describes|dubbed|termed)\b")
# A speaker inside a relative clause is not the sentence's: "Advocates who met the task force said ...".
_IN_RELATIVE = re.compile(r"\b(?:who|whom|that|which)\s+(?:[\w'’-]+\s+){0,4}$")
_NAMED_SUBJECT = re.compile(rf"^(?P<who>{_THE_NAMED}|{_NAME})\b{_APPOSITIVE}\s+(?:{VERBS}|spoke)\b")
_TRAILING = re.compile(r"\s+(?:of|in|at|for|on)\s+.*$")


def clean_speaker(raw: str) -> str | None:
    """The speaker as a credit: a name without what follows it ("Chris Newman of the network"), a description
    with whose it is ("a spokeswoman for ICE": without it, "a spokeswoman" says nothing) and in lower case."""
    who = raw.strip(" ,").rstrip(" ,.")
    first, _, rest = who.partition(" ")
    described = bool(rest) and (first in _DETERMINERS or (first.lower() in _DETERMINERS and rest[0].islower()))
    if not described:
        who = _TRAILING.sub("", who).rstrip(" ,.")
    if not who:
        return None
    if who.lower() in GROUPS:  # "Critics said ...": a group, capitalised only as the sentence's first word
        return who.lower()
    # "the task force", "the Homeland Security Advisory Council task force", "the DHS": read after a dash
    if described or (first == "The" and rest):
        return f"{first.lower()} {rest}"
    named = people_named(who) if " " in who and who[:1].isupper() else []
    if len(named) == 1 and who.endswith(named[0]):  # "Then Mr. Tom Smith", "In Washington Sen. Chuck Schumer"
        return named[0]
    return who


def speaker_in(sentence: str, start: int, end: int) -> str | None:
    """Who the sentence says spoke the quote at [start, end), or None; pronouns are returned as-is.

    Only REACH characters each side are read (cut at a word): a speaker is named near the quote, and a
    run-on "sentence" of a thousand quotes stays linear."""
    cut = sentence.find(" ", start - REACH) + 1 if start > REACH else 0
    ahead, behind = sentence[cut:start], sentence[end:end + REACH]
    after = _AFTER_QUOTE.search(behind)
    if after:
        named = people_named(after.group("named")) if after.group("named") else []
        return named[0] if len(named) == 1 else after.group("who") or after.group("who2")
    before = _BEFORE_QUOTE.search(ahead)
    if before and before.group("who").lower() not in PRONOUNS:
        return before.group("who")
    reported = _reported_speaker(ahead, people=False)  # or, for "it found", the name earlier in the sentence
    if reported:
        return reported
    if before:
        return before.group("who")
    carried_on = _participle_speaker(ahead)
    if carried_on:
        return carried_on
    according = _ACCORDING.search(f"{ahead}{sentence[start:end]}{behind}")
    if according:
        return according.group("who")
    return None


# A clause that goes on with the sentence's speaker: "“...,” said Lopez, adding that Park “has never ...”".
_PARTICIPLE = re.compile(r",\s+(?:adding|noting|saying|arguing|warning|insisting|explaining|stressing|calling|"
                         r"describing|predicting|contending|acknowledging|complaining|recalling)\b(?:\s+that)?"
                         r"(?P<rest>[^,;:“”\"]{0,80})$")


def _participle_speaker(ahead: str) -> str | None:
    """The speaker of the clause a participle goes on from ("..., said Lopez, adding that Park “...”": Lopez), when
    the words between it and the quote name no speaker of their own ("adding that critics called it “...”")."""
    m = _PARTICIPLE.search(ahead)
    if m is None or _CLAUSE_BREAK.search(m.group("rest")) or re.search(rf"\b(?:{VERBS})\b", m.group("rest")):
        return None
    head = ahead[:m.start()]
    for q in reversed(list(QUOTED.finditer(head))):
        who = speaker_in(head, q.start(), q.end())
        if who:
            return who
    return _reported_speaker(head, people=False)


def _reported_speaker(ahead: str, people: bool = True) -> str | None:
    """Who speaks in the clause the quote ends ("The task force said the program had caused “...”"): the last
    speaker and verb before the quote, with no new clause between (it may have a speaker of its own); for a
    pronoun ("The department said it found “...”"), the named speaker before it in the same sentence, but
    without `people`, "he" and "she" are left for _person_meant, which checks what the article says of them."""
    found = [m for m in _SPEAKS.finditer(ahead) if not _IN_RELATIVE.search(ahead[:m.start()])]
    if not found:
        naming = _NAMES_IT.match(ahead)
        return naming.group("who") if naming and not _CLAUSE_BREAK.search(ahead[naming.end():]) else None
    if _CLAUSE_BREAK.search(ahead[found[-1].end():]):
        return None
    who = found[-1].group("who")
    if who.lower() in PRONOUNS and (people or who.lower() not in PRONOUN_GENDER):
        names = [m.group("who") for m in found[:-1] if m.group("who").lower() not in PRONOUNS]
        return names[-1] if names and not _CLAUSE_BREAK.search(ahead[found[-2].end():found[-1].start()]) else who
    return who


def named_speaker(sentence: str) -> str | None:
    """Who speaks in the sentence before a quote that names no one ("Sheriff Chuck Jenkins ... said ...", "In a
    statement, ICE said:"): its named subject, the speaker of a quote in it, or the speaker of its last clause."""
    m = _NAMED_SUBJECT.search(sentence)
    if m and not _NEW_CLAUSE.search(sentence[m.end():].rstrip(" .:;,—–")):  # "...; critics disagreed."
        return m.group("who") if m.group("who").lower() not in PRONOUNS else m.group("who").lower()
    quoted = list(QUOTED.finditer(sentence))
    for q in quoted:
        who = speaker_in(sentence, q.start(), q.end())
        if who and who.lower() not in PRONOUNS:
            return who
    if quoted:
        return None
    start = sentence.find(" ", len(sentence) - REACH) + 1 if len(sentence) > REACH else 0
    who = _reported_speaker(sentence[start:].rstrip(" .:;,—–"))
    return who if who and who.lower() not in PRONOUNS else None


def last_sentence(text: str) -> str:
    """The text's last sentence: whom it names is who speaks next."""
    sentences = split_sentences(text)
    return sentences[-1] if sentences else text


# A credit naming a person by surname alone, or with a courtesy title: "Johnson", "Mr. Johnson", "Sen. Lee".
_SURNAME_CREDIT = re.compile(rf"^(?:(?P<title>Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov)\.?\s+)?(?:{PARTICLES}\s+){{0,3}}"
                             rf"(?P<surname>{PERSON_WORD}|{PREFIXED})$")


def is_surname_credit(credit: str) -> bool:
    """Whether a credit names a person by surname alone: "Johnson", "Mr. Johnson", "de Blasio", "al-Assad"."""
    return " " not in credit.strip(". ").replace(". ", ".") or _SURNAME_CREDIT.match(credit) is not None


class FullNames:
    """Whom a surname credit ("Johnson", "Mr. Johnson") names, as the article named that person in full before the
    quote ("Homeland Security Secretary Jeh Johnson"): read once going forward, so each quote costs a look-up."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self._sentences = sentences
        self._read = 0
        self._by_surname: dict[str, list[tuple[int, Mention]]] = {}

    def resolve(self, credit: str, position: int, ahead: str = "") -> str:
        """The credit's person as named most fully before sentence `position` and in `ahead`; the credit unchanged
        when no one, or two people of that surname (or only one of the other gender by title), were named."""
        m = _SURNAME_CREDIT.match(credit)
        if m is None or m.group("surname") in NOT_NAMES | (NOT_PERSON - SURNAMES_TOO) | ROLE_WORDS:
            return credit
        while self._read < min(position, len(self._sentences)):
            for mention in full_mentions(self._sentences[self._read]):
                self._by_surname.setdefault(mention.person[1], []).append((self._read, mention))
            self._read += 1
        last = m.group("surname")
        earlier = self._by_surname.get(last, [])
        named = [mention for _, mention in earlier[:bisect_left(earlier, position, key=lambda e: e[0])]]
        named += [mention for mention in full_mentions(ahead) if mention.person[1] == last]
        gender = TITLE_GENDER.get(m.group("title") or "")
        named = [n for n in named if not (gender and n.gender and n.gender != gender)]
        if len({n.person for n in named}) != 1:
            return credit  # no one, or "Jeh Johnson" and "Lyndon Johnson": which one is not said
        return max(named, key=lambda n: len(n.credit.split())).credit


class ArticleNames:
    """What an article named before each quote, for its description or surname credit: its sentences in order,
    split only once a credit needs them (most articles' never do), and where each paragraph's first is among them."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self.paragraphs = paragraphs
        self._mentions: ArticleMentions | None = None
        self._full_names: FullNames | None = None
        self._starts: list[int] = []

    def _split(self) -> tuple[ArticleMentions, FullNames]:
        if self._mentions is None or self._full_names is None:
            sentences: list[str] = []
            for text in self.paragraphs:
                self._starts.append(len(sentences))
                sentences += split_sentences(text)
            self._mentions, self._full_names = ArticleMentions(sentences), FullNames(sentences)
        return self._mentions, self._full_names

    def resolve(self, credit: str, paragraph: int, sentence: int, ahead: str) -> str:
        """The credit as the article named it before the paragraph's `sentence`-th sentence and in `ahead`."""
        mentions = self._split()[0]
        return mentions.resolve(credit, self._starts[paragraph] + sentence, ahead[-AHEAD:])

    def full_name(self, credit: str, paragraph: int, sentence: int, ahead: str) -> str:
        """A surname credit ("Johnson") as the article named the person in full before ("Secretary Jeh Johnson")."""
        full_names = self._split()[1]
        return full_names.resolve(credit, self._starts[paragraph] + sentence, ahead[-AHEAD:])
