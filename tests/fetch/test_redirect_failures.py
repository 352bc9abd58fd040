"""A failure says where it happened (a redirect's target, not the feed's own address) and what it means."""

from __future__ import annotations

import socket
from http import HTTPStatus

import pytest

from reader.config import FetchConfig
from reader.fetch.http import GIVEN_URL, LINKED_PAGE, REFRESH
from tests.feed_server import FeedServer, Route
from tests.fetch.test_connections import fetch


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_refused_redirect_target_is_named_and_the_feeds_address_is_not_blamed(feed_server: FeedServer) -> None:
    target = f"http://127.0.0.1:{closed_port()}/moved.xml"
    feed_server.routes["/feed"] = Route(status=302, headers={"Location": target})
    [result] = fetch(feed_server.url("/feed"))
    assert result.error == (f"network error at {target}, where {feed_server.url('/feed')} redirected: the server "
                            "refused the connection; it may be down, or the address's port may be wrong")


def test_a_timeout_after_a_redirect_names_the_target_and_one_without_a_redirect_does_not(
        feed_server: FeedServer) -> None:
    feed_server.routes["/slow"] = Route(hang=True)
    feed_server.routes["/feed"] = Route(status=301, headers={"Location": feed_server.url("/slow")})
    [redirected] = fetch(feed_server.url("/feed"), FetchConfig(timeout=1))
    assert redirected.error == (f"no complete response within 1 s at {feed_server.url('/slow')}, "
                                f"where {feed_server.url('/feed')} redirected")
    [direct] = fetch(feed_server.url("/slow"), FetchConfig(timeout=1))
    assert direct.error == "no complete response within 1 s"


def test_each_error_status_says_what_it_means_and_a_servers_failure_may_pass(feed_server: FeedServer) -> None:
    feed_server.routes["/login"] = Route(status=403)
    feed_server.routes["/down"] = Route(status=502)
    feed_server.routes["/teapot"] = Route(status=418)
    [login] = fetch(feed_server.url("/login"))
    [down] = fetch(feed_server.url("/down"))
    [teapot] = fetch(feed_server.url("/teapot"))
    assert login.problem(REFRESH) == (
        "HTTP 403 Forbidden: the server refuses to give it to the reader (it may need a login, or turn "
        "programs away); open the address in a browser to see why")
    assert down.problem(REFRESH) == "HTTP 502 Bad Gateway: the server failed to answer; will retry next fetch"
    assert teapot.problem(REFRESH) == ("HTTP 418 I'm a Teapot: the server refused the request; "
                                       "check the url in feeds.toml")


def test_gone_says_what_to_do(feed_server: FeedServer) -> None:
    feed_server.routes["/gone"] = Route(status=410)
    [gone] = fetch(feed_server.url("/gone"))
    assert gone.gone and gone.problem(REFRESH) == (
        "HTTP 410 Gone: the publisher removed what was at this address; the feed is no longer fetched; "
        "if it moved, give its new url in feeds.toml, else remove it")


@pytest.mark.parametrize(("status", "headers", "meaning", "refresh", "given"), [
    (404, {}, "nothing is at this address", "check the url in feeds.toml (the site may have moved it)",
     "check the URL (the site may have moved it)"),
    (410, {}, "the publisher removed what was at this address",
     "the feed is no longer fetched; if it moved, give its new url in feeds.toml, else remove it",
     "if it moved, give its new address"),
    (418, {}, "the server refused the request", "check the url in feeds.toml", "check the URL"),
    (429, {"Retry-After": "120"}, "the server asks for fewer requests", "retrying after 120 s", "try again in 120 s"),
    (503, {}, "the server failed to answer", "will retry next fetch", "try again later"),
])
def test_a_status_means_one_thing_and_the_advice_fits_who_asked(
        feed_server: FeedServer, status: int, headers: dict[str, str], meaning: str, refresh: str,
        given: str) -> None:
    """A refresh, a URL typed for `feeds add` or `show`, and an article's page share the words for what a status
    means; only a refresh of feeds.toml is told to check feeds.toml, and an article's page gets no advice (the
    full-text step says whether it tries again)."""
    feed_server.routes["/x"] = Route(status=status, headers=headers)
    [result] = fetch(feed_server.url("/x"))
    said = f"HTTP {status} {HTTPStatus(status).phrase}: {meaning}"
    assert result.error == said
    assert result.problem(REFRESH) == f"{said}; {refresh}"
    assert result.problem(GIVEN_URL) == f"{said}; {given}"
    assert result.problem(LINKED_PAGE) == said


def test_a_retry_after_of_digits_that_are_no_ascii_number_is_no_wait(feed_server: FeedServer) -> None:
    """"²" and "³" are Latin-1, so a header can carry them, and str.isdigit calls them digits; int() did not."""
    feed_server.routes["/busy"] = Route(status=429, headers={"Retry-After": "\xb2"})
    [busy] = fetch(feed_server.url("/busy"))
    assert busy.retry_after_s is None and busy.passing
    assert busy.problem(REFRESH) == ("HTTP 429 Too Many Requests: the server asks for fewer requests; "
                                     "will retry next fetch")
