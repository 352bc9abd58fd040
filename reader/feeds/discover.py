"""Finds the feed behind a URL: the URL itself when it is a feed, else the page's <link rel="alternate">."""

from __future__ import annotations

import asyncio
from html.parser import HTMLParser
from urllib.parse import urljoin

from reader.config import FetchConfig
from reader.fetch.addresses import FEED_ADDRESSES
from reader.fetch.http import GIVEN_URL, LINKED_PAGE, fetch_http, make_client
from reader.fetch.parse import FeedParseError, UnsupportedFeedFormat, parse_feed_bytes
from reader.text.links import shown_url
from reader.text.sanitize import single_line

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")


class DiscoveryError(Exception):
    """No feed could be found; the message says what was fetched and what it was.

    `given_is_unusable`: the address given itself cannot be used (one no request may go to), exit status 2;
    otherwise the page or the server's answer is at fault, status 1.
    """

    def __init__(self, message: str, given_is_unusable: bool = False) -> None:
        super().__init__(message)
        self.given_is_unusable = given_is_unusable


class _AlternateLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        a = {k.lower(): (v or "") for k, v in attrs}
        rels = a.get("rel", "").lower().split()
        if "alternate" in rels and a.get("type", "").lower().split(";")[0].strip() in FEED_TYPES and a.get("href"):
            self.links.append(a["href"])


MAX_ALTERNATES = 5  # feed links of one page tried in turn, at most


def alternate_links(page: str, base: str) -> list[str]:
    """The page's links to RSS or Atom feeds, made absolute, in page order (web addresses or not)."""
    parser = _AlternateLinks()
    parser.feed(page)
    return [urljoin(base, href) for href in parser.links]


async def _discover(url: str, cfg: FetchConfig) -> tuple[str, str | None]:
    async with make_client(cfg) as client:
        result = await fetch_http(client, url, cfg)
        if result.error or result.body is None:
            raise DiscoveryError(f"{shown_url(url)}: {result.problem(GIVEN_URL) or 'no content'}",
                                 given_is_unusable=result.asked_refused)
        final = result.moved_to or url
        try:
            return final, parse_feed_bytes(result.body, result.content_type, final).title
        except UnsupportedFeedFormat as exc:  # a feed all the same: no link of its to look for
            raise DiscoveryError(f"{shown_url(url)} is {exc}", given_is_unusable=True) from None
        except FeedParseError:
            pass
        links = alternate_links(result.body.decode("utf-8", "replace"), final)
        if not links:
            raise DiscoveryError(f"{shown_url(url)}: not a feed, and the page has no <link rel=\"alternate\"> "
                                 "to an RSS or Atom feed; give the feed's own URL")
        web = [link for link in links if link.startswith(("http://", "https://"))]
        if not web:
            raise DiscoveryError(f"{shown_url(url)}: not a feed, and the page's feed links are not web addresses "
                                 f"({single_line(links[0], 100)!r}); give the feed's own URL")
        # A page may list a broken or odd feed first: each is tried in turn, and what each gave is said.
        problems: list[str] = []
        guard = await FEED_ADDRESSES.for_links_of(final)  # the page chose these addresses, not the user
        for link in web[:MAX_ALTERNATES]:
            found = await fetch_http(client, link, cfg, guard=guard)
            if found.error or found.body is None:
                problems.append(f"{single_line(link, 200)}: {found.problem(LINKED_PAGE) or 'no content'}")
                continue
            feed_url = found.moved_to or link
            try:
                return feed_url, parse_feed_bytes(found.body, found.content_type, feed_url).title
            except FeedParseError as exc:
                problems.append(f"{single_line(link, 200)}: {exc}")
        raise DiscoveryError(f"{shown_url(url)}: not a feed, and no feed link of the page gives a feed "
                             f"({'; '.join(problems)})")


def discover_feed(url: str, cfg: FetchConfig) -> tuple[str, str | None]:
    """(feed URL, feed title) for `url`; raises DiscoveryError with a reason a user can act on."""
    return asyncio.run(_discover(url, cfg))
