"""Finds each item's bytes in a feed document, so items already stored need not be parsed again.

feedparser costs ~0.4 ms per item, and a feed that gained two items still sends the fifty it
sent last time. expat (C, with handlers only for start and end tags) finds where each
top-level `<item>` or `<entry>` begins and ends in a few hundredths of that. Each item gets a
fingerprint: a hash of its bytes salted with everything outside it that changes how it parses
(Content-Type, XML declaration, its ancestors' tags and attributes, which carry namespaces,
xml:base and xml:lang). Items whose fingerprint was in the feed's last stored body are cut out
before feedparser sees the document; everything else in it stays where it was.

Any document this cannot split safely (not well-formed, a DOCTYPE, an encoding other than
UTF-8, an empty `<item/>`, an item inside an item) returns None, and the whole document is parsed as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

FINGERPRINT_BYTES = 16
# Part of every salt: bump it when parsing or mapping changes, so stored items are read again.
PARSE_VERSION = b"items-v2"
_ITEM_NAMES = {"item", "entry"}
_MAX_ITEM_DEPTH = 2  # rss > channel > item; rdf:RDF > item; feed > entry
_UTF8_NAMES = {"utf-8", "utf8", "us-ascii", "ascii"}


class _Unsplittable(Exception):
    """Raised inside the expat handlers to stop at the first thing this module will not handle."""


@dataclass(frozen=True, slots=True)
class ItemSpans:
    """Where each item starts and ends in the document, and its fingerprint."""

    spans: tuple[tuple[int, int], ...]
    fingerprints: tuple[bytes, ...]

    def without(self, data: bytes, drop: Iterable[int]) -> bytes:
        """The document with the items at these indexes cut out and everything else kept in place."""
        pieces: list[bytes] = []
        at = 0
        for index in sorted(drop):
            start, end = self.spans[index]
            pieces.append(data[at:start])
            at = end
        pieces.append(data[at:])
        return b"".join(pieces)


def split_items(data: bytes, content_type: str | None) -> ItemSpans | None:
    """The document's top-level items with fingerprints, or None when it cannot be split safely."""
    charset = _charset(content_type)
    if charset is not None and charset not in _UTF8_NAMES:
        return None
    if data.startswith((b"\xfe\xff", b"\xff\xfe")):  # UTF-16: byte offsets below assume an ASCII superset
        return None
    parser = expat.ParserCreate()
    # BLAKE2 is built into Python: the workers run without OpenSSL, where SHA-1 is 3x slower.
    salt = hashlib.blake2b(PARSE_VERSION + b"\0" + (content_type or "").encode("latin-1", "replace"),
                           digest_size=FINGERPRINT_BYTES)
    stack: list[str] = []  # open elements outside any item, as "name attrs" text
    spans: list[tuple[int, int]] = []
    fingerprints: list[bytes] = []
    item_start = -1
    item_depth = -1  # the open item's depth, or -1 outside items
    inner = 0  # elements open inside the current item
    item_salt: Any = None

    def declaration(version: str | None, encoding: str | None, standalone: int) -> None:
        if encoding is not None and encoding.lower() not in _UTF8_NAMES:
            raise _Unsplittable
        salt.update(f"<?xml {version} {encoding} {standalone}?>".encode())

    def doctype(*_: object) -> None:
        raise _Unsplittable  # entities could change what an item's bytes mean; leave it to feedparser

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal item_start, item_depth, item_salt, inner
        if item_depth >= 0:
            if name.rpartition(":")[2] in _ITEM_NAMES:
                raise _Unsplittable  # feedparser makes an entry of it too, inside the outer one
            inner += 1
            return
        depth = len(stack)
        if depth <= _MAX_ITEM_DEPTH and name.rpartition(":")[2] in _ITEM_NAMES:
            item_start, item_depth = parser.CurrentByteIndex, depth
            item_salt = salt.copy()
            item_salt.update("\0".join(stack).encode("utf-8", "surrogatepass"))
            return
        stack.append(f"{name} {sorted(attrs.items())!r}")

    def end(name: str) -> None:
        nonlocal item_depth, inner
        if item_depth < 0:
            stack.pop()
            return
        if inner:
            inner -= 1
            return
        at = parser.CurrentByteIndex
        if data[at:at + 2] != b"</":  # an empty <item/>: no end tag to find
            raise _Unsplittable
        stop = data.index(b">", at) + 1
        item_salt.update(data[item_start:stop])
        spans.append((item_start, stop))
        fingerprints.append(item_salt.digest())
        item_depth = -1

    parser.XmlDeclHandler = declaration
    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except (_Unsplittable, expat.ExpatError, ValueError):
        return None
    return ItemSpans(tuple(spans), tuple(fingerprints))


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'").lower()
    return None
