"""Generated RSS feeds served from 127.0.0.1 by a threaded server (listen backlog 128) for the benchmarks.

The server honours If-None-Match and If-Modified-Since, so a warm refresh is all 304s.
"""

from __future__ import annotations

import hashlib
import html
import random
import sys
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.corpus import article_html, sentence


def make_feeds(n_feeds: int, items_per_feed: int, seed: int = 7, wire_share: float = 0.15,
               topic_share: float = 0.2) -> dict[str, bytes]:
    """`n_feeds` RSS documents; `wire_share` of items are lightly edited copies of shared wire stories."""
    rng = random.Random(seed)
    wire = [article_html(rng) for _ in range(max(1, int(n_feeds * items_per_feed * wire_share / 4)))]
    base = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    feeds = {}
    for f in range(n_feeds):
        items = []
        for i in range(items_per_feed):
            if rng.random() < wire_share:
                w = rng.randrange(len(wire))
                body = wire[w].replace("<p>", f"<p>({rng.choice(['AP', 'Reuters', 'CW'])}) ", 1)
                title = f"Wire story {w}: " + sentence(rng, 6)[:-1]
            else:
                body = article_html(rng)
                title = sentence(rng, 7)[:-1]
                if rng.random() >= topic_share:  # most articles are not about a tracked policy
                    for phrase in ("Secure Communities", "E-Verify", "DREAM Act", "287(g)", "ICE"):
                        body = body.replace(phrase, "the council")
            when = format_datetime(base - timedelta(minutes=f * items_per_feed + i))
            items.append(
                f"<item><guid>f{f}-i{i}</guid><title>{html.escape(title)}</title>"
                f"<link>http://127.0.0.1/f{f}/{i}</link><pubDate>{when}</pubDate>"
                f"<description>{html.escape(body)}</description></item>"
            )
        doc = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Outlet {f}</title>'
               f"<link>http://127.0.0.1/f{f}</link><description>generated</description>{''.join(items)}"
               "</channel></rss>")
        feeds[f"/feed/{f}.xml"] = doc.encode("utf-8")
    return feeds


class FeedHost:
    """Serves the generated feeds with an ETag and Last-Modified each, on a free loopback port.

    `set_feeds` swaps the documents (new validators for changed ones); with `ignore_validators`
    every request gets a 200 and the full body, as many real servers do.
    """

    def __init__(self, feeds: dict[str, bytes]) -> None:
        self.ignore_validators = False
        self.routes: dict[str, tuple[bytes, str, str]] = {}
        self.set_feeds(feeds)
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                route = host.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body, etag, modified = route
                fresh = self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == modified
                if fresh and not host.ignore_validators:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", modified)
                self.end_headers()
                self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256

            def handle_error(self, request: object, client_address: object) -> None:
                if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up is not news
                    super().handle_error(request, client_address)  # type: ignore[arg-type]

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.paths = sorted(feeds, key=lambda p: int(p.split("/")[-1].split(".")[0]))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def set_feeds(self, feeds: dict[str, bytes]) -> None:
        routes = {}
        for path, body in feeds.items():
            digest = hashlib.sha1(body).hexdigest()
            # Validators follow the body: the same document always gets the same ETag and date.
            modified = format_datetime(datetime(2026, 11, 1, tzinfo=UTC) + timedelta(seconds=int(digest[:5], 16)),
                                       usegmt=True)
            routes[path] = (body, f'"{digest[:16]}"', modified)
        self.routes = routes

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def write_config(self, folder: Path, concurrency: int = 16) -> Path:
        lines = [f'[[feeds]]\nname = "Outlet {i}"\nurl = "{self.url(p)}"\n' for i, p in enumerate(self.paths)]
        lines.append(f"[fetch]\nconcurrency = {concurrency}\ntimeout = 60\n")
        lines.append('[[topics]]\nname = "Secure Communities"\nmatch = ["Secure Communities"]\n')
        lines.append('[[topics]]\nname = "E-Verify"\nmatch = ["E-Verify"]\n')
        lines.append('[[topics]]\nname = "ICE"\nmatch = ["ICE"]\n')
        path = folder / "feeds.toml"
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
