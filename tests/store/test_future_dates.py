"""An item dated in the future (a wrong clock, a spammer's 2030) is placed as first seen everywhere, and said so.

The list's date, `reader show` and the digest agree: the date shown is when the reader first saw
it, with the feed's claim beside it ("the feed dates it 1 Jan 2030, in the future"); the store
sorts it as first seen (try11 F30). Through a feed served from 127.0.0.1 and the real commands.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.fetch.refresh import refresh
from reader.models import Article
from reader.store import Store
from tests.conftest import write_config
from tests.feed_server import FeedServer, Route

FUTURE = "Tue, 01 Jan 2030 00:00:00 GMT"
TEXT = ("The council weighed the E-Verify rule on Tuesday, members said. The vote is expected next week after a "
        "public hearing on the costs for small businesses.")


def article(published: str | None, first_seen: str = "2026-12-02T05:00:00+00:00") -> Article:
    return Article(id=1, feed_id=1, feed_name="F", guid=None, link=None, title="T", author=None, published=published,
                   first_seen=first_seen, content="", text="", is_read=False, is_starred=False)


def test_a_date_past_first_seen_by_more_than_the_skew_is_in_the_future_and_the_article_is_dated_as_seen() -> None:
    assert article("2030-01-01T00:00:00+00:00").future_date == "2030-01-01T00:00:00+00:00"
    assert article("2030-01-01T00:00:00+00:00").dated == "2026-12-02T05:00:00+00:00"
    assert article("2026-12-02T06:30:00+00:00").future_date is None  # a clock a little fast: its date stands
    assert article("2026-12-01T09:00:00+00:00").dated == "2026-12-01T09:00:00+00:00"
    assert article(None).dated == "2026-12-02T05:00:00+00:00"
    assert article("Tuesday").future_date is None  # from outside the store (reader summarize): as written


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args, "--config", str(tmp_path / "feeds.toml"),
                           "--db", str(tmp_path / "r.db")], capture_output=True, text=True, timeout=120)


def test_list_show_and_digest_place_a_future_item_as_first_seen_and_say_its_claimed_date(
        tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/future.xml"] = Route(body=(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Future</title><item><guid>f1</guid>'
        "<title>Pinned forever at the top (dated 2030)</title><link>https://future.example/1</link>"
        f"<pubDate>{FUTURE}</pubDate><description>{TEXT}</description></item></channel></rss>").encode())
    config = write_config(tmp_path, f'[[feeds]]\nname = "Future"\nurl = "{feed_server.url("/future.xml")}"\n\n'
                                    '[[topics]]\nname = "E-Verify"\nmatch = ["E-Verify"]\n')
    from reader.config import load_config
    with Store(tmp_path / "r.db") as store:
        refresh(store, load_config(config))
        [stored] = store.list_articles()
        assert stored.future_date == "2030-01-01T00:00:00+00:00" and stored.dated == stored.first_seen
        assert store._query("SELECT sort_date FROM articles") == [(stored.first_seen,)]
    shown = run(tmp_path, "show", str(stored.id))
    assert shown.returncode == 0, shown.stderr
    assert "(first seen; the feed dates it 1 Jan 2030, 00:00 UTC, in the future)" in " ".join(shown.stdout.split())
    day = stored.first_seen[:10]
    digest = run(tmp_path, "digest", "--no-fetch", "--stdout", "--date", day)
    assert digest.returncode == 0, digest.stderr
    [line] = [x for x in digest.stdout.splitlines() if "Pinned forever" in x and "](" in x]
    assert line.endswith("— Future · dated Tuesday 1 January 2030, in the future"), line
