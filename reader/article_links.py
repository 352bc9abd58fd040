"""Which items of one feed are the same article: a shared guid, or a shared link (once normalised) and title.

Some feeds repeat an article in one document (a CMS bug: the same link under new guids, or with
no guid), and the reader listed each repeat as an article of its own. The parse workers keep one
item per article (parse.py), and the store matches a new guid's link against the articles it
already holds for the feed (refresh_writes.py). Never across feeds: that is story folding's job.

A link alone is not enough: some feeds link every item to one page (their home page, a
newsroom), and their items are different articles, so the title must match too (case and
spacing aside). The cost: an article given a new guid and a new headline at once is stored
again. The link normalisation is as conservative, because two articles made one would lose one:
  - scheme and host are case-folded, http and https are one, a default port (80, 443) is dropped, and
    so is a host's trailing dot ("example.org." is the fully qualified "example.org");
  - one trailing slash of a path is dropped ("/a/b/" is "/a/b"), and an empty path is "/";
  - query parameters named utm_* (campaign tracking, never content) are dropped; every other
    parameter is kept, in its order;
  - the fragment is kept: a live blog links each post as "page#post-N", and those are different items;
  - an empty query or fragment ("?", "#") is dropped;
  - anything that is not an http(s) URL is compared as it is (without surrounding white space).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from reader.stories import group_root

# scheme, host (with any port), path, ?query, #fragment
_WEB_ADDRESS = re.compile(r"(https?)://([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?", re.IGNORECASE | re.DOTALL)
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}
_TRAILING_DOT = re.compile(r"\.(?=(?::\d*)?$)")  # the dot ending a host name, before any port


class FeedItem(Protocol):
    """What choosing among an article's repeats reads of each (a parsed item or a ParsedEntry)."""

    @property
    def title(self) -> str: ...
    @property
    def published(self) -> str | None: ...
    @property
    def content(self) -> str: ...


Item = TypeVar("Item")


def link_title_key(link: str | None, title: str) -> str | None:
    """The link and title as compared for sameness, or None without a link: items with one key are one article."""
    normal = normalised_link(link)
    return None if normal is None else f"{normal}\n{' '.join(title.casefold().split())}"


def own_key(link_title_key: str | None, content_hash: str) -> str:
    """The key of an item whose guid (or link) other items of its feed share under other titles: its link and title.

    A CMS bug gives every item one guid (the site's home page); those are different articles.
    entries.keys_of_their_own gives such items this key, and the store keeps giving it to a new
    item whose guid it has seen so shared, though the item came alone in a changed feed.
    """
    return f"t:{link_title_key}" if link_title_key else f"h:{content_hash}"


def normalised_link(link: str | None) -> str | None:
    """The link as compared for sameness (the module's docstring says what is normalised), or None without one.

    One regular expression rather than urllib's urlsplit: a third of the cost, for every item parsed and stored.
    """
    if link is None:
        return None
    link = link.strip()
    parts = _WEB_ADDRESS.fullmatch(link)
    if parts is None or not parts[2]:
        return link or None
    scheme, host, path, query, fragment = parts.groups()
    host = host.lower()
    default_port = _DEFAULT_PORTS[scheme.lower()]
    if host.endswith(default_port):
        host = host[:-len(default_port)]
    host = _TRAILING_DOT.sub("", host)
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    if query and "utm_" in query.lower():
        query = "?" + "&".join(p for p in query[1:].split("&") if not p.lower().startswith("utm_"))
    query = query if query and query != "?" else ""
    fragment = fragment if fragment and fragment != "#" else ""
    return f"//{host}{path or '/'}{query}{fragment}"


def completeness(item: FeedItem) -> tuple[int, bool, bool]:
    """Of an article's repeats the one kept has the most content, then a title, then a date, then comes last.

    Content first: a repeat that carries only a summary of the article is the lesser copy. Of
    equals, the last in the document is kept, as the store always kept a repeated key's last.
    """
    return len(item.content), bool(item.title), item.published is not None


def one_per_article(items: Sequence[Item], identity: Callable[[Item], tuple[str | None, str | None]],
                    completeness: Callable[[Item], tuple[int, bool, bool]]) -> list[Item]:
    """One item of each article among `items`: the most complete of those that share a key or a link_title_key.

    `identity` gives an item's (key: its guid, else what stands for one; link_title_key), either None without;
    items that share either, directly or through another item, are one article. Of each, the
    item with the greatest `completeness` is kept (the last in `items` on a tie), in the place
    of the article's first item. Linear: a document of 10,000 repeats of one link costs 10,000
    look-ups, not their pairs.
    """
    identities = [identity(item) for item in items]
    keys = [key for key, _ in identities if key is not None]
    links = [link for _, link in identities if link is not None]
    if len(set(keys)) == len(keys) and len(set(links)) == len(links):
        return list(items)  # the usual document: no two items share anything (sets in C, not the loop below)
    first_with: dict[str, int] = {}  # "g" + a key or "l" + a link_title_key -> the first item that had it
    parent = list(range(len(items)))

    def root(i: int) -> int:
        return group_root(parent, i)

    for n, (key, link) in enumerate(identities):
        for token in (None if key is None else "g" + key, None if link is None else "l" + link):
            if token is None:
                continue
            other = first_with.setdefault(token, n)
            if other != n:
                a, b = root(other), root(n)
                parent[max(a, b)] = min(a, b)  # the earlier item is the root: a group keeps its first place
    best: dict[int, int] = {}
    for n, item in enumerate(items):
        group = root(n)
        kept = best.setdefault(group, n)
        if kept != n and completeness(item) >= completeness(items[kept]):
            best[group] = n
    return [items[best[n]] for n in sorted(best)]
