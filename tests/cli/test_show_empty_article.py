"""A stored article whose feed gave only a link is shown for what it has, not refused as if the id were wrong."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_awkward_input import reader

FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Listings</title>'
        "<item><guid>only-link</guid><link>https://example.org/listing/7</link></item>"
        "</channel></rss>")


def test_show_of_a_stored_article_with_no_title_or_text_prints_its_header(tmp_path: Path) -> None:
    (tmp_path / "l.xml").write_text(FEED)
    (tmp_path / "feeds.toml").write_text('[[feeds]]\nname = "Listings"\nurl = "l.xml"\n')
    assert reader(tmp_path, "--config", "feeds.toml", "--db", "r.db", "fetch").returncode == 0
    shown = reader(tmp_path, "--config", "feeds.toml", "--db", "r.db", "show", "1")
    assert shown.returncode == 0, shown.stderr  # was exit 2, "no readable text found", for an id that is right
    assert "https://example.org/listing/7" in shown.stdout and "(no text: its feed gave none" in shown.stdout
    (tmp_path / "empty.txt").write_text("")
    refused = reader(tmp_path, "--config", "feeds.toml", "show", "empty.txt")
    assert refused.returncode == 2 and "no readable text found" in refused.stderr
