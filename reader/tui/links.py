"""Which article links `o` and `y` may hand on: http(s) with a host, nothing else.

A feed decides what its articles link to, so a link may be ``javascript:``, ``data:``, ``file://``
or (from a local feed file) ``--gpu-launcher=...``, which a browser would read as an option.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit


def is_openable_link(url: str) -> str | None:
    """None when `url` may be opened or copied; otherwise a short reason why not, for a notification."""
    if not url:
        return "the article has no link"
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        return "the link contains spaces or control characters"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "the link is not a well-formed web address"
    if parts.scheme.lower() not in ("http", "https"):
        return f"only http and https links open here, not {parts.scheme + ':' if parts.scheme else 'this link'}"
    if not parts.hostname:
        return "the link has no host name"
    return None
