"""Full text for summary-only feeds: fetch each new article's page politely, extract its main text.

Extraction is trafilatura's (a maintained extractor; no home-made readability heuristics) and
runs in the parse workers (extract.py), since it is CPU-bound. Each host gets at most two
requests at a time, started at least a quarter second apart, so a feed of fifty new articles
does not hammer its publisher. A failure is stored as the reason, and the reader falls back to
the summary; a failure that may pass (a timeout, a 5xx) is tried again at the next refreshes, up
to FULL_TEXT_TRIES tries in all.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from urllib.parse import urlsplit

from reader.config import FetchConfig
from reader.fetch.addresses import PublicOnly
from reader.fetch.connections import Connections
from reader.fetch.containment import describe, is_store_wide
from reader.fetch.extract import ExtractionError, extract_main_text
from reader.fetch.http import LINKED_PAGE, fetch_http
from reader.models import FULL_TEXT_TRIES
from reader.text.sanitize import single_line

PER_HOST = 2
HOST_SPACING_S = 0.25


class HostGate:
    """At most PER_HOST requests in flight per host, each started HOST_SPACING_S after the previous."""

    def __init__(self) -> None:
        self.slots: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(PER_HOST))
        self.last_start: dict[str, float] = defaultdict(float)
        self.locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def enter(self, host: str) -> None:
        await self.slots[host].acquire()
        async with self.locks[host]:
            wait = self.last_start[host] + HOST_SPACING_S - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self.last_start[host] = time.monotonic()

    def leave(self, host: str) -> None:
        self.slots[host].release()


async def fetch_full_texts(
    items: Sequence[tuple[int, str, int]],
    client: Connections,
    cfg: FetchConfig,
    pool: Callable[[], Executor],
    gate: HostGate,
    limit: asyncio.Semaphore,
    save: Callable[[int, str | None, str | None, bool], None],
    guard: PublicOnly | None = None,
) -> tuple[int, int]:
    """Fetch and extract each (article id, link, failed tries); `save` stores text or reason. Returns (ok, failed).

    With a `guard`, a page (and every redirect to it) must be at an address it accepts. Whatever
    goes wrong with one page is that article's stored reason; the other pages are still fetched.
    """
    ok = failed = 0

    async def one(article_id: int, link: str, tries: int) -> None:
        nonlocal ok, failed
        passing = False
        try:
            text, error, passing = await _page_text(link, client, cfg, pool, gate, limit, guard)
            if text is not None:
                await asyncio.to_thread(save, article_id, text, None, False)
                ok += 1
                return
        except Exception as exc:  # the article's boundary: its reason is stored, the other pages go on
            if is_store_wide(exc):
                raise
            error = describe(exc, "page")
        failed += 1
        reason = f"full text unavailable: {error}"
        if passing:
            left = FULL_TEXT_TRIES - tries - 1
            reason += (f"; will try again at the next refresh ({left} {'try' if left == 1 else 'tries'} left)" if left
                       else f"; gave up after {FULL_TEXT_TRIES} tries")
        await asyncio.to_thread(save, article_id, None, single_line(reason), passing)

    await asyncio.gather(*(one(i, link, tries) for i, link, tries in items))
    return ok, failed


async def _page_text(
    link: str, client: Connections, cfg: FetchConfig, pool: Callable[[], Executor], gate: HostGate,
    limit: asyncio.Semaphore, guard: PublicOnly | None,
) -> tuple[str | None, str | None, bool]:
    """(the page's main text, None, False) or (None, why there is none, whether that may pass)."""
    host = urlsplit(link).hostname or ""
    async with limit:
        await gate.enter(host)
        try:
            result = await fetch_http(client, link, cfg, guard=guard)
        finally:
            gate.leave(host)
    if result.error is not None:
        return None, result.problem(LINKED_PAGE), result.passing or result.retry_after_s is not None
    if result.body is None:
        return None, f"no page content (HTTP {result.status})", False
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(pool(), extract_main_text, result.body, link), None, False
    except ExtractionError as exc:
        return None, str(exc), False
    except Exception as exc:  # a crash on one hostile page is that article's reason, not the run's
        return None, f"extraction failed ({exc.__class__.__name__}: {exc})", False
