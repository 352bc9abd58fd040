"""Finds key quotes, works out who said them, and ranks them so the best can be pinned.

A key quote is a quoted statement of about six words or more: shorter quoted spans are scare
quotes or titles ("adverse impact"), which say nothing on their own. Its speaker is whoever the text
says spoke it: named after or before it ("..., the report said", "Morton said:"), speaking the clause it
ends ("The task force said the program had caused “...”"), "according to" someone, or, for a quote that
is its sentence's whole content, the speaker of the sentence before. A description ("the report") is
resolved to what the article named earlier (descriptions.py), and a surname ("Johnson") to the person the article
named in full before ("Homeland Security Secretary Jeh Johnson"; attribution.py); "he" or "she" to the nearest
person the article's evidence of gender leaves (pronouns.py), or, when the paragraph before says "she" too before naming
anyone, whom that one meant ("Maria Lopez runs the jail. / She said ... / “...,” she said."). A quote running
on into the next paragraph (left open, the next opening again) is one speaker's. The sentence-level reading
is attribution.py's. Otherwise it is unattributed: a speaker is never
guessed across another clause that may have its own ("Lee said ...; critics called it “...”"). A credit
that describes its speaker ("a spokeswoman for ICE") is marked `described`, so it is not shown as a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, islice

from reader.text.attribution import (
    PRONOUNS,
    QUOTED,
    REACH,
    VERBS,
    ArticleNames,
    clean_speaker,
    is_surname_credit,
    last_sentence,
    named_speaker,
    speaker_in,
)
from reader.text.descriptions import (
    is_bare_description,
    is_description,
    only_antecedent,
)
from reader.text.names import names_no_one
from reader.text.pronouns import (
    PRONOUN_GENDER,
    YES,
    GenderBook,
    Paragraph,
    Unit,
    Window,
    mentions,
    surname,
)
from reader.text.sentences import split_sentences

MIN_QUOTE_WORDS = 4  # "adverse impact", "a new era": three words or fewer are scare quotes, not statements
TITLE_MAX_WORDS = 6  # a quote shorter than this in capitals is a title ("Gone With the Wind"), not a statement
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "with", "by"})
PINNED = 3
WALK = 8  # sentences read back, through the quote's paragraph and the one before it, for who "he" or "she" is
PIECE = 600  # characters read of each, its end: a unit a quote left open may hold the rest of a paragraph


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


def _credit(who: str | None, pronoun: str | None, previous: str | None) -> str | None:
    """The speaker a quote's text gives, else whom the sentence before names: the one speaking, or for "it" the
    one body it names ("ICE detained 40 people. “...,” it said."). "He" and "she" are _person_meant's."""
    if who is not None and pronoun is None:
        return clean_speaker(who)
    if previous is None:
        return None
    last = last_sentence(previous)
    named = named_speaker(last)
    if named is not None and named in PRONOUNS:  # "It said ...": who "it" is, is not said there
        named = None
    if named is None and pronoun is not None:
        named = only_antecedent(pronoun, last)
    return clean_speaker(named) if named else None


_SAID_PRONOUN = re.compile(r"\b(?:[Ss]?[Hh]e)\b")


def _read_unit(unit: Unit, book: GenderBook) -> tuple[str | None, list[str], frozenset[str]]:
    """The unit's speaker (a person), the people it names outside quotes, and the "he" or "she" it says there.

    A speaker named by one word is a person only as the surname of someone the article names ("Lopez" after
    "Maria Lopez", "Ms. Lopez"): "Microsoft said ...", "Reuters reported ..." or "Amnesty disagreed." before
    "“...,” she said." is no one "she" can be; nor is a name written as a company's ("Microsoft Corp.")."""
    if unit.read is None:
        text = unit.text[-PIECE:]
        named = unit.credit or named_speaker(text)
        speaker = clean_speaker(named) if named and named.lower() not in PRONOUNS else None
        outside = QUOTED.sub(" ", text)
        things = book.things()
        people = [p for p in mentions(outside, book.surnames()) if p not in things]
        said = frozenset(m.group(0).lower() for m in _SAID_PRONOUN.finditer(outside))
        unit.read = (speaker if speaker and book.is_person(speaker) and speaker not in things else None, people, said)
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
    walked, said = 0, False
    for unit in islice(units, WALK):
        walked += 1
        speaker, people, says = _read_unit(unit, book)
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
        self.article = ArticleNames(paragraphs)
        self.book = GenderBook(paragraphs)
        self.window = Window()
        self.previous: str | None = None  # the unit or quoteless paragraph before

    def credit(self, sentence: str, match: re.Match[str], paragraph: int, sentence_index: int,
               part_begins: int, credited: str | None) -> tuple[str | None, bool]:
        """(speaker, whether the quote's own sentence gives it) for the quote `match` in `sentence`; `credited` is
        whom the unit's quotes before it were credited to."""
        who = speaker_in(sentence, match.start(), match.end())
        own = who is not None
        if not own and not _few_words_outside(sentence, match.start(), match.end()):
            return None, False
        if not own and (carried := self.window.last_credit()):
            return carried, False  # “...,” she said. “...”: the second is hers as well
        if not own and self.previous is not None:
            named = named_speaker(last_sentence(self.previous))
            who = named if named in PRONOUN_GENDER else None  # "He told reporters ... “...”": who "he" is
        pronoun = who.lower() if who and who.lower() in PRONOUNS else None
        if pronoun in PRONOUN_GENDER:
            ahead = sentence[max(0, match.start() - PIECE):match.start()] if own else ""
            speaker = self._person(pronoun, Unit(ahead, credited))
            if speaker:
                self.book.bind(speaker, pronoun)
        else:
            speaker = _credit(who, pronoun, self.previous)
        if speaker and is_bare_description(speaker):  # "the report": whose, as the article said before
            ahead = sentence[part_begins:match.start()]
            speaker = self.article.resolve(speaker, paragraph, sentence_index, ahead)
        elif speaker and is_surname_credit(speaker):  # "Johnson", "Mr. Johnson", "de Blasio"
            ahead = sentence[part_begins:match.start()]
            speaker = self.article.full_name(speaker, paragraph, sentence_index, ahead)
        return (None if speaker and names_no_one(speaker) else speaker), own

    def _person(self, pronoun: str, ahead: Unit) -> str | None:
        """Who the quote's "he" or "she" is (`ahead`: its unit up to it): whom the walk back finds, or, when the
        paragraph before says the pronoun before naming anyone, whom that one meant, carried on."""
        meant = _person_meant(pronoun, self.window.back(ahead), self.book)
        before = self.window.before
        if not meant.whole or before is None or not self._opens_with(pronoun, before):
            return meant.who
        carried = _carried(pronoun, before, self.book)  # "Maria Lopez ... / She said ... / “...,” she said."
        if not meant.named:
            return carried
        nearer = meant.who
        if nearer and carried and surname(carried) != surname(nearer) and self.book.fit(nearer, pronoun) != YES:
            return None  # "Tom Smith disagreed." is no nearer "she" than the one the paragraph before meant
        return meant.who

    def _opens_with(self, pronoun: str, paragraph: Paragraph) -> bool:
        """Whether the paragraph (a few units, all read by the walk back) says the pronoun before naming anyone:
        then whom it means is for the paragraph before it to say."""
        for unit in paragraph.split():
            speaker, people, says = _read_unit(unit, self.book)
            if speaker or people:
                return False
            if pronoun in says:
                return True
        return False


_OPENS = re.compile(r'\s*[“"]')
# Where a quote opens: the paragraph's start, after a sentence or clause ("Lopez said: “...") or a speaking verb. A
# mark inside a clause ("known as “the fairest deal, it ...") is a stray one whose close was lost, not a quote.
_QUOTE_MAY_OPEN = re.compile(rf"(?:^|[.:!?,;—–]|\b(?:{VERBS}))\s*$")


def _left_open(paragraph: str, following: str) -> str:
    """The closing mark of a quote the paragraph leaves open for the next to go on with, or "": in news style a
    quote running on to the next paragraph is not closed, and the next one opens with the mark again."""
    opens = _OPENS.match(following)
    if opens is None:
        return ""
    mark = opens.group(0)[-1]
    left = paragraph.count("“") > paragraph.count("”") if mark == "“" else paragraph.count('"') % 2 == 1
    at = paragraph.rfind(mark)
    if not left or not _QUOTE_MAY_OPEN.search(paragraph, max(0, at - 40), at):
        return ""
    return "”" if mark == "“" else '"'


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
            for match in QUOTED.finditer(sentence):
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
