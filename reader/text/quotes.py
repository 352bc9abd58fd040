"""Finds key quotes, works out who said them, and ranks them so the best can be pinned.

A key quote is a quoted statement of about six words or more: shorter quoted spans are scare
quotes or titles ("adverse impact"), which say nothing on their own. Its speaker is whoever the text
says spoke it: named after or before it ("..., the report said", "Morton said:"), speaking the clause it
ends ("The task force said the program had caused “...”"), "according to" someone, or, for a quote that
is its sentence's whole content, the speaker of the sentence before. A description ("the report") is
resolved to what the article named earlier (descriptions.py); "he" or "she" to the nearest person the
article's evidence of gender leaves (pronouns.py). Otherwise it is unattributed: a speaker is never
guessed across another clause that may have its own ("Lee said ...; critics called it “...”"). A credit
that describes its speaker ("a spokeswoman for ICE") is marked `described`, so it is not shown as a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, islice

from reader.text.descriptions import (
    NOT_NAMES,
    PERSON_WORD,
    ArticleMentions,
    is_bare_description,
    is_description,
    only_antecedent,
    people_named,
)
from reader.text.pronouns import (
    PRONOUN_GENDER,
    YES,
    GenderBook,
    Paragraph,
    Unit,
    Window,
    is_person,
    mentions,
    surname,
)
from reader.text.sentences import split_sentences
from reader.text.words import UPPER

MIN_QUOTE_WORDS = 4  # "adverse impact", "a new era": three words or fewer are scare quotes, not statements
TITLE_MAX_WORDS = 6  # a quote shorter than this in capitals is a title ("Gone With the Wind"), not a statement
AHEAD = 1000  # characters of a quote's own sentence before it read for what its description names
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "with", "by"})
REACH = 300  # characters read each side of a quote for its speaker
PINNED = 3
WALK = 8  # sentences read back, through the quote's paragraph and the one before it, for who "he" or "she" is
PIECE = 600  # characters read of each, its end: a unit a quote left open may hold the rest of a paragraph

_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_VERBS = (r"said|says|say|stated|states|noted|notes|told|tells|added|adds|wrote|writes|argued|argues|explained|"
          r"warned|warns|insisted|declared|asked|replied|testified|acknowledged|recalled|concluded|continued|"
          r"recommended|found|reported|ruled|announced|claimed|contended|conceded|admitted|complained|predicted|"
          r"promised|alleged|cautioned|urged|stressed|emphasized|observed")
_TITLE = r"(?:(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Gen|Lt|Sgt|Capt|Prof|St)\.\s+)?"
_CAPWORD = rf"{UPPER}[\w'’.-]*"  # "José", "Łukasz", "Ángel": any Latin capital
_NAME = rf"{_TITLE}{_CAPWORD}(?:\s+(?:{_CAPWORD}|de|van|von|del|la|bin))*"
# A described speaker's words stop at a verb: "the department said it found" is "the department".
_NOT_VERB = rf"(?!(?:{_VERBS}|has|had|have|is|was|were|are|will|would|also|later|previously)\b)"
# A description ends on its noun, not on a word joining what follows: "a spokeswoman for ICE", not "a spokeswoman
# for", and "a statement from the ACLU", not "a statement from the".
_NOT_JOINING = r"(?!(?:for|of|at|with|from|in|on|to|and|or|who|that|which|the|a|an|his|her|its|their)\b)"
_THE = rf"(?:[Tt]he|[Aa]n?)\s+(?:{_NOT_VERB}[a-z][\w'’-]*\s+){{0,2}}{_NOT_VERB}{_NOT_JOINING}[a-z][\w-]*"
# One of several, credited as written: "one contractor", "two officials", "another lawyer".
_SOME = (rf"(?:[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any)\s+"
         rf"(?:{_NOT_VERB}{_NOT_JOINING}[a-z][\w'’-]*\s+){{0,2}}{_NOT_VERB}{_NOT_JOINING}[a-z][\w-]*")
# Whose a described speaker is, when it names them: "a spokeswoman for ICE", "one lawyer at the Legal Aid Society".
_FOR_NAMED = (rf"(?:\s+(?:for|of|at|with|from)\s+(?:the\s+)?{_CAPWORD}"
              rf"(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?{_CAPWORD})*)?")
_DESCRIBED = rf"(?:{_THE}|{_SOME}){_FOR_NAMED}"
_THE_NAMED = rf"[Tt]he\s+{_CAPWORD}(?:\s+(?:{_CAPWORD}|of|for|and|on))*\s+{_CAPWORD}|[Tt]he\s+{_CAPWORD}"
# "The Homeland Security Advisory Council task force", "the ICE spokesman": a named body's described part.
_THE_NAMED_NOUN = (rf"[Tt]he\s+(?:{_CAPWORD}\s+){{1,5}}{_NOT_VERB}{_NOT_JOINING}[a-z][\w-]*"  # not "the Department of"
                   rf"(?:\s+{_NOT_VERB}{_NOT_JOINING}[a-z][\w-]*)?")
_WHO = rf"(?:{_THE_NAMED_NOUN}|{_THE_NAMED}|{_NAME}|{_DESCRIBED}|he|she|they|it)"
_SPEAKER = rf"(?P<who>{_WHO})"
_PRONOUNS = {"he", "she", "they", "it"}
_DETERMINERS = {"the", "a", "an", "one", "another", "two", "three", "several", "some", "many"}

_APPOSITIVE = r"(?:\s+(?:of|from|in|at)\s+[^,.]{1,60}?)?(?:,[^,]{1,80},)?"
# "“...,” the county executive, Ann Marie Lee, said": the name in the apposition is the credit.
_AFTER_QUOTE = re.compile(rf"^[\s,]*(?:{_SPEAKER}(?:,\s*(?P<named>[^,“”]{{1,80}}),)?\s+(?:{_VERBS})\b"
                          rf"|(?:{_VERBS})\s+(?P<who2>{_WHO}))")
_BEFORE_QUOTE = re.compile(rf"{_SPEAKER}{_APPOSITIVE}\s+(?:{_VERBS})(?:\s+\w+)?(?:\s+that)?\s*[:,]?\s*$")
_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+{_SPEAKER}")
# Who speaks in a sentence, anywhere before a quote: "The task force said the program had caused “...”".
_SPEAKS = re.compile(rf"(?<![\w'’-]){_SPEAKER}{_APPOSITIVE}\s+(?:(?:also|later|previously|has|had|have)\s+)?"
                     rf"(?:{_VERBS})\b")
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
_NAMED_SUBJECT = re.compile(rf"^(?P<who>{_THE_NAMED}|{_NAME})\b{_APPOSITIVE}\s+(?:{_VERBS}|spoke)\b")
_TRAILING = re.compile(r"\s+(?:of|in|at|for|on)\s+.*$")


# The full stop of an ellipsis, "U.S." or "Jr." belongs to the words.
_FULL_STOP_KEPT = re.compile(r"(?:\.\.|\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St|etc|No|Dr))\.$")


def trim_quote(text: str) -> str:
    """The quoted words without the punctuation that closed the sentence around them: "…crime," and "…crime."
    are both "…crime", as a pinned quote shows them; "?", "!", an ellipsis and "U.S." keep theirs."""
    text = text.strip().rstrip(",;:").rstrip()
    return text if not text.endswith(".") or _FULL_STOP_KEPT.search(text) else text[:-1].rstrip()


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: str | None
    paragraph: int
    # The speaker is a description ("a spokeswoman for ICE", "one contractor"), not a name: show it as one.
    described: bool = False


@dataclass(frozen=True, slots=True)
class _Candidate:
    quote: Quote
    own_attribution: bool
    words: int


def _clean_speaker(raw: str) -> str | None:
    """The speaker as a credit: a name without what follows it ("Chris Newman of the network"), a description
    with whose it is ("a spokeswoman for ICE": without it, "a spokeswoman" says nothing) and in lower case."""
    who = raw.strip(" ,").rstrip(" ,.")
    first, _, rest = who.partition(" ")
    described = bool(rest) and (first in _DETERMINERS or (first.lower() in _DETERMINERS and rest[0].islower()))
    if not described:
        who = _TRAILING.sub("", who).rstrip(" ,.")
    if not who:
        return None
    # "the task force", "the Homeland Security Advisory Council task force", "the DHS": read after a dash
    if described or (first == "The" and rest):
        who = f"{first.lower()} {rest}"
    return who


def _speaker_in(sentence: str, start: int, end: int) -> str | None:
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
    if before and before.group("who").lower() not in _PRONOUNS:
        return before.group("who")
    reported = _reported_speaker(ahead, people=False)  # or, for "it found", the name earlier in the sentence
    if reported:
        return reported
    if before:
        return before.group("who")
    according = _ACCORDING.search(f"{ahead}{sentence[start:end]}{behind}")
    if according:
        return according.group("who")
    return None


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
    if who.lower() in _PRONOUNS and (people or who.lower() not in PRONOUN_GENDER):
        names = [m.group("who") for m in found[:-1] if m.group("who").lower() not in _PRONOUNS]
        return names[-1] if names and not _CLAUSE_BREAK.search(ahead[found[-2].end():found[-1].start()]) else who
    return who


def _named_speaker(sentence: str) -> str | None:
    """Who speaks in the sentence before a quote that names no one ("Sheriff Chuck Jenkins ... said ...", "In a
    statement, ICE said:"): its named subject, the speaker of a quote in it, or the speaker of its last clause."""
    m = _NAMED_SUBJECT.search(sentence)
    if m and not _NEW_CLAUSE.search(sentence[m.end():].rstrip(" .:;,—–")):  # "...; critics disagreed."
        return m.group("who") if m.group("who").lower() not in _PRONOUNS else m.group("who").lower()
    quoted = list(_QUOTED.finditer(sentence))
    for q in quoted:
        who = _speaker_in(sentence, q.start(), q.end())
        if who and who.lower() not in _PRONOUNS:
            return who
    if quoted:
        return None
    start = sentence.find(" ", len(sentence) - REACH) + 1 if len(sentence) > REACH else 0
    who = _reported_speaker(sentence[start:].rstrip(" .:;,—–"))
    return who if who and who.lower() not in _PRONOUNS else None


def _last_sentence(text: str) -> str:
    sentences = split_sentences(text)
    return sentences[-1] if sentences else text


def _quote_units(paragraph: str) -> list[list[str]]:
    """The paragraph's sentences, those a quotation runs across grouped: "“It failed. It must end,” she said."
    is one unit, so the quote is found whole and credited to whoever the unit names."""
    units: list[list[str]] = []
    opened = straight = 0  # the open unit's “ less ” and its " count, kept as it grows: linear in the paragraph
    for sentence in split_sentences(paragraph):
        if opened > 0 or straight % 2 == 1:
            units[-1].append(sentence)
        else:
            units.append([sentence])
            opened = straight = 0
        opened += sentence.count("“") - sentence.count("”")
        straight += sentence.count('"')
    return units


def _few_words_outside(sentence: str, start: int, end: int) -> bool:
    """Whether the sentence says two words or fewer besides the quote at [start, end): then the quote is all it says.

    More than REACH characters around it are taken as more: a run-on "sentence" of a thousand quotes
    must not be copied once for each of them."""
    if len(sentence) - (end - start) > REACH:
        return False
    return len((sentence[:start] + sentence[end:]).strip(" .,").split()) <= 2


def is_key_quote(text: str) -> bool:
    """Whether quoted words are a statement worth showing: MIN_QUOTE_WORDS words or more, and not a title in
    capitals ("Gone With the Wind"); fewer are scare quotes ("adverse impact") or a name."""
    words = text.split()
    if len(words) < MIN_QUOTE_WORDS:
        return False
    if len(words) >= TITLE_MAX_WORDS:
        return True
    return not all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)


class _Article:
    """The article's sentences in order, split only once a quote's description needs them, and where each
    paragraph's first sentence is among them."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self.paragraphs = paragraphs
        self._mentions: ArticleMentions | None = None
        self._starts: list[int] = []

    def resolve(self, credit: str, paragraph: int, sentence: int, ahead: str) -> str:
        """The credit as the article named it before the paragraph's `sentence`-th sentence and in `ahead`."""
        if self._mentions is None:
            sentences: list[str] = []
            for text in self.paragraphs:
                self._starts.append(len(sentences))
                sentences += split_sentences(text)
            self._mentions = ArticleMentions(sentences)
        return self._mentions.resolve(credit, self._starts[paragraph] + sentence, ahead[-AHEAD:])


def _credit(who: str | None, pronoun: str | None, previous: str | None) -> str | None:
    """The speaker a quote's text gives, else whom the sentence before names: the one speaking, or for "it" the
    one body it names ("ICE detained 40 people. “...,” it said."). "He" and "she" are _person_meant's."""
    if who is not None and pronoun is None:
        return _clean_speaker(who)
    if previous is None:
        return None
    last = _last_sentence(previous)
    named = _named_speaker(last)
    if named is not None and named in _PRONOUNS:  # "It said ...": who "it" is, is not said there
        named = None
    if named is None and pronoun is not None:
        named = only_antecedent(pronoun, last)
    return _clean_speaker(named) if named else None


# A sentence whose subject is one capitalised word taking a side ("Lopez disagreed."): a person named by surname
# alone, when nothing says it is a body (pronouns.is_person) and nobody else is named for "he" or "she".
_SURNAME_SUBJECT = re.compile(rf"^(?P<who>{PERSON_WORD})\s+(?:also\s+)?(?:{_VERBS}|disagreed|disagrees|agreed|agrees|"
                              r"objected|objects|responded|responds|countered|counters|dissented|demurred|spoke|"
                              r"speaks|pushed back|shot back)\b")
_SAID_PRONOUN = re.compile(r"\b(?:[Ss]?[Hh]e)\b")


def _read_unit(unit: Unit, surnames: frozenset[str]) -> tuple[str | None, list[str], frozenset[str]]:
    """The unit's speaker (a person), the people it names outside quotes, and the "he" or "she" it says there."""
    if unit.read is None:
        text = unit.text[-PIECE:]
        named = unit.credit or _named_speaker(text)
        speaker = _clean_speaker(named) if named and named.lower() not in _PRONOUNS else None
        outside = _QUOTED.sub(" ", text)
        people = mentions(outside, surnames)
        alone = _SURNAME_SUBJECT.match(outside.lstrip()) if speaker is None and not people else None
        if alone and alone.group("who") not in NOT_NAMES:  # "She spoke", "Officials disagreed"
            speaker = alone.group("who")
        said = frozenset(m.group(0).lower() for m in _SAID_PRONOUN.finditer(outside))
        unit.read = (speaker if speaker and is_person(speaker) else None, people, said)
    return unit.read


@dataclass(frozen=True, slots=True)
class _Meant:
    """Whom a walk back found "he" or "she" to be; whether it met anyone at all; whether it read every unit it was
    given (fewer than WALK); and whether a unit naming no one it passed said the pronoun, which then carries whom
    that one meant."""

    who: str | None
    named: bool
    whole: bool
    said: bool


def _person_meant(pronoun: str, units: Iterator[Unit], book: GenderBook) -> _Meant:
    """Who "he" or "she" is: in the nearest unit (of WALK) naming anyone, its speaker or the people it names
    outside quotes, the one the article's evidence of gender leaves (GenderBook.choose); else None. One the
    article says nothing of is no one when a unit further back names someone it says the pronoun fits."""
    chosen: str | None = None
    surnames = book.surnames()
    walked, said = 0, False
    for unit in islice(units, WALK):
        walked += 1
        speaker, people, says = _read_unit(unit, surnames)
        if chosen is None:
            if speaker is None and not people:
                said = said or pronoun in says
                continue
            chosen = book.choose(pronoun, speaker, people)
            if chosen is None or book.fit(chosen, pronoun) == YES:
                return _Meant(chosen, True, False, said)
        elif any(book.fit(p, pronoun) == YES and surname(p) != surname(chosen) for p in (speaker, *people) if p):
            return _Meant(None, True, False, said)  # "Ms. Lee ... Tom Smith spoke. “...,” she said.": Lee is "she"
    return _Meant(chosen, chosen is not None, walked < WALK, said)


def _carried(pronoun: str, paragraph: Paragraph | None, book: GenderBook) -> str | None:
    """Whom a "he" or "she" said in `paragraph`, naming no one, meant: the person the paragraph before names for
    it, or, when that one names no one either but says the pronoun too, whom that one's meant, and so on back.
    Each paragraph's answer is kept, so a chain through a long article is walked once."""
    chain: list[Paragraph] = []
    found: str | None = None
    while paragraph is not None:
        if pronoun in paragraph.carried:
            found = paragraph.carried[pronoun]
            break
        chain.append(paragraph)
        if paragraph.before is None:
            break
        meant = _person_meant(pronoun, reversed(paragraph.before.split()), book)
        if meant.named or not (meant.whole and meant.said):
            found = meant.who
            break
        paragraph = paragraph.before
    for passed in chain:
        passed.carried[pronoun] = found
    return found


class _Speakers:
    """Credits each quote of an article in reading order, keeping what the next quote's "he" or "she" needs."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self.article = _Article(paragraphs)
        self.book = GenderBook(paragraphs)
        self.window = Window()
        self.previous: str | None = None  # the unit or quoteless paragraph before

    def credit(self, sentence: str, match: re.Match[str], paragraph: int, sentence_index: int,
               part_begins: int, credited: str | None) -> tuple[str | None, bool]:
        """(speaker, whether the quote's own sentence gives it) for the quote `match` in `sentence`; `credited` is
        whom the unit's quotes before it were credited to."""
        who = _speaker_in(sentence, match.start(), match.end())
        own = who is not None
        if not own and not _few_words_outside(sentence, match.start(), match.end()):
            return None, False
        if not own and (carried := self.window.last_credit()):
            return carried, False  # “...,” she said. “...”: the second is hers as well
        if not own and self.previous is not None:
            named = _named_speaker(_last_sentence(self.previous))
            who = named if named in PRONOUN_GENDER else None  # "He told reporters ... “...”": who "he" is
        pronoun = who.lower() if who and who.lower() in _PRONOUNS else None
        if pronoun in PRONOUN_GENDER:
            ahead = sentence[max(0, match.start() - PIECE):match.start()] if own else ""
            meant = _person_meant(pronoun, self.window.back(Unit(ahead, credited)), self.book)
            speaker = meant.who
            before = self.window.before
            if meant.whole and before is not None and (meant.said or meant.named) and self._opens_with(pronoun, before):
                carried = _carried(pronoun, before, self.book)  # "Maria Lopez ... / She said ... / “...,” she said."
                if not meant.named:
                    speaker = carried
                elif speaker and carried and surname(carried) != surname(speaker) and self.book.fit(speaker, pronoun) != YES:
                    speaker = None  # "Tom Smith disagreed." is no nearer "she" than the one the paragraph before meant
            if speaker:
                self.book.bind(speaker, pronoun)
        else:
            speaker = _credit(who, pronoun, self.previous)
        if speaker and is_bare_description(speaker):  # "the report": whose, as the article said before
            ahead = sentence[part_begins:match.start()]
            speaker = self.article.resolve(speaker, paragraph, sentence_index, ahead)
        return speaker, own

    def _opens_with(self, pronoun: str, paragraph: Paragraph) -> bool:
        """Whether the paragraph (a few units, all read by the walk back) says the pronoun before naming anyone:
        then whom it means is for the paragraph before it to say."""
        surnames = self.book.surnames()
        for unit in paragraph.split():
            speaker, people, says = _read_unit(unit, surnames)
            if speaker or people:
                return False
            if pronoun in says:
                return True
        return False


_OPENS = re.compile(r'\s*[“"]')


def _left_open(paragraph: str, following: str) -> str:
    """The closing mark of a quote the paragraph leaves open for the next to go on with, or "": in news style a
    quote running on to the next paragraph is not closed, and the next one opens with the mark again."""
    opens = _OPENS.match(following)
    if opens and opens.group(0).endswith("“") and paragraph.count("“") > paragraph.count("”"):
        return "”"
    return '"' if opens and opens.group(0).endswith('"') and paragraph.count('"') % 2 == 1 else ""


def _continue(candidates: list[_Candidate], at: int, speaker: str | None, own: bool) -> str | None:
    """The speaker of a quote going on from the paragraph before: the opening part's, or, when only this part
    names one ("“...  / “...,” Lopez said."), this one's, given to the opening part as well."""
    opening = candidates[at]
    if opening.quote.speaker is not None and not own:
        return opening.quote.speaker
    if speaker is not None and opening.quote.speaker is None:
        candidates[at] = replace(opening, quote=replace(opening.quote, speaker=speaker,
                                                        described=is_description(speaker)))
    return speaker


def find_key_quotes(paragraphs: Sequence[str], topic_terms: Sequence[str] = ()) -> list[Quote]:
    """All key quotes, best first: attributed, substantial, early and on-topic quotes rank highest."""
    candidates: list[_Candidate] = []
    speakers = _Speakers(paragraphs)
    quoteless: str | None = None
    continued: int | None = None  # the candidate the paragraph before left open, continued in this one
    for index, paragraph in enumerate(paragraphs):
        speakers.window.next_paragraph(quoteless)
        if "“" not in paragraph and '"' not in paragraph:
            speakers.previous = quoteless = paragraph  # only split if a following quote needs its speaker
            continued = None
            continue
        quoteless = None
        closing = _left_open(paragraph, paragraphs[index + 1] if index + 1 < len(paragraphs) else "")
        opening, continued = continued, None
        first = 0  # the unit's first sentence, counted in the paragraph
        for parts in _quote_units(paragraph + closing):
            sentence = " ".join(parts)
            ends = list(accumulate(len(part) + 1 for part in parts))  # where each part ends in the unit, plus one
            credited: str | None = None
            for match in _QUOTED.finditer(sentence):
                text = (match.group(1) or match.group(2) or "").strip()
                if not is_key_quote(text):
                    continue
                part = bisect_right(ends, match.start())  # the part the quote starts in
                begins = ends[part - 1] if part else 0
                speaker, own = speakers.credit(sentence, match, index, first + part, begins, credited)
                if opening is not None and first == match.start() == 0:  # the rest of the last paragraph's quote
                    speaker, opening = _continue(candidates, opening, speaker, own), None
                credited = speaker or credited
                quote = Quote(trim_quote(text), speaker, index, bool(speaker and is_description(speaker)))
                candidates.append(_Candidate(quote, own, len(text.split())))
                continued = len(candidates) - 1 if closing and match.end() == len(sentence) else None
            speakers.window.here.append(Unit(sentence, credited))
            speakers.previous = sentence
            first += len(parts)
    total = max(len(paragraphs), 1)
    terms = [t.casefold() for t in topic_terms]

    def score(c: _Candidate) -> float:
        attribution = 3.0 if c.quote.speaker and c.own_attribution else 2.5 if c.quote.speaker else 0.0
        length = min(c.words, 40) / 10
        position = 1.0 - c.quote.paragraph / total
        folded = c.quote.text.casefold()
        topical = 1.5 * min(2, sum(1 for t in terms if t in folded))
        return attribution + length + position + topical

    ranked = sorted(candidates, key=lambda c: (-score(c), c.quote.paragraph))
    seen: set[str] = set()
    result = []
    for c in ranked:
        if c.quote.text not in seen:
            seen.add(c.quote.text)
            result.append(c.quote)
    return result
