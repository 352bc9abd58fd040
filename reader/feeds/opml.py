"""OPML 2.0 in and out: folders become tags and tags become folders, so a round trip loses nothing.

Reads the shapes newsboat, Miniflux, Feedly and NetNewsWire export: flat lists, one level of
folders, feeds repeated under several folders, and the `category` attribute. A document with a
DTD is refused outright: OPML needs none, and refusing it rules out entity expansion attacks.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from reader.config import FeedConfig
from reader.text.links import STORED_LINK_CHARS
from reader.text.sanitize import single_line, strip_document_escapes
from reader.text.xml_words import xml_problem


class OpmlError(Exception):
    """The file is not usable OPML; the message says where and why."""


@dataclass
class OpmlFeed:
    name: str
    url: str
    tags: list[str]
    enabled: bool = True
    full_text: bool = False


MAX_FOLDER_DEPTH = 50
_FIX = "export the list again from the reader it came from, or fix the file"


def parse_opml(data: bytes, where: str, without_url: list[str] | None = None) -> list[OpmlFeed]:
    """Feeds in document order; a feed listed under several folders appears once with every folder as a tag.

    The labels of outlines with no xmlUrl and nothing inside (no feed, no folder) go into `without_url`,
    so an import can name what it could not use instead of dropping it unseen.
    """
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise OpmlError(f"{where}: has a DTD or entity declarations, which OPML never needs; refusing to read it")
    try:
        root = ET.fromstring(strip_document_escapes(data))  # a raw ESC is no XML character
    except ET.ParseError as exc:
        line, column = exc.position
        said = xml_problem(str(exc).partition(":")[0])  # the position follows, its column 1-based for a reader
        raise OpmlError(f"{where}: not well-formed XML ({said}, at line {line}, column {column + 1}); "
                        f"{_FIX}") from None
    if root.tag != "opml":
        raise OpmlError(f"{where}: the root element is <{single_line(root.tag, 80)}>, not <opml>; {_FIX}")
    body = root.find("body")
    if body is None:
        raise OpmlError(f"{where}: has no <body> element; {_FIX}")
    found: dict[str, OpmlFeed] = {}

    def walk(node: ET.Element, folders: list[str]) -> None:
        for outline in node.findall("outline"):
            # Every attribute is outside text bound for feeds.toml and the terminal: sanitised as it enters.
            # Kept to one past the longest address an import takes, so one longer is refused, never cut and kept.
            url = single_line(outline.get("xmlUrl") or outline.get("xmlurl") or "", STORED_LINK_CHARS)
            label = single_line(outline.get("title") or outline.get("text") or "")
            if url:
                categories = single_line(outline.get("category") or "", 2000).split(",")
                tags = [*folders, *(c.strip().strip("/") for c in categories)]
                tags = [t for t in dict.fromkeys(tags) if t]
                if url in found:
                    found[url].tags = list(dict.fromkeys([*found[url].tags, *tags]))
                else:
                    disabled = (outline.get("isDisabled") or "").lower() == "true"
                    full_text = (outline.get("fullText") or "").lower() == "true"
                    found[url] = OpmlFeed(label or url, url, tags, enabled=not disabled, full_text=full_text)
            elif outline.find("outline") is None:
                if without_url is not None:
                    without_url.append(label or "(an outline with no text)")
            elif len(folders) >= MAX_FOLDER_DEPTH:  # each level is a Python frame, and a tag on every feed below it
                raise OpmlError(f"{where}: folders nested more than {MAX_FOLDER_DEPTH} deep at line "
                                f"{_line_of_outline_depth(data, MAX_FOLDER_DEPTH + 1)} (under "
                                f"{single_line(' / '.join(folders[:3]), 120)} / …); no reader exports that; {_FIX}")
            else:
                walk(outline, [*folders, label] if label else folders)

    walk(body, [])
    return list(found.values())


def _line_of_outline_depth(data: bytes, depth: int) -> int:
    """The line of the first <outline> nested `depth` deep: ElementTree keeps no lines, expat's reader does."""
    import xml.parsers.expat

    reader = xml.parsers.expat.ParserCreate()
    level, found = 0, 0

    def start(tag: str, _attrs: dict[str, str]) -> None:
        nonlocal level, found
        level += tag == "outline"
        if level >= depth and not found:
            found = reader.CurrentLineNumber

    def end(tag: str) -> None:
        nonlocal level
        level -= tag == "outline"

    reader.StartElementHandler, reader.EndElementHandler = start, end
    reader.Parse(strip_document_escapes(data), True)  # it parsed once already, as the same bytes
    return found or 1


def _folders_of(tags: Sequence[str]) -> list[str]:
    """The folders a feed is listed in: its first tag, and every tag with a comma in it.

    `category="a,b,c"` is a comma-separated list, so a tag "a,b" written there came back as "a" and
    "b" (and both again at each round trip); a folder's name is taken whole, and a feed listed in
    several folders is read back once with each folder as a tag.
    """
    return list(dict.fromkeys([*tags[:1], *(t for t in tags if "," in t)]))


def render_opml(feeds: Sequence[FeedConfig], title: str = "policy-reader subscriptions") -> str:
    """OPML 2.0 with one folder per first tag; every tag also goes in `category` for the round trip."""
    def attr(value: str) -> str:  # feeds.toml is edited by hand too: its strings pass the sanitiser on the way out
        return quoteattr(single_line(value, None))

    def outline(f: FeedConfig, indent: str) -> str:
        attrs = f'type="rss" text={attr(f.name)} title={attr(f.name)} xmlUrl={attr(f.url)}'
        listed = [t for t in f.tags if "," not in t]  # `category` is comma-separated: see _folders_of
        if listed:
            attrs += f" category={attr(','.join(listed))}"
        if not f.enabled:
            attrs += ' isDisabled="true"'
        if f.full_text:
            attrs += ' fullText="true"'  # ours; other readers ignore unknown attributes
        return f"{indent}<outline {attrs}/>"

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{title}</title></head>", "  <body>"]
    folders: dict[str, list[FeedConfig]] = {}
    for f in feeds:
        for folder in _folders_of(f.tags):
            folders.setdefault(folder, []).append(f)
        if not f.tags:
            lines.append(outline(f, "    "))
    for folder, members in folders.items():
        lines.append(f"    <outline text={attr(folder)} title={attr(folder)}>")
        lines += [outline(f, "      ") for f in members]
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
