from pathlib import Path

import pytest

from reader.config import FeedConfig, load_config
from reader.feeds.opml import OpmlError, parse_opml, render_opml
from tests.conftest import REPO

OPML = Path(__file__).parent / "opml"


def feeds_of(name: str) -> list[tuple[str, str, list[str]]]:
    return [(f.name, f.url, f.tags) for f in parse_opml((OPML / name).read_bytes(), name)]


def test_newsboat_flat_export() -> None:
    assert feeds_of("newsboat.opml") == [
        ("WNYC News", "https://www.wnyc.org/feeds/news", []),
        ("Immigration & Policy", "https://feeds.example.org/immigration.xml", []),
    ]


def test_miniflux_categories_become_tags() -> None:
    assert feeds_of("miniflux.opml") == [
        ("Capitol Dispatch", "https://capitoldispatch.example/feed/", ["All"]),
        ("Borderlands Tribune", "https://borderlandstribune.example/atom.xml", ["Immigration"]),
    ]


def test_feedly_feed_in_two_folders_is_one_feed_with_two_tags() -> None:
    assert feeds_of("feedly.opml") == [
        ("Civic Wire", "https://civicwire.example/rss", ["Policy"]),
        ("Metro Ledger", "https://metroledger.example/feed.atom", ["Policy", "Local"]),
    ]


def test_netnewswire_mixed_folders_and_top_level() -> None:
    assert feeds_of("netnewswire.opml") == [
        ("Capitol Dispatch", "https://capitoldispatch.example/feed/", ["Politics"]),
        ("Daring Fireball", "https://daringfireball.net/feeds/main", []),
    ]


def test_round_trip_loses_nothing() -> None:
    feeds = [FeedConfig("A & B", "https://a.example/x?y=1&z=2", ("one", "two")),
             FeedConfig("Plain", "https://p.example/", ()),
             FeedConfig("Off", "local/off.xml", ("two",), enabled=False),
             FeedConfig('Quote "me"', "https://q.example/", ("one",), full_text=True)]
    back = parse_opml(render_opml(feeds).encode(), "x")
    assert [(f.name, f.url, tuple(f.tags), f.enabled, f.full_text) for f in back] == [
        (f.name, f.url, f.tags, f.enabled, f.full_text) for f in [feeds[1], feeds[0], feeds[3], feeds[2]]]
    default = load_config(REPO / "feeds.toml").feeds
    again = parse_opml(render_opml(default).encode(), "x")
    assert sorted((f.name, f.url, tuple(f.tags)) for f in again) == sorted((f.name, f.url, f.tags) for f in default)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<opml><body><outline", "not well-formed"),
        (b"<rss version='2.0'/>", "not <opml>"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><opml><body/></opml>',
         "DTD"),
    ],
)
def test_malformed_or_hostile_opml_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(OpmlError, match=message):
        parse_opml(data, "bad.opml")


def test_a_tag_with_a_comma_comes_back_whole_and_once() -> None:
    """category="a,b,c" is comma-separated: the tag "a,b" came back as "a,b", "a" and "b", more at each round trip."""
    feeds = [FeedConfig("Two", "https://two.example/rss", ("a,b", "c", "d,e")),
             FeedConfig("Three", "https://three.example/rss", ("c", "x,y")),
             FeedConfig("Plain", "https://plain.example/rss", ("c",))]
    once = parse_opml(render_opml(feeds).encode(), "x.opml")
    assert [(f.name, f.url, tuple(f.tags)) for f in once] == [(f.name, f.url, f.tags) for f in feeds]
    again = parse_opml(render_opml([FeedConfig(f.name, f.url, tuple(f.tags)) for f in once]).encode(), "x.opml")
    assert [tuple(f.tags) for f in again] == [f.tags for f in feeds]
