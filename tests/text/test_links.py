"""is_openable_link: only http(s) links with a host may be opened in a browser or copied."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from reader.digest.render import safe_url
from reader.text.clean import clean_article
from reader.text.links import (
    MAX_LINK_CHARS,
    STORED_LINK_CHARS,
    is_openable_link,
    shown_url,
    web_link,
    why_not_a_web_link,
)
from reader.text.sanitize import single_line
from tests.e2e.test_cli import reader


@pytest.mark.parametrize("url", [
    "https://example.org/news/1",
    "http://example.org",
    "HTTPS://Example.org/a?b=c#d",
    "http://127.0.0.1:8080/feed",
    "http://[::1]:80/x",
])
def test_web_links_open(url: str) -> None:
    assert is_openable_link(url) is None


@pytest.mark.parametrize(("url", "why"), [
    ("javascript:alert(1)", "javascript:"),
    ("JavaScript:alert(1)", "javascript:"),
    ("data:text/html,<script>alert(1)</script>", "data:"),
    ("file:///etc/passwd", "file:"),
    ("mailto:x@example.org", "mailto:"),
    ("--gpu-launcher=/bin/sh -c id", "option"),
    ("-x", "option"),
    ("/relative/path", "relative"),
    ("http:foo", "no host"),
    ("https://", "no host"),
    ("http://example.org:99999/", "well-formed"),
    ("http://[::1/", "well-formed"),
    ("http://example.org/\x1b]52;c;aGk=\x07", "control"),
    ("http://example.org/\u202egnp.exe", "control"),
    ("http://example.org/a b", "spaces"),
    ("", "no link"),
    ("https://example.org/" + "a" * 3000, "longer"),
])
def test_other_links_are_refused_with_a_reason(url: str, why: str) -> None:
    reason = is_openable_link(url)
    assert reason is not None and why in reason


HOMOGLYPH = "https://ex\u0430mple.com/news/\u043f\u0443\u0442\u044c?q=1"  # a Cyrillic "а" in the host


def test_a_homoglyph_host_is_shown_as_punycode_and_the_rest_as_written() -> None:
    assert shown_url(HOMOGLYPH) == "https://xn--exmple-4nf.com/news/\u043f\u0443\u0442\u044c?q=1"
    assert shown_url("http://user@ex\u0430mple.com:8080/x") == "http://user@xn--exmple-4nf.com:8080/x"
    assert shown_url("https://example.com/a b") == "https://example.com/a b"
    assert shown_url("https://ex\u0430mple.com\x1b]0;x\x07/\u202ea") == "https://xn--exmple-4nf.com/a"


def test_a_password_is_never_shown_and_a_user_name_like_a_host_neither() -> None:
    """feeds list printed 'http://user:pass@127.0.0.1:8765/many.xml'; 'www.google.com@evil.example' read as Google."""
    assert shown_url("http://user:pass@127.0.0.1:8765/many.xml") == "http://user:***@127.0.0.1:8765/many.xml"
    assert shown_url("http://user:p:a@ss@host/f?a@b") == "http://user:***@host/f?a@b"  # the last @ ends the login
    assert shown_url("https://www.google.com@evil.example/login") == "https://***@evil.example/login"
    assert shown_url("http://me%40x.org:pw@h.example/") == "http://***:***@h.example/"
    assert shown_url("http://user@h.example/") == "http://user@h.example/"  # no secret, and no look-alike host
    assert shown_url("http://h.example/a@b") == "http://h.example/a@b"
    assert shown_url("http://u:pw@ex\u0430mple.com/") == "http://u:***@xn--exmple-4nf.com/"


def test_an_article_link_is_offered_without_its_login() -> None:
    """An article link needs no credentials; with them dropped the link shown is the host it goes to."""
    assert web_link("https://www.google.com@evil.example/login") == "https://evil.example/login"
    assert web_link("http://user:pass@h.example:8080/a@b") == "http://h.example:8080/a@b"
    assert clean_article("<p>Body.</p>", link="https://a:b@evil.example/", kind="html").link == "https://evil.example/"


def test_fetch_messages_show_no_password() -> None:
    from reader.fetch.http import _at
    said = _at(["http://u:secret@127.0.0.1:9/a", "http://v:other@127.0.0.1:9/b"])
    assert said == " at http://v:***@127.0.0.1:9/b, where http://u:***@127.0.0.1:9/a redirected"


def test_a_host_idna_refuses_is_still_shown_in_ascii() -> None:
    assert shown_url("http://xn--\u0430.com/").startswith("http://xn--xn---")


def test_every_place_a_link_is_shown_uses_the_ascii_host() -> None:
    assert clean_article("<p>Body text.</p>", link=HOMOGLYPH, kind="html").link == shown_url(HOMOGLYPH)
    assert (safe_url(HOMOGLYPH) or "").startswith("https://xn--exmple-4nf.com/news/%D0%BF")


LONG = "https://example.org/" + "/".join(f"segment-{i}" for i in range(300))  # 3,509 characters
FEED_LINKS = {"Script": "javascript:alert(document.cookie)", "Data": "data:text/html,<script>alert(1)</script>",
              "File": "file:///etc/passwd", "Option": "--gpu-launcher=evil", "Relative": "/story/1",
              "Ftp": "ftp://example.org/x", "Long": LONG, "Web": "https://example.org/good",
              "Spaced": "  https://example.org/with space  ", "Login": "https://www.google.com@evil.example/login"}


def test_web_link_is_the_one_decision_and_a_link_cut_when_stored_is_none() -> None:
    assert web_link(" https://example.org/a b\n") == "https://example.org/a%20b"
    assert web_link(HOMOGLYPH) == shown_url(HOMOGLYPH)
    assert [web_link(FEED_LINKS[k]) for k in ("Script", "Data", "File", "Option", "Relative", "Ftp")] == [None] * 6
    assert why_not_a_web_link("javascript:x") == "only http and https links open here, not javascript:"
    stored = single_line(LONG, STORED_LINK_CHARS)  # as reader.fetch.parse kept it once: cut, with "…"
    assert stored.endswith("…") and web_link(stored) is None and web_link(LONG[:MAX_LINK_CHARS]) is not None


def feed_file(tmp_path: Path) -> Path:
    words = ["parks", "roads", "water", "schools", "housing", "transit", "police", "budget", "zoning", "library",
             "clinics", "bridges"]
    items = "".join(f"<item><title>{title} link</title><link>{escape(link)}</link><guid>g{i}</guid><description>"
                    f"&lt;p&gt;The council voted on {words[i]} and {words[i + 1]} after a long debate about "
                    f"{words[i + 2]}, officials said; item {i} of the {title.lower()} agenda.&lt;/p&gt;</description>"
                    f"<pubDate>Mon, 30 Nov 2026 10:0{i}:00 GMT</pubDate></item>"
                    for i, (title, link) in enumerate(FEED_LINKS.items()))
    path = tmp_path / "links.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Links</title>{items}</channel></rss>')
    return path


def test_show_its_json_and_the_digest_offer_only_web_links(tmp_path: Path) -> None:
    """Each place an article's link goes: `show` (from a feed file, and stored), `show --json`, and the digest."""
    path = feed_file(tmp_path)
    wanted = {"Web link": "https://example.org/good", "Spaced link": "https://example.org/with%20space",
              "Login link": "https://evil.example/login"}  # the host it goes to, not the one it pretends
    shown = reader("--config", "none.toml", "show", str(path), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    printed = [line for line in shown.stdout.splitlines() if re.match(r"[a-z-]+[:=/]", line)]
    assert printed == list(wanted.values())
    as_json = reader("--config", "none.toml", "show", "--json", str(path), cwd=tmp_path)
    assert {a["title"]: a["link"] for a in json.loads(as_json.stdout) if a["link"]} == wanted
    (tmp_path / "feeds.toml").write_text(f'[[feeds]]\nname = "Links"\nurl = "{path.name}"\n'
                                         '[[topics]]\nname = "Council"\nmatch = ["council"]\n')
    assert reader("--config", "feeds.toml", "--db", "r.db", "fetch", cwd=tmp_path).returncode == 0
    digest = reader("--config", "feeds.toml", "--db", "r.db", "digest", "--no-fetch", "--stdout", cwd=tmp_path).stdout
    assert sorted(re.findall(r"\]\(([^)]*)\)", digest)) == sorted(wanted.values())
    for i in range(1, len(FEED_LINKS) + 1):
        stored = reader("--config", "feeds.toml", "--db", "r.db", "show", "--json", str(i), cwd=tmp_path)
        link = json.loads(stored.stdout)["link"]
        assert link in (None, *wanted.values()), link


def test_a_link_too_long_to_offer_is_not_stored_cut_and_the_fetch_says_so() -> None:
    """It was stored as its first 1,999 characters and "…": an edited address that goes nowhere, or elsewhere."""
    from reader.fetch.parse import parse_feed_bytes

    def feed(link: str) -> bytes:
        return ('<?xml version="1.0"?><rss version="2.0"><channel><title>L</title>'
                f"<item><title>Long</title><link>{escape(link)}</link><description>Text.</description></item>"
                f"<item><title>Short</title><link>https://example.org/ok</link><description>Two.</description></item>"
                "</channel></rss>").encode()

    parsed = parse_feed_bytes(feed(LONG), None, "https://example.org/feed")
    assert [(e.title, e.link) for e in parsed.entries] == [("Long", None), ("Short", "https://example.org/ok")]
    assert parsed.warning == ("1 item linked to an address longer than 2,000 characters, which is not kept (no "
                              "browser or server takes one reliably): stored without a link")
    assert parsed.entries[0].key == "l:" + single_line(LONG, STORED_LINK_CHARS)  # the key it always had: no duplicate
    kept = parse_feed_bytes(feed(LONG[:MAX_LINK_CHARS]), None, "https://example.org/feed")
    assert kept.entries[0].link == LONG[:MAX_LINK_CHARS] and kept.warning is None  # whole, up to the bound
