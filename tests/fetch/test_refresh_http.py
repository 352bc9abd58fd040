"""Refresh against a real HTTP server on 127.0.0.1, including every kind of bad input the issue lists."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from reader.config import FetchConfig
from reader.fetch.connections import PER_HOST_CONNECTIONS
from reader.fetch.http import fetch_http, make_client
from reader.fetch.refresh import refresh
from reader.store import Store
from tests.conftest import config_for
from tests.feed_server import FeedServer, Route, rss

GOOD = rss(("g1", "First"), ("g2", "Second"))


def run(tmp_path: Path, server: FeedServer, store: Store, paths: dict[str, str], extra: str = "", **kw: object):
    cfg = config_for(tmp_path, {name: server.url(p) for name, p in paths.items()}, extra)
    return refresh(store, cfg, **kw)  # type: ignore[arg-type]


def feed_state(store: Store, name: str):
    return next(f for f in store.feeds() if f.name == name)


def test_conditional_get_and_gzip(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    feed_server.routes["/f"] = Route(body=GOOD, etag='"v1"', gzip=True,
                                     headers={"Content-Type": "application/rss+xml; charset=utf-8"})
    first = run(tmp_path, feed_server, store, {"F": "/f"})
    assert (first.ok, first.new, first.failed) == (1, 2, 0)
    second = run(tmp_path, feed_server, store, {"F": "/f"})
    assert (second.not_modified, second.new, second.updated) == (1, 0, 0)
    assert second.line().endswith("nothing new")
    sent = [h for p, h in feed_server.requests if p == "/f"]
    assert "if-none-match" not in sent[0] and sent[1]["if-none-match"] == '"v1"'
    assert "gzip" in sent[0]["accept-encoding"]


def test_last_modified_is_sent_back(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    stamp = "Sat, 17 Sep 2011 13:00:00 GMT"
    feed_server.routes["/f"] = Route(body=GOOD, last_modified=stamp)
    run(tmp_path, feed_server, store, {"F": "/f"})
    assert run(tmp_path, feed_server, store, {"F": "/f"}).not_modified == 1
    assert feed_server.requests[-1][1]["if-modified-since"] == stamp


def test_permanent_redirect_is_recorded_temporary_is_not(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    feed_server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    feed_server.routes["/new"] = Route(body=GOOD)
    feed_server.routes["/tmp"] = Route(status=302, headers={"Location": "/new2"})
    feed_server.routes["/new2"] = Route(body=rss(("x", "X")))
    summary = run(tmp_path, feed_server, store, {"Moved": "/old", "Temp": "/tmp"})
    assert summary.ok == 2 and summary.new == 3
    assert feed_state(store, "Moved").fetch_url == feed_server.url("/new")
    assert feed_state(store, "Temp").fetch_url == feed_server.url("/tmp")
    run(tmp_path, feed_server, store, {"Moved": "/old", "Temp": "/tmp"})
    paths = [p for p, _ in feed_server.requests]
    assert paths.count("/old") == 1 and paths.count("/tmp") == 2  # the moved feed now goes straight to /new


def test_redirect_loop_is_a_clear_error(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    feed_server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    feed_server.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    summary = run(tmp_path, feed_server, store, {"Loop": "/a"})
    assert summary.failed == 1 and "redirect loop" in summary.failures[0][1]


def test_gone_disables_and_retry_after_defers(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    feed_server.routes["/gone"] = Route(status=410)
    feed_server.routes["/busy"] = Route(status=429, headers={"Retry-After": "120"})
    feed_server.routes["/down"] = Route(status=503, headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"})
    summary = run(tmp_path, feed_server, store, {"Gone": "/gone", "Busy": "/busy", "Down": "/down"})
    assert summary.failed == 3
    assert feed_state(store, "Gone").disabled
    busy = feed_state(store, "Busy")
    assert busy.next_due is not None and busy.last_status == "429" and "retrying after 120 s" in (busy.last_error or "")
    assert feed_state(store, "Down").next_due is not None  # capped at one day, not 2099
    count = len(feed_server.requests)
    again = run(tmp_path, feed_server, store, {"Gone": "/gone", "Busy": "/busy", "Down": "/down"})
    assert len(feed_server.requests) == count and again.skipped == 2
    forced = run(tmp_path, feed_server, store, {"Gone": "/gone", "Busy": "/busy", "Down": "/down"}, force=True)
    assert forced.failed == 2  # the gone feed stays disabled even when forced


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(body=b"", headers={"Content-Type": "application/rss+xml"}), "empty"),
        (Route(body=b"<!doctype html><html><head><title>Hi</title></head><body>news</body></html>",
               headers={"Content-Type": "text/html"}), "HTML page, not a feed"),
        (Route(body=b"\x00\x01\x02 binary junk \xff\xfe", headers={"Content-Type": "application/octet-stream"}),
         "not a readable RSS or Atom feed"),
        (Route(status=500), "HTTP 500"),
        (Route(status=404), "HTTP 404"),
    ],
)
def test_unusable_responses_fail_with_a_reason(tmp_path: Path, feed_server: FeedServer, store: Store,
                                               route: Route, reason: str) -> None:
    feed_server.routes["/bad"] = route
    feed_server.routes["/ok"] = Route(body=GOOD)
    summary = run(tmp_path, feed_server, store, {"Bad": "/bad", "Ok": "/ok"})
    assert (summary.ok, summary.failed, summary.new) == (1, 1, 2)
    assert reason in summary.failures[0][1]
    state = feed_state(store, "Bad")
    assert reason in (state.last_error or "") and state.error_since is not None


def test_malformed_xml_keeps_what_can_be_read(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    broken = GOOD.replace(b"</channel></rss>", b"<item><title>Unclosed &bogus; <b></item>")
    feed_server.routes["/f"] = Route(body=broken)
    summary = run(tmp_path, feed_server, store, {"F": "/f"})
    assert summary.failed == 0 and summary.new >= 2
    assert summary.warnings and "not well-formed" in summary.warnings[0][1]
    # Kept with the feed, for whoever looks later (the reader marks it), until a body reads whole.
    [feed] = store.feeds()
    assert feed.last_warning == summary.warnings[0][1]
    run(tmp_path, feed_server, store, {"F": "/f"})  # the same body again: not parsed, the same warning
    assert store.feeds()[0].last_warning == feed.last_warning
    feed_server.routes["/f"] = Route(body=GOOD)
    assert not run(tmp_path, feed_server, store, {"F": "/f"}).warnings
    assert store.feeds()[0].last_warning is None


def test_huge_bodies_are_cut_off_at_max_bytes(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    feed_server.routes["/stream"] = Route(body=b"<rss>", stream_bytes=50_000_000)
    feed_server.routes["/declared"] = Route(body=b"x" * 2_000_000)
    feed_server.routes["/ok"] = Route(body=GOOD)
    started = time.monotonic()
    summary = run(tmp_path, feed_server, store, {"Stream": "/stream", "Declared": "/declared", "Ok": "/ok"})
    assert time.monotonic() - started < 10
    assert summary.failed == 2 and summary.new == 2
    assert all("larger than max_bytes" in reason for _, reason in summary.failures)


def test_a_server_that_never_answers_or_drips_hits_the_deadline(tmp_path: Path, feed_server: FeedServer,
                                                                 store: Store) -> None:
    feed_server.routes["/hang"] = Route(hang=True)
    feed_server.routes["/drip"] = Route(body=GOOD, drip_s=0.2)
    feed_server.routes["/ok"] = Route(body=GOOD)
    started = time.monotonic()
    summary = run(tmp_path, feed_server, store, {"Hang": "/hang", "Drip": "/drip", "Ok": "/ok"},
                  extra="")  # timeout = 3 s from config_for
    elapsed = time.monotonic() - started
    assert elapsed < 3 + 3, elapsed
    assert summary.failed == 2 and summary.new == 2
    assert all("no complete response within 3 s" in reason for _, reason in summary.failures)


def test_connection_refused_is_a_network_error(tmp_path: Path, store: Store) -> None:
    cfg = config_for(tmp_path, {"Nobody": "http://127.0.0.1:9/feed"})
    summary = refresh(store, cfg)
    assert summary.failed == 1
    assert summary.failures[0][1] == ("network error: the server refused the connection; it may be down, "
                                      "or the address's port may be wrong; will retry next fetch")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>Laughs</title><item><guid>1</guid><title>&lol9;</title></item></channel></rss>"""


def test_entity_expansion_and_external_entities_are_not_expanded(tmp_path: Path, feed_server: FeedServer,
                                                                  store: Store) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<rss version="2.0"><channel><title>X</title><item><guid>1</guid><title>t &x;</title>'
           "<description>d &x;</description></item></channel></rss>").encode()
    feed_server.routes["/laughs"] = Route(body=BILLION_LAUGHS)
    feed_server.routes["/xxe"] = Route(body=xxe)
    summary = run(tmp_path, feed_server, store, {"Laughs": "/laughs", "XXE": "/xxe"})
    assert summary.feeds == 2
    for article in store.list_articles():
        assert "lollol" not in article.title and len(article.title) < 100
        assert "TOP-SECRET" not in article.title + article.content + article.text


def test_hostile_titles_are_made_safe(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    long_title = "Secure Communities " * 600
    body = rss(("esc", "Red \x1b[31malert\x1b[0m \x1b]52;c;ZXZpbA==\x07copied"), ("ctl", "Bell\x07 and\x00 nul"),
               ("long", long_title)).replace(b"\x00", b"&#0;")
    feed_server.routes["/f"] = Route(body=body)
    summary = run(tmp_path, feed_server, store, {"F": "/f"})
    assert summary.failed == 0
    titles = {a.guid: a.title for a in store.list_articles()}
    assert titles["esc"] == "Red alert copied"
    assert "\x07" not in titles["ctl"] and "\x00" not in titles["ctl"]
    assert len(titles["long"]) <= 500 and titles["long"].endswith("…")


def test_wrong_charset_header_is_survived(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    latin1 = rss(("1", "Caf\xe9 policy")).replace(b"utf-8", b"iso-8859-1").decode("utf-8").encode("latin-1")
    feed_server.routes["/f"] = Route(body=latin1, headers={"Content-Type": "text/xml; charset=bogus-charset"})
    summary = run(tmp_path, feed_server, store, {"F": "/f"})
    assert summary.new == 1
    assert store.list_articles()[0].title == "Café policy"


def test_local_file_feeds_and_missing_files(tmp_path: Path, store: Store) -> None:
    (tmp_path / "local.xml").write_bytes(GOOD)
    cfg = config_for(tmp_path, {"Local": "local.xml", "Missing": "missing.xml"})
    summary = refresh(store, cfg)
    assert (summary.new, summary.failed) == (2, 1)
    assert "cannot read feed file" in summary.failures[0][1]
    assert refresh(store, cfg).not_modified == 1


def test_one_server_gets_at_most_four_requests_at_once(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    body = b"<rss version='2.0'><channel><title>T</title><item><guid>1</guid><title>x</title></item></channel></rss>"
    for i in range(12):
        feed_server.routes[f"/busy/{i}"] = Route(body=body, delay_s=0.2)
    cfg = config_for(tmp_path, {f"F{i}": feed_server.url(f"/busy/{i}") for i in range(12)}, "concurrency = 16\n")
    summary = refresh(store, cfg)
    assert summary.ok == 12
    assert 2 <= feed_server.max_in_flight <= 4  # PER_HOST_CONNECTIONS, though [fetch] concurrency is 16


async def test_requests_cut_off_before_an_answer_give_their_slot_back(feed_server: FeedServer) -> None:
    feed_server.routes["/hang"] = Route(hang=True)
    feed_server.routes["/fine"] = Route(body=b"ok")
    async with make_client(FetchConfig()) as client:
        for _ in range(PER_HOST_CONNECTIONS + 2):  # more cut-off requests than the host has slots
            with pytest.raises(TimeoutError):
                async with asyncio.timeout(0.2):
                    await fetch_http(client, feed_server.url("/hang"), FetchConfig())
        async with asyncio.timeout(5):
            assert (await fetch_http(client, feed_server.url("/fine"), FetchConfig())).body == b"ok"


def test_refresh_holds_the_database_lock_for_its_whole_run(tmp_path: Path) -> None:
    """The lock lives in the core refresh, so every caller (CLI, digest, TUI) shares it."""
    from reader.store.lock import RefreshBusyError, refresh_lock

    config = config_for(tmp_path, {})
    db = tmp_path / "locked.db"
    with Store(db) as store:
        with refresh_lock(str(db)), pytest.raises(RefreshBusyError, match=r"already running \(pid \d+\)"):
            refresh(store, config)
        seen: list[RefreshBusyError] = []

        def progress_during_run(*_: object) -> None:
            try:
                with refresh_lock(str(db)):
                    pass
            except RefreshBusyError as exc:
                seen.append(exc)

        (tmp_path / "f.xml").write_bytes(b'<rss version="2.0"><channel><title>T</title><item><guid>1</guid>'
                                         b"<title>One</title></item></channel></rss>")
        assert refresh(store, config_for(tmp_path, {"f": "f.xml"}), progress=progress_during_run).ok == 1
        assert len(seen) == 2  # the total before any feed, then the one feed done
        refresh(store, config)  # released afterwards


def test_the_first_progress_is_the_total_with_a_feed_just_added_to_feeds_toml(tmp_path: Path) -> None:
    """refresh counts the feeds once, after feeds.toml's are synced: a caller never shows one total, then another."""
    for name in ("a", "b"):
        (tmp_path / f"{name}.xml").write_bytes(b'<rss version="2.0"><channel><title>T</title><item><guid>1</guid>'
                                               b"<title>One</title></item></channel></rss>")
    with Store(tmp_path / "r.db") as store:
        refresh(store, config_for(tmp_path, {"a": "a.xml"}))
        calls: list[tuple[int, int, str]] = []
        refresh(store, config_for(tmp_path, {"a": "a.xml", "b": "b.xml"}), force=True,
                progress=lambda *call: calls.append(call))
    assert calls[0] == (0, 2, "") and [total for _, total, _ in calls] == [2, 2, 2]
    assert calls[1][2] in ("a", "b") and calls[2] == (2, 2, "")  # the feed still out, then none


def test_progress_names_the_feed_still_waited_for_not_the_one_just_done(
        tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    """A fast feed done at once was named for as long as a slow one held the run (try11 find 24)."""
    import threading

    fast_done = threading.Event()

    def slow(_: object) -> Route:
        fast_done.wait(2)  # answers once the fast feed is done (or after 2 s: then the test fails below)
        return Route(body=rss(("s1", "Slow one")))

    feed_server.routes["/slow"] = Route(dynamic=slow)
    feed_server.routes["/fast"] = Route(body=rss(("f1", "Fast one")))
    calls: list[tuple[int, int, str]] = []

    def progress(*call: object) -> None:
        calls.append(call)  # type: ignore[arg-type]
        if call[0] == 1:
            fast_done.set()

    summary = refresh(store, config_for(tmp_path, {"Slow": feed_server.url("/slow"), "Fast": feed_server.url("/fast")}),
                      progress=progress)
    assert summary.ok == 2
    assert calls == [(0, 2, ""), (1, 2, "Slow"), (2, 2, "")]


def test_network_failures_are_said_in_words_a_user_can_act_on() -> None:
    """Errno text and exception class names tell a user nothing; built here, as no test may look up a real host."""
    import socket

    from reader.fetch.http import network_reason

    lookup = network_reason(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
    assert lookup.startswith("the host name could not be looked up (Name or service not known)")
    assert network_reason(ConnectionResetError(104, "Connection reset by peer")).startswith("the server dropped")
    assert network_reason(OSError(113, "No route to host")) == "OSError: [Errno 113] No route to host"


@pytest.mark.parametrize(("answer", "says"), [
    (b"", "the server closed the connection without answering"),
    (b"\x1b]0;garbage\x07NOT HTTP AT ALL\r\n\r\n", "the server's answer is not HTTP (its first line is no HTTP status"),
    (b"HTTP/1.1 200 OK\r\nbad header\r\n\r\n", "a header line is malformed"),
])
def test_a_broken_answer_is_described_without_h11s_internals(answer: bytes, says: str) -> None:
    """try10: a reset read "can't handle event type ConnectionClosed when role=SERVER…", garbage a bytearray repr."""
    import h11

    from reader.fetch.http import network_reason

    connection = h11.Connection(h11.CLIENT)
    connection.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
    connection.send(h11.EndOfMessage())
    connection.receive_data(answer)
    connection.receive_data(b"")
    with pytest.raises(h11.RemoteProtocolError) as raised:
        while connection.next_event() is not h11.NEED_DATA:
            pass
    reason = network_reason(raised.value)
    assert says in reason and "bytearray" not in reason and "role=" not in reason and "\x1b" not in reason
