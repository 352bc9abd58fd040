"""Parsing only what changed: items cut out by fingerprint, and stored entries not mapped again.

The main check: with any subset of a document's items cut out, the rest parse to exactly what
the whole document gives for them (bundled samples, generated feeds and, when ../shared is
present, every document in feedparser's corpus).
"""

from __future__ import annotations

import pytest

from benchmarks.feedgen import make_feeds
from reader.fetch.items import split_items
from reader.fetch.parse import FeedParseError, parse_feed_bytes, parse_feed_changes
from tests.conftest import REPO
from tests.e2e.test_corpus import corpus_files
from tests.feed_server import rss

RSS_TYPE = "application/rss+xml; charset=utf-8"


def check_halves(data: bytes, content_type: str | None) -> bool:
    """True when the document was split; asserts each half of its items parses as in the whole."""
    try:
        whole = parse_feed_bytes(data, content_type, "http://127.0.0.1/feed")
    except FeedParseError:
        return False
    split = split_items(data, content_type)
    if split is None or not split.spans:
        return False
    if len(split.spans) > len(whole.entries):
        return False  # an empty item is no entry (entries.entry_of): halves would not line up
    assert len(split.spans) == len(whole.entries)
    for kept in (0, 1):
        seen = b"".join(split.fingerprints[1 - kept::2])
        part = parse_feed_changes(data, content_type, "http://127.0.0.1/feed", seen, {})
        assert part.entries == whole.entries[kept::2]
        assert (part.title, part.link, part.warning) == (whole.title, whole.link, whole.warning)
        assert part.item_hashes == b"".join(split.fingerprints)
    return True


def test_known_items_cut_out_leave_the_rest_exactly_as_parsed() -> None:
    samples = [p.read_bytes() for p in sorted((REPO / "reader" / "samples").glob("*.xml"))]
    generated = list(make_feeds(3, 7).values())
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/">'
            b"<title>A</title><entry><id>1</id><title>One</title><link href='one'/></entry>"
            b"<updated>2026-11-30T00:00:00Z</updated><entry><id>2</id><title>Two</title>"
            b"<content type='html'><![CDATA[<item>not an item</item>]]></content></entry></feed>")
    assert all([check_halves(doc, None) for doc in samples])
    assert all([check_halves(doc, RSS_TYPE) for doc in generated])
    assert check_halves(atom, "application/atom+xml")
    assert len(split_items(atom, None).spans) == 2  # type: ignore[union-attr]


@pytest.mark.slow
def test_known_items_cut_out_leave_the_rest_exactly_as_parsed_over_the_corpus() -> None:
    files = corpus_files()
    if not files:
        pytest.skip("the shared corpus is not beside the repository")
    split = sum(check_halves(p.read_bytes(), "application/xml") for p in files)
    assert split > len(files) / 2


def test_fingerprints_follow_what_shapes_an_items_meaning() -> None:
    doc = rss(("a", "A"), ("b", "B"))
    first = split_items(doc, RSS_TYPE)
    assert first is not None and len(set(first.fingerprints)) == 2
    # A channel that changed around the same items (lastBuildDate, a new title) keeps their fingerprints.
    busier = doc.replace(b"<title>Test feed</title>", b"<title>Renamed</title><lastBuildDate>now</lastBuildDate>")
    assert split_items(busier, RSS_TYPE).fingerprints == first.fingerprints  # type: ignore[union-attr]
    # Namespaces, xml:base or the declared type change how the same bytes parse, so they change the fingerprint.
    rebased = doc.replace(b'<rss version="2.0">', b'<rss version="2.0" xml:base="http://elsewhere/">')
    for other, content_type in ((rebased, RSS_TYPE), (doc, "application/xml")):
        changed = split_items(other, content_type)
        assert changed is not None and not set(changed.fingerprints) & set(first.fingerprints)
    edited = split_items(doc.replace(b"Body of b", b"Body of b, corrected"), RSS_TYPE)
    assert edited is not None and edited.fingerprints[0] == first.fingerprints[0]
    assert edited.fingerprints[1] != first.fingerprints[1]


@pytest.mark.parametrize("doc, content_type", [
    (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "x">]><rss><channel><item><title>&e;</title></item>'
     b"</channel></rss>", None),
    (b'<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><item><title>caf\xe9</title></item></channel></rss>',
     None),
    (rss(("a", "A")), "application/rss+xml; charset=windows-1252"),
    (b"<rss><channel><item><title>unclosed</channel></rss>", None),
    (b"<rss><channel><title>T</title><item/><item><title>x</title></item></channel></rss>", None),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>1</id><source><entry><id>2</id></entry></source>"
     b"</entry></feed>", None),
    ('<?xml version="1.0" encoding="utf-16"?><rss><channel><item><title>x</title></item></channel></rss>'
     .encode("utf-16"), None),
])
def test_documents_that_cannot_be_split_safely_are_parsed_whole(doc: bytes, content_type: str | None) -> None:
    assert split_items(doc, content_type) is None
    whole = parse_feed_bytes(doc, content_type, "http://127.0.0.1/f")
    changes = parse_feed_changes(doc, content_type, "http://127.0.0.1/f", b"\0" * 16, {})
    assert changes.entries == whole.entries and changes.item_hashes == b""


def test_stored_entries_with_the_same_content_are_not_returned() -> None:
    doc = rss(("g1", "One"), ("g2", "Two"), ("g3", "Three"))
    whole = parse_feed_bytes(doc, RSS_TYPE, "http://127.0.0.1/f")
    stored = {e.key: e.content_hash for e in whole.entries}
    # Nothing seen before by fingerprint (say, the first run after an upgrade): every item is parsed, none returned.
    assert parse_feed_changes(doc, RSS_TYPE, "http://127.0.0.1/f", b"", stored).entries == ()
    edited = doc.replace(b"Body of g2", b"Corrected body of g2")
    [changed] = parse_feed_changes(edited, RSS_TYPE, "http://127.0.0.1/f", b"", stored).entries
    assert changed.key == whole.entries[1].key and "Corrected" in changed.content
    stored.pop(whole.entries[2].key)
    assert parse_feed_changes(doc, RSS_TYPE, "http://127.0.0.1/f", b"", stored).entries == whole.entries[2:]


def test_a_body_with_every_item_known_still_gives_the_feed() -> None:
    doc = rss(("g1", "One"), title="Known feed")
    split = split_items(doc, RSS_TYPE)
    assert split is not None
    parsed = parse_feed_changes(doc, RSS_TYPE, "http://127.0.0.1/f", b"".join(split.fingerprints), {})
    assert (parsed.title, parsed.entries, parsed.warning) == ("Known feed", (), None)


def test_an_item_cut_off_before_anything_in_it_was_read_is_no_entry() -> None:
    """A document that ends inside an item's first element leaves feedparser an empty entry: not stored as a ghost."""
    from reader.fetch.parse import parse_feed_bytes

    doc = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><item><guid>1</guid><title>One</title>'
           b"<description>Body one.</description></item><item><title>Cut o")
    parsed = parse_feed_bytes(doc, None, "/x.xml")
    assert [e.key for e in parsed.entries] == ["g:1"] and parsed.warning and "ends too early" in parsed.warning
