"""A real HTTP server on 127.0.0.1 that serves feeds and misbehaves on demand, for fetch tests.

Each path maps to a Route saying what to send: status, headers, body, a delay, a slow drip,
a huge streamed body, or a hang. Requests are recorded so tests can check conditional headers.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay_s: float = 0.0
    drip_s: float | None = None  # send one byte every drip_s seconds
    stream_bytes: int = 0  # stream this many filler bytes after body (no Content-Length)
    hang: bool = False  # accept the request and never answer
    gzip: bool = False
    reason: str | None = None  # the status line's reason phrase, sent as these bytes (latin-1)
    close_after: bool = False  # close the connection after answering, without saying so in the headers
    dynamic: Callable[[BaseHTTPRequestHandler], Route] | None = None


class FeedServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0
        self.connections = 0  # TCP connections accepted
        self._count_lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                with server._count_lock:
                    server.connections += 1

            def do_GET(self) -> None:
                with server._count_lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._get()
                finally:
                    with server._count_lock:
                        server.in_flight -= 1

            def _get(self) -> None:
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    self._send(404, b"not found", {"Content-Type": "text/plain"})
                    return
                if route.dynamic is not None:
                    route = route.dynamic(self)
                if route.hang:
                    server.stopping.wait(60)
                    return
                if route.delay_s:
                    server.stopping.wait(route.delay_s)
                inm = self.headers.get("If-None-Match")
                ims = self.headers.get("If-Modified-Since")
                if (route.etag and inm == route.etag) or (route.last_modified and ims == route.last_modified):
                    self._send(304, b"", {})
                    return
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                body = route.body
                if route.gzip:
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                if route.drip_s is not None or route.stream_bytes:
                    self._stream(route, body, headers)
                    return
                self._send(route.status, body, headers, route.reason)
                self.close_connection = route.close_after

            def _send(self, status: int, body: bytes, headers: dict[str, str], reason: str | None = None) -> None:
                self.send_response(status, reason)
                for k, v in headers.items():
                    self.send_header(k, v)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def _stream(self, route: Route, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(route.status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                try:
                    if route.drip_s is not None:
                        for b in body:
                            if server.stopping.wait(route.drip_s):
                                return
                            self.wfile.write(bytes([b]))
                            self.wfile.flush()
                        return
                    self.wfile.write(body)
                    chunk = b"x" * 65536
                    sent = 0
                    while sent < route.stream_bytes and not server.stopping.is_set():
                        self.wfile.write(chunk)
                        sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    return

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128
            address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

        self.httpd = Server((host, port), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{path}"

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        time.sleep(0)


def rss(*items: tuple[str, str], title: str = "Test feed") -> bytes:
    """A small RSS 2.0 document; items are (guid, title) pairs with a one-paragraph body each."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
             "<link>http://127.0.0.1/</link>"]
    for guid, item_title in items:
        parts.append(
            f"<item><guid>{guid}</guid><title>{item_title}</title><link>http://127.0.0.1/{guid}</link>"
            f"<description>&lt;p&gt;Body of {guid} about Secure Communities.&lt;/p&gt;</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


# Redirects whose Location is no usable web address: another scheme, no host, or control characters.
BAD_REDIRECTS = {
    "/redirect-data": "data:application/rss+xml,<rss/>",
    "/redirect-mailto": "mailto:x@y",
    "/redirect-javascript": "javascript:",
    "/redirect-about": "about:blank",
    "/redirect-http-no-host": "http:",
    "/redirect-escape": "\x1b]0;title\x07",
}


def hostile_routes(text: str) -> dict[str, Route]:
    """One route per hostile kind of feed server, `text` (hostile strings) wherever the server's words appear.

    A feed list with each of these among good feeds must still fetch and store every good one.
    """
    # The status line and headers go out as these bytes; all but NUL and line breaks reach the client.
    raw = "".join(c for c in text.encode("utf-8").decode("latin-1") if c not in "\x00\r\n\x0b\x0c")
    routes = {path: Route(status=302, headers={"Location": target}) for path, target in BAD_REDIRECTS.items()}
    routes["/reason-phrase"] = Route(status=500, reason=f"Oops {raw}")
    routes["/retry-reason"] = Route(status=503, reason=f"Busy {raw}", headers={"Retry-After": raw})
    for path, encoding in (("/encoding-declaration", text), ("/encoding-escape", "\x1b]0;title\x07 [/]")):
        declared = f'<?xml version="1.0" encoding="{encoding}"?>'.encode()
        routes[path] = Route(body=declared + b"<rss version='2.0'><channel><title>x</title></channel></rss>")
    routes["/not-a-feed"] = Route(body=f"<html><head><title>{text}</title></head><body>hi</body></html>".encode())
    titled = rss(("h1", text), title=text).replace(b"</description>", f" {text}</description>".encode())
    routes["/hostile-titles"] = Route(body=titled)
    return routes
