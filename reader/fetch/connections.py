"""HTTP/1.1 GET over asyncio streams with h11: web addresses, keep-alive connections per server, bounded bodies.

Why not httpx: in a refresh where every feed answers 304, httpx, httpcore and anyio were most of
the CPU (about 0.1 s of imports, then ~0.7 ms a request in their layers; h11 alone: ~0.15 ms).
h11 does the protocol (parsing and validating what servers send); this module adds only what a
feed reader needs around it: GET, a few kept-alive connections per server, gzip and deflate
undone within a size limit, and TLS checked against certifi's roots. No cookies, proxies or auth
beyond user:password in the URL.
"""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import re
import ssl
import zlib
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Self
from urllib.parse import quote, unquote, urlsplit

import h11

PER_HOST_CONNECTIONS = 4
READ_SIZE = 65536
CLOSE_WAIT_S = 1.0  # how long closing waits for servers to acknowledge the end of TLS
MAX_HEADER_BYTES = 100 * 1024  # as httpcore allowed: a status line and headers larger than this are refused
DEFAULT_PORTS = {"http": 80, "https": 443}
# Left as they are in a request's path and query (reserved characters and existing %-escapes); the rest,
# spaces and non-ASCII letters included, is percent-encoded as UTF-8, as browsers and httpx do.
_PATH_SAFE = "/%:@!$&'()*+,;=~-._"
_QUERY_SAFE = _PATH_SAFE + "?"
Origin = tuple[str, str, int]


class InvalidAddress(ValueError):
    """A URL that cannot be fetched over HTTP: not http(s), no host, a bad port, or control characters in it."""


class DecodingError(Exception):
    """A body whose gzip or deflate coding is broken."""


class UnsupportedCoding(DecodingError):
    """A body in a content coding the reader never asked for (br, zstd): its bytes are no document to parse."""


class BodyTooLarge(Exception):
    """A body that, undone, is larger than the limit it was read with."""


@dataclass(frozen=True)
class WebAddress:
    """An http(s) URL taken apart for a request: where to connect and what to ask for."""

    scheme: str
    host: str  # lower-case ASCII (IDNA for other letters), no brackets around an IPv6 address
    port: int
    target: str  # path and query, percent-encoded, as the request line carries them
    authorization: str | None = None  # Basic credentials from user:password@ in the URL

    @property
    def origin(self) -> Origin:
        return (self.scheme, self.host, self.port)

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


def has_control_characters(text: str) -> bool:
    return any(c < " " or c == "\x7f" for c in text)


_NOT_IN_A_HOST = re.compile(r"[^A-Za-z0-9._:%-]")  # after IDNA: letters, digits, - . _, and an IPv6 literal's : %


def web_address(url: str) -> WebAddress:
    """`url` taken apart, or InvalidAddress saying why it cannot be fetched."""
    if has_control_characters(url):
        raise InvalidAddress("it contains control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidAddress(str(exc)) from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise InvalidAddress("it is not an http or https address")
    host = parts.hostname
    if not host:
        raise InvalidAddress("it has no host")
    if not host.isascii():
        import idna  # lazy: only a host with non-ASCII letters needs it

        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError as exc:
            raise InvalidAddress(f"its host is not a valid international name ({exc})") from None
    if _NOT_IN_A_HOST.search(host):  # "https://a b": no name server could answer; asking one leaks the typo
        raise InvalidAddress(f"its host {host!r} has characters no host name has")
    target = quote(parts.path or "/", safe=_PATH_SAFE)
    if parts.query:
        target += "?" + quote(parts.query, safe=_QUERY_SAFE)
    authorization = None
    if parts.username is not None:
        pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        authorization = "Basic " + base64.b64encode(pair).decode("ascii")
    return WebAddress(scheme, host, port or DEFAULT_PORTS[scheme], target, authorization)


class _Inflate:
    """One content coding undone chunk by chunk; "deflate" is tried with its zlib header, then raw.

    A gzip body may be several gzip members one after another (RFC 1952), each undone in turn;
    bytes after the last one that are no gzip member (zero padding, say) are ignored, as
    browsers ignore them. A stream that stops before its end is an error (see finish).
    """

    def __init__(self, gzip: bool) -> None:
        self.name = "gzip" if gzip else "deflate"
        self._z = self._decompressor()
        self._may_be_raw = not gzip
        self._fed = False  # some body reached it: an empty body (a 304's, say) has no stream to end
        self._trailing = False  # what came after the last gzip member is being ignored

    def _decompressor(self) -> zlib._Decompress:
        return zlib.decompressobj(zlib.MAX_WBITS | 16 if self.name == "gzip" else zlib.MAX_WBITS)

    def decompress(self, data: bytes, max_length: int) -> bytes:
        """The bytes `data` decodes to, at most `max_length` of them (0: no limit)."""
        if self._trailing:
            return b""
        self._fed = self._fed or bool(data)
        out = self._undo(data, max_length)
        while (self.name == "gzip" and self._z.eof and self._z.unused_data
               and (not max_length or len(out) < max_length)):
            rest, self._z = self._z.unused_data, self._decompressor()  # the next member
            try:
                out += self._undo(rest, max_length - len(out) if max_length else 0)
            except DecodingError:
                self._trailing = True
                break
        return out

    def finish(self) -> None:
        """DecodingError if the stream stopped before its end: the body arrived whole, what it encodes did not."""
        if self._fed and not self._trailing and not self._z.eof:
            raise DecodingError(f"the response body was cut off: its {self.name} stream ends early "
                                "(the server or something on the way sent only part of it)")

    def _undo(self, data: bytes, max_length: int) -> bytes:
        try:
            out = self._z.decompress(data, max_length)
        except zlib.error as exc:
            if not self._may_be_raw:
                raise DecodingError(f"the body's {self.name} coding is broken ({exc})") from None
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # some servers send deflate without its header
            self._may_be_raw = False
            return self._undo(data, max_length)
        self._may_be_raw = False
        return out


def _codings(content_encoding: str) -> list[_Inflate]:
    """The steps that undo a Content-Encoding, last coding first; UnsupportedCoding for one the reader cannot undo."""
    names = [name.strip().lower() for name in content_encoding.split(",")]
    unknown = [name for name in names if name not in ("", "identity", "gzip", "x-gzip", "deflate")]
    if unknown:  # handed on as they came, the compressed bytes read as "not well-formed XML at line 1, column 1"
        raise UnsupportedCoding(unknown[0][:40])
    return [_Inflate(gzip=name != "deflate") for name in reversed(names) if name in ("gzip", "x-gzip", "deflate")]


class Response:
    """A response's status and headers; its body is read with read(), within a limit."""

    def __init__(self, connection: _Connection, head: h11.Response) -> None:
        self.status = head.status_code
        self.reason = _reason_text(head.reason)
        headers: dict[str, str] = {}
        for name, value in head.headers:
            key, text = name.decode("latin-1"), value.decode("latin-1")
            headers[key] = f"{headers[key]}, {text}" if key in headers else text
        self.headers = headers  # lower-case names; a repeated header's values joined with ", "
        self.complete = False  # the whole body was read: the connection can serve another request
        self._connection = connection

    async def read(self, limit: int) -> bytes:
        """The body with its content codings undone; BodyTooLarge as soon as it passes `limit` bytes."""
        steps = _codings(self.headers.get("content-encoding", ""))
        chunks: list[bytes] = []
        size = 0
        while True:
            event = await self._connection.next_event()
            if isinstance(event, h11.EndOfMessage):
                for step in steps:
                    step.finish()
                self.complete = True
                return b"".join(chunks)
            if not isinstance(event, h11.Data):
                raise h11.RemoteProtocolError("the server closed the connection in the middle of the body")
            data = bytes(event.data)
            for i, step in enumerate(steps):  # only the last step is bounded: a bomb stops at limit + 1 bytes
                data = step.decompress(data, limit - size + 1 if i == len(steps) - 1 else 0)
            size += len(data)
            if size > limit:
                raise BodyTooLarge(limit)
            chunks.append(data)


class _Connection:
    """One TCP (or TLS) connection and h11's view of the HTTP exchanges on it."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.protocol = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEADER_BYTES)
        # The address reached: a request to vetted addresses reuses only a connection to one of them.
        peer = writer.get_extra_info("peername")
        self.peer_ip = ipaddress.ip_address(str(peer[0]).split("%")[0]) if isinstance(peer, tuple) else None

    async def next_event(self) -> h11.Event | None:
        """The next thing the server sent (reading more as h11 needs it); None once h11 pauses after a response."""
        while True:
            event = self.protocol.next_event()
            if isinstance(event, h11.Event):
                return event
            if event is h11.PAUSED:
                return None
            self.protocol.receive_data(await self.reader.read(READ_SIZE))  # b"" tells h11 the server closed

    async def exchange(self, request: h11.Request) -> Response:
        """Send a GET and wait for its response's status and headers (skipping any 1xx)."""
        for outgoing in (request, h11.EndOfMessage()):
            self.writer.write(self.protocol.send(outgoing) or b"")
        while True:
            event = await self.next_event()
            if isinstance(event, h11.Response):
                return Response(self, event)
            if not isinstance(event, h11.InformationalResponse):
                raise h11.RemoteProtocolError("the server closed the connection without answering")

    def reusable(self) -> bool:
        return (self.protocol.our_state is h11.DONE and self.protocol.their_state is h11.DONE
                and not self.reader.at_eof())

    def close(self) -> None:
        """Drop a connection given up on (broken, cut off, or its body left unread) at once."""
        self.writer.transport.abort()


class Connections:
    """Keep-alive connections per server, and at most PER_HOST_CONNECTIONS requests to each at once.

    Polite (no server gets more than a few requests at once, as browsers do) and cheap: a request
    to a server already talked to reuses an idle connection, with no new DNS lookup or handshake.
    Use it as `async with`: leaving closes every connection.
    """

    def __init__(self, headers: list[tuple[str, str]]) -> None:
        self._headers = headers
        self._idle: dict[Origin, list[_Connection]] = {}
        self._slots: dict[Origin, asyncio.Semaphore] = {}
        self._tls: ssl.SSLContext | None = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the idle connections, giving TLS a moment to say goodbye (a server that does not is cut off)."""
        idle, self._idle = self._idle, {}
        writers = [connection.writer for connections in idle.values() for connection in connections]
        for writer in writers:
            writer.close()
        try:
            async with asyncio.timeout(CLOSE_WAIT_S):
                await asyncio.gather(*(writer.wait_closed() for writer in writers), return_exceptions=True)
        except TimeoutError:
            for writer in writers:
                writer.transport.abort()

    @asynccontextmanager
    async def get(self, address: WebAddress, headers: dict[str, str],
                  connect_to: Sequence[str] | None = None) -> AsyncIterator[Response]:
        """GET `address`; the response's connection goes back to the pool if its body was read to the end.

        With `connect_to` (IP addresses, tried in turn) the request goes to one of them, on a new
        connection or a kept one that reached one of them, and the host name is not looked up again.
        """
        slots = self._slots.get(address.origin)
        if slots is None:
            slots = self._slots[address.origin] = asyncio.Semaphore(PER_HOST_CONNECTIONS)
        fields = [("Host", address.host_header), *self._headers, *headers.items()]
        if address.authorization:
            fields.append(("Authorization", address.authorization))
        request = h11.Request(method="GET", target=address.target.encode("ascii"),
                              headers=[(name.encode("ascii"), _header_bytes(value)) for name, value in fields])
        async with slots:
            connection, response = await self._exchange(address, request, connect_to)
            try:
                yield response
            finally:
                if response.complete and connection.reusable():
                    connection.protocol.start_next_cycle()
                    self._idle.setdefault(address.origin, []).append(connection)
                else:
                    connection.close()

    async def _exchange(self, address: WebAddress, request: h11.Request,
                        connect_to: Sequence[str] | None) -> tuple[_Connection, Response]:
        """Send on an idle connection if there is one; one the server closed meanwhile is retried on a new one."""
        allowed = None if connect_to is None else {ipaddress.ip_address(ip) for ip in connect_to}
        while (connection := self._take_idle(address.origin, allowed)) is not None:
            if connection.reader.at_eof():
                connection.close()
                continue
            try:
                return connection, await connection.exchange(request)
            except (OSError, h11.RemoteProtocolError):
                connection.close()  # the server dropped it as we sent; a GET is safe to send again
            except BaseException:
                connection.close()
                raise
        connection = await self._connect(address, connect_to)
        try:
            return connection, await connection.exchange(request)
        except BaseException:
            connection.close()
            raise

    def _take_idle(self, origin: Origin, allowed: set[ipaddress.IPv4Address | ipaddress.IPv6Address] | None
                   ) -> _Connection | None:
        """The most recently used idle connection to `origin` (one that reached an `allowed` address), taken."""
        idle = self._idle.get(origin, [])
        for n in range(len(idle) - 1, -1, -1):
            if allowed is None or idle[n].peer_ip in allowed:
                return idle.pop(n)
        return None

    async def _connect(self, address: WebAddress, connect_to: Sequence[str] | None) -> _Connection:
        """A new connection to the host, or to the first of `connect_to` that answers (TLS still checks the name)."""
        tls = None
        if address.scheme == "https":
            if self._tls is None:
                self._tls = _tls_context()
            tls = self._tls
        failure: OSError | None = None
        for host in connect_to if connect_to is not None else [address.host]:
            try:
                reader, writer = await asyncio.open_connection(host, address.port, ssl=tls,
                                                               server_hostname=address.host if tls else None)
            except OSError as exc:
                failure = exc
                continue
            return _Connection(reader, writer)
        raise failure or OSError(f"{address.host}: no address to connect to")


def _tls_context() -> ssl.SSLContext:
    """Certificates checked against certifi's roots, as httpx did; built once: loading them costs ~40 ms."""
    import certifi

    context = ssl.create_default_context(cafile=certifi.where())
    context.set_alpn_protocols(["http/1.1"])
    return context


def _reason_text(reason: bytes) -> str:
    """A reason phrase as the server most likely wrote it: UTF-8 when it is that, else Latin-1 (HTTP's old charset).

    Only shown, never sent back (header values stay Latin-1, so an ETag or a Location goes back byte for byte).
    """
    try:
        return reason.decode("utf-8")
    except UnicodeDecodeError:
        return reason.decode("latin-1")


def _header_bytes(value: str) -> bytes:
    """A header value as sent: Latin-1 (so a server's ETag goes back byte for byte), else UTF-8."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")
