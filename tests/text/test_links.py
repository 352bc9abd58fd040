"""is_openable_link: only http(s) links with a host may be opened in a browser or copied."""

from __future__ import annotations

import pytest

from reader.text.links import is_openable_link


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
