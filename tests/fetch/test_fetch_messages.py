"""What a failed fetch says, against the local server: plain words, the server's text readable, advice that applies.

A refresh tries every feed again, so a passing failure there ends "will retry next fetch"; a
one-off request (`reader show URL`) is never retried by anyone, so the same failure says
"try again later". A 304 to a request that asked for no comparison is the server's mistake,
not an unchanged feed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

from reader.config import load_config
from reader.fetch.refresh import refresh
from reader.store import Store
from tests.conftest import write_config
from tests.feed_server import FeedServer, Route, rss
from tests.fetch.test_connections import fetch

GOOD = rss(("g1", "First"), ("g2", "Second"))


def test_a_body_that_stops_short_is_said_in_plain_words_with_how_much_came() -> None:
    """A server that promises twice the bytes it sends, then hangs up (a reset mid-download)."""
    listener = socket.create_server(("127.0.0.1", 0))

    def answer_half() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (len(GOOD) * 2) + GOOD)

    server = threading.Thread(target=answer_half)
    server.start()
    try:
        [cut] = fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/cut")
    finally:
        server.join(30)
        listener.close()
    assert cut.body is None and cut.passing
    assert cut.error == ("network error: the server closed the connection before the whole response arrived "
                         f"({len(GOOD):,} of {len(GOOD) * 2:,} bytes)")
    assert "Error" not in cut.error  # no exception class names (RemoteProtocolError) for the user to decode


def test_a_reason_phrase_in_utf8_is_read_as_utf8_and_sanitised(feed_server: FeedServer) -> None:
    said = "Überlastet \u202erev [bold]x[/]"  # the server's bytes are UTF-8; http.server sends str as Latin-1
    feed_server.routes["/busy"] = Route(status=500, reason=said.encode().decode("latin-1"))
    feed_server.routes["/old"] = Route(status=500, reason="Fehler \xfcberall")  # really Latin-1: kept as it is
    [busy] = fetch(feed_server.url("/busy"))
    [old] = fetch(feed_server.url("/old"))
    # The bidi override is gone; markup is only text.
    assert busy.error == "HTTP 500 Überlastet rev [bold]x[/]: the server failed to answer"
    assert old.error == "HTTP 500 Fehler überall: the server failed to answer"
    assert busy.passing  # a server's failure may pass: a refresh says it will try again


def test_a_304_to_a_first_request_is_a_failure_not_an_empty_feed_that_is_fine(tmp_path: Path,
                                                                              feed_server: FeedServer) -> None:
    feed_server.routes["/never"] = Route(status=304)
    feed_server.routes["/kept"] = Route(body=GOOD, etag='"v1"')
    body = "".join(f'[[feeds]]\nname = "{p}"\nurl = "{feed_server.url("/" + p)}"\n' for p in ("never", "kept"))
    config = load_config(write_config(tmp_path, body))
    with Store(tmp_path / "r.db") as store:
        first = refresh(store, config)
        assert (first.ok, first.failed) == (1, 1)
        [(name, reason)] = first.failures
        assert name == "never" and reason.startswith("HTTP 304 Not Modified, though the request asked no such thing")
        assert reason.endswith("; will retry next fetch")
        second = refresh(store, config, force=True)  # the stored feed sends its ETag: its 304 is a real one
        assert (second.ok, second.failed, second.not_modified) == (1, 1, 1)


def test_show_of_an_address_that_times_out_says_try_again_later(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/hang"] = Route(hang=True)
    (tmp_path / "feeds.toml").write_text("[fetch]\ntimeout = 1\n")
    out = subprocess.run([sys.executable, "-m", "reader", "--config", "feeds.toml", "--db", "r.db", "show",
                          feed_server.url("/hang")], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                         env={**os.environ})
    assert out.returncode == 1
    assert "no complete response within 1 s; try again later" in out.stderr
    assert "retry next fetch" not in out.stderr


def test_feeds_add_and_show_say_what_fetch_says_of_a_status_with_advice_for_a_url_given(
        tmp_path: Path, feed_server: FeedServer) -> None:
    """The same words for the same status from `fetch`, `feeds add URL` and `show URL` (one FetchResult.problem);
    a URL typed on the command line is not "the url in feeds.toml", which `feeds add` has not written yet."""
    feed_server.routes["/missing"] = Route(status=404)
    url = feed_server.url("/missing")
    (tmp_path / "feeds.toml").write_text(f'[[feeds]]\nname = "Gone"\nurl = "{url}"\n')
    said = "HTTP 404 Not Found: nothing is at this address"

    def reader(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reader", "--db", "r.db", *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60, env={**os.environ})

    fetched = reader("--config", "feeds.toml", "fetch")
    assert f"Gone: {said}; check the url in feeds.toml (the site may have moved it)" in fetched.stdout
    added = reader("--config", "new.toml", "feeds", "add", url)
    shown = reader("--config", "new.toml", "show", url)
    for out, command in ((added, "feeds add"), (shown, "show")):
        assert out.returncode == 1
        assert out.stderr == f"reader: {command}: {url}: {said}; check the URL (the site may have moved it)\n"
    assert not (tmp_path / "new.toml").exists()
