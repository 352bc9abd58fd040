"""Refresh in steady state, against the real local server: no work for what did not change.

A server that ignores validators sends the same body again: it is recorded as unchanged with
no parse and no process pool. A feed where one entry changed sends only that entry through
feedparser and the store, and the entry keeps its read and starred state.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import feedparser
import pytest

import reader.fetch.parse
import reader.fetch.pool
import reader.fetch.refresh
from reader.config import load_config
from reader.fetch.refresh import refresh
from reader.models import ParsedFeed
from reader.store import ArticleFilter, Store
from tests.conftest import config_for, write_config
from tests.e2e.test_corpus import corpus_files
from tests.feed_server import FeedServer, Route, rss

BODY = rss(("g1", "First"), ("g2", "Second"), ("g3", "Third"))


class RecordingExecutor(ThreadPoolExecutor):
    """Runs parses in this process and keeps what each returned."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.results: list[Any] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(lambda f: self.results.append(f.result()))
        return future


def fail(*_: object, **__: object) -> None:
    raise AssertionError("called for a body that did not change")


def test_an_identical_body_is_not_parsed_and_starts_no_pool(tmp_path: Path, feed_server: FeedServer, store: Store,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    feed_server.routes["/f"] = Route(body=BODY, headers={"Content-Type": "application/rss+xml"})  # no validators
    cfg = config_for(tmp_path, {"F": feed_server.url("/f")})
    first = refresh(store, cfg)
    assert (first.ok, first.new, first.unchanged) == (1, 3, 0)
    monkeypatch.setattr(reader.fetch.parse, "parse_feed_changes", fail)
    monkeypatch.setattr(reader.fetch.pool.LazyPool, "get", fail)
    feed_server.routes["/f"].etag = '"now-with-validators"'
    again = refresh(store, cfg)
    assert (again.ok, again.unchanged, again.not_modified, again.new, again.updated) == (1, 1, 0, 0, 0)
    assert again.line().endswith("nothing new")
    assert [p for p, _ in feed_server.requests] == ["/f", "/f"]
    [feed] = store.feeds()
    assert feed.etag == '"now-with-validators"'  # validators that came with the same body are kept
    assert store.count_articles() == 3


def test_a_changed_body_is_parsed_again(tmp_path: Path, feed_server: FeedServer, store: Store) -> None:
    feed_server.routes["/f"] = Route(body=BODY)
    cfg = config_for(tmp_path, {"F": feed_server.url("/f")})
    refresh(store, cfg)
    feed_server.routes["/f"].body = rss(("g0", "Newest"), ("g1", "First"), ("g2", "Second"), ("g3", "Third"))
    executor = RecordingExecutor()
    summary = refresh(store, cfg, executor=executor)
    assert (summary.new, summary.updated, summary.unchanged) == (1, 0, 0)
    [parsed] = executor.results
    assert [e.guid for e in parsed.entries] == ["g0"]


def test_a_changed_entry_in_an_unchanged_feed_is_updated_and_keeps_read_state(
        tmp_path: Path, feed_server: FeedServer, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    feed_server.routes["/f"] = Route(body=BODY)
    cfg = config_for(tmp_path, {"F": feed_server.url("/f")})
    refresh(store, cfg)
    second = next(a for a in store.list_articles() if a.guid == "g2")
    store.set_read([second.id])
    store.set_starred([second.id])
    feed_server.routes["/f"].body = BODY.replace(b"Body of g2", b"Corrected body of g2")
    seen_by_feedparser: list[bytes] = []
    real_parse = feedparser.parse

    def spy(data: bytes, **kwargs: Any) -> Any:
        seen_by_feedparser.append(data)
        return real_parse(data, **kwargs)

    monkeypatch.setattr(feedparser, "parse", spy)
    executor = RecordingExecutor()
    summary = refresh(store, cfg, executor=executor)
    assert (summary.ok, summary.new, summary.updated) == (1, 0, 1)
    [parsed] = executor.results
    assert isinstance(parsed, ParsedFeed) and [e.guid for e in parsed.entries] == ["g2"]
    [document] = seen_by_feedparser
    assert document.count(b"<item>") == 1 and b"Corrected body of g2" in document  # g1 and g3 were cut out
    after = store.article(second.id)
    assert after is not None and "Corrected body" in after.content
    assert after.is_read and after.is_starred
    assert store.count_articles() == 3
    assert [a.id for a in store.list_articles(ArticleFilter(search="corrected"))] == [second.id]


def test_an_all_304_run_keeps_its_connections_and_imports_no_parser(tmp_path: Path, feed_server: FeedServer,
                                                                     store: Store) -> None:
    paths = {f"F{i}": f"/f{i}" for i in range(12)}
    for path in paths.values():
        feed_server.routes[path] = Route(body=rss((path, path)), etag=f'"{path}"')
    cfg = config_for(tmp_path, {name: feed_server.url(p) for name, p in paths.items()})
    assert refresh(store, cfg).new == 12
    db = tmp_path / "warm.db"
    with Store(db) as warm:
        refresh(warm, cfg)
    before = feed_server.connections
    # A fresh interpreter, as `reader fetch` runs, reports which of the heavy modules it imported.
    script = ("import sys; from reader.cli import main; code = main(sys.argv[1:]); "
              "heavy = ('multiprocessing', 'concurrent.futures.process', 'feedparser', 'ftfy', 'reader.fetch.parse', "
              "'html.parser', 'click', 'rich', 'textual', 'reader.digest', 'reader.text.clean', 'httpx', 'anyio', "
              "'email', 'certifi', 'idna'); print(sorted(m for m in heavy if m in sys.modules)); sys.exit(code)")
    out = subprocess.run([sys.executable, "-c", script, "--config", str(tmp_path / "feeds.toml"), "--db", str(db),
                          "fetch"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "12 ok" in out.stdout and out.stdout.splitlines()[-1] == "[]"
    # 304s are read to their end, so connections are kept: at most one per concurrent request to the host.
    assert feed_server.connections - before <= 4


@pytest.mark.slow
def in_its_encoding(body: bytes, text: str) -> bytes:
    """`text` encoded as the body is: appended as ASCII to a UTF-16 or UTF-32 document it would break the XML."""
    if body[:4] == b"\x00\x00\xfe\xff" or body[:3] == b"\x00\x00\x00":
        return text.encode("utf-32-be")
    if body[:4] == b"\xff\xfe\x00\x00" or body[1:4] == b"\x00\x00\x00":
        return text.encode("utf-32-le")
    if body[:2] == b"\xfe\xff" or body[:1] == b"\x00":
        return text.encode("utf-16-be")
    if body[:2] == b"\xff\xfe" or body[1:2] == b"\x00":
        return text.encode("utf-16-le")
    return text.encode()


def test_refetching_the_corpus_finds_nothing_new(tmp_path: Path, feed_server: FeedServer) -> None:
    """Every corpus feed fetched again, as is and then in a new body around the same items: nothing new or updated."""
    files = corpus_files()
    if not files:
        pytest.skip("the shared corpus is not beside the repository")
    for i, path in enumerate(files):
        feed_server.routes[f"/c/{i}"] = Route(body=path.read_bytes(), headers={"Content-Type": "application/xml"})
    feeds = "".join(f'[[feeds]]\nname = "c{i}"\nurl = "{feed_server.url(f"/c/{i}")}"\n' for i in range(len(files)))
    cfg = load_config(write_config(tmp_path, feeds + "[fetch]\ntimeout = 20\nconcurrency = 16\n"))
    with Store(tmp_path / "corpus.db") as store:
        first = refresh(store, cfg)
        stored = store.count_articles()
        again = refresh(store, cfg)
        assert (again.new, again.updated, again.failed) == (0, 0, first.failed)
        assert again.unchanged == first.ok
        for route in feed_server.routes.values():
            route.body += in_its_encoding(route.body, "\n<!-- fetched again -->\n")  # a new body, the same items
        changed = refresh(store, cfg)
        assert (changed.new, changed.updated, changed.unchanged, changed.failed) == (0, 0, 0, first.failed)
        assert store.count_articles() == stored


def test_a_warm_run_saves_every_feeds_check_in_one_transaction(tmp_path: Path, feed_server: FeedServer) -> None:
    """304s and unchanged bodies are saved together at the end of the run, new validators included."""
    paths = {f"F{i}": f"/f{i}" for i in range(8)}
    for path in paths.values():
        feed_server.routes[path] = Route(body=rss((path, path)), etag=f'"{path}"')
    cfg = config_for(tmp_path, {name: feed_server.url(p) for name, p in paths.items()})
    with Store(tmp_path / "warm.db") as store:
        refresh(store, cfg)
        feed_server.routes["/f0"].etag = '"f0-renamed"'  # the same body under a new ETag: unchanged, not a 304
        before = {f.name: f.last_fetched for f in store.feeds()}
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        summary = refresh(store, cfg)
        store._conn.set_trace_callback(None)
        assert (summary.ok, summary.not_modified, summary.unchanged) == (8, 7, 1)
        assert statements.count("COMMIT") == 1  # every check at once (the feed list matched feeds.toml: no write)
        after = {f.name: f for f in store.feeds()}
        assert all(after[name].last_status in ("304", "200") and after[name].last_fetched for name in paths)
        assert after["F0"].etag == '"f0-renamed"' and after["F0"].last_fetched >= (before["F0"] or "")


def test_a_304_whose_full_text_step_fails_keeps_that_failure(tmp_path: Path, feed_server: FeedServer) -> None:
    """The batched "checked" save must not overwrite an error recorded later in the same run."""
    feed_server.routes["/f"] = Route(body=rss(("g1", "One")), etag='"v1"')
    cfg = load_config(write_config(tmp_path, f'[[feeds]]\nname = "F"\nurl = "{feed_server.url("/f")}"\n'
                                             "full_text = true\n\n[fetch]\ntimeout = 3\n"))

    class FullTextCrash(Store):
        def missing_full_text(self, feed_id: int, limit: int = 200) -> list[tuple[int, str]]:
            raise RuntimeError("full-text step broke")

    with Store(tmp_path / "s.db") as store:
        refresh(store, cfg)
    with FullTextCrash(tmp_path / "s.db") as store:
        summary = refresh(store, cfg)
        assert (summary.ok, summary.not_modified, summary.failed) == (0, 1, 1)
        [feed] = store.feeds()
        assert (feed.last_error or "").startswith("getting full text: internal error in the reader, not a fault of "
                                                 "the feed (RuntimeError: full-text step broke)")
        assert feed.etag == '"v1"'
