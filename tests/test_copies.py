"""How copies differ, and how many outlets a story has: each feed once, however often it repeats the story."""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

from reader.config import FeedConfig
from reader.copies import CopyText, adds_words, compare_copies, compare_story, describe_addition
from reader.fetch.refresh import refresh
from reader.models import ParsedEntry
from reader.store import Store
from reader.what_changed import story_copies
from tests.conftest import config_for
from tests.e2e.test_cli import reader
from tests.feed_server import FeedServer, Route

WIRE = (
    "WASHINGTON (Civic Wire) — The Department of Homeland Security said Friday it will keep expanding "
    "Secure Communities, despite a task force report that found it had eroded trust.",
    "The program checks the fingerprints of everyone booked into a local jail against federal databases.",
    "“We are committed to implementing Secure Communities in a way that focuses our resources,” "
    "ICE Director John Morton said in a statement.",
    "Illinois, New York and Massachusetts have tried to withdraw from the program.",
)
EARLIEST = CopyText("Civic Wire", "https://w.example/1", "DHS to Press Ahead With Secure Communities", WIRE)
CURRAN = ("“Secure Communities already tells ICE about every person we book, so the question is what else "
          "Washington wants from a county jail,” said Sheriff Mark Curran of Lake County, Illinois.")
LOCAL = "Lake County books about 1,200 people a month, the sheriff's office said."


def copy(source: str, paragraphs: tuple[str, ...], headline: str = EARLIEST.headline) -> CopyText:
    return CopyText(source, None, headline, paragraphs)


def test_touched_up_paragraphs_are_the_same_paragraph() -> None:
    edited = (WIRE[0].replace("(Civic Wire) ", "").replace("said Friday", "said on Friday"), *WIRE[1:])
    changes = compare_copies(EARLIEST, copy("Metro Ledger", edited, "dhs to press ahead with secure communities"))
    assert changes.added == () and changes.cut == () and not changes.headline_changed


def test_finds_exactly_the_added_and_cut_paragraphs() -> None:
    ran = (WIRE[0], WIRE[2], CURRAN, WIRE[1], LOCAL)  # the Illinois paragraph cut, two added, order changed
    changes = compare_copies(EARLIEST, copy("Capitol Dispatch", ran, "DHS presses on"))
    assert changes.added_paragraphs == (CURRAN, LOCAL)
    assert changes.cut == (3,) and changes.cut_paragraphs == (WIRE[3],)
    assert changes.headline_changed
    assert changes.to_json() == {"source": "Capitol Dispatch", "link": None, "headline": "DHS presses on",
                                 "added": [CURRAN, LOCAL], "cut": [WIRE[3]]}


def test_a_different_paragraph_with_shared_words_is_not_the_same() -> None:
    rewritten = "Homeland Security will keep the program despite the report, officials in Washington said."
    changes = compare_copies(EARLIEST, copy("X", (rewritten, *WIRE[1:])))
    assert changes.added == (0,) and changes.cut == (0,)


def test_describes_a_substantial_addition_with_its_speaker() -> None:
    changes = compare_copies(EARLIEST, copy("Capitol Dispatch", (*WIRE, CURRAN, LOCAL)))
    assert describe_addition(changes) == ("Capitol Dispatch added 2 paragraphs, including a quote from "
                                          "Sheriff Mark Curran")


def test_a_quote_from_a_described_speaker_is_no_quote_from_someone_named() -> None:
    """"a spokeswoman for ICE" names no one; "the Department of Homeland Security" does, though in lower case."""
    said = "“Secure Communities already tells ICE about every person we book, every single day,” {} said."
    described = compare_copies(EARLIEST, copy("A", (*WIRE, said.format("a spokeswoman for ICE"))))
    assert describe_addition(described) is None
    named = compare_copies(EARLIEST, copy("B", (*WIRE, said.format("the Department of Homeland Security"))))
    assert describe_addition(named) == "B added 1 paragraph, including a quote from the Department of Homeland Security"


def test_a_small_addition_or_a_cut_is_not_described() -> None:
    assert describe_addition(compare_copies(EARLIEST, copy("A", (*WIRE, "More to come.")))) is None
    assert describe_addition(compare_copies(EARLIEST, copy("B", WIRE[:2]))) is None
    long = " ".join(["The county also opened a new booking center on the east side of town last spring."] * 3)
    assert describe_addition(compare_copies(EARLIEST, copy("C", (*WIRE, long)))) == "C added 1 paragraph"


def test_compare_story_compares_every_later_copy_with_the_first() -> None:
    later = [copy("A", WIRE[:3]), copy("B", (*WIRE, LOCAL))]
    assert [(c.copy.source, c.cut, c.added) for c in compare_story([EARLIEST, *later])] == [
        ("A", (3,), ()), ("B", (), (4,))]


def test_only_a_copy_with_new_runs_of_words_may_add_something() -> None:
    text = " ".join(WIRE)
    assert not adds_words(text, text.replace("(Civic Wire) ", "(AP) ").replace("said Friday", "said on Friday"))
    assert not adds_words(text, " ".join(WIRE[:2]))  # a cut adds nothing
    assert adds_words(text, f"{text} {CURRAN}")


# -- counting outlets: a feed's repeats of one article are one outlet -----------------------------

def wire_item(guid: str | None, link: str) -> str:
    guid_tag = f"<guid isPermaLink=\"false\">{guid}</guid>" if guid else ""
    body = html.escape("".join(f"<p>{p}</p>" for p in WIRE))
    return (f"<item>{guid_tag}<title>{EARLIEST.headline}</title><link>{link}</link>"
            f"<description>{body}</description></item>")


def wire_feed(*items: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            f"<link>https://x.example/</link>{''.join(items)}</channel></rss>").encode()


def test_a_feed_repeating_the_story_thirty_times_is_one_outlet(tmp_path: Path, feed_server: FeedServer) -> None:
    """The user test: one feed's 30 repeats (new guids and none, one link) and another feed's copy are 2 outlets."""
    link = "https://cms.example/2026/dhs-presses-ahead"
    feed_server.routes["/cms"] = Route(body=wire_feed(*(wire_item(f"cms-{n}", link) for n in range(30)),
                                                      wire_item(None, link + "/")))
    feed_server.routes["/wire"] = Route(body=wire_feed(wire_item("w1", "https://wire.example/1")))
    db = tmp_path / "r.db"
    with Store(db) as store:
        assert refresh(store, config_for(tmp_path, {"CMS": feed_server.url("/cms"),
                                                    "Civic Wire": feed_server.url("/wire")})).new == 2
        ids = {a.feed_name: a.id for a in store.list_articles()}
        assert len(ids) == 2 and store.count_articles() == 2
        story = store.article(ids["CMS"])
        assert story is not None and story.story_id is not None
        assert store.story_outlets([story.story_id]) == {story.story_id: {"CMS", "Civic Wire"}}
    out = reader("show", str(ids["CMS"]), "--copies", "--json", "--db", str(db), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert sorted(c["source"] for c in json.loads(out.stdout)["copies"]) == ["CMS", "Civic Wire"]


def test_repeats_stored_before_they_were_folded_still_count_one_outlet(store: Store) -> None:
    """Repeats already in a store (no link to match them by) are one outlet; the one opened stands for its feed."""
    store.sync_feeds([FeedConfig(n, f"/{n}.xml") for n in ("CMS", "Wire")], {n: f"/{n}.xml" for n in ("CMS", "Wire")})
    feeds = {f.name: f.id for f in store.feeds()}
    text = "\n".join(WIRE)
    digest = hashlib.sha1(text.encode()).hexdigest()

    def stored(key: str, published: str) -> ParsedEntry:
        return ParsedEntry(key, key, None, EARLIEST.headline, None, published, text, text, digest)

    store.upsert_entries(feeds["CMS"], [stored(f"g:cms{n}", f"2026-11-25T1{n}:00:00+00:00") for n in range(1, 6)])
    store.upsert_entries(feeds["Wire"], [stored("g:wire", "2026-11-25T09:00:00+00:00")])
    articles = store.list_articles()
    assert len(articles) == 6 and len({a.story_id for a in articles}) == 1
    latest = max((a for a in articles if a.feed_name == "CMS"), key=lambda a: a.id)
    members = store.story_members(latest.story_id or 0, keep=latest.id)
    assert sorted((a.feed_name, a.id == latest.id) for a in members) == [("CMS", True), ("Wire", False)]
    earliest, changes = story_copies(store, latest)
    assert [earliest.source, *(c.copy.source for c in changes)] == ["Wire", "CMS"]  # 2 outlets, not 6
    first = min(a.id for a in articles if a.feed_name == "CMS")  # without `keep`, each feed's earliest
    assert sorted((a.feed_name, a.id) for a in store.story_members(latest.story_id or 0)) == [
        ("CMS", first), ("Wire", next(a.id for a in articles if a.feed_name == "Wire"))]
