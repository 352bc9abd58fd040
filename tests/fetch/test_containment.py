"""One feed never stops the run: each hostile kind of feed server sits among good feeds, and every good one is stored.

The hostile kinds are tests/feed_server.py's hostile_routes: redirects to data:, mailto:,
javascript:, about:blank and other hostless addresses or to a Location full of control characters,
hostile reason phrases, an XML encoding declaration full of escapes, a page instead of a feed.
Anything else a feed's fetch, store or full-text step raises is also that feed's (or article's)
recorded reason.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

import reader.fetch.refresh as refresh_module
from reader.config import load_config
from reader.fetch.http import FetchResult
from reader.fetch.refresh import refresh
from reader.models import ParsedEntry
from reader.store import Store
from tests.conftest import write_config
from tests.feed_server import BAD_REDIRECTS, FeedServer, Route, hostile_routes, rss
from tests.fetch.test_full_text import page
from tests.hostile import ALL_IN_ONE, assert_label_safe, assert_terminal_safe

GOOD = ("/good1", "/good2", "/good3")
NAMES = {"/not-a-feed": "/not-a-feed [@click=app.quit]x[/]"}  # markup in a name stays literal text outside the TUI


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: controls escaped, everything else (C1, bidi) kept as it is."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def hostile_setup(tmp_path: Path, server: FeedServer) -> Path:
    """feeds.toml with three good feeds around one feed of each hostile kind; hostile names for the good ones too."""
    server.routes.update(hostile_routes(ALL_IN_ONE))
    lines = []
    for i, path in enumerate(GOOD):
        server.routes[path] = Route(body=rss((f"{path}-a", "Council votes"), (f"{path}-b", "Court rules")))
        lines.append(f"[[feeds]]\nname = {toml_string(f'good {i} {ALL_IN_ONE}')}\nurl = \"{server.url(path)}\"\n")
    for path in hostile_routes(ALL_IN_ONE):
        lines.append(f'[[feeds]]\nname = "{NAMES.get(path, path)}"\nurl = "{server.url(path)}"\n')
    lines.append("[fetch]\ntimeout = 5\n")
    return write_config(tmp_path, "\n".join(lines))


def test_every_good_feed_is_stored_whatever_the_others_do(tmp_path: Path, feed_server: FeedServer,
                                                          store: Store) -> None:
    summary = refresh(store, load_config(hostile_setup(tmp_path, feed_server)))
    assert summary.feeds == 3 + len(hostile_routes(""))
    assert {a.guid for a in store.list_articles()} >= {f"{p}-{x}" for p in GOOD for x in "ab"}
    failed = dict(summary.failures)
    for path in ("/redirect-data", "/redirect-mailto", "/redirect-javascript", "/redirect-about"):
        assert "an address that is not a web address" in failed[path], (path, failed[path])
    assert "redirect loop" in failed["/redirect-http-no-host"]  # "http:" is the same address again
    assert "an address with control characters in it" in failed["/redirect-escape"]  # shown without them
    assert "HTTP 500 Oops" in failed["/reason-phrase"] and "HTTP 503 Busy" in failed["/retry-reason"]
    assert "HTML page, not a feed" in failed[NAMES["/not-a-feed"]]
    # A channel without items whose only fault is its declared encoding is an empty feed, read as UTF-8.
    assert "/encoding-escape" not in failed
    assert "/encoding-declaration" not in failed, failed["/encoding-declaration"]  # NULs in its name
    assert summary.ok + summary.failed == summary.feeds
    for name, reason in [*summary.failures, *summary.warnings]:
        assert_label_safe(name)
        assert_label_safe(reason)
    for feed in store.feeds():
        assert_label_safe(feed.last_error or "")
        assert_label_safe(feed.title or "")
    for article in store.list_articles():
        assert_label_safe(article.title)


def test_fetch_and_digest_finish_and_print_nothing_raw(tmp_path: Path, feed_server: FeedServer) -> None:
    config = hostile_setup(tmp_path, feed_server)
    db, out = tmp_path / "r.db", tmp_path / "digest.md"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reader", "--config", str(config), "--db", str(db), *args],
                              capture_output=True, text=True, timeout=120, cwd=tmp_path, env=dict(os.environ))

    fetched = run("fetch")
    assert fetched.returncode == 0 and "Traceback" not in fetched.stderr, fetched.stderr
    assert f"{3 + len(hostile_routes(''))} feeds:" in fetched.stdout
    assert "/redirect-javascript" in fetched.stdout, fetched.stdout  # failures are listed below the summary
    assert NAMES["/not-a-feed"] in fetched.stdout, fetched.stdout  # markup stays literal text
    assert_terminal_safe(fetched.stdout + fetched.stderr)
    digest = run("digest", "--out", str(out))  # fetches again, with the same failures, and still writes
    assert digest.returncode == 0, digest.stderr
    text = out.read_text(encoding="utf-8")
    assert "## Feeds that failed" in text and "/redirect-javascript" in text
    assert_terminal_safe(text + digest.stderr + digest.stdout)
    listed = run("feeds", "list")
    assert listed.returncode == 0 and "/redirect-data" in listed.stdout
    for line in listed.stdout.splitlines():
        assert_label_safe(line)


def test_anything_a_feed_raises_is_that_feeds_failure(tmp_path: Path, feed_server: FeedServer,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for path in ("/ok", "/fetch-crash", "/store-crash"):
        feed_server.routes[path] = Route(body=rss((f"{path}-1", "Council votes")))
    real_fetch = refresh_module.fetch_http

    async def fetch(client: object, url: str, *args: object, **kw: object) -> FetchResult:
        if url.endswith("/fetch-crash"):
            raise RuntimeError(f"boom \x1b]0;title\x07 {url}")
        return await real_fetch(client, url, *args, **kw)  # type: ignore[arg-type]

    class FlakyStore(Store):  # fails inside the transaction that may hold other feeds' writes too
        def _upsert(self, c: sqlite3.Connection, feed_id: int, entries: Sequence[ParsedEntry],
                    seq: int) -> tuple[int, int]:
            if any(e.key.endswith("/store-crash-1") for e in entries):
                raise ValueError("a value the store cannot bind")
            return super()._upsert(c, feed_id, entries, seq)

    monkeypatch.setattr(refresh_module, "fetch_http", fetch)
    store = FlakyStore(":memory:")
    body = "".join(f'[[feeds]]\nname = "{p}"\nurl = "{feed_server.url(p)}"\n' for p in ("/ok", "/fetch-crash",
                                                                                       "/store-crash"))
    summary = refresh(store, load_config(write_config(tmp_path, body)))
    assert (summary.ok, summary.failed, summary.new) == (1, 2, 1)
    failed = dict(summary.failures)
    log = tmp_path / "xdg_state_home" / "policy-reader" / "crash.log"
    assert failed["/fetch-crash"].startswith("refreshing: internal error in the reader, not a fault of the feed "
                                             "(RuntimeError: boom")
    assert failed["/store-crash"] == ("refreshing: internal error in the reader, not a fault of the feed "
                                      f"(ValueError: a value the store cannot bind); details in {log}")
    tracebacks = log.read_text(encoding="utf-8")  # what a bug report needs, which the one line cannot hold
    assert tracebacks.count("Traceback (most recent call last)") == 2 and "_upsert" in tracebacks
    assert "\x1b" not in tracebacks and "\x07" not in tracebacks
    assert_label_safe(failed["/fetch-crash"])
    states = {f.name: f for f in store.feeds()}
    assert states["/fetch-crash"].last_error == failed["/fetch-crash"]
    assert states["/ok"].last_error is None


def test_store_wide_failures_still_stop_the_run(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/f"] = Route(body=rss(("f1", "Council votes")))

    class FullDisk(Store):
        def _upsert(self, c: sqlite3.Connection, feed_id: int, entries: Sequence[ParsedEntry],
                    seq: int) -> tuple[int, int]:
            raise sqlite3.OperationalError("database or disk is full")

    body = f'[[feeds]]\nname = "F"\nurl = "{feed_server.url("/f")}"\n'
    with pytest.raises(sqlite3.OperationalError, match="disk is full"):
        refresh(FullDisk(":memory:"), load_config(write_config(tmp_path, body)))


def test_a_hostile_article_page_is_that_articles_reason(tmp_path: Path, feed_server: FeedServer,
                                                        store: Store) -> None:
    feed_server.routes.update(hostile_routes(ALL_IN_ONE))
    feed_server.routes["/story/ok"] = Route(body=page(1), headers={"Content-Type": "text/html"})
    links = ["/story/ok", *BAD_REDIRECTS, "/reason-phrase"]
    items = "".join(f"<item><guid>{p}</guid><title>T{i}</title><link>{feed_server.url(p)}</link>"
                    f"<description>Summary {i}.</description></item>" for i, p in enumerate(links))
    feed_server.routes["/feed"] = Route(body=f"<rss version='2.0'><channel><title>S</title>{items}</channel></rss>"
                                        .encode())
    body = f'[[feeds]]\nname = "S"\nurl = "{feed_server.url("/feed")}"\nfull_text = true\n'
    summary = refresh(store, load_config(write_config(tmp_path, body)))
    assert (summary.ok, summary.failed, summary.full_text_ok, summary.full_text_failed) == (1, 0, 1, len(links) - 1)
    articles = {a.guid: a for a in store.list_articles()}
    assert "victory for every family" in (articles["/story/ok"].full_content or "")
    for path in ("/redirect-data", "/redirect-mailto", "/redirect-javascript", "/redirect-about"):
        assert "not a web address" in (articles[path].full_text_error or "")
    for article in articles.values():
        assert_label_safe(article.full_text_error or "")
