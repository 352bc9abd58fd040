"""The shared table of hostile strings (tests/hostile.py) pushed through every core output path.

`reader show` (text and --json), `reader fetch` stderr and its progress bar, the digest file,
feeds.toml after an OPML import, `feeds list` and OPML export: no escape sequence, control,
bidi or (in labels) invisible character survives, and markup stays literal text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

from tests.conftest import write_config
from tests.feed_server import FeedServer, Route, hostile_routes
from tests.hostile import ALL_IN_ONE, HOSTILE, MARKUP, assert_label_safe, assert_terminal_safe

# XML 1.0 cannot carry C0 controls at all (not even as &#27;), so an OPML file brings the rest.
XML_LEGAL = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", ALL_IN_ONE)


def reader(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([sys.executable, "-m", "reader", "--config", str(tmp_path / "feeds.toml"),
                          "--db", str(tmp_path / "r.db"), *args], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path, env=dict(os.environ))
    assert "Traceback" not in out.stderr, out.stderr
    return out


def test_show_prints_nothing_raw(tmp_path: Path) -> None:
    value = escape(ALL_IN_ONE.replace("\x00", ""), quote=True)  # a NUL would make it a binary file
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><head><title>{value}</title><meta name="date" content="{value}">'
        f'<meta name="author" content="{value}"></head><body><article>'
        + "".join(f"<p>Paragraph about {name}: {escape(text.replace(chr(0), ''))} and the council vote.</p>"
                  for name, text in HOSTILE.items())
        + "</article></body></html>", encoding="utf-8")
    text = reader(tmp_path, "show", str(page))
    assert text.returncode == 0, text.stderr
    assert_terminal_safe(text.stdout)
    raw_json = reader(tmp_path, "show", str(page), "--json").stdout
    assert_terminal_safe(raw_json)
    data = json.loads(raw_json)
    for key in ("title", "byline", "published"):
        assert data[key], key
        assert_label_safe(data[key])
    assert "[@click=app.quit]" in data["published"]  # markup is plain text outside the TUI
    for paragraph in data["paragraphs"]:
        assert_terminal_safe(paragraph)


def test_show_errors_quote_the_parser_safely(tmp_path: Path) -> None:
    feed = tmp_path / "bad.xml"
    feed.write_bytes(b'<?xml version="1.0" encoding="\x1b]0;title\x07 \xc2\x9b2J"?><rss><channel></channel></rss>')
    out = reader(tmp_path, "show", str(feed))
    assert out.returncode == 2 and "reader: show:" in out.stderr
    assert_terminal_safe(out.stderr)


def test_opml_names_reach_no_file_or_terminal_raw(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes.update(hostile_routes(ALL_IN_ONE))
    write_config(tmp_path, "")
    attr = escape(XML_LEGAL, quote=True)
    outlines = "".join(f'<outline text="{attr} {i}" category="{attr}" xmlUrl="{feed_server.url(path)}"/>'
                       for i, path in enumerate(["/reason-phrase", "/not-a-feed", "/retry-reason"]))
    opml = tmp_path / "in.opml"
    opml.write_text(f'<opml version="2.0"><body><outline text="{attr}">{outlines}</outline></body></opml>',
                    encoding="utf-8")
    assert reader(tmp_path, "feeds", "import", str(opml)).returncode == 0
    toml = (tmp_path / "feeds.toml").read_text(encoding="utf-8")
    assert_label_safe(toml.replace("\n", " "))
    assert all(value in toml for value in MARKUP.values())  # literal text
    fetched = reader(tmp_path, "fetch")
    summary, *failures = fetched.stdout.splitlines()  # each failed feed below the summary line
    assert fetched.returncode == 0 and "3 failed" in summary and len(failures) == 3
    for line in failures + fetched.stderr.splitlines():
        assert_label_safe(line)
    for line in reader(tmp_path, "feeds", "list").stdout.splitlines():
        assert_label_safe(line)
    exported = reader(tmp_path, "feeds", "export").stdout
    assert exported.count("<outline") == 4
    assert_label_safe(exported.replace("\n", " "))
    digest = reader(tmp_path, "digest", "--no-fetch", "--stdout").stdout
    assert "## Feeds that failed" in digest
    assert_terminal_safe(digest)


def test_progress_bar_shows_markup_as_text(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import rich

    from reader.commands.fetch import progress_bar

    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich renders as on a terminal
    monkeypatch.setattr(rich, "_console", None)
    with progress_bar(True) as update:
        assert update is not None
        update(1, 2, "[/][/] \x1b]0;t\x07")  # two closing tags: a MarkupError if parsed
    assert "[/][/]" in capsys.readouterr().err  # the bar is on stderr, the stream checked for a terminal


def test_progress_bar_names_what_the_run_waits_for(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The name given is the feed still out (try11 find 24): the bar says it waits for it; with none, no name."""
    import rich

    from reader.commands.fetch import progress_bar

    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setattr(rich, "_console", None)
    with progress_bar(True) as update:
        assert update is not None
        update(1, 2, "Slow Ledger")
    assert "fetching, waiting for Slow Ledger" in capsys.readouterr().err
    with progress_bar(True) as update:
        assert update is not None
        update(2, 2, "")
    assert "waiting" not in capsys.readouterr().err


def test_feeds_add_quotes_a_hostile_page_safely(tmp_path: Path, feed_server: FeedServer) -> None:
    href = escape("/feed\u009b2J\u202e" + MARKUP["textual_click"], quote=True)
    feed_server.routes["/page"] = Route(body=f'<html><head><link rel="alternate" type="application/rss+xml" '
                                        f'href="{href}"></head><body>hi</body></html>'.encode(),
                                        headers={"Content-Type": "text/html"})
    write_config(tmp_path, "")
    out = reader(tmp_path, "feeds", "add", feed_server.url("/page"))
    assert out.returncode == 1 and "reader: feeds add:" in out.stderr
    assert_label_safe(out.stderr.strip())
