import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.models import ParsedEntry
from reader.store import SCHEMA_VERSION, ArticleFilter, Store, StoreError
from reader.store.schema import MIGRATIONS, migrate
from reader.store.store import TopicDay


def entry(key: str, title: str = "T", body: str = "body", guid: str | None = "auto",
          link: str | None = None) -> ParsedEntry:
    digest = hashlib.sha1(f"{title}\0{body}".encode()).hexdigest()
    return ParsedEntry(key=key, guid=key if guid == "auto" else guid, link=link, title=title, author=None,
                       published="2011-09-17T13:00:00+00:00", content=f"<p>{body}</p>", text=body,
                       content_hash=digest)


def add_feed(store: Store, name: str = "F", url: str = "/f.xml") -> int:
    store.sync_feeds([FeedConfig(name=name, url=url)], {name: url})
    return next(f.id for f in store.feeds() if f.name == name)


def test_same_key_is_an_update_and_keeps_read_and_starred(store: Store) -> None:
    fid = add_feed(store)
    assert store.upsert_entries(fid, [entry("g1"), entry("g2")]) == (2, 0)
    a1 = next(a for a in store.list_articles() if a.guid == "g1")
    store.set_read([a1.id])
    store.set_starred([a1.id])
    assert store.upsert_entries(fid, [entry("g1"), entry("g2")]) == (0, 0)
    assert store.upsert_entries(fid, [entry("g1", title="T (corrected)"), entry("g2")]) == (0, 1)
    got = store.article(a1.id)
    assert got is not None
    assert got.title == "T (corrected)" and got.is_read and got.is_starred
    assert store.count_articles() == 2


def test_a_feed_repeating_an_entry_stores_it_once(store: Store) -> None:
    fid = add_feed(store)
    assert store.upsert_entries(fid, [entry("l:x", title="one"), entry("l:x", title="two")]) == (1, 0)
    assert [a.title for a in store.list_articles()] == ["two"]


def test_filters_search_and_counts(store: Store) -> None:
    f1 = add_feed(store, "One", "/1.xml")
    store.sync_feeds([FeedConfig("One", "/1.xml", tags=("local",)), FeedConfig("Two", "/2.xml")],
                     {"One": "/1.xml", "Two": "/2.xml"})
    f2 = next(f.id for f in store.feeds() if f.name == "Two")
    store.upsert_entries(f1, [entry("a", "Task force report", "Secure Communities criticised")])
    store.upsert_entries(f2, [entry("b", "Weather", "ice on the roads"), entry("c", "Budget", "tax")])
    assert store.count_articles(ArticleFilter(tag="local")) == 1
    assert store.count_articles(ArticleFilter(feed_id=f2)) == 2
    assert [a.title for a in store.list_articles(ArticleFilter(search="communit"))] == ["Task force report"]
    assert store.list_articles(ArticleFilter(search='"unbalanced')) == []  # user input never breaks FTS syntax
    b = store.list_articles(ArticleFilter(search="ice"))[0]
    store.set_read([b.id])
    assert store.count_articles(ArticleFilter(unread_only=True)) == 2
    assert store.unread_counts() == {f1: 1, f2: 1}
    assert store.article_counts() == {f1: 1, f2: 2}


def test_updated_text_is_reindexed(store: Store) -> None:
    fid = add_feed(store)
    store.upsert_entries(fid, [entry("a", "Old", "alpha")])
    store.upsert_entries(fid, [entry("a", "New", "bravo")])
    assert store.list_articles(ArticleFilter(search="alpha")) == []
    assert len(store.list_articles(ArticleFilter(search="bravo"))) == 1


def test_feeds_removed_from_config_keep_their_articles(store: Store) -> None:
    fid = add_feed(store, "Gone", "/g.xml")
    store.upsert_entries(fid, [entry("a")])
    store.sync_feeds([], {})
    assert store.feeds() == [] and [a.outlet for a in store.list_articles()] == ["Gone (unsubscribed)"]
    add_feed(store, "Gone", "/g.xml")
    assert [a.outlet for a in store.list_articles()] == ["Gone"]


def test_changing_a_feeds_url_forgets_redirects_and_validators(store: Store) -> None:
    fid = add_feed(store, "F", "http://old/")
    store.record_fetch(fid, status="200", etag='"e"', effective_url="http://moved/", body_hash="b", item_hashes=b"i")
    add_feed(store, "F", "http://new/")
    f = store.feed(fid)
    assert f is not None and (f.url, f.effective_url, f.etag) == ("http://new/", None, None)
    assert (f.body_hash, f.item_hashes) == (None, b"")  # a new source: its first body is parsed in full


def test_body_hashes_are_kept_until_a_fetch_gives_new_ones(store: Store) -> None:
    fid = add_feed(store)
    store.record_fetch(fid, status="200", body_hash="b1", item_hashes=b"\1" * 32)
    store.record_fetch(fid, status="304")
    store.record_fetch(fid, status="error", error="network error")
    f = store.feed(fid)
    assert f is not None and (f.body_hash, f.item_hashes) == ("b1", b"\1" * 32)
    store.record_fetch(fid, status="200", body_hash="b2", item_hashes=b"")
    f = store.feed(fid)
    assert f is not None and (f.body_hash, f.item_hashes) == ("b2", b"")


def test_entry_hashes_are_the_newest_stored_entries(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    fid = add_feed(store)
    other = add_feed(store, "G", "/g.xml")
    store.upsert_entries(fid, [entry("g1", body="one"), entry("g2", body="two")])
    store.upsert_entries(other, [entry("g9")])
    assert store.entry_hashes(fid) == {"g1": entry("g1", body="one").content_hash,
                                       "g2": entry("g2", body="two").content_hash}
    monkeypatch.setattr("reader.store.refresh_writes.KNOWN_ENTRIES_LIMIT", 1)
    assert len(store.entry_hashes(fid)) == 1


def test_migration_to_v7_keeps_feeds_and_starts_without_body_hashes(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 6)
    conn.execute("INSERT INTO feeds (id, name, url, etag) VALUES (1, 'F', '/f.xml', '\"e\"')")
    conn.close()
    with Store(path) as store:
        [f] = store.feeds()
        assert (f.etag, f.body_hash, f.item_hashes) == ('"e"', None, b"")
        store.record_fetch(f.id, status="200", body_hash="h", item_hashes=b"x" * 16)
        assert store.feeds()[0].item_hashes == b"x" * 16


def test_pins_and_settings(store: Store) -> None:
    fid = add_feed(store)
    store.upsert_entries(fid, [entry("a")])
    aid = store.list_articles()[0].id
    store.add_pin(aid, "a quote", "the report")
    store.add_pin(aid, "a quote", "the report")
    assert [(p.text, p.speaker) for p in store.pins([aid])] == [("a quote", "the report")]
    store.remove_pin(aid, "a quote")
    assert store.pins() == []
    store.set_setting("theme", "nord")
    store.set_setting("theme", "gruvbox")
    assert store.setting("theme") == "gruvbox" and store.setting("missing") is None


def test_pins_and_topic_days_over_more_ids_than_one_statement_may_ask(store: Store) -> None:
    """The digest asks for pins of a whole day's articles and for topic days over a long history: the lists are
    chunked, so a SQLite built with the old limit of 999 variables answers too."""
    store._conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    fid = add_feed(store)
    store.upsert_entries(fid, [entry("a"), entry("b")])
    first, second = (a.id for a in store.list_articles())
    store.add_pin(second, "later quote", None)
    store.add_pin(first, "a quote", "the report")
    asked = [*range(10_000, 11_200), first, second]
    assert [(p.article_id, p.text) for p in store.pins(asked)] == [(second, "later quote"), (first, "a quote")]
    assert store.pins([]) == []
    row = TopicDay(day_articles=1, articles=1, outlets=1, signatures="a b")
    store.save_topic_days("2026-11-29", {"T": row, "U": row})
    days = [f"{1900 + n // 365}-{n % 12 + 1:02}-{n % 28 + 1:02}" for n in range(1200)] + ["2026-11-29"]
    topics = [f"topic {n}" for n in range(700)] + ["T", "U"]
    assert store.topic_days(topics, days) == {("T", "2026-11-29"): row, ("U", "2026-11-29"): row}


@pytest.mark.parametrize("start_version", range(0, SCHEMA_VERSION))
def test_migrates_from_each_older_version_keeping_data(tmp_path: Path, start_version: int) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, start_version)
    if start_version >= 1:
        conn.execute("INSERT INTO feeds (id, name, url) VALUES (1, 'F', '/f.xml')")
        conn.execute(
            "INSERT INTO articles (feed_id, key, title, sort_date, first_seen, updated, text, content_hash, is_read) "
            "VALUES (1, 'g:1', 'Old article', 'x', 'x', 'x', 'Secure Communities text', 'h', 1)"
        )
    if start_version >= 6:  # from v6 on the store indexes articles itself, as upsert_entries does
        conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles")
    conn.close()
    with Store(path) as store:
        assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        if start_version >= 1:
            [a] = store.list_articles()
            assert a.title == "Old article" and a.is_read
            assert store.list_articles(ArticleFilter(search="secure"))[0].id == a.id
            store.add_pin(a.id, "q", None)  # the newest tables work on migrated data
        row = TopicDay(day_articles=1, articles=1, outlets=1, signatures="a b c d")
        store.save_topic_days("2026-11-29", {"T": row})
        assert store.topic_days(["T"], ["2026-11-29"]) == {("T", "2026-11-29"): row}


def test_a_v11_store_gets_link_title_keys_so_a_new_guid_on_a_stored_article_updates_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 11)
    conn.execute("INSERT INTO feeds (id, name, url) VALUES (1, 'F', '/f.xml')")
    conn.execute("INSERT INTO articles (feed_id, key, guid, link, title, sort_date, first_seen, updated, "
                 "content_hash, is_read, is_starred) VALUES (1, 'g:old', 'old', ?, 'T', 'x', 'x', 'x', 'h', 1, 1)",
                 ("HTTPS://x.example/a/?utm_medium=feed",))
    conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles")
    conn.close()
    with Store(path) as store:
        assert store.upsert_entries(1, [entry("g:new", guid="new", link="https://x.example/a")]) == (0, 1)
        [a] = store.list_articles()
        assert (a.guid, a.link, a.is_read, a.is_starred) == ("new", "https://x.example/a", True, True)


def test_a_v14_stores_page_failures_are_not_tried_again_and_its_untried_pages_are(tmp_path: Path) -> None:
    """Before v15 a failure's kind was not kept: a stored one counts as lasting, so upgrading asks no page again."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 14)
    conn.execute("INSERT INTO feeds (id, name, url) VALUES (1, 'F', '/f.xml')")
    for guid, error in (("failed", "full text unavailable: HTTP 404"), ("untried", None)):
        conn.execute("INSERT INTO articles (feed_id, key, guid, link, title, sort_date, first_seen, updated, "
                     "content_hash, full_text_error) VALUES (1, ?, ?, ?, 'T', 'x', 'x', 'x', 'h', ?)",
                     (f"g:{guid}", guid, f"https://x.example/{guid}", error))
    conn.close()
    with Store(path) as store:
        assert [link for _, link, _ in store.missing_full_text(1)] == ["https://x.example/untried"]


def test_repeats_a_v11_store_holds_become_one_article_with_their_state_and_pins(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 11)
    conn.executemany("INSERT INTO feeds (id, name, url) VALUES (?, ?, ?)", [(1, "F", "/f.xml"), (2, "G", "/g.xml")])
    link = "https://x.example/a"
    rows = [  # (feed, guid, link, title, content, read, starred, first seen)
        (1, "r1", link, "Sheriff ends deal", "short", 1, 0, "2026-11-02"),
        (1, "r2", link + "/?utm_source=rss", "Sheriff Ends Deal", "the longest of the repeats", 0, 0, "2026-11-01"),
        (1, "r3", "HTTP://X.example/a", "sheriff ends deal", "shorter", 0, 1, "2026-11-03"),
        (1, "other", link, "Another title on the one page", "other", 0, 0, "2026-11-02"),
        (2, "g1", link, "Sheriff ends deal", "another feed's copy", 0, 0, "2026-11-02"),
    ]
    for feed, guid, url, title, content, read, starred, seen in rows:
        conn.execute("INSERT INTO articles (feed_id, key, guid, link, title, sort_date, first_seen, updated, content, "
                     "text, content_hash, is_read, is_starred) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'h', ?, ?)",
                     (feed, f"g:{guid}", guid, url, title, seen, seen, seen, content, content, read, starred))
    conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles")
    conn.execute("INSERT INTO pins (article_id, text, created) VALUES (1, 'a quote', 'x'), (3, 'a quote', 'x'), "
                 "(3, 'another', 'x')")
    conn.execute("INSERT INTO story_bands (band, article_id) VALUES (7, 1), (7, 2), (7, 3)")
    migrate(conn, 12)  # v12 keeps the merged article's band rows (v14 then folds every article anew)
    assert conn.execute("SELECT article_id FROM story_bands").fetchall() == conn.execute(
        "SELECT id FROM articles WHERE guid = 'r2'").fetchall()
    conn.close()
    with Store(path) as store:
        [merged] = [a for a in store.list_articles() if a.feed_name == "F" and a.guid != "other"]
        assert (merged.guid, merged.is_read, merged.is_starred, merged.first_seen) == ("r2", True, True, "2026-11-01")
        assert sorted(a.guid or "" for a in store.list_articles()) == ["g1", "other", "r2"]
        assert sorted(p.text for p in store.pins()) == ["a quote", "another"]
        assert {p.article_id for p in store.pins()} == {merged.id}
        assert [a.id for a in store.list_articles(ArticleFilter(search="longest"))] == [merged.id]
        assert store.list_articles(ArticleFilter(search="shorter")) == []
    check = sqlite3.connect(path)
    check.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")  # raises if out of step


def test_a_merged_repeat_keeps_the_page_text_only_a_dropped_repeat_had(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 11)
    conn.execute("INSERT INTO feeds (id, name, url, full_text) VALUES (1, 'F', '/f.xml', 1)")
    page = "<p>The sheriff said the agreement with ICE ends in March.</p>"
    for guid, content, full in [("r1", "a short teaser", page), ("r2", "the longest of the feed's repeats", None)]:
        text = content + ("\nThe sheriff said the agreement with ICE ends in March." if full else "")
        conn.execute("INSERT INTO articles (feed_id, key, guid, link, title, sort_date, first_seen, updated, content, "
                     "text, content_hash, full_content) VALUES (1, ?, ?, 'https://x.example/a', 'T', 'x', 'x', 'x', "
                     "?, ?, 'h', ?)", (f"g:{guid}", guid, content, text, full))
    conn.execute("INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles")
    conn.close()
    with Store(path) as store:
        [merged] = store.list_articles()
        assert (merged.guid, merged.full_content) == ("r2", page)
        assert "the longest" in merged.text and "ends in March" in merged.text
        assert [a.id for a in store.list_articles(ArticleFilter(search="agreement march"))] == [merged.id]
        assert [a.id for a in store.list_articles(ArticleFilter(search="longest"))] == [merged.id]
        assert store.list_articles(ArticleFilter(search="teaser")) == []
    sqlite3.connect(path).execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


def test_newer_schema_and_garbage_files_are_clear_errors(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    sqlite3.connect(newer).execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer than this program"):
        Store(newer)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"junk\.db: cannot open"):
        Store(junk)
    assert junk.read_bytes().startswith(b"this is not a database")  # never overwritten


def test_opening_a_store_reads_no_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.db"
    with Store(path) as s:
        fid = add_feed(s)
        s.upsert_entries(fid, [entry(f"g{i}") for i in range(50)])
    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr("reader.store.store.sqlite3.connect", traced)
    Store(path).close()
    assert statements and not any("articles" in s.lower() for s in statements)


WRITER = """
import sys, hashlib
from reader.store import Store
from reader.models import ParsedEntry
from reader.config import FeedConfig
s = Store(sys.argv[1])
s.sync_feeds([FeedConfig("F", "/f.xml")], {"F": "/f.xml"})
fid = s.feeds()[0].id
for i in range(200):
    key = f"{sys.argv[2]}-{i}"
    digest = hashlib.sha1(key.encode()).hexdigest()
    s.upsert_entries(fid, [ParsedEntry(key, key, None, key, None, None, "c", "c", digest)])
    s.set_read([1])
print("done")
"""


def test_two_processes_write_the_same_store(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    Store(path).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with Store(path) as s:
        assert s.count_articles() == 400
        assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_phrase_candidates_stream_in_batches(store: Store) -> None:
    fid = add_feed(store)
    store.upsert_entries(fid, [entry(f"g{i}", f"Title {i}", f"about Secure Communities number {i}")
                               for i in range(7)] + [entry("other", "Other", "nothing relevant")])
    store.set_read([store.list_articles(ArticleFilter(search="number 3"))[0].id])
    got = list(store.iter_phrase_candidates(["secure communities"], batch=3))
    assert len(got) == 7 and [g[0] for g in got] == sorted(g[0] for g in got)
    assert len(list(store.iter_phrase_candidates(["Secure Communities"], unread_only=True, batch=2))) == 6
    assert list(store.iter_phrase_candidates(['odd " phrase'])) == []
    assert store.has_articles()


def test_enabled_in_the_file_wins_except_over_gone(store: Store) -> None:
    def sync(enabled: bool) -> None:
        store.sync_feeds([FeedConfig("F", "/f.xml", enabled=enabled)], {"F": "/f.xml"})

    sync(False)
    fid = store.feeds()[0].id
    assert store.feed(fid).disabled
    sync(True)
    assert not store.feed(fid).disabled  # re-enabled by the user
    store.record_fetch(fid, status="410", error="gone", disable=True)
    sync(True)
    assert store.feed(fid).disabled  # a 410 stays disabled until the URL changes
    store.sync_feeds([FeedConfig("F", "/new.xml")], {"F": "/new.xml"})
    assert not store.feed(fid).disabled


def test_an_updated_entry_fetches_its_full_text_again(store: Store) -> None:
    fid = add_feed(store)
    store.upsert_entries(fid, [entry("a", "T", "summary", link="http://x.example/a")])
    aid = store.list_articles()[0].id
    assert store.missing_full_text(fid) == [(aid, "http://x.example/a", 0)]
    store.save_full_text(aid, None, "full text unavailable: timed out", passing=True)
    assert store.missing_full_text(fid) == [(aid, "http://x.example/a", 1)]  # one try used, tried again
    store.save_full_text(aid, "<p>page words zebra</p>", None)
    assert store.list_articles(ArticleFilter(search="zebra")) and store.missing_full_text(fid) == []
    store.upsert_entries(fid, [entry("a", "T", "summary, corrected", link="http://x.example/a")])
    article = store.article(aid)
    assert article is not None and article.full_content is None
    assert store.missing_full_text(fid) == [(aid, "http://x.example/a", 0)]  # queued to fetch again, every try back
    store.save_full_text(aid, None, "full text unavailable: HTTP 404")
    assert store.missing_full_text(fid) == []  # a lasting failure is not tried again
    assert store.list_articles(ArticleFilter(search="zebra")) == []  # the stale page text is not searched


def _index_terms(conn: sqlite3.Connection, schema: str, table: str) -> list[tuple[str, int, str, int]]:
    conn.execute(f"CREATE VIRTUAL TABLE temp.{table}_terms USING fts5vocab({schema}, {table}, instance)")
    return sorted(conn.execute(f"SELECT term, doc, col, offset FROM temp.{table}_terms"))


def test_search_index_matches_the_articles_after_inserts_updates_and_full_text(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with Store(path) as store:
        fid = add_feed(store)
        store.upsert_entries(fid, [entry(f"g{i}", f"Title {i}", f"body words {i}") for i in range(30)])
        store.upsert_entries(fid, [entry(f"g{i}", f"Title {i}", f"changed body {i}") for i in range(0, 30, 3)])
        store.upsert_entries(fid, [entry("g1", "Retitled", "body words 1"), entry("g99", "Late", "late words")])
        aid = store.list_articles(ArticleFilter(search="late"))[0].id
        store.save_full_text(aid, "<p>page text arrives</p>", None)
    conn = sqlite3.connect(path)
    # An index built afresh from the articles table must hold the same terms at the same places.
    conn.execute("CREATE VIRTUAL TABLE temp.fresh USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO temp.fresh (rowid, title, text) SELECT id, title, text FROM articles")
    fresh = _index_terms(conn, "temp", "fresh")
    assert ("arrives", aid, "text", 4) in fresh  # "late words / page text arrives"
    assert _index_terms(conn, "main", "articles_fts") == fresh


def test_syncing_an_unchanged_feed_list_writes_nothing_and_every_change_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """sync_feeds skips its write only when the table already says what it would write (checked by a forced write)."""
    steps: list[list[FeedConfig]] = [
        [FeedConfig("A", "/a.xml"), FeedConfig("B", "/b.xml", tags=("x",))],
        [FeedConfig("A", "/a.xml"), FeedConfig("B", "/b.xml", tags=("x",))],  # unchanged
        [FeedConfig("A", "/a.xml"), FeedConfig("B", "/b.xml", tags=("x", "y"))],  # tags
        [FeedConfig("A", "/a2.xml"), FeedConfig("B", "/b.xml", tags=("x", "y"))],  # url
        [FeedConfig("A", "/a2.xml", enabled=False), FeedConfig("B", "/b.xml", tags=("x", "y"))],  # disabled
        [FeedConfig("A", "/a2.xml"), FeedConfig("B", "/b.xml", tags=("x", "y"), full_text=True)],  # enabled, full text
        [FeedConfig("A", "/a2.xml")],  # B left the file
        [FeedConfig("A", "/a2.xml"), FeedConfig("B", "/b.xml", tags=("x", "y"), full_text=True)],  # B is back
        [FeedConfig("A", "/a2.xml"), FeedConfig("B", "/b.xml", tags=("x", "y"), full_text=True)],  # unchanged
    ]
    skipping, forced = Store(tmp_path / "skipping.db"), Store(tmp_path / "forced.db")
    commits: list[str] = []
    skipping._conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    try:
        for n, feeds in enumerate(steps):
            if n == 5:  # a feed found gone (410) stays disabled while enabled in the file
                for store in (skipping, forced):
                    store.record_fetch(store.feeds()[0].id, status="410", error="gone", disable=True)
            before = len(commits)
            skipping.sync_feeds(feeds, {f.name: f.url for f in feeds})
            with monkeypatch.context() as m:
                m.setattr(Store, "_feeds_match", lambda *_: False)
                forced.sync_feeds(feeds, {f.name: f.url for f in feeds})
            assert skipping.feeds() == forced.feeds() and skipping.feeds(False) == forced.feeds(False), n
            assert (len(commits) == before) == (n in (1, 8)), n
    finally:
        skipping.close()
        forced.close()


def test_feeds_stored_together_fail_alone(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """One transaction for several feeds: a feed that fails is rolled back to its savepoint, the others are kept."""
    from reader.models import FetchedFeed
    from reader.store.refresh_writes import RefreshWrites

    store.sync_feeds([FeedConfig(name, f"/{name}.xml") for name in ("Ok", "Bad", "Later")],
                     {name: f"/{name}.xml" for name in ("Ok", "Bad", "Later")})
    ok, bad, later = (f.id for f in sorted(store.feeds(), key=lambda f: ("Ok", "Bad", "Later").index(f.name)))
    real = RefreshWrites._upsert

    def upsert(self: Store, c: sqlite3.Connection, feed_id: int, entries: list[ParsedEntry],
               seq: int) -> tuple[int, int]:
        counts = real(self, c, feed_id, entries, seq)  # its rows are written before it fails
        if feed_id == bad:
            raise ValueError("a value the store cannot bind")
        return counts

    monkeypatch.setattr(RefreshWrites, "_upsert", upsert)
    with store.refresh_session():
        results = store.store_fetched_together([
            FetchedFeed(ok, [entry("a", body="apples")], "200", etag='"ok"'),
            FetchedFeed(bad, [entry("b", body="bananas")], "200", etag='"bad"'),
            FetchedFeed(later, [entry("c", body="cherries"), entry("d", body="dates")], "200", etag='"later"')])
        assert results[0] == (1, 0) and isinstance(results[1], ValueError) and results[2] == (2, 0)
    assert sorted(str(a.guid) for a in store.list_articles()) == ["a", "c", "d"]
    assert {f.name: f.etag for f in store.feeds()} == {"Ok": '"ok"', "Bad": None, "Later": '"later"'}
    assert store.count_articles(ArticleFilter(search="bananas")) == 0  # nor anything of it in the search index
    assert store.count_articles(ArticleFilter(search="cherries")) == 1
