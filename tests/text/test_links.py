"""is_openable_link: only http(s) links with a host may be opened in a browser or copied."""

from __future__ import annotations

import pytest

from reader.digest.render import safe_url
from reader.text.clean import clean_article
from reader.text.links import is_openable_link, shown_url


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


def test_a_host_idna_refuses_is_still_shown_in_ascii() -> None:
    assert shown_url("http://xn--\u0430.com/").startswith("http://xn--xn---")


def test_every_place_a_link_is_shown_uses_the_ascii_host() -> None:
    assert clean_article("<p>Body text.</p>", link=HOMOGLYPH, kind="html").link == shown_url(HOMOGLYPH)
    assert (safe_url(HOMOGLYPH) or "").startswith("https://xn--exmple-4nf.com/news/%D0%BF")
