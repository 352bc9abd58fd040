"""feedparser with reader's speed-ups gives exactly what stock feedparser gives.

The speed-ups replace five of feedparser's internals (reader/fetch/feedparser_tuning.py); these
tests compare every result field with and without them, over the bundled samples, documents
written to reach each replaced path, and (when ../shared is present) feedparser's own corpus.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from typing import Any

import feedparser
import feedparser.api
import feedparser.mixin
import feedparser.util
import pytest

from reader.fetch.feedparser_tuning import (
    PLAIN_ABSOLUTE,
    BufferedExpatParser,
    _plain_absolute_first,
    copy_content_params,
    plain_keys_direct,
    translating_c1_only,
    translation_table,
    tune_feedparser,
)
from reader.fetch.parse import _feedparser
from tests.conftest import REPO
from tests.e2e.test_corpus import corpus_files

_STOCK = {"table": feedparser.mixin._cp1252, "safe": feedparser.mixin.make_safe_absolute_uri,
          "join": feedparser.mixin._urljoin, "pop": feedparser.mixin._FeedParserMixin.pop,
          "mapping": {name: vars(feedparser.util.FeedParserDict)[name]
                      for name in ("__getitem__", "__contains__", "get", "__setitem__")}}

EDGE_CASES = [
    # Escaped HTML split by entities and line breaks; Windows-1252 C1 controls; curly quotes.
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T &amp; U</title>'
    b"<item><title>\xe2\x80\x9cQuoted\xe2\x80\x9d &#150; dash &#x92;s</title><description>&lt;p&gt;One\n"
    b"&lt;b&gt;two&lt;/b&gt;&#10;three&lt;/p&gt; \xc2\x85 \xc2\x93x\xc2\x94</description>"
    b"<link>/relative/story?a=1&amp;b=2</link><guid>42</guid></item></channel></rss>",
    # xml:base chains, relative links and ids, a javascript: base that must be refused.
    b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/root/"><title>A</title>'
    b'<entry xml:base="sub/"><id>entry-1</id><title type="html">&lt;em&gt;x&lt;/em&gt;</title>'
    b'<link href="page.html"/><content type="xhtml" xml:base="javascript:alert(1)"><div xmlns="http://www.w3.org/1999/xhtml">'
    b'<a href="rel">a</a> &#8220;q&#8221; \xf0\x9f\x93\xb0</div></content></entry></feed>',
    # CDATA next to text, a long text run bigger than expat's default buffer.
    b"<rss version='2.0'><channel><item><title>c</title><description><![CDATA[<p>cdata</p>]]> tail &amp; "
    + b"word " * 20_000 + b"</description></item></channel></rss>",
    # Not well-formed: the loose parser takes over.
    b"<rss version='2.0'><channel><item><title>broken &nbsp; <b>unclosed</title></channel>",
]


def comparable(result: Any) -> dict[str, Any]:
    """Everything feedparser returns, with the bozo exception reduced to its text (exceptions never compare equal)."""
    problem = result.get("bozo_exception")
    return {"feed": result.feed, "entries": result.entries, "version": result.version, "bozo": result.bozo,
            "problem": f"{type(problem).__name__}: {problem}" if problem else None,
            "encoding": result.get("encoding"), "namespaces": result.get("namespaces")}


def parse(data: bytes, headers: dict[str, str] | None) -> dict[str, Any]:
    return comparable(feedparser.parse(data, response_headers=headers, sanitize_html=False,
                                       resolve_relative_uris=False))


@pytest.fixture
def stock_feedparser(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Undo the tuning for the duration of a test; tests then call tune_feedparser to compare."""
    _feedparser()
    monkeypatch.setattr(feedparser.api, "PREFERRED_XML_PARSERS", ["drv_libxml2"])
    monkeypatch.setattr(feedparser.mixin, "_cp1252", _STOCK["table"])
    monkeypatch.setattr(feedparser.mixin, "make_safe_absolute_uri", _STOCK["safe"])
    monkeypatch.setattr(feedparser.mixin, "_urljoin", _STOCK["join"])
    monkeypatch.setattr(feedparser.mixin, "copy", copy)
    monkeypatch.setattr(feedparser.mixin._FeedParserMixin, "pop", _STOCK["pop"])
    for name, method in _STOCK["mapping"].items():
        monkeypatch.setattr(feedparser.util.FeedParserDict, name, method)
    yield


def stock_then_tuned(documents: list[tuple[bytes, dict[str, str] | None]]) -> tuple[list[Any], list[Any]]:
    stock = [parse(data, headers) for data, headers in documents]
    tune_feedparser()
    return stock, [parse(data, headers) for data, headers in documents]


def test_every_replacement_is_in_place() -> None:
    _feedparser()
    assert feedparser.api.PREFERRED_XML_PARSERS[0] == "reader.fetch.feedparser_tuning"
    assert isinstance(feedparser.mixin._cp1252, str)
    assert hasattr(feedparser.mixin.make_safe_absolute_uri, "cache_info")
    assert hasattr(feedparser.mixin._urljoin, "plain_absolute_first")
    assert feedparser.mixin.copy is not copy
    assert feedparser.mixin._FeedParserMixin.pop.translates_c1_only  # type: ignore[attr-defined]
    assert feedparser.util.FeedParserDict.__getitem__.plain_keys_direct  # type: ignore[attr-defined]
    import xml.sax

    assert isinstance(xml.sax.make_parser(feedparser.api.PREFERRED_XML_PARSERS), BufferedExpatParser)


def test_plain_absolute_uris_join_as_urljoin_joins_them() -> None:
    """300,000 random URI-like strings against feedparser's own join: the shortcut never changes a result."""
    join = _plain_absolute_first(_STOCK["join"])
    rng = random.Random(5)
    pieces = [chr(c) for c in range(0x20, 0x7F)] + ["\t", "\n", "é", "/", "/", "?", "#", "..", "%2F", ":80"]
    bases = ["http://example.com/feed/", "https://x.org/a/b?c", "", "ftp://h/", "http://h", "feed://h/x"]
    taken = 0
    for _ in range(300_000):
        uri = rng.choice(["http://", "https://", "http:///", "HTTP://", "https:", "http://[::1]"]) + "".join(
            rng.choice(pieces) for _ in range(rng.randrange(14)))
        base = rng.choice(bases)
        taken += bool(PLAIN_ABSOLUTE.match(uri))
        assert join(base, uri) == _STOCK["join"](base, uri), (base, uri)
    assert taken > 10_000  # the shortcut was tried on many
    for uri in ("http://a/b?", "http://a/b#", "http://a/b;p", "http:///a", "http://a/b?#f", "http://[::1]/x"):
        assert not PLAIN_ABSOLUTE.match(uri)


def test_content_params_copy_as_deepcopy_does() -> None:
    from feedparser.util import FeedParserDict

    params = FeedParserDict({"type": "text/html", "language": None, "base": "http://a/", "base64": False})
    params["value"] = "<p>x</p>"
    duplicate = copy_content_params(FeedParserDict, params)
    assert duplicate == copy.deepcopy(params) and duplicate is not params and type(duplicate) is FeedParserDict
    nested = FeedParserDict({"type": "text/html", "extra": ["a list"]})
    assert copy_content_params(FeedParserDict, nested)["extra"] is not nested["extra"]  # deepcopy's own path


def test_plain_keys_direct_reads_and_writes_as_feedparser_does() -> None:
    """Every remapped, derived and plain key, present or not, on feedparser's own dict and the tuned one."""
    import warnings

    from feedparser.util import FeedParserDict

    assert not hasattr(_STOCK["mapping"]["__getitem__"], "plain_keys_direct")

    class Stock(dict):  # type: ignore[type-arg]
        keymap = FeedParserDict.keymap
        locals().update(_STOCK["mapping"])

    class Tuned(dict):  # type: ignore[type-arg]
        keymap = FeedParserDict.keymap
        locals().update(plain_keys_direct(Stock))

    derived = {"category", "enclosures", "license", "updated", "updated_parsed"}  # read from feedparser/util.py
    keys = sorted(set(FeedParserDict.keymap) | derived | {"title", "links", "tags", "href", "x", ""})
    filled: dict[str, Any] = {"tags": [{"term": "t"}], "links": [{"rel": "enclosure", "href": "h"}],
                              "published": "p", "published_parsed": 1, "summary": "s", "href": "u"}
    for contents in ({}, filled, {"tags": [], "links": [], "updated": "u", "description": "d"}):
        for key in keys:
            results = []
            for kind in (Stock, Tuned):
                mapping = kind(contents)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    try:
                        got: Any = mapping[key]
                    except (KeyError, IndexError) as error:
                        got = type(error)
                    seen = (got, key in mapping, mapping.get(key, "default"))
                mapping[key] = "written"
                results.append((seen, dict(mapping)))
            assert results[0] == results[1], (contents, key)


def test_pop_is_its_own_source_with_only_the_translation_guarded() -> None:
    import inspect

    assert not hasattr(_STOCK["pop"], "translates_c1_only")
    tuned = translating_c1_only(_STOCK["pop"], vars(feedparser.mixin))
    assert tuned is not _STOCK["pop"] and tuned.__code__.co_firstlineno == _STOCK["pop"].__code__.co_firstlineno
    stock_source = inspect.getsource(_STOCK["pop"])
    assert stock_source.count("output.translate(_cp1252)") == 1
    assert translating_c1_only(lambda output: output, vars(feedparser.mixin)).__name__ == "<lambda>"  # not its line


def test_translation_table_matches_the_dict_at_every_code_point() -> None:
    fixes = _STOCK["table"]
    assert isinstance(fixes, dict)
    everything = "".join(map(chr, range(0x110000)))  # lone surrogates included: str allows them
    assert everything.translate(translation_table(fixes)) == everything.translate(fixes)


@pytest.mark.usefixtures("stock_feedparser")
def test_same_results_on_samples_and_edge_cases() -> None:
    samples = sorted((REPO / "reader" / "samples").glob("*.xml"))
    assert samples
    documents = [(p.read_bytes(), None) for p in samples]
    documents += [(doc, {"content-type": "application/xml", "content-location": "http://example.com/feed/x.xml"})
                  for doc in EDGE_CASES]
    documents += [(doc, None) for doc in EDGE_CASES]
    stock, tuned = stock_then_tuned(documents)
    assert tuned == stock
    assert stock[len(samples)]["entries"][0]["link"] == "http://example.com/relative/story?a=1&b=2"


@pytest.mark.slow
@pytest.mark.usefixtures("stock_feedparser")
def test_same_results_on_the_feedparser_corpus() -> None:
    files = corpus_files()
    if not files:
        pytest.skip("the shared corpus is not beside the repository")
    documents: list[tuple[bytes, dict[str, str] | None]] = [
        (p.read_bytes(), {"content-type": "application/xml", "content-location": f"http://example.com/{p.name}"})
        for p in files
    ]
    stock, tuned = stock_then_tuned(documents)
    differ = [str(path) for path, a, b in zip(files, stock, tuned, strict=True) if a != b]
    assert not differ, differ[:10]
