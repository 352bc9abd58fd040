"""Turns feed bytes into ParsedFeed data classes; runs inside worker processes.

feedparser's HTML sanitiser and relative-URI resolution are switched off: this project never
renders feed HTML as HTML (the cleaning pipeline reduces it to text), and the two together are
about two thirds of feedparser's cost.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping
from typing import Any

from reader.article_links import completeness, one_per_article
from reader.fetch.charsets import CHARSET, content_type_for_body
from reader.fetch.entries import (
    clean_label,
    entry_date,
    entry_of,
    item_identity,
    item_of,
    keys_of_their_own,
    search_text,
)
from reader.fetch.guessed_encoding import as_utf8
from reader.fetch.items import FINGERPRINT_BYTES, ItemSpans, split_items
from reader.models import ParsedFeed
from reader.reissued_items import reissue_key, shared
from reader.stories import WordHashes
from reader.text.links import MAX_LINK_CHARS
from reader.text.sanitize import single_line, strip_document_escapes
from reader.text.xml_words import xml_problem
from reader.wording import count_of

MAX_ITEMS = 1_000  # items read of one document unless told ([fetch] max_items, FetchConfig's default too)


class FeedParseError(Exception):
    """The bytes are not a feed we can read; the message says why in words a user can act on."""


class UnsupportedFeedFormat(FeedParseError):
    """The bytes are a feed, in a format the reader does not read (JSON Feed): no page around it links a feed."""


JSON_FEED_UNSUPPORTED = ("a JSON Feed (jsonfeed.org), a format the reader does not read; use the site's RSS or "
                         "Atom feed instead, if it has one")


def is_json_feed(data: bytes) -> bool:
    """A JSON Feed (jsonfeed.org) names its version URL near its start: {"version": "https://jsonfeed.org/version/1.1"."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b"jsonfeed.org/version" in head


# feedparser flags these, but the document was read correctly.
_BENIGN_BOZO = {"CharacterEncodingOverride", "NonXMLContentType"}


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"<html" in head and not any(t in head for t in (b"<rss", b"<feed", b"<rdf"))


@functools.cache
def _feedparser() -> Any:  # the feedparser module (untyped)
    import feedparser

    from reader.fetch.feedparser_tuning import tune_feedparser

    tune_feedparser()
    import feedparser.namespaces._base

    from reader.fetch import guid_links

    guid_links.apply(feedparser.namespaces._base.Namespace)
    return feedparser


_WORDS = WordHashes()
VOCABULARY_LIMIT = 60_000  # tokens; about 8 MB of hashes


def _vocabulary() -> WordHashes:
    """The worker's token hashes, shared by every document it parses, so each token is split and hashed once a run.

    Outlets share most of their words, so a per-document vocabulary hashed the same words again
    for every feed (most of the cost of their shingles). Cleared past VOCABULARY_LIMIT: a hostile
    feed of random words must not grow a long-lived worker without bound.
    """
    if len(_WORDS) > VOCABULARY_LIMIT:
        _WORDS.clear()
    return _WORDS


def preload() -> None:
    """Import and tune feedparser now: a worker does this at start-up, while the first feeds download."""
    _feedparser()


def parse_feed_bytes(data: bytes, content_type: str | None, url: str, max_items: int = MAX_ITEMS) -> ParsedFeed:
    """Parse one feed document; raises FeedParseError when nothing usable is in it."""
    return parse_feed_changes(data, content_type, url, b"", {}, max_items)


def parse_feed_changes(
    data: bytes, content_type: str | None, url: str, seen_items: bytes, stored: Mapping[str, str],
    max_items: int = MAX_ITEMS, recent: frozenset[str] = frozenset(),
) -> ParsedFeed:
    """Parse only what is new since the feed was last stored; runs in a worker process.

    `seen_items` holds the fingerprints of the items in the feed's last stored body (see
    items.py): those are cut out before feedparser runs. `stored` maps the feed's stored entry
    keys to their content hashes: an entry whose hash is unchanged is not mapped or returned.
    The result's `item_hashes` are this body's fingerprints, to be stored once its entries are.
    `recent` holds the reissue keys of the feed's articles changed lately (reissued_items.py): a new
    entry with one of them keeps its key only when no item cut out of this body has that text too.
    Of a document with more than `max_items` items only that many, its newest end, are read
    (the result's warning says so): feedparser holds every item in memory, and a 10 MB feed of
    100,000 tiny items took 40 s and 300 MB to read whole.
    """
    data = strip_document_escapes(data)  # feedparser keeps an escape's payload when it drops or remaps its ESC
    data, content_type = _without_impossible_encodings(data, content_type)
    content_type = content_type_for_body(data, content_type)  # a UTF-8 feed served as charset=koi8-r
    data, content_type = as_utf8(data, content_type)  # an undeclared legacy encoding its bytes show (try11 F13)
    split = split_items(data, content_type)
    if split is None:
        return _parse(data, content_type, url, data, stored, expect_entries=False, max_items=max_items)
    kept = _newest_items(data, content_type, url, split, max_items)
    seen = {seen_items[i:i + FINGERPRINT_BYTES] for i in range(0, len(seen_items), FINGERPRINT_BYTES)}
    drop = [i for i, fingerprint in enumerate(split.fingerprints) if i not in kept or fingerprint in seen]
    reduced = split.without(data, drop) if drop else data
    parsed = _parse(reduced, content_type, url, data, stored, expect_entries=len(drop) > 0, max_items=max_items,
                    items=len(split.spans))
    if drop and any(e.reissue_key in recent for e in parsed.entries):
        parsed = _side_by_side_kept_apart(parsed, split.without(data, [i for i in range(len(split.spans))
                                                                       if i not in kept]), content_type, url)
    # Only the items read count as seen: with a larger max_items the others are read when the body next changes.
    return dataclasses.replace(parsed, item_hashes=b"".join(split.fingerprints[i] for i in kept))


# XML's EncName: what an encoding's name can be. A name with a NUL in it made feedparser's bytes.decode raise
# ValueError (no LookupError, which it handles); one with spaces or escapes cannot name an encoding either.
_ENCODING_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
_DECLARED_ENCODING = re.compile(rb"\A((?:\xef\xbb\xbf)?\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def _side_by_side_kept_apart(parsed: ParsedFeed, whole: bytes, content_type: str | None, url: str) -> ParsedFeed:
    """`parsed` without the reissue key of an entry whose text another item of the whole document has.

    Only for a new entry that looks like the re-issue of a stored article: the whole document is
    read then (rare: a feed re-issuing its item, or a template's new item), to see whether the
    article it would replace is still there beside it.
    """
    headers = {"content-type": content_type, "content-location": url} if content_type else None
    items = [item for item in map(item_of, _feedparser().parse(whole, response_headers=headers, sanitize_html=False,
                                                              resolve_relative_uris=False).entries) if item is not None]
    keys = [reissue_key(item.title, search_text(item)) for item in items]
    side_by_side = shared(keys)
    return dataclasses.replace(parsed, entries=tuple(
        dataclasses.replace(e, reissue_key=None) if e.reissue_key in side_by_side else e for e in parsed.entries))


def _without_impossible_encodings(data: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """The document and its Content-Type without an encoding named by what can be no encoding's name.

    Such a name is dropped, and the document read as any undeclared one is (UTF-8, else by its bytes),
    as feedparser reads one that names an unknown encoding.
    """
    declared = _DECLARED_ENCODING.match(data)
    if declared is not None:
        name = (declared.group(2) if declared.group(2) is not None else declared.group(3)) or b""
        if _ENCODING_NAME.fullmatch(name.decode("latin-1")) is None:
            data = declared.group(1) + data[declared.end():]
    if content_type is not None:
        charset = CHARSET.search(content_type)
        if charset is not None and _ENCODING_NAME.fullmatch(charset.group(1).strip().strip('"')) is None:
            content_type = content_type[:charset.start()] + content_type[charset.end():]
    return data, content_type


def _newest_items(data: bytes, content_type: str | None, url: str, split: ItemSpans, max_items: int) -> range:
    """The indexes of the `max_items` items to read: the document's first, unless its last item is dated later.

    Feeds list their newest items first; the few that list oldest first would otherwise show
    nothing new ever again. Only the first and the last item are parsed to tell.
    """
    count = len(split.spans)
    if count <= max_items:
        return range(count)
    headers = {"content-type": content_type, "content-location": url} if content_type else None
    first, last = (_feedparser().parse(split.without(data, (*range(i), *range(i + 1, count))), response_headers=headers,
                                       sanitize_html=False, resolve_relative_uris=False).entries
                   for i in (0, count - 1))
    return _newest_end(count, first[0] if first else None, last[0] if last else None, max_items)


def _newest_end(count: int, first: Any, last: Any, max_items: int) -> range:
    """The indexes of the `max_items` entries to read of `count`: the last ones when `last` is dated after `first`."""
    first_date, last_date = (entry_date(e) if e is not None else None for e in (first, last))
    if first_date is not None and last_date is not None and last_date > first_date:
        return range(max(0, count - max_items), count)
    return range(min(count, max_items))


def _parse(data: bytes, content_type: str | None, url: str, original: bytes, stored: Mapping[str, str],
           expect_entries: bool, max_items: int, items: int | None = None) -> ParsedFeed:
    """feedparser over `data` (`original` with known items cut out, when `expect_entries`).

    `items` is how many items `original` has when they were counted before parsing (then those
    past `max_items` are already cut out); otherwise only the first `max_items` entries are read.
    """
    feedparser = _feedparser()
    if not data.strip():
        raise FeedParseError("the response was empty: the server sent no feed; check that the address is the "
                             "feed's own, or try again later")
    # Without a Content-Type (a local file) feedparser must sniff; giving it partial headers makes it complain.
    headers = {"content-type": content_type, "content-location": url} if content_type else None
    try:
        parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # the document's fault, in feedparser's own words: that feed's failure, said plainly
        raise FeedParseError(f"not a readable RSS or Atom feed: the feed parser stopped on it "
                             f"({single_line(str(exc), 200) or 'no reason given'}); ask its publisher to fix "
                             "the feed") from None
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and problem.__class__.__name__ in _BENIGN_BOZO and (
            parsed.entries or expect_entries or (parsed.feed and not _looks_like_html(original))):
        problem = None  # read as it should be: a channel with no items yet is an empty feed, not an unreadable one
    said = _problem_words(problem, data if data is original else None) if problem is not None else None
    if not parsed.entries and not expect_entries:
        if is_json_feed(original):
            raise UnsupportedFeedFormat(JSON_FEED_UNSUPPORTED)
        if _looks_like_html(original):
            raise FeedParseError("this is an HTML page, not a feed; use the page's RSS or Atom link instead")
        if problem is not None or not (parsed.feed or parsed.get("version")):  # `<rss version="2.0"/>`: empty
            raise FeedParseError(f"not a readable RSS or Atom feed ({said or 'no feed elements found'}); check that "
                                 "the address is the feed's own, or ask its publisher to fix the feed")
    found = parsed.entries
    if items is None:  # not counted before parsing: every item was parsed, and the newest are read
        items = len(found)
        if items > max_items:
            found = [found[i] for i in _newest_end(items, found[0], found[-1], max_items)]
    words = _vocabulary()
    mapped = one_per_article(keys_of_their_own([item for item in map(item_of, found) if item is not None]),
                             item_identity, completeness)
    entries = tuple(entry_of(item, words) for item in mapped if stored.get(item.key) != item.content_hash)
    side_by_side = shared(e.reissue_key for e in entries)
    if side_by_side:
        entries = tuple(dataclasses.replace(e, reissue_key=None) if e.reissue_key in side_by_side else e
                        for e in entries)
    warnings = [f"{said}; what could be read was kept (its publisher should fix the feed)"] if said else []
    dropped = sum(item.link_dropped for item in mapped)
    if dropped:
        warnings.append(f"{count_of(dropped, 'item')} linked to an address longer than {MAX_LINK_CHARS:,} characters, "
                        "which is not kept (no browser or server takes one reliably): stored without a link")
    if items > max_items:
        warnings.append(f"the feed lists {items:,} items; only its newest {max_items:,} were read "
                        "(raise [fetch] max_items in feeds.toml to read more)")
    warning = "; ".join(warnings) or None
    feed = parsed.feed
    return ParsedFeed(
        title=clean_label(feed.get("title")) or None,
        link=feed.get("link"),
        entries=entries,
        warning=warning,
    )


def _problem_words(problem: Any, document: bytes | None) -> str:
    """The parser's complaint without its internals: what is wrong and, when `document` is what it read, the
    line and column (1-based) in that file. feedparser adds an XML declaration on a line of its own when the
    document has none, and rewrites one that is there: both are undone here."""
    if not hasattr(problem, "getLineNumber"):  # not about XML syntax (an encoding, say): its own words
        return single_line(str(problem), 300) or "unreadable"  # it can quote the document: outside text
    reason = single_line(problem.getMessage(), 200)
    said = f"not well-formed XML: {xml_problem(reason)}"
    if document is None or document.startswith((b"\xff\xfe", b"\xfe\xff")):
        return said  # what the parser read is not the file: a position in it would mislead
    line, column = problem.getLineNumber(), problem.getColumnNumber() + 1
    declared = re.match(rb"(\xef\xbb\xbf)?(<\?xml[^>]*?>)", document)
    if declared is None:
        line -= 1
    elif line == 1:
        column -= len("<?xml version='1.0' encoding='utf-8'?>") - len(declared.group(2))
    return f"{said}, at line {line}, column {column}" if line >= 1 and column >= 1 else said
