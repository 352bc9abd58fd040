"""Fetching one feed over HTTP (or from a local file) with conditional GET, redirects and hard limits.

Every request is bounded three ways: a total deadline (a server that drips one byte a second
cannot hold a run hostage), a maximum body size checked while streaming (decompressed, so a
gzip bomb is caught too), and a maximum number of redirects with loop detection.
"""

from __future__ import annotations

import asyncio
import os
import re
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import h11

from reader.config import FetchConfig
from reader.fetch.addresses import FEED_ADDRESSES, AddressRefused, FeedAddresses, PublicOnly
from reader.fetch.connections import (
    BodyTooLarge,
    Connections,
    DecodingError,
    InvalidAddress,
    Response,
    UnsupportedCoding,
    has_control_characters,
    web_address,
)
from reader.files import FileTooLarge, NotARegularFile, read_regular_file
from reader.text.links import shown_url
from reader.text.sanitize import single_line

MAX_REDIRECTS = 5
MAX_RETRY_AFTER_S = 24 * 3600
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_CUT_OFF = re.compile(r"received (\d+) bytes, expected (\d+)")  # h11's words for a body that stopped short


@dataclass(frozen=True)
class FetchResult:
    """What one fetch produced: a body to parse, "not modified", or an error with its reason."""

    status: str
    body: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    retry_after_s: float | None = None
    gone: bool = False
    error: str | None = None
    passing: bool = False  # the error may be gone next time (a timeout, a dropped connection): worth trying again
    error_status: int | None = None  # the HTTP status that made this an error (404, 503), if one did
    asked_refused: bool = False  # the address asked for (not a redirect's) is one no request may go to

    @property
    def not_modified(self) -> bool:
        return self.status == "304"

    def problem(self, asker: Asker) -> str | None:
        """The error, then what `asker` can do about it: the same status means one thing, but the advice
        depends on who asked (a refresh of feeds.toml, an address typed on the command line, an article's page).
        """
        if self.error is None:
            return None
        advice = asker.advice(self)
        return f"{self.error}; {advice}" if advice else self.error


@dataclass(frozen=True)
class Asker:
    """Who asked for an address, so a failure's advice fits them: what to check, and what happens next.

    One wording of each status (what it means) for every command, and one place that says what to do:
    "check the url in feeds.toml" is right after a refresh, and wrong for `feeds add URL`, which has
    written nothing yet, or for an article's page, which no one can correct.
    """

    check: str  # the address as the advice names it ("the url in feeds.toml"); "" when there is nothing to check
    again: str  # after a failure that may pass ("will retry next fetch"); "" when the caller says it
    wait: str  # after a Retry-After, with {} for the seconds ("retrying after {} s")
    gone: str  # after 410 Gone

    def advice(self, result: FetchResult) -> str:
        """What to do about `result`'s error, in this asker's terms; "" when there is nothing to add."""
        if result.retry_after_s is not None and self.wait:
            return self.wait.format(f"{result.retry_after_s:.0f}")
        if result.passing:
            return self.again
        code = result.error_status
        if code is None or not self.check:
            return ""
        if result.gone:
            return self.gone
        if code == 404:
            return f"check {self.check} (the site may have moved it)"
        if code in (401, 403):
            return "open the address in a browser to see why"
        return f"check {self.check}" if 400 <= code < 500 else ""


REFRESH = Asker("the url in feeds.toml", "will retry next fetch", "retrying after {} s",
                "the feed is no longer fetched; if it moved, give its new url in feeds.toml, else remove it")
GIVEN_URL = Asker("the URL", "try again later", "try again in {} s",
                  "if it moved, give its new address")  # `feeds add URL`, `show URL`: one request, asked now
LINKED_PAGE = Asker("", "", "", "")  # an article's page, a page's feed link: the caller says what follows


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The validators from the last good fetch, so an unchanged feed costs a 304 and no parsing."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), capped at a day."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²" is a digit to str.isdigit, and no number to int()
        return float(min(int(value), MAX_RETRY_AFTER_S))
    from email.utils import parsedate_to_datetime  # lazy: only a Retry-After date needs the email package

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = (when - (now or datetime.now(UTC))).total_seconds()
    return float(min(max(delta, 0.0), MAX_RETRY_AFTER_S))


def make_client(cfg: FetchConfig) -> Connections:
    """The connections one run shares; use it as `async with` so they are closed at the end."""
    return Connections([
        ("User-Agent", cfg.user_agent),
        ("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"),
        ("Accept-Encoding", "gzip, deflate"),
    ])


async def fetch_http(
    client: Connections, url: str, cfg: FetchConfig, etag: str | None = None, last_modified: str | None = None,
    guard: PublicOnly | None = None,
) -> FetchResult:
    """Fetch `url` within cfg.timeout seconds in total; never raises for network, HTTP or URL problems.

    The URL and every redirect on the way must be at addresses `guard` accepts (by default any
    but link-local and cloud metadata ones: FEED_ADDRESSES), and each request goes to the
    addresses it vetted.
    """
    hops = [url]  # the addresses asked, redirects included: a failure is told where it happened
    try:
        async with asyncio.timeout(cfg.timeout):
            return await _follow(client, hops, cfg, conditional_headers(etag, last_modified), guard or FEED_ADDRESSES)
    except TimeoutError:  # before OSError, of which it is one
        return FetchResult("error", error=f"no complete response within {cfg.timeout:g} s{_at(hops)}", passing=True)
    except InvalidAddress as exc:
        return FetchResult("error", error=f"cannot fetch {shown_url(url, 100)!r}: {exc}")
    except UnsupportedCoding as exc:
        coding = single_line(str(exc), 40)
        return FetchResult("error", error=f"the server sent the body in the {coding!r} content coding{_at(hops)}, "
                           "which the reader cannot read (it asks for gzip or deflate only); ask the site's "
                           "publisher to fix the server")
    except (OSError, h11.ProtocolError, DecodingError) as exc:
        return FetchResult("error", error=f"network error{_at(hops)}: {single_line(network_reason(exc), 300)}",
                           passing=not _is_certificate_error(exc))


def _at(hops: list[str]) -> str:
    """Where a request failed, when a redirect took it away from the address asked for; else nothing."""
    if len(hops) == 1:
        return ""
    return f" at {shown_url(hops[-1], 200)}, where {shown_url(hops[0], 200)} redirected"


def _is_certificate_error(exc: BaseException) -> bool:
    """An untrusted certificate stays untrusted: trying again later does not help."""
    import ssl  # already loaded by asyncio; imported here to keep the module's top lean

    return isinstance(exc, ssl.SSLCertVerificationError)


# h11's words for an answer that is no HTTP, and what they mean: its own text quotes the bytes as a Python repr.
_INVALID_HTTP = (
    ("can't handle event type ConnectionClosed", "the server closed the connection without answering"),
    ("illegal status line", "the server's answer is not HTTP (its first line is no HTTP status line)"),
    ("illegal header line", "the server's answer is not valid HTTP (a header line is malformed)"),
    ("Content-Length", "the server's answer is not valid HTTP (its Content-Length is malformed)"),
)


def _invalid_http(detail: str) -> str:
    """What a server's broken answer means; h11's own text (sanitised, short) only for a fault not named here."""
    meaning = next((meaning for words, meaning in _INVALID_HTTP if words in detail), None)
    return meaning or f"the server's answer is not valid HTTP ({single_line(detail, 120)})"


def network_reason(exc: BaseException) -> str:
    """What went wrong on the network in words a user can act on; the exception's own text for the rest."""
    import socket
    import ssl  # both already loaded by asyncio; imported here to keep the module's top lean

    if isinstance(exc, socket.gaierror):
        return f"the host name could not be looked up ({exc.strerror}); check the address and your connection"
    if isinstance(exc, ConnectionRefusedError):
        return "the server refused the connection; it may be down, or the address's port may be wrong"
    if isinstance(exc, ConnectionResetError | BrokenPipeError):
        return "the server dropped the connection"
    if isinstance(exc, DecodingError):
        return str(exc)
    if isinstance(exc, h11.RemoteProtocolError):
        cut = _CUT_OFF.search(str(exc))
        if cut is not None:
            return (f"the server closed the connection before the whole response arrived "
                    f"({int(cut[1]):,} of {int(cut[2]):,} bytes)")
        if "peer closed connection" in str(exc):
            return "the server closed the connection before the whole response arrived"
        return _invalid_http(str(exc))
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the server's certificate is not trusted ({exc.verify_message}); the feed was not read"
    return f"{exc.__class__.__name__}: {exc or 'no details'}"


def _redirect_target(url: str, resp: Response) -> str | FetchResult:
    """Where a redirect points, or an error result when it is not an http(s) address with a host."""
    location = resp.headers["location"]
    shown = shown_url(location, 100)
    if has_control_characters(location):  # shown without them, it would look like a good address
        why = "an address with control characters in it"
    else:
        try:
            target = urljoin(url, location)
            web_address(target)
            return target
        except ValueError as exc:  # InvalidAddress is one
            why = f"an address that is not a web address ({single_line(str(exc), 100)})"
    return FetchResult(str(resp.status), error=f"HTTP {resp.status} redirect to {shown!r}, {why}; the site's "
                       "publisher must fix its redirect")


async def _follow(
    client: Connections, hops: list[str], cfg: FetchConfig, headers: dict[str, str], guard: PublicOnly
) -> FetchResult:
    """Ask for hops[0], following redirects; each address asked is appended to `hops`."""
    url = hops[0]
    seen = {url}
    moved_to: str | None = None
    all_permanent = True
    for _ in range(MAX_REDIRECTS + 1):
        address = web_address(url)  # an unusable address of our own raises; a redirect's was checked before
        try:
            pinned = await guard.vetted(address.host, address.port)
        except AddressRefused as exc:
            return FetchResult("refused", error=str(exc), asked_refused=len(hops) == 1)
        if isinstance(guard, FeedAddresses):  # the address asked passed; its redirects keep to its networks
            guard = guard.for_redirects(pinned)
        async with client.get(address, headers, connect_to=pinned) as resp:
            code = resp.status
            if code in _REDIRECTS and "location" in resp.headers:
                target = _redirect_target(url, resp)
                if isinstance(target, FetchResult):
                    return target
                all_permanent = all_permanent and code in _PERMANENT
                if all_permanent:
                    moved_to = target
                if target in seen:
                    return FetchResult("error", error=f"redirect loop: {target} redirects back to an earlier URL")
                seen.add(target)
                url = target
                hops.append(url)
                continue
            return await _finish(resp, cfg, moved_to, asked_if_changed=bool(headers))
    return FetchResult("error", error=f"more than {MAX_REDIRECTS} redirects; last one went to {url}")


async def _finish(resp: Response, cfg: FetchConfig, moved_to: str | None, asked_if_changed: bool) -> FetchResult:
    code = resp.status
    if code == 304:
        # Reading the (empty) body to its end lets the connection serve the next request.
        await resp.read(0)
        if not asked_if_changed:  # "not modified" since nothing: a feed never read would count as fine, and stay empty
            return FetchResult("304", moved_to=moved_to, passing=True, error=(
                "HTTP 304 Not Modified, though the request asked no such thing (no If-None-Match or "
                "If-Modified-Since): the server sent nothing; its publisher should fix the server"))
        return FetchResult("304", moved_to=moved_to)
    if code == 410:
        return FetchResult("410", gone=True, error=f"HTTP 410 {_reason(resp)}: {_status_meaning(code)}",
                           moved_to=moved_to, error_status=code)
    if code in (429, 503):
        wait = parse_retry_after(resp.headers.get("retry-after"))
        # Passing either way; with a wait the asker's advice says when to try again.
        return FetchResult(str(code), retry_after_s=wait, error=f"HTTP {code} {_reason(resp)}: {_status_meaning(code)}",
                           moved_to=moved_to, passing=wait is None, error_status=code)
    if code >= 400 or code < 200:
        return FetchResult(str(code), error=f"HTTP {code} {_reason(resp)}: {_status_meaning(code)}",
                           moved_to=moved_to, passing=code >= 500, error_status=code)
    declared = resp.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > cfg.max_bytes:
        return FetchResult("error", error=_too_big(cfg.max_bytes), moved_to=moved_to)
    try:
        body = await resp.read(cfg.max_bytes)
    except BodyTooLarge:
        return FetchResult("error", error=_too_big(cfg.max_bytes), moved_to=moved_to)
    return FetchResult(
        str(code),
        body=body,
        content_type=resp.headers.get("content-type"),
        etag=resp.headers.get("etag"),
        last_modified=resp.headers.get("last-modified"),
        moved_to=moved_to,
    )


def _reason(resp: Response) -> str:
    """The server's reason phrase, which is the server's own text: sanitised and kept short."""
    return single_line(resp.reason, 100)


def _status_meaning(code: int) -> str:
    """What an error status means, whoever asked: the reason phrase alone does not say (Asker says what to do)."""
    if code == 404:
        return "nothing is at this address"
    if code == 410:
        return "the publisher removed what was at this address"
    if code in (401, 403):
        return "the server refuses to give it to the reader (it may need a login, or turn programs away)"
    if code == 429:
        return "the server asks for fewer requests"
    if code >= 500:
        return "the server failed to answer"
    if code >= 400:
        return "the server refused the request"
    return "not an answer the reader can use"


def _too_big(limit: int) -> str:
    return f"response larger than max_bytes ({limit:,} bytes); raise [fetch] max_bytes in feeds.toml if it is real"


def read_local(path: str, cfg: FetchConfig, last_modified: str | None = None) -> FetchResult:
    """Read a feed file, treating an unchanged size and mtime like a 304."""
    try:
        st = os.stat(path)
        stamp = f"file:{st.st_mtime_ns}:{st.st_size}"
        if stamp == last_modified and stat.S_ISREG(st.st_mode):
            return FetchResult("304")
        if stat.S_ISREG(st.st_mode) and st.st_size > cfg.max_bytes:
            return FetchResult("error", error=_too_big(cfg.max_bytes))
        body, st = read_regular_file(path, cfg.max_bytes)
    except FileTooLarge:
        return FetchResult("error", error=_too_big(cfg.max_bytes))
    except NotARegularFile as exc:
        return FetchResult("error", error=f"feed file {path} {exc.strerror}; give the path of a feed file")
    except OSError as exc:
        return FetchResult("error", error=f"cannot read feed file {path}: {exc.strerror or exc}")
    if not body.strip():  # no server is involved: the parser's "the server sent no feed" would mislead
        return FetchResult("error", error=f"feed file {path} is empty; save the feed into it, or fix its path")
    return FetchResult("200", body=body, last_modified=f"file:{st.st_mtime_ns}:{st.st_size}")
