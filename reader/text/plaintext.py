"""Plain-text articles like the seed: a title line, short header lines (outlet, date, "By ..."), then paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from reader.text.furniture import is_furniture
from reader.text.sanitize import fold_whitespace

_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
# "By Mirela Iverac", "BY JANE DOE AND JOHN ROE", "By Rosa Delgado, Staff Writer"; not "By the end of ...".
_NAME_WORD = r"[A-Z][\w.'’-]*"
_BYLINE = re.compile(rf"^(?:by|BY|By)\s+({_NAME_WORD}(?:\s+(?:{_NAME_WORD}|and|de|van|von|del|la))*"
                     r"(?:\s*,\s*[\w .'’-]{2,40})?)\s*$")
HEADER_LINE_MAX = 80


@dataclass(frozen=True)
class PlainTextArticle:
    title: str | None
    source: str | None
    published: str | None
    byline: str | None
    paragraphs: list[str]


def parse_date(text: str) -> str | None:
    """An ISO date from the ways newsrooms write dates ("Saturday, September 17, 2011"), or None."""
    text = _WEEKDAY.sub("", text.strip()).replace("Sept.", "Sep.").replace("Sept ", "Sep ")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def byline_name(line: str) -> str | None:
    """"By Mirela Iverac" -> "Mirela Iverac"; None when the line is not a byline."""
    m = _BYLINE.match(line.strip())
    return m.group(1).rstrip(" ,") if m else None


def _furniture_lines_apart(block: str) -> list[str]:
    """A furniture line with no blank line around it ("…Tuesday.\nAdvertisement\nThe…") becomes its own block."""
    if "\n" not in block:
        return [block]
    parts: list[str] = []
    current: list[str] = []
    for line in block.split("\n"):
        if is_furniture(line):
            parts += [" ".join(current)] if current else []
            parts.append(line.strip())
            current = []
        else:
            current.append(line)
    return [*parts, " ".join(current)] if current else parts


def parse_plain_text(text: str, with_header: bool = True) -> PlainTextArticle:
    """Split paragraphs on blank lines; with_header reads the title and header lines first."""
    blocks = [b for b in (block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))) if b]
    title = source = published = byline = None
    if with_header and blocks:
        lines = blocks[0].split("\n")
        title = lines[0].strip()
        header_lines = [ln.strip() for ln in lines[1:]]
        blocks = blocks[1:]
        # Header lines may sit in the title's block or in the next short-lined block.
        if not header_lines and blocks and all(len(ln) <= HEADER_LINE_MAX for ln in blocks[0].split("\n")):
            candidate = [ln.strip() for ln in blocks[0].split("\n")]
            if any(byline_name(ln) or parse_date(ln) for ln in candidate):
                header_lines, blocks = candidate, blocks[1:]
        unused: list[str] = []
        for line in header_lines:
            if byline is None and (name := byline_name(line)):
                byline = name
            elif published is None and (day := parse_date(line)):
                published = day
            elif source is None and len(line) <= HEADER_LINE_MAX:
                source = line
            else:
                unused.append(line)
        if unused:
            blocks.insert(0, " ".join(unused))
    paragraphs = [fold_whitespace(b) for block in blocks for b in _furniture_lines_apart(block)]
    return PlainTextArticle(title=title, source=source, published=published, byline=byline, paragraphs=paragraphs)
