"""Which links from outside may be handed to a browser or the clipboard: http(s) with a host, nothing else.

A feed decides what its articles link to, so a link may be ``javascript:``, ``data:``,
``file:///etc/passwd``, or (from a local feed file) ``--gpu-launcher=...``, which a browser
started with the link as an argument would read as an option. Only a plain web address passes.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from reader.text.sanitize import single_line

MAX_LINK_CHARS = 2000
STORED_LINK_CHARS = MAX_LINK_CHARS + 1  # a longer link is stored cut, with "…", and so is no link to offer


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


def web_link(url: str | None) -> str | None:
    """An article's link as the reader offers it anywhere (`show` and its --json and --copies, the reading view,
    `o` and `y`, the digest), or None when it is no web address: one decision for all of them.

    Spaces around it are trimmed and those inside written %20, as a browser would; then it must pass
    is_openable_link, and its host is shown in ASCII (see shown_url). A user name or password before the host is
    dropped: an article link never needs one, and "https://www.google.com@evil.example/login" reads as Google's
    while it goes to evil.example, so the link offered is the host it goes to. A link cut short when it was stored
    (reader.fetch.parse keeps at most STORED_LINK_CHARS) is longer than any that passes, so it is never offered.
    """
    link = _trimmed(url)
    return with_ascii_host(_without_login(link)) if is_openable_link(link) is None else None


def why_not_a_web_link(url: str | None) -> str:
    """Why web_link gives no link for `url`, for a notification ("only http and https links open here, not data:")."""
    return is_openable_link(_trimmed(url)) or "it is a web address"


def _trimmed(url: str | None) -> str:
    return (url or "").strip().replace(" ", "%20")


def shown_url(url: str, limit: int | None = MAX_LINK_CHARS) -> str:
    """`url` as a safe one-line label whose host is in ASCII: punycode (xn--...) for a host with other letters,
    and whose password, if it has one, is written "***" (see _password_masked).

    "exаmple.com" with a Cyrillic "а" looks like the ASCII name it imitates; "xn--exmple-4nf.com" does not.
    A feed's URL may carry its credentials ("http://user:pass@host/feed"); a screen or a pasted error line
    must not show the password, as curl and browsers do not. The rest of the address stays as written
    (a path in another script reads better as letters).
    """
    return with_ascii_host(_password_masked(single_line(url, limit)))


def _login(url: str) -> tuple[str, str] | None:
    """The user-info ("user:pass") and the host and port of `url`'s authority, when it has user-info."""
    if "@" not in url:
        return None
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        return None
    login, at, host = netloc.rpartition("@")
    return (login, host) if at else None


def _password_masked(url: str) -> str:
    """`url` with the password of its user-info written "***", and a user name with a dot in it too.

    The user name stays otherwise, so credentials are seen to be there; one with a dot may be a host
    name put there to be read as the host ("https://www.google.com@evil.example/").
    """
    found = _login(url)
    if found is None:
        return url
    login, host = found
    user, colon, _password = login.partition(":")
    shown = ("***" if "." in user else user) + (":***" if colon else "")
    return url if shown == login else url.replace(f"{login}@{host}", f"{shown}@{host}", 1)


def _without_login(url: str) -> str:
    """`url` without the user-info before its host (see web_link)."""
    found = _login(url)
    return url if found is None else url.replace(f"{found[0]}@{found[1]}", found[1], 1)


def with_ascii_host(url: str) -> str:
    """`url` with its host as IDNA writes it in ASCII (see shown_url); anything else about it is left as it is."""
    if url.isascii():
        return url
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return url
    if not host or host.isascii():
        return url
    login = parts.netloc.rpartition("@")[0]
    netloc = (f"{login}@" if login else "") + _ascii_host(host) + (f":{port}" if port is not None else "")
    return parts._replace(netloc=netloc).geturl()


def _ascii_host(host: str) -> str:
    """The host as IDNA encodes it, else (a name IDNA refuses) each non-ASCII label as xn-- punycode all the same."""
    import idna  # lazy: only a host with non-ASCII letters needs it

    try:
        return str(idna.encode(host, uts46=True).decode("ascii"))
    except idna.IDNAError:
        return ".".join(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
                        for label in host.split("."))
