"""Which sentences of a story may stand in a summary, read out of context, and which need the one before.

A summary sentence is quoted verbatim and cited, so it must be a sentence of the story's own
prose: not a list item, headline, photo caption or credit, site notice or code, not an answer
whose question was skipped, and not a sentence that leans on the one before ("However, ...",
"It aimed at ...", "... she told host X", "... review its findings") unless that one is chosen too;
one ranking its story's points ("Most significantly, ...") needs a chosen earlier sentence of its own story,
and is read right after the nearest one (never after another outlet's sentence, which it would seem to rank).
What a sentence calls "the department" is noted: an earlier sentence must
have introduced it (see references.py).
Datelines are cut off the front (reader/text/datelines.py): where a story was filed is not what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.digest.references import (
    definite_references,
    introduces,
    outside_quotes,
    pronoun_may_mean_previous,
    speaker_references,
    unresolved_pronoun,
)
from reader.text.credits import holds_credit
from reader.text.datelines import strip_dateline
from reader.text.descriptions import ArticleMentions
from reader.text.sentences import split_sentences

MIN_WORDS, MAX_WORDS = 8, 50
MAX_SENTENCES = 400  # read from each story; a long feature runs to about 150

# A sentence must end like one: a full stop, ! or ?, maybe inside closing quotes or brackets.
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?…][\"”’')\]]*$")
_LIST_MARK = re.compile(r"^(?:[•▪◦‣●*·–-]|\d{1,2}[.)])\s")
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")
# "Iran's President Hassan Rouhani, second left, gives a speech": who is where in a picture.
_PICTURE_POSITION = re.compile(
    r",\s*(?:(?:second|third|fourth|far|centre|center|top|bottom|front|back)\s+)?(?:left|right|centre|center)"
    r"(?:\s+to\s+right)?\s*,|\((?:left|right|center|centre|L|R|C|from left|top|bottom)\)", re.I
)
# Notices a site or an archive adds, and code: phrases no news sentence needs ("slowed to a crawl" is news).
# Subjects of policy news (copyright, privacy policies, terms of service) are not junk: cleaning sets
# such notices apart as page furniture before sentences are chosen.
_SITE_JUNK = re.compile(
    r"order reprints|presentation-ready copies|all rights reserved|©|this (?:page|article|story) "
    r"(?:was|has been) (?:archived|crawled|captured)|archived by|wayback machine|internet archive|archive\.org|"
    r"\bcrawler\b|web crawl|\bcrawls\b|crawl data|archive (?:the )?pages|alexa internet|"
    r"hide caption|toggle caption|enlarge this image|image copyright|image caption|media playback|"
    r"\bclick here\b|\bsign up (?:for|to|here|now|today)|subscribe (?:now|today|here|to "
    r"(?:our|the) newsletter)|newsletter sign|(?:accept|enable) cookies|cookie settings|"
    r"enable javascript|your browser (?:does not|doesn't|is out)|"
    r"follow us on|share this|\bread more\b|https?://|www\.|[{}]|</?[a-z]+[ >]|\bfunction\s*\(|\bvar\s+\w+\s*=",
    re.I,
)
# Sentences that lean on the one before them.
_CONNECTIVE = re.compile(
    r"^(?:but|and|or|so|yet|still|also|then|thus|hence|instead|meanwhile|moreover|furthermore|however|"
    r"nevertheless|nonetheless|otherwise|besides|likewise|similarly|consequently|therefore|indeed|"
    r"even so|that said|as a result|in addition|in contrast|in turn|on the other hand|by contrast|"
    r"at the same time|after that|for example|for instance|"
    r"(?:most|more|less|least|perhaps most|equally)\s+(?:significantly|importantly|notably|strikingly)|"
    r"significantly|importantly|notably|others|another|the other|such|it|its|they|their|them|he|his|him|"
    r"she|her|hers|there,|"
    # "This program ...", but not "This week, ..." (a time, not a reference back).
    r"(?:this|these|those|that)(?!\s+(?:week|weekend|year|month|morning|afternoon|evening|spring|summer|fall|"
    r"autumn|winter|season|time|past|coming)\b))\b",
    re.I,
)
_CAPITALISED_FIRST = re.compile(r"^[\"“‘']?[A-Z0-9]")
# "Most significantly, the task force recommended ...": it ranks what the story says, so it needs the story's
# context (an earlier sentence of it, read right before it), not the very sentence before ("More importantly"
# compares with that).
_RANKS_THE_STORY = re.compile(r"^(?:(?:perhaps\s+)?most\s+)?(?:significantly|importantly|notably|strikingly),\s+",
                              re.I)


# A day told relative to when the story was written ("said Friday", "this week", "yesterday"): read in a digest
# days later it names the wrong day. A weekday followed by its date ("Friday, Oct. 14") is anchored.
_RELATIVE_DAY = re.compile(
    r"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!,?\s+(?:[A-Z][a-z]{2,8}\.?\s+)?\d)"
    r"|(?:yesterday|today|tonight|tomorrow)|(?:this|last|next)\s+(?:week|weekend|morning|afternoon|evening|month)"
    r"|last\s+night"
    # A time of year, or a span back from when it was written: "last December", "next year", "two years ago".
    r"|(?:this|last|next|earlier\s+this|later\s+this)\s+(?:year|spring|summer|fall|autumn|winter|session|term)"
    r"|(?:\w+|a)\s+(?:days?|weeks?|months?|years?)\s+ago)\b", re.I)
# A month named without its year ("in January", "last December", "on March 3"), in capitals: "may" is a verb.
_MONTH_WITHOUT_YEAR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b(?!\.?,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4})")


def relative_day(sentence: str) -> bool:
    """Whether the sentence tells a day relative to when it was written ("said Friday", "this week", "last
    December", "in January", "two years ago"): read in a digest of a much later day, it names the wrong one."""
    return _RELATIVE_DAY.search(sentence) is not None or _MONTH_WITHOUT_YEAR.search(sentence) is not None


@dataclass(frozen=True)
class Candidate:
    """A sentence that may be summarised: where it sits in the story and whether it needs its predecessor."""

    text: str
    paragraph: int
    index: int  # position among the story's sentences, in reading order
    needs_previous: bool
    refers_to: tuple[str, ...] = ()  # what it calls "the department", "the system": introduced earlier
    needs_context: bool = False  # an earlier sentence of its story right before it ("Most significantly, ...")
    # Who "the department said" is, as its article names the body: (head, name), e.g. ("department",
    # "the Department of Homeland Security"). A sentence naming that body must come before it.
    speakers: tuple[tuple[str, str], ...] = ()


def is_story_prose(sentence: str, paragraph: str) -> bool:
    """Whether the sentence reads as the story's own prose (not a list item, caption, credit or site junk)."""
    if _LIST_MARK.match(paragraph) or _FOOTNOTE.search(sentence):
        return False
    if not _ENDS_LIKE_SENTENCE.search(sentence) or not _CAPITALISED_FIRST.match(sentence):
        return False
    if holds_credit(sentence) or _PICTURE_POSITION.search(sentence):
        return False
    return not _SITE_JUNK.search(sentence)


def leans_on_previous(sentence: str, before: str = "") -> bool:
    """A dangling connective or demonstrative opening, a pronoun with nothing before it in the sentence to
    stand for ("he would review its findings") or one after a speech verb that may mean what the story's
    sentence `before` it was about ("The program checks ... ICE says it has led to ..."), or a quotation
    with no one named outside it (its speaker is in the sentence before)."""
    if _CONNECTIVE.match(sentence):
        return True
    if not re.search(r"\w", outside_quotes(sentence)):
        return True
    return unresolved_pronoun(sentence) or pronoun_may_mean_previous(sentence, before)


def story_candidates(paragraphs: tuple[str, ...], headline: str = "") -> list[Candidate]:
    """Every sentence of the story's first MAX_SENTENCES fit to summarise, in reading order, datelines cut off.

    A summary draws on a story's opening (news puts what matters first); reading no further keeps a
    hostile article of 20,000 paragraphs from stalling the digest. What the story's `headline` names ("Denver
    council requires ...") is introduced for all its sentences, and so is the definite subject of its opening
    sentence ("The council voted 7 to 4 ..."), which is written to be read first, under the headline its
    coverage line gives (a story with no headline has none); "the department said" in it still needs a
    sentence naming the department.
    """
    found: list[Candidate] = []
    index = 0
    previous = ""
    mentions: tuple[ArticleMentions, int] | None = None  # the story's sentences and their number, once needed
    for p_index, paragraph in enumerate(paragraphs):
        if index >= MAX_SENTENCES:
            break
        for s_index, raw in enumerate(split_sentences(paragraph)):
            sentence = strip_dateline(raw) if s_index == 0 else raw
            after_question = previous.rstrip("\"”’') ").endswith("?")
            words = len(sentence.split())
            if (MIN_WORDS <= words <= MAX_WORDS and not after_question and not sentence.endswith("?")
                    and is_story_prose(sentence, paragraph)):
                ranks = _RANKS_THE_STORY.match(sentence)
                leans = leans_on_previous(sentence[ranks.end():] if ranks else sentence, previous)
                heads = speaker_references(sentence)
                if heads and mentions is None:
                    story = _story_sentences(paragraphs)
                    mentions = ArticleMentions(story), len(story)
                speakers = tuple((h, _body_meant(*mentions, h, index)) for h in heads) if mentions else ()
                refers = tuple(h for h in definite_references(sentence)
                               if h in heads or not ((index == 0 and headline.strip()) or introduces(headline, h)))
                found.append(Candidate(sentence, p_index, index, leans, refers,
                                       bool(ranks) and not leans, tuple((h, n) for h, n in speakers if n)))
            previous = raw
            index += 1
    return found


def _story_sentences(paragraphs: tuple[str, ...]) -> list[str]:
    """The story's sentences in reading order, as story_candidates() numbers them."""
    return [s for p in paragraphs for s in split_sentences(p)][:MAX_SENTENCES]


def _body_meant(mentions: ArticleMentions, total: int, head: str, position: int) -> str | None:
    """The body "the <head>" in sentence `position` means, as the article names it: the resolver's answer from
    the sentences before it, else from the whole story (a lede may name it only further down); None if unnamed."""
    credit = f"the {head}"
    for before in (position, total):
        name = mentions.resolve(credit, before)
        if name != credit:
            return name
    return None
