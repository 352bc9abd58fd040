"""A feed's declared content type reaches cleaning: tag-less HTML is decoded, plain text is never read for tags.

try11 F11: a WordPress excerpt ("The council&#8217;s vote", no tag) was shown with its references,
and an Atom type="text" summary with a literal "<p>" lost text to a tag. The type feedparser reports
is stored with the article (schema v17); articles stored before keep NULL and are read as before,
except that their tag-less text has its character references decoded.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.fetch.parse import parse_feed_bytes
from reader.fetch.refresh import refresh
from reader.store import SCHEMA_VERSION, Store
from reader.text.clean import clean_stored_article
from tests.conftest import config_for
from tests.feed_server import FeedServer, Route

WORDPRESS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>WP</title>
<item><title>Vote</title><link>https://wp.example/1</link><guid>https://wp.example/?p=1</guid>
<description><![CDATA[The council&#8217;s vote on E-Verify was delayed again on Monday, members said.
&#8220;We need more time,&#8221; the chair said [&#8230;]]]></description></item>
<item><title>Legacy</title><link>https://wp.example/2</link><guid>https://wp.example/?p=2</guid>
<description>Don&amp;#8217;t, won&amp;#146;t, caf&amp;eacute; &amp;amp;c, a &amp;lt;b&amp;gt; tag,
AT&amp;amp;T</description></item>
<item><title>Empty cell</title><link>https://wp.example/3</link><guid>https://wp.example/?p=3</guid>
<description>&lt;td&gt;&lt;/td&gt;</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom types</title><id>urn:at</id>
<updated>2026-12-01T10:00:00Z</updated>
<entry><title>Text summary</title><id>urn:at1</id><updated>2026-12-01T10:00:00Z</updated>
<link href="https://at.example/1"/>
<summary type="text">AT&amp;T and E-Verify: 5 &lt; 6, the &lt;p&gt; tag stays literal.</summary></entry>
<entry><title>HTML content no tags</title><id>urn:at2</id><updated>2026-12-01T10:00:00Z</updated>
<link href="https://at.example/2"/>
<content type="html">Don&amp;#8217;t panic about E-Verify &amp;amp; AT&amp;amp;T, she said.</content></entry>
<entry><title>HTML content with tag</title><id>urn:at3</id><updated>2026-12-01T10:00:00Z</updated>
<link href="https://at.example/3"/>
<content type="html">&lt;p&gt;Don&amp;#8217;t panic about E-Verify &amp;amp; AT&amp;amp;T,
she said.&lt;/p&gt;</content></entry>
</feed>"""


def _fetched(tmp_path: Path, feed_server: FeedServer, body: bytes) -> dict[str, tuple[str, ...]]:
    feed_server.routes["/feed"] = Route(body=body, headers={"Content-Type": "application/xml"})
    with Store(tmp_path / "r.db") as store:
        refresh(store, config_for(tmp_path, {"Feed": feed_server.url("/feed")}))
        return {a.title: clean_stored_article(a).paragraphs for a in store.list_articles()}


def test_a_wordpress_excerpt_without_tags_is_read_as_html(tmp_path: Path, feed_server: FeedServer) -> None:
    read = _fetched(tmp_path, feed_server, WORDPRESS)
    assert read["Vote"] == ("The council’s vote on E-Verify was delayed again on Monday, members said. "
                            "“We need more time,” the chair said […]",)
    # &#146; is ’ as HTML5 reads it (Windows-1252), &lt;b&gt; an escaped tag shown as written.
    assert read["Legacy"] == ("Don’t, won’t, café &c, a <b> tag, AT&T",)
    assert read["Empty cell"] == ()  # an empty element is no text, not its tags (try11 F12)


def test_atom_types_are_taken_as_declared(tmp_path: Path, feed_server: FeedServer) -> None:
    read = _fetched(tmp_path, feed_server, ATOM)
    assert read["Text summary"] == ("AT&T and E-Verify: 5 < 6, the <p> tag stays literal.",)
    said = ("Don’t panic about E-Verify & AT&T, she said.",)
    assert read["HTML content no tags"] == said and read["HTML content with tag"] == said


def test_the_parser_reports_each_entrys_declared_type() -> None:
    entries = parse_feed_bytes(ATOM, "application/atom+xml", "https://at.example/f").entries
    types = {e.title: e.content_type for e in entries}
    assert types == {"Text summary": "text", "HTML content no tags": "html", "HTML content with tag": "html"}
    text = {e.title: e.text for e in entries}
    assert "the <p> tag stays literal" in text["Text summary"]  # searchable as written


def test_articles_stored_before_the_type_was_kept_still_read_right(tmp_path: Path, feed_server: FeedServer) -> None:
    """An article from before v17 has no type: tag-less text is decoded, tags still parsed, nothing lost."""
    _fetched(tmp_path, feed_server, WORDPRESS)
    with sqlite3.connect(tmp_path / "r.db") as conn:
        conn.execute("UPDATE articles SET content_type = NULL")
    conn.close()
    with Store(tmp_path / "r.db") as store:
        read = {a.title: clean_stored_article(a).paragraphs for a in store.list_articles()}
    assert read["Vote"][0].startswith("The council’s vote")
    assert read["Legacy"] == ("Don’t, won’t, café &c, a <b> tag, AT&T",)
    assert read["Empty cell"] == ()


def test_the_migration_keeps_every_article_with_no_type(tmp_path: Path) -> None:
    from tests.store.test_store import entry

    db = tmp_path / "r.db"
    with Store(db) as store:
        with store._write() as c:
            c.execute("INSERT INTO feeds (name, url, active) VALUES ('Old', 'https://old.example/feed', 1)")
        (feed_id,) = (f.id for f in store.feeds(active_only=False))
        store.upsert_entries(feed_id, [entry("a", "Alpha"), entry("b", "Beta")])
    with sqlite3.connect(db) as conn:  # as a v16 store was: no content_type column
        conn.execute("ALTER TABLE articles DROP COLUMN content_type")
        conn.execute("PRAGMA user_version = 16")
    conn.close()
    with Store(db) as store:
        stored = store.list_articles()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    assert sorted(a.title for a in stored) == ["Alpha", "Beta"]
    assert {a.content_type for a in stored} == {None}
