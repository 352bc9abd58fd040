"""Which links from outside may be handed to a browser or the clipboard: http(s) with a host, nothing else.

A feed decides what its articles link to, so a link may be ``javascript:``, ``data:``,
``file:///etc/passwd``, or (from a local feed file) ``--gpu-launcher=...``, which a browser
started with the link as an argument would read as an option. Only a plain web address passes.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

MAX_LINK_CHARS = 2000


def is_openable_link(url: str) -> str | None:
    """None when `url` may be opened or copied; otherwise a short reason why not, for a notification."""
    if not url:
        return "the article has no link"
    if url.startswith("-"):
        return "the link starts with '-', so a browser would read it as an option"
    if len(url) > MAX_LINK_CHARS:
        return f"the link is longer than {MAX_LINK_CHARS} characters"
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        return "the link contains spaces or control characters"
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number in range
    except ValueError:
        return "the link is not a well-formed web address"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "a relative link"
        return f"only http and https links open here, not {shown}"
    if not parts.hostname:
        return "the link has no host name"
    return None
