"""Every feed in feedparser's own test corpus goes through the whole pipeline without a crash or hang.

Each file is served from the local server with the HTTP headers its comment asks for, fetched,
parsed in the process pool, stored, and its articles cleaned. Each must end in stored articles
or a clear per-feed error, and whatever text comes out must be readable.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reader.config import load_config
from reader.fetch.refresh import refresh
from reader.store import Store
from reader.text.clean import clean_stored_article
from tests.conftest import REPO
from tests.feed_server import FeedServer, Route

CORPUS = REPO.parent / "shared" / "corpus" / "feedparser"
_HEADER = re.compile(rb"^\s*Header:\s*([\w-]+):\s*(.+?)\s*$", re.M)
_UNREADABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|\x1b")


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".xml", ".rdf") and p.is_file())


@pytest.mark.slow
def test_whole_corpus_through_the_pipeline(tmp_path: Path, feed_server: FeedServer) -> None:
    files = corpus_files()
    if not files:
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    lines = []
    for i, path in enumerate(files):
        data = path.read_bytes()
        head = data[:2000]
        headers = {k.decode(): v.decode("latin-1") for k, v in _HEADER.findall(head)}
        headers.setdefault("Content-Type", "application/xml")
        feed_server.routes[f"/c/{i}"] = Route(body=data, headers=headers)
        lines.append(f'[[feeds]]\nname = "c{i}"\nurl = "{feed_server.url(f"/c/{i}")}"\n')
    config_path = tmp_path / "feeds.toml"
    config_path.write_text("\n".join(lines) + "\n[fetch]\ntimeout = 20\nconcurrency = 16\n", encoding="utf-8")
    config = load_config(config_path)
    with Store(tmp_path / "corpus.db") as store:
        started = time.monotonic()
        summary = refresh(store, config)
        elapsed = time.monotonic() - started
        assert summary.feeds == len(files) and summary.ok + summary.failed == len(files)
        assert elapsed < 240, f"corpus refresh took {elapsed:.0f} s"
        counts = store.article_counts()
        for feed in store.feeds():
            assert counts.get(feed.id, 0) > 0 or feed.last_error or feed.last_status == "200", feed
            if feed.last_error:
                assert len(feed.last_error) > 10 and "\n" not in feed.last_error
        articles = store.list_articles(limit=100_000)
        assert len(articles) > len(files) // 2
        for article in articles:
            cleaned = clean_stored_article(article)
            for text in (cleaned.title or "", *cleaned.paragraphs, *(q.text for q in cleaned.quotes)):
                assert not _UNREADABLE.search(text), (article.feed_name, text)
            assert not _UNREADABLE.search(article.title), (article.feed_name, article.title)
