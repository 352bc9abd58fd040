"""`reader feeds ...` as a user runs it, with discovery against pages served on 127.0.0.1."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from reader.config import load_config
from reader.store import Store
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
    assert dup.returncode == 2 and "already subscribed as 'Local Outlet'" in dup.stderr
    none = reader(tmp_path, "add", feed_server.url("/plain"))
    assert none.returncode == 1 and 'no <link rel="alternate">' in none.stderr
    text = (tmp_path / "feeds.toml").read_text()
    assert text.startswith("# my feeds\n") and f'url = "{feed_server.url("/feed.xml")}"' in text


def test_list_import_export_remove(tmp_path: Path) -> None:
    write_config(tmp_path, '[[feeds]]\nname = "Civic Wire"\nurl = "https://civicwire.example/rss"\n')
    out = reader(tmp_path, "import", str(OPML / "feedly.opml"))
    assert out.returncode == 0 and "imported 1 feed from" in out.stdout and "1 already subscribed" in out.stdout
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
    assert out.returncode == 2 and "not well-formed XML" in out.stderr and "Traceback" not in out.stderr
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
    assert page.returncode == 2 and "../page.html is not a feed: this is an HTML page" in page.stderr
    missing = run("feeds", "add", "../nowhere.xml")
    assert missing.returncode == 2 and "cannot read ../nowhere.xml: No such file" in missing.stderr
    assert "Traceback" not in page.stderr + missing.stderr


def test_twenty_parallel_adds_give_twenty_feeds(tmp_path: Path) -> None:
    path = write_config(tmp_path, "# hand-written header\n")
    for i in range(20):
        (tmp_path / f"f{i}.xml").write_bytes(rss((f"{i}", "One"), title=f"Outlet {i}"))
    procs = [subprocess.Popen([sys.executable, "-m", "reader", "--config", str(path), "feeds", "add", f"f{i}.xml"],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(20)]
    results = [(*p.communicate(timeout=120), p.returncode) for p in procs]
    assert all(code == 0 for _, _, code in results), results
    config = load_config(path)
    assert sorted(f.name for f in config.feeds) == sorted(f"Outlet {i}" for i in range(20))
    assert path.read_text().startswith("# hand-written header\n")


def test_import_and_add_create_a_missing_feeds_toml(tmp_path: Path) -> None:
    out = reader(tmp_path, "import", str(OPML / "feedly.opml"))
    assert out.returncode == 0 and "(created)" in out.stdout, out.stderr
    assert (tmp_path / "feeds.toml").read_text().startswith("# policy-reader subscriptions and settings")
    (tmp_path / "feeds.toml").unlink()
    (tmp_path / "local.xml").write_bytes(rss(("1", "One"), title="Town Crier"))
    out = reader(tmp_path, "add", str(tmp_path / "local.xml"))
    assert out.returncode == 0 and "(created)" in out.stdout, out.stderr
    assert 'url = "local.xml"' in (tmp_path / "feeds.toml").read_text()


def test_local_feeds_survive_an_export_and_import_elsewhere(tmp_path: Path) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    (home / "feeds").mkdir(parents=True)
    elsewhere.mkdir()
    (home / "feeds" / "local feed.xml").write_bytes(rss(("1", "One"), title="Town Crier"))
    write_config(home, '[[feeds]]\nname = "Town Crier"\nurl = "feeds/local feed.xml"\ntags = ["t"]\n')
    exported = reader(home, "export", "--out", str(tmp_path / "subs.opml"))
    assert exported.returncode == 0, exported.stderr
    opml = (tmp_path / "subs.opml").read_text()
    assert f'xmlUrl="{(home / "feeds" / "local feed.xml").as_uri()}"' in opml
    refused = reader(elsewhere, "import", str(tmp_path / "subs.opml"))
    assert refused.returncode == 0 and "imported 0 feeds" in refused.stdout, refused.stderr
    local_uri = (home / "feeds" / "local feed.xml").as_uri()
    assert (f"skipped 1 outline whose xmlUrl is a file on this computer: {local_uri}; "
            "a list from elsewhere should not read your files") in refused.stderr
    imported = reader(elsewhere, "import", "--local-files", str(tmp_path / "subs.opml"))
    assert imported.returncode == 0, imported.stderr
    assert f'url = "{home / "feeds" / "local feed.xml"}"' in (elsewhere / "feeds.toml").read_text()
    fetched = subprocess.run([sys.executable, "-m", "reader", "--config", str(elsewhere / "feeds.toml"),
                              "--db", str(elsewhere / "r.db"), "fetch"], capture_output=True, text=True, timeout=60)
    assert fetched.stdout.startswith("1 feed: 1 ok, 0 failed"), fetched.stdout + fetched.stderr
    # Imported back next to the file, the path is relative again.
    (home / "feeds.toml").unlink()
    assert reader(home, "import", "--local-files", str(tmp_path / "subs.opml")).returncode == 0
    assert 'url = "feeds/local feed.xml"' in (home / "feeds.toml").read_text()


def test_import_of_twenty_thousand_outlines(tmp_path: Path) -> None:
    """Once quadratic (100,000 outlines took 497 s); the timing lives in benchmarks/feeds_import.py."""
    outlines = "".join(f'<outline text="Outlet {i % 100}" xmlUrl="https://o{i}.example/rss"/>' for i in range(20_000))
    (tmp_path / "big.opml").write_text(f'<opml version="2.0"><body>{outlines}</body></opml>')
    out = reader(tmp_path, "import", str(tmp_path / "big.opml"))
    assert out.returncode == 0 and "imported 20,000 feeds" in out.stdout, out.stderr
    config = load_config(tmp_path / "feeds.toml")
    assert len(config.feeds) == 20_000 and config.feeds[-1].name == "Outlet 99 (200)"


def test_options_go_before_or_after_the_command_and_its_action(tmp_path: Path) -> None:
    write_config(tmp_path, '[[feeds]]\nname = "A"\nurl = "https://a.example/"\n')
    (tmp_path / "b.xml").write_bytes(rss(("1", "One"), title="B"))
    cfg, db = str(tmp_path / "feeds.toml"), str(tmp_path / "r.db")
    Store(db).close()  # for db check: listing only reads, so it creates no database
    for argv, says in ((["--config", cfg, "--db", db, "feeds", "list"], "https://a.example/"),
                       (["feeds", "--config", cfg, "--db", db, "list"], "https://a.example/"),
                       (["feeds", "list", "--config", cfg, "--db", db], "https://a.example/"),
                       (["feeds", "export", "--config", cfg], 'xmlUrl="https://a.example/"'),
                       (["feeds", "add", str(tmp_path / "b.xml"), "--config", cfg, "--tag", "x"], "added 'B'"),
                       (["feeds", "remove", "B", "--config", cfg], "removed 'B'"),
                       (["db", "check", "--db", db, "--config", cfg], "ok (0 articles")):
        out = subprocess.run([sys.executable, "-m", "reader", *argv], capture_output=True, text=True, timeout=60,
                             cwd=tmp_path)
        assert says in out.stdout, (argv, out.stdout, out.stderr)


LONG_URL = "https://capitol-dispatch.example/feeds/politics/statehouse/everything.xml"


def _list_on_a_terminal(tmp_path: Path, columns: int) -> list[str]:
    import os
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns)}
    proc = subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "--db",
                           str(tmp_path / "r.db"), "feeds", "list"], stdout=slave, stderr=subprocess.PIPE, env=env,
                          timeout=60)
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: everything was read
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    assert proc.returncode == 0, proc.stderr
    return output.decode().splitlines()


def test_list_fits_a_terminal_by_wrapping_never_cutting_and_prints_whole_rows_otherwise(tmp_path: Path) -> None:
    write_config(tmp_path, f'[[feeds]]\nname = "Capitol Dispatch"\nurl = "{LONG_URL}"\ntags = ["politics", "state"]\n'
                           '\n[[feeds]]\nname = "Gone"\nurl = "https://gone.example/rss"\n')
    piped = reader(tmp_path, "list")
    assert LONG_URL in piped.stdout and "…" not in piped.stdout and len(piped.stdout.splitlines()) == 3
    wide = _list_on_a_terminal(tmp_path, 200)
    assert len(wide) == 3 and LONG_URL in wide[1]  # everything fits: one line a feed
    lines = _list_on_a_terminal(tmp_path, 80)
    assert all(len(line) <= 80 for line in lines if not line.startswith("  http")), lines
    assert "…" not in "".join(lines)
    assert f"  {LONG_URL}" in lines and "  https://gone.example/rss" in lines  # a URL on its own line, whole
    assert lines[0].startswith("NAME") and lines[0].endswith("ARTICLES  UNREAD") and lines[1] == "  URL"
    row = next(line for line in lines if line.startswith("Capitol Dispatch  "))
    assert "politics, state" in row and "never fetched" in row


def test_fit_table_wraps_long_values_in_their_column() -> None:
    from reader.commands.feeds import fit_table

    reason = "HTTP 404 Not Found: the server says there is no such page (since 2026-11-29T07:00:00+00:00)"
    rows = [("NAME", "URL", "TAGS", "STATUS", "ARTICLES", "UNREAD"),
            ("Capitol Dispatch", LONG_URL, "politics", "ok (200, 2026-11-30T07:00:00+00:00)", "12", "3"),
            ("Metro", "https://metro.example/rss", "local", reason, "1200", "0")]
    assert LONG_URL in fit_table(rows, None)[1] and reason in fit_table(rows, None)[2]
    narrow = fit_table(rows, 80)
    assert all(len(line) <= 80 for line in narrow if not line.startswith("  "))
    assert narrow[2].startswith("Capitol Dispatch  politics  ok (200,") and narrow[2].endswith("12        3")
    start, end = narrow[0].index("STATUS"), narrow[0].index("ARTICLES")
    metro = narrow.index("  https://capitol-dispatch.example/feeds/politics/statehouse/everything.xml") + 1
    status = [line[start:end].strip() for line in narrow[metro:narrow.index("  https://metro.example/rss")]]
    assert len(status) > 1 and " ".join(status) == reason  # the whole reason, wrapped in its column
    assert "2026-11-29T07:00:00+00:00)" in status  # a timestamp is never broken across lines


def test_list_says_a_local_file_is_unchanged_not_304(tmp_path: Path) -> None:
    (tmp_path / "local.xml").write_bytes(rss(("1", "One")))
    write_config(tmp_path, '[[feeds]]\nname = "Local"\nurl = "local.xml"\n')
    for _ in range(2):
        subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "--db",
                        str(tmp_path / "r.db"), "fetch"], capture_output=True, timeout=60, check=True)
    listing = reader(tmp_path, "list").stdout
    assert "ok (unchanged, " in listing and "304" not in listing and "read in part" not in listing


def test_list_says_which_feed_was_read_only_in_part(tmp_path: Path) -> None:
    (tmp_path / "broken.xml").write_bytes(rss(("1", "One")).replace(b"</channel>", b"<item><title>x <b></item>"))
    write_config(tmp_path, '[[feeds]]\nname = "Broken"\nurl = "broken.xml"\n')
    subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "--db",
                    str(tmp_path / "r.db"), "fetch"], capture_output=True, timeout=60, check=True)
    listing = " ".join(reader(tmp_path, "list").stdout.split())
    assert "ok (read, " in listing and "; read in part: not well-formed XML" in listing


def test_a_large_import_shows_progress_on_a_terminal_and_nothing_when_piped(tmp_path: Path) -> None:
    import os
    import pty

    outlines = "".join(f'<outline text="O{i}" xmlUrl="https://o{i}.example/rss"/>' for i in range(3000))
    (tmp_path / "big.opml").write_text(f'<opml version="2.0"><body>{outlines}</body></opml>')
    piped = reader(tmp_path, "import", str(tmp_path / "big.opml"))
    assert piped.returncode == 0 and piped.stderr == ""
    (tmp_path / "feeds.toml").unlink()
    master, slave = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "feeds",
                           "import", str(tmp_path / "big.opml")], stdout=subprocess.PIPE, stderr=slave,
                          text=True, timeout=120, env={**os.environ, "COLUMNS": "100"})
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert proc.returncode == 0 and "imported 3,000 feeds" in proc.stdout
    assert b"importing" in shown


def test_import_skips_outlines_whose_address_no_fetch_can_use(tmp_path: Path) -> None:
    write_config(tmp_path, "# my feeds\n")
    opml = tmp_path / "mixed.opml"
    opml.write_text('<opml version="2.0"><body><outline text="Good" xmlUrl="https://good.example/rss"/>'
                    '<outline text="Script" xmlUrl="javascript:alert(1)"/>'
                    '<outline text="Data" xmlUrl="data:text/xml,&lt;rss/&gt;"/></body></opml>')
    out = reader(tmp_path, "import", str(opml))
    assert out.returncode == 0 and "imported 1 feed from" in out.stdout, out.stderr
    assert "skipped 2 outlines whose xmlUrl is not a whole http(s) address or a file:// URL: javascript:alert(1)" \
        in out.stderr
    text = (tmp_path / "feeds.toml").read_text()
    assert "good.example" in text and "javascript" not in text and "data:" not in text


def test_import_adds_no_file_on_this_computer_unless_asked(tmp_path: Path) -> None:
    """A shared OPML naming file:///etc/passwd once put it in feeds.toml, for every fetch to read (try8)."""
    write_config(tmp_path, "# my feeds\n")
    opml = tmp_path / "shared.opml"
    opml.write_text('<opml version="2.0"><body><outline text="Good" xmlUrl="https://good.example/rss"/>'
                    '<outline text="in" xmlUrl="file:///etc/passwd"/></body></opml>')
    out = reader(tmp_path, "import", str(opml))
    assert out.returncode == 0 and "imported 1 feed from" in out.stdout, out.stderr
    assert "skipped 1 outline whose xmlUrl is a file on this computer: file:///etc/passwd" in out.stderr
    assert "/etc/passwd" not in (tmp_path / "feeds.toml").read_text()


def test_import_judges_addresses_as_feeds_toml_does_so_no_url_becomes_a_path(tmp_path: Path) -> None:
    """try10: "HTTP://…" and "http:/../etc/passwd" passed the import's scheme test, then loaded as paths."""
    write_config(tmp_path, "# my feeds\n")
    opml = tmp_path / "shared.opml"
    outlines = {"Upper": "HTTPS://Good.example/rss", "Slash": "http:/../../../../etc/passwd",
                "Bare": "hTtP:etc/hostname", "Remote file": "file://server.example/etc/passwd", "No host": "https:///rss"}
    opml.write_text('<opml version="2.0"><body>' + "".join(f'<outline text="{name}" xmlUrl="{url}"/>'
                                                           for name, url in outlines.items()) + "</body></opml>")
    out = reader(tmp_path, "import", "--local-files", str(opml))
    assert out.returncode == 0 and "imported 1 feed from" in out.stdout, out.stderr
    assert "skipped 4 outlines whose xmlUrl is not a whole http(s) address or a file:// URL" in out.stderr
    [feed] = load_config(tmp_path / "feeds.toml").feeds  # what was written loads again, as the web address it is
    assert (feed.url, feed.is_local) == ("https://Good.example/rss", False)
    assert "passwd" not in (tmp_path / "feeds.toml").read_text()


def test_import_names_outlines_with_no_address_and_nothing_inside(tmp_path: Path) -> None:
    write_config(tmp_path, "# my feeds\n")
    opml = tmp_path / "bare.opml"
    opml.write_text('<opml version="2.0"><body><outline text="Good" xmlUrl="https://good.example/rss"/>'
                    '<outline text="Bookmarked site" htmlUrl="https://site.example/"/><outline title="Empty folder"/>'
                    '<outline text="Folder"><outline text="Inner" xmlUrl="https://inner.example/rss"/></outline>'
                    '<outline text="&#x202e;Red&#x85;"/></body></opml>')
    out = reader(tmp_path, "import", str(opml))
    assert out.returncode == 0 and "imported 2 feeds from" in out.stdout, out.stderr
    assert ("skipped 3 outlines with no xmlUrl and no feeds inside: Bookmarked site, Empty folder, Red; "
            "if one is a feed, add it with `reader feeds add URL`") in out.stderr, out.stderr
    assert "\u202e" not in out.stderr and "\x85" not in out.stderr  # names pass the sanitiser


def test_add_refuses_a_subscribed_url_or_a_taken_name_before_any_request(tmp_path: Path,
                                                                          feed_server: FeedServer) -> None:
    url = feed_server.url("/feed.xml")
    write_config(tmp_path, f'[[feeds]]\nname = "Outlet"\nurl = "{url}"\n')
    feed_server.routes["/feed.xml"] = Route(status=500)  # were it asked, the answer would be an HTTP error
    again = reader(tmp_path, "add", url)
    assert again.returncode == 2 and f"{url} is already subscribed as 'Outlet'" in again.stderr, again.stderr
    taken = reader(tmp_path, "add", feed_server.url("/other.xml"), "--name", "Outlet")
    assert taken.returncode == 2 and "a feed named 'Outlet' is already in" in taken.stderr, taken.stderr
    # A name that displays the same as a taken one is the same name: feeds.toml would refuse it.
    for same in ("Out\u200blet", " Outlet  "):
        taken = reader(tmp_path, "add", feed_server.url("/other.xml"), "--name", same)
        assert taken.returncode == 2 and "a feed named 'Outlet' is already in" in taken.stderr, taken.stderr
    escaped = reader(tmp_path, "add", feed_server.url("/other.xml"), "--name", "\x1b[1mOutlet")  # as any argument
    assert escaped.returncode == 2 and "argument --name: has control characters" in escaped.stderr, escaped.stderr
    write_config(tmp_path, f'[[feeds]]\nname = "Caf\\u00e9"\nurl = "{url}"\n')
    composed = reader(tmp_path, "add", feed_server.url("/other.xml"), "--name", "Cafe\u0301")
    assert composed.returncode == 2 and composed.stderr.endswith(
        "reads the same as it (the same letters, typed as different Unicode sequences: 'Caf\\xe9' and "
        "'Cafe\\u0301'); pick another --name\n"), composed.stderr
    assert feed_server.requests == []


def test_add_takes_back_a_file_url_as_feeds_export_writes_local_feeds(tmp_path: Path) -> None:
    (tmp_path / "local.xml").write_bytes(rss(("1", "One"), title="Town Crier"))
    out = reader(tmp_path, "add", (tmp_path / "local.xml").as_uri())
    assert out.returncode == 0 and "added 'Town Crier' (local.xml)" in out.stdout, out.stderr


def test_an_empty_feeds_toml_says_how_to_add_a_feed(tmp_path: Path) -> None:
    write_config(tmp_path, "# nothing yet\n")
    hint = (f"reader: note: {tmp_path / 'feeds.toml'} has no feeds yet; add one with `reader feeds add URL` (a feed "
            "or a page that links one), or a [[feeds]] section with name and url in that file\n")
    listed = reader(tmp_path, "list")
    assert listed.returncode == 0 and listed.stderr == hint
    fetched = subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "--db",
                              str(tmp_path / "r.db"), "fetch"], capture_output=True, text=True, timeout=60)
    assert fetched.returncode == 0 and fetched.stderr == hint
    assert fetched.stdout.startswith("0 feeds: 0 ok, 0 failed")


def test_counts_agree_with_their_nouns(tmp_path: Path) -> None:
    (tmp_path / "local.xml").write_bytes(rss(("1", "One")))
    write_config(tmp_path, '[[feeds]]\nname = "Local"\nurl = "local.xml"\n')
    fetched = subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "--db",
                              str(tmp_path / "r.db"), "fetch"], capture_output=True, text=True, timeout=60)
    assert fetched.stdout == "1 feed: 1 ok, 0 failed · 1 new, 0 updated articles\n", fetched.stdout
    exported = reader(tmp_path, "export", "--out", str(tmp_path / "subs.opml"))
    assert exported.stdout == f"exported 1 feed to {tmp_path / 'subs.opml'}\n"
    checked = subprocess.run([sys.executable, "-m", "reader", "--db", str(tmp_path / "r.db"), "db", "check"],
                             capture_output=True, text=True, timeout=60)
    assert checked.stdout == f"{tmp_path / 'r.db'}: ok (1 article; file and search index consistent)\n"


def test_import_into_a_config_path_that_is_a_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "feeds.toml").mkdir()
    out = reader(tmp_path, "import", str(OPML / "feedly.opml"))
    assert out.returncode == 2 and out.stderr == (
        f"reader: configuration error: {tmp_path / 'feeds.toml'}: is a folder, not a feeds.toml; pass "
        f"--config {tmp_path / 'feeds.toml' / 'feeds.toml'} or another file\n")


def test_listing_with_another_feeds_toml_changes_nothing_in_the_database(tmp_path: Path) -> None:
    """Two project folders may share one database: listing one's feeds must not make the other's inactive."""
    (tmp_path / "local.xml").write_bytes(rss(("1", "One")))
    write_config(tmp_path, '[[feeds]]\nname = "Local"\nurl = "local.xml"\n')
    db = str(tmp_path / "r.db")
    subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"), "--db", db, "fetch"],
                   capture_output=True, timeout=60, check=True)
    other = tmp_path / "other"
    other.mkdir()
    (other / "feeds.toml").write_text('[[feeds]]\nname = "Elsewhere"\nurl = "elsewhere.xml"\n')
    before = sqlite3.connect(db).execute("SELECT name, active FROM feeds").fetchall()
    listed = subprocess.run([sys.executable, "-m", "reader", "--config", str(other / "feeds.toml"), "--db", db, "feeds",
                             "list"], capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and "Elsewhere" in listed.stdout and "never fetched" in listed.stdout
    assert sqlite3.connect(db).execute("SELECT name, active FROM feeds").fetchall() == before == [("Local", 1)]


def test_list_add_and_remove_show_a_homoglyph_host_as_punycode(tmp_path: Path) -> None:
    write_config(tmp_path, '[[feeds]]\nname = "Lookalike"\nurl = "https://ex\u0430mple.com/feed"\n')  # Cyrillic "а"
    listed = reader(tmp_path, "list")
    removed = reader(tmp_path, "remove", "Lookalike")
    assert listed.returncode == 0 and removed.returncode == 0, listed.stderr + removed.stderr
    for out in (listed.stdout, removed.stdout):
        assert "https://xn--exmple-4nf.com/feed" in out and "\u0430" not in out, out
