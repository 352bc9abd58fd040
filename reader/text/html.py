"""HTML (a feed fragment or a whole page) to text blocks, with stdlib's real HTML parser.

Blocks keep their kind (paragraph, heading, list item, quote, caption) so the reading view can
set captions apart. Scripts, styles, navigation and forms never become text. On a whole page
only the <article> (else <main>) is read when there is one, so menus and footers stay out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from typing import Literal

from reader.text.sanitize import fold_whitespace, strip_control_characters, strip_markup_escapes

CELL_SEPARATOR = " · "  # between the cells of a table row, which is one block
BlockKind = Literal["p", "h", "li", "quote", "caption", "pre"]


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a whole page says about itself in <title> and <meta> tags."""

    title: str | None = None
    byline: str | None = None
    source: str | None = None
    published: str | None = None


_SKIP = {"script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button", "svg",
         "iframe", "select", "textarea", "object", "canvas", "head"}
_BLOCK = {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
          "ol", "blockquote", "figcaption", "figure", "pre", "table", "tr", "dd", "dt", "dl",
          "address", "caption", "hr", "body", "html"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track"}
_META_KEYS = {
    "og:title": "title", "twitter:title": "title", "author": "byline", "article:author": "byline",
    "byl": "byline", "og:site_name": "source", "article:published_time": "published", "date": "published",
    "pubdate": "published", "dc.date": "published",
}
# Element names that make undeclared text HTML (an article stored before its type was kept, a file):
# any start or end tag of one ("<td></td>" alone was shown as its tags).
_HTML_ELEMENTS = (
    "a|abbr|address|article|aside|b|bdi|bdo|big|blockquote|body|br|caption|center|cite|code|col|colgroup|command|"
    "dd|del|details|dfn|div|dl|dt|em|figcaption|figure|font|footer|h[1-6]|head|header|hr|html|i|iframe|img|ins|kbd|"
    "li|main|mark|nav|ol|option|p|picture|pre|q|s|samp|section|small|source|span|strike|strong|sub|summary|sup|"
    "table|tbody|td|tfoot|th|thead|time|tr|tt|u|ul|var|video|wbr"
)
_LOOKS_HTML = re.compile(rf"</?(?:{_HTML_ELEMENTS})\b[^<>]*>", re.I)
# Any tag or comment at all, for text declared HTML: without one it is decoded, not parsed (blank lines kept).
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--", re.I)
# A character reference with its semicolon: "&#8217;", "&#x2019;", "&eacute;"; "AT&T" and "R&D" are not one.
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


TAG = re.compile(r"<[^>]*>")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_SPACE_RUN = re.compile(r"  +")  # tabs become spaces first; "[ \\t]+" was slow, matching every lone space


# Invisible characters that split a word for search and topic matching though a reader sees one
# ("Com\u00admunities" with a soft hyphen), or join two a reader sees apart ("Secure\u200bCommunities").
# Soft hyphens, word joiners, grapheme joiners and BOMs go; a zero-width space is a space.
# ZWNJ and ZWJ stay: Persian and Indic words and emoji are written with them.
WORD_INVISIBLES = str.maketrans({"\u00ad": None, "\u034f": None, "\u2060": None, "\ufeff": None, "\u200b": " "})
_ANY_WORD_INVISIBLE = re.compile("[\u00ad\u034f\u2060\ufeff\u200b]")


def without_word_invisibles(text: str) -> str:
    """`text` as search and topic matching read it (WORD_INVISIBLES says what changes).

    Searched for first: translate with a table walks every character in Python's slow path (a
    fifth of a parse worker's time per entry went there), and almost no text has any of these.
    """
    return text.translate(WORD_INVISIBLES) if _ANY_WORD_INVISIBLE.search(text) else text


def html_to_search_text(fragment: str) -> str:
    """A cheap tag strip for the search index and topic matching; reading uses html_to_blocks instead."""
    fragment = strip_markup_escapes(fragment)  # before unescape drops an escape's &#27; and leaves its payload
    if "<" in fragment:
        fragment = TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", fragment))
    return _search_lines(unescape(fragment))


def plain_search_text(text: str) -> str:
    """Plain text (a feed's type="text" content: "<p>" in it is literal) as search and topic matching read it."""
    return _search_lines(strip_markup_escapes(text))


def _search_lines(text: str) -> str:
    text = without_word_invisibles(strip_control_characters(text))
    text = _SPACE_RUN.sub(" ", text.replace("\t", " "))
    return "\n".join(filter(None, map(str.strip, text.splitlines())))  # runs of spaces never span lines


def looks_like_html(text: str) -> bool:
    """True when undeclared text has a start or end tag of an HTML element: it is read as HTML."""
    return _LOOKS_HTML.search(text) is not None


def has_tag(text: str) -> bool:
    """True when text declared HTML has any tag or comment, so it must be parsed rather than just decoded."""
    return _ANY_TAG.search(text) is not None


def decode_character_references(text: str) -> str:
    """Text with its complete character references decoded as HTML5 does ("&#146;" is ’, as in Windows-1252).

    For tag-less text whose type is unknown: nearly all feed content is HTML, and a WordPress
    excerpt ("The council&#8217;s vote") has no tag to tell. A bare "&" ("AT&T") stays as it is.
    """
    return _CHARACTER_REFERENCE.sub(lambda m: unescape(m.group()), text) if "&" in text else text


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[Block, int]] = []  # block, container depth (1 article, 2 main, 0 none)
        self.buf: list[str] = []
        self.stack: list[str] = []
        self.skip_depth = 0
        self.in_article = 0
        self.in_main = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.breaks = 0  # <br> since the last text: two or more end a paragraph (Blogger, mail-to-RSS)
        self.cell_after = False  # a table cell began after text of its row: its text comes after CELL_SEPARATOR

    def _kind(self) -> BlockKind:
        for tag in reversed(self.stack):
            if tag in ("figcaption", "caption"):
                return "caption"
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                return "h"
            if tag == "li":
                return "li"
            if tag == "blockquote":
                return "quote"
            if tag == "pre":
                return "pre"
        return "p"

    def flush(self) -> None:
        text = fold_whitespace("".join(self.buf))
        self.buf = []
        self.breaks, self.cell_after = 0, False
        if text:
            where = 1 if self.in_article else 2 if self.in_main else 0
            self.blocks.append((Block(self._kind(), text), where))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = _META_KEYS.get((a.get("property") or a.get("name") or "").lower())
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"]
            return
        if tag == "title" and not self.stack.count("body"):
            self.in_title = True
        if tag in _SKIP:
            self.skip_depth += 1
        if tag == "br" and not self.skip_depth:
            self.breaks += 1
            if self.breaks == 2:
                self.flush()
            else:
                self.buf.append(" ")
        if tag in ("td", "th") and not self.skip_depth and "".join(self.buf).strip():
            self.cell_after = True  # a table row is one line: "Arizona · Mandatory", once the next cell has text
        if tag in _VOID:
            return
        if tag in _BLOCK and not self.skip_depth:
            self.flush()
        self.stack.append(tag)
        self.in_article += tag == "article"
        self.in_main += tag == "main"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag not in self.stack:
            return  # a stray end tag; browsers ignore it too
        if tag in _BLOCK and not self.skip_depth:
            self.flush()
        while self.stack:
            top = self.stack.pop()
            self.in_article -= top == "article"
            self.in_main -= top == "main"
            if top in _SKIP:
                self.skip_depth -= 1
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip_depth:
            if not data.isspace():
                if self.cell_after:
                    self.buf.append(CELL_SEPARATOR)
                self.breaks, self.cell_after = 0, False
            self.buf.append(data)


def html_to_blocks(markup: str) -> tuple[list[Block], PageMeta]:
    """Parse HTML into blocks in reading order, plus whatever metadata a whole page carries."""
    parser = _BlockParser()
    parser.feed(strip_markup_escapes(markup))  # the parser would drop an escape's &#27; and keep its payload
    parser.close()
    parser.flush()
    found = parser.blocks
    for container in (1, 2):
        inside = [b for b, where in found if where == container]
        if inside:
            blocks = inside
            break
    else:
        blocks = [b for b, _ in found]
    title = fold_whitespace("".join(parser.title_parts)) or None
    meta = parser.meta
    return blocks, PageMeta(
        title=meta.get("title") or title,
        byline=meta.get("byline"),
        source=meta.get("source"),
        published=meta.get("published"),
    )
