"""Opinion pieces (editorials, op-eds, columns, letters): what an outlet or a writer argues, not what happened.

A policy analyst reads the summary as the facts of the day, so an editorial's "the program made
neighborhoods less safe" must never read there as unattributed fact, nor count as New today's news.
The digest keeps opinion out of the summary, New today and the key quotes, marks it in the coverage
list, and gives each piece's opening line under **Opinion**, credited to who argues it ("Valley Post's
editorial board wrote: ..."): where outlets stand is worth knowing, as their stand. A piece is opinion
when its title, byline or link says so: "Editorial: ...", "Opinion | ...", "Op-Ed", an "Editorial
Board" byline, a link under /opinion/ or /editorials/.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.digest.candidates import is_story_prose
from reader.models import Article
from reader.text.clean import CleanArticle
from reader.text.datelines import strip_dateline
from reader.text.display import display_byline
from reader.text.sentences import split_sentences

OPENING_PARAGRAPHS = 5  # where an opening sentence is looked for: a hostile piece's 20,000 paragraphs are not read
OPENING_WORDS = 60  # a longer first sentence is not an opening line to quote; the next one is tried

EDITORIAL, OP_ED, COLUMN, LETTER, OPINION = "editorial", "op-ed", "column", "letter", "opinion"
# A title's label, before a colon, bar or dash: "Editorial: Good riddance", "Opinion | Why ...", "OP-ED — ...".
_TITLE = re.compile(
    r"^\s*(?:\[\s*)?(?P<label>editorial|our view|opinion|op-?ed|commentary|column|guest column|letters?"
    r"(?: to the editor)?|viewpoint|perspective|editorial board)\s*(?:\]\s*)?(?:[:|\-–—]|$)", re.I)
_AUTHOR = re.compile(r"\b(?:the\s+)?editorial\s+board\b|\beditors?\s+of\b|^\s*(?:the\s+)?editors\s*$", re.I)
_LINK = re.compile(r"/(?P<label>opinions?|editorials?|op-?eds?|commentary|columns?|letters)(?:/|$)", re.I)
_KINDS = {"editorial": EDITORIAL, "editorials": EDITORIAL, "our view": EDITORIAL, "editorial board": EDITORIAL,
          "op-ed": OP_ED, "oped": OP_ED, "op-eds": OP_ED, "opeds": OP_ED, "column": COLUMN, "columns": COLUMN,
          "guest column": COLUMN, "letter": LETTER, "letters": LETTER, "letter to the editor": LETTER,
          "letters to the editor": LETTER}


def opinion_kind(title: str | None, author: str | None, link: str | None) -> str | None:
    """EDITORIAL, OP_ED, COLUMN, LETTER or OPINION when the title, byline or link marks the piece as opinion,
    else None. The byline "Editorial Board" makes any piece an editorial."""
    if author and _AUTHOR.search(author):
        return EDITORIAL
    for match in (_TITLE.match(title or ""), _LINK.search(_path(link))):
        if match:
            return _KINDS.get(match.group("label").casefold(), OPINION)
    return None


def is_opinion(article: Article) -> bool:
    """Whether the stored article is an opinion piece (opinion_kind)."""
    return opinion_kind(article.title, article.author, article.link) is not None


def _path(link: str | None) -> str:
    """The link's path (no host, query or fragment): "/opinion/" in a query string says nothing."""
    if not link:
        return ""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", link.strip(), flags=re.I)
    return re.split(r"[?#]", path, maxsplit=1)[0]


@dataclass(frozen=True)
class OpinionLine:
    """One opinion piece under its topic: who argues (outlet, kind, byline), its opening line, its coverage number."""

    number: int
    outlet: str
    kind: str
    byline: str | None
    opening: str | None  # the piece's first sentence, verbatim; None when it has no text beyond its title

    def says(self) -> str:
        """Who argues it, and the verb: "Valley Post's editorial board wrote", "Pat Quinn wrote in a Valley Post
        op-ed", "A Valley Post column said"."""
        if self.kind == EDITORIAL:
            mark = "'" if self.outlet.endswith("s") else "'s"
            return f"{self.outlet}{mark} editorial board wrote"
        noun = "opinion piece" if self.kind == OPINION else self.kind
        piece = f"{self.outlet} {noun}"
        if self.byline:
            return f"{self.byline} wrote in {'an' if piece[0].lower() in 'aeiou' else 'a'} {piece}"
        return f"{'An' if piece[0].lower() in 'aeiou' else 'A'} {piece} said"


def opinion_line(number: int, article: Article, cleaned: CleanArticle) -> OpinionLine:
    """The opinion piece's line: its outlet and byline as the cleaned article gives them, and its opening
    sentence (the story's first sentence of prose; its title when it has none)."""
    kind = opinion_kind(article.title, article.author, article.link) or OPINION
    byline = display_byline(article.author)
    outlet = cleaned.source or article.feed_name
    return OpinionLine(number, outlet, kind, None if kind == EDITORIAL or byline == outlet else byline,
                       _opening(cleaned.paragraphs) or cleaned.title or None)


def _opening(paragraphs: Sequence[str]) -> str | None:
    """The first sentence of the piece's own prose (no caption, credit or dateline), however short: an
    editorial's thesis is often its shortest sentence ("The end of S-Comm is overdue.")."""
    for paragraph in paragraphs[:OPENING_PARAGRAPHS]:
        for n, raw in enumerate(split_sentences(paragraph)):
            sentence = strip_dateline(raw) if n == 0 else raw
            if 3 <= len(sentence.split()) <= OPENING_WORDS and is_story_prose(sentence, paragraph):
                return sentence
    return None
