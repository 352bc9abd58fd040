"""`reader feeds ...` as a user runs it, with discovery against pages served on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import write_config
from tests.feed_server import FeedServer, Route, rss

OPML = Path(__file__).parent / "opml"


def reader(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"),
                           "--db", str(tmp_path / "r.db"), "feeds", *args], capture_output=True, text=True,
                          timeout=60)


def test_add_a_feed_url_and_a_page_that_links_one(tmp_path: Path, feed_server: FeedServer) -> None:
    write_config(tmp_path, "# my feeds\n")
    feed_server.routes["/feed.xml"] = Route(body=rss(("1", "One"), title="Local Outlet"),
                                            headers={"Content-Type": "application/rss+xml"})
    feed_server.routes["/page"] = Route(body=b'<html><head><link rel="alternate" type="application/atom+xml" '
                                             b'href="/feed.xml"></head><body>hi</body></html>',
                                        headers={"Content-Type": "text/html"})
    feed_server.routes["/plain"] = Route(body=b"<html><body>no feed here</body></html>",
                                         headers={"Content-Type": "text/html"})
    out = reader(tmp_path, "add", feed_server.url("/feed.xml"), "--tag", "x")
    assert out.returncode == 0, out.stderr
    assert "added 'Local Outlet'" in out.stdout
    dup = reader(tmp_path, "add", feed_server.url("/page"), "--name", "Other")
    assert dup.returncode == 1 and "already subscribed as 'Local Outlet'" in dup.stderr
    none = reader(tmp_path, "add", feed_server.url("/plain"))
    assert none.returncode == 1 and 'no <link rel="alternate">' in none.stderr
    text = (tmp_path / "feeds.toml").read_text()
    assert text.startswith("# my feeds\n") and f'url = "{feed_server.url("/feed.xml")}"' in text


def test_list_import_export_remove(tmp_path: Path) -> None:
    write_config(tmp_path, '[[feeds]]\nname = "Civic Wire"\nurl = "https://civicwire.example/rss"\n')
    out = reader(tmp_path, "import", str(OPML / "feedly.opml"))
    assert out.returncode == 0 and "imported 1 feeds" in out.stdout and "1 already subscribed" in out.stdout
    listing = reader(tmp_path, "list")
    assert "Metro Ledger" in listing.stdout and "Policy,Local" in listing.stdout and "never fetched" in listing.stdout
    exported = reader(tmp_path, "export")
    assert 'xmlUrl="https://metroledger.example/feed.atom" category="Policy,Local"' in exported.stdout
    assert reader(tmp_path, "remove", "Metro Ledger").returncode == 0
    assert "Metro Ledger" not in (tmp_path / "feeds.toml").read_text()


def test_malformed_opml_leaves_feeds_toml_untouched(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[[feeds]]\nname = "A"\nurl = "https://a.example/"\n')
    before = path.read_bytes()
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline xmlUrl='x'")
    out = reader(tmp_path, "import", str(bad))
    assert out.returncode == 1 and "not well-formed XML" in out.stderr and "Traceback" not in out.stderr
    assert path.read_bytes() == before


def test_add_a_local_file_from_another_folder_and_refuse_what_is_not_a_feed(tmp_path: Path) -> None:
    config_dir = tmp_path / "conf"
    (config_dir / "feeds").mkdir(parents=True)
    write_config(config_dir, "")
    (config_dir / "feeds" / "local.xml").write_bytes(rss(("1", "One"), title="Town Crier"))
    (tmp_path / "page.html").write_text("<html><body>not a feed</body></html>")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reader", "--config", str(config_dir / "feeds.toml"),
                               "--db", str(tmp_path / "r.db"), *args], capture_output=True, text=True, timeout=60,
                              cwd=elsewhere)

    out = run("feeds", "add", "../conf/feeds/local.xml")  # relative to the shell's folder, not feeds.toml's
    assert out.returncode == 0, out.stderr
    assert "added 'Town Crier'" in out.stdout and 'url = "feeds/local.xml"' in (config_dir / "feeds.toml").read_text()
    fetched = run("fetch")
    assert fetched.returncode == 0 and "1 new" in fetched.stdout, fetched.stdout + fetched.stderr
    page = run("feeds", "add", "../page.html")
    assert page.returncode == 1 and "../page.html is not a feed: this is an HTML page" in page.stderr
    missing = run("feeds", "add", "../nowhere.xml")
    assert missing.returncode == 1 and "cannot read ../nowhere.xml: No such file" in missing.stderr
    assert "Traceback" not in page.stderr + missing.stderr
