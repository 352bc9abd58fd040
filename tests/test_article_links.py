"""Which items of one feed are one article: link normalisation, the title rule, one item kept each, in linear time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from reader.article_links import completeness, link_title_key, normalised_link, one_per_article


@pytest.mark.parametrize(("one", "other"), [
    ("HTTP://News.Example/a/b", "http://news.example/a/b"),  # scheme and host case
    ("http://news.example/a/b", "https://news.example/a/b"),
    ("https://news.example:443/a/b", "https://news.example/a/b"),
    ("http://news.example:80/a/b/", "https://news.example/a/b"),  # one trailing slash
    ("https://news.example", "https://news.example/"),
    ("https://news.example/a?utm_source=rss&id=3&UTM_Medium=feed", "https://news.example/a?id=3"),
    ("https://news.example/a?utm_campaign=x", "https://news.example/a"),
    ("  https://news.example/a \n", "https://news.example/a"),
])
def test_the_same_link_written_another_way_is_one_key(one: str, other: str) -> None:
    assert normalised_link(one) == normalised_link(other)


@pytest.mark.parametrize(("one", "other"), [
    ("https://news.example/live#post-1", "https://news.example/live#post-2"),  # a live blog's posts
    ("https://news.example/live#post-1", "https://news.example/live"),
    ("https://news.example/A", "https://news.example/a"),  # a path's case is the server's to decide
    ("https://news.example/a?id=3", "https://news.example/a?id=4"),
    ("https://news.example/a?id=3&page=2", "https://news.example/a?page=2&id=3"),  # order kept: conservative
    ("https://news.example:8080/a", "https://news.example/a"),
    ("https://www.news.example/a", "https://news.example/a"),
    ("https://news.example/a//", "https://news.example/a"),  # only one trailing slash goes
    ("tag:news.example,2026:A", "tag:news.example,2026:a"),  # not a web address: compared as it is
])
def test_different_links_stay_different(one: str, other: str) -> None:
    assert normalised_link(one) != normalised_link(other)


def test_odd_links_are_compared_as_they_are_or_by_their_parts() -> None:
    assert normalised_link("HTTP://[::1/a") == "//[::1/a" and normalised_link("http://h:port/a/") == "//h:port/a"
    assert normalised_link("https:///a") == "https:///a" and normalised_link("/relative/") == "/relative/"
    assert normalised_link("https://x/a?#") == normalised_link("https://x/a")
    assert normalised_link("https://x/a?utm_source=rss#") == normalised_link("https://x/a")
    assert normalised_link("") is None and normalised_link("   ") is None and normalised_link(None) is None


def test_one_link_under_different_titles_is_different_articles() -> None:
    """A feed that links every item to its home page: the title tells its articles apart."""
    assert link_title_key("https://x/", "Budget  passes") == link_title_key("HTTPS://x", "budget passes")
    assert link_title_key("https://x/", "Budget passes") != link_title_key("https://x/", "Budget fails")
    assert link_title_key(None, "Budget passes") is None


@dataclass(frozen=True)
class Item:
    guid: str | None
    link: str | None
    content: str = "body"
    title: str = "T"
    published: str | None = None


def kept(items: Sequence[Item]) -> list[Item]:
    return one_per_article(items, lambda i: (i.guid, link_title_key(i.link, i.title)), completeness)


def test_items_sharing_a_guid_or_a_link_directly_or_through_another_are_one() -> None:
    a, b, c = Item("a", "https://x/1"), Item("b", "https://x/1/"), Item("b", "https://x/2")
    other, bare = Item("d", "https://x/3"), Item(None, None, "no identity")
    assert kept([a, other, b, bare, c]) == [c, other, bare]  # c stands in the group's first place
    home = [Item(str(n), "https://x/", title=f"Notice {n}") for n in range(3)]
    assert kept(home) == home


def test_the_most_complete_is_kept_then_a_title_then_a_date_then_the_last() -> None:
    summary, full = Item("1", "https://x/1", "short"), Item("2", "https://x/1", "the whole article")
    assert kept([full, summary]) == [full] and kept([summary, full]) == [full]
    untitled, titled = Item("3", "https://x/1", title=""), Item("3", "https://x/2")  # one guid
    assert kept([titled, untitled]) == [titled] and kept([untitled, titled]) == [titled]
    dated = Item("4", "https://x/1", published="2026-11-30")
    assert kept([dated, Item("5", "https://x/1")]) == [dated] and kept([Item("5", "https://x/1"), dated]) == [dated]
    first, last = Item("6", "https://x/1"), Item("7", "https://x/1")
    assert kept([first, last]) == [last]


def test_a_document_without_repeats_comes_back_as_it_is() -> None:
    items = [Item(str(n), f"https://x/{n}") for n in range(50)]
    assert kept(items) == items


def test_each_item_is_asked_its_identity_once_and_compared_at_most_twice() -> None:
    """Linear however the repeats chain: counted, not timed (10,000 items)."""
    asked: list[Item] = []
    compared: list[Item] = []

    def identity(i: Item) -> tuple[str | None, str | None]:
        asked.append(i)
        return i.guid, i.link

    def measured(i: Item) -> tuple[int, bool, bool]:
        compared.append(i)
        return completeness(i)

    n = 10_000  # each item shares its guid with the one before and its link with the one after: one chain
    chain = [Item(f"g{(k + 1) // 2}", f"l{k // 2}") for k in range(n)]
    assert len(one_per_article(chain, identity, measured)) == 1
    assert len(asked) == n and len(compared) <= 2 * n
