"""One refresh run: fetch every due feed concurrently, parse on all cores, store each feed as it lands.

Each feed is stored in its own short transaction as soon as it is parsed, so Ctrl-C or a crash
keeps everything already stored and never leaves a half-written feed. Feeds that brought nothing
(304, or the body stored last time) are saved together at the end, in one transaction.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from reader.config import Config
from reader.fetch.addresses import AddressCheck, FeedAddresses, PublicOnly, is_public_address
from reader.fetch.connections import Connections
from reader.fetch.containment import describe, is_store_wide
from reader.fetch.fulltext import HostGate, fetch_full_texts
from reader.fetch.http import REFRESH, FetchResult, fetch_http, make_client, read_local
from reader.fetch.pool import LazyPool
from reader.fetch.store_queue import StoreQueue
from reader.models import FeedRow, FetchedFeed, ParsedFeed, UnchangedFetch
from reader.store import Store
from reader.store.lock import refresh_lock
from reader.text.sanitize import single_line
from reader.wording import count_of

# (feeds done, feeds in the run, the feed still waited for): the first listed of those not done, which has been
# out longest, since feeds start in list order; "" before any is done and once all are. Naming the feed just done
# showed a fast feed for the whole minute a slow one held the run (try11 find 24).
ProgressCallback = Callable[[int, int, str], None]


@dataclass
class RefreshSummary:
    """Counts for the closing line of `reader fetch` and the TUI's notification."""

    feeds: int = 0
    ok: int = 0
    not_modified: int = 0
    unchanged: int = 0  # answered 200 with the very body stored last time
    failed: int = 0
    skipped: int = 0
    new: int = 0
    updated: int = 0
    full_text_ok: int = 0
    full_text_failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{count_of(self.feeds, 'feed')}: {self.ok:,} ok, {self.failed:,} failed"]
        if self.skipped:
            parts[0] += f", {self.skipped:,} not due"
        if self.new or self.updated:
            # "1 new, 0 updated articles"
            parts.append(f"{self.new:,} new, {count_of(self.updated, 'updated article')}")
        else:
            parts.append("nothing new")
        if self.full_text_ok or self.full_text_failed:
            parts.append(f"full text for {self.full_text_ok:,}, unavailable for {self.full_text_failed:,}")
        return " · ".join(parts)


def sync_config(store: Store, config: Config) -> None:
    """Bring the store's feed list in line with feeds.toml."""
    store.sync_feeds(config.feeds, {f.name: config.resolve_feed_location(f) for f in config.feeds})


def due_feeds(store: Store, now: datetime, force: bool = False) -> tuple[list[FeedRow], int]:
    """Enabled feeds whose Retry-After wait is over, and how many were skipped for waiting."""
    stamp = now.isoformat(timespec="seconds")
    enabled = [f for f in store.feeds() if not f.disabled]
    due = [f for f in enabled if force or not f.next_due or f.next_due <= stamp]
    return due, len(enabled) - len(due)


def refresh(
    store: Store,
    config: Config,
    *,
    progress: ProgressCallback | None = None,
    force: bool = False,
    executor: Executor | None = None,
    address_check: AddressCheck = is_public_address,
    wait: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> RefreshSummary:
    """Refresh all due, enabled feeds in `config` into `store`; one feed's failure is recorded, never raised.

    `address_check` says which addresses are public, for full-text pages and feeds' redirects (tests call a
    loopback one public).
    The whole run holds the database's refresh lock: RefreshBusyError when another process is
    refreshing it, unless `wait` (then `on_wait(pid)` is called and the run starts once the other ends).
    """
    store.require_writable()  # before the refresh lock, a file beside the database, whose error would name the lock
    with refresh_lock(store.path, wait=wait, on_wait=on_wait):
        store.verify_in_background()  # the check before the first write runs while the first requests are out
        sync_config(store, config)
        feeds, skipped = due_feeds(store, datetime.now(UTC), force)
        if progress is not None:  # the total up front, counted once, with the feeds feeds.toml just added
            progress(0, len(feeds), "")
        summary = RefreshSummary(feeds=len(feeds) + skipped, skipped=skipped)
        if feeds:
            with store.refresh_session():
                asyncio.run(_refresh_all(store, config, feeds, summary, progress, executor, address_check))
    return summary


async def _refresh_all(
    store: Store,
    config: Config,
    feeds: list[FeedRow],
    summary: RefreshSummary,
    progress: ProgressCallback | None,
    executor: Executor | None,
    address_check: AddressCheck,
) -> None:
    pool = LazyPool(executor, len(feeds))
    new_feeds = sum(not (f.etag or f.last_modified or f.body_hash) for f in feeds)
    if new_feeds:
        # A feed never stored before will send a body to parse, so workers start now and import
        # the parser while the first requests are out. When every feed may answer 304 or send
        # the body it sent last time, none starts until a body needs parsing.
        pool.start(new_feeds)
    limit = asyncio.Semaphore(config.fetch.concurrency)
    pages = asyncio.Semaphore(config.fetch.concurrency)
    gate = HostGate()
    writes = StoreQueue(store)
    feed_guard = FeedAddresses(address_check)
    done = 0
    pending = dict.fromkeys(range(len(feeds)))  # the feeds not done, in list order (the order they start in)
    unchanged: dict[int, UnchangedFetch] = {}  # saved together at the end: one transaction, not one a feed
    try:
        async with make_client(config.fetch) as client:

            async def one(at: int, feed: FeedRow) -> None:
                nonlocal done
                stored = False
                try:  # the containment boundary: nothing one feed does stops the others
                    async with limit:
                        stored = await _refresh_feed(store, writes, config, client, pool, feed, summary, unchanged,
                                                     feed_guard)
                    if feed.full_text:
                        missing = await asyncio.to_thread(store.missing_full_text, feed.id)
                        guard = await PublicOnly(address_check).for_feed(feed.fetch_url)
                        ok, failed = await fetch_full_texts(
                            missing, client, config.fetch, pool.get, gate, pages, store.save_full_text, guard)
                        summary.full_text_ok += ok
                        summary.full_text_failed += failed
                except Exception as exc:
                    if is_store_wide(exc):
                        raise
                    step = "getting full text" if stored else "refreshing"
                    if (checked := unchanged.pop(feed.id, None)) is not None:  # saved first, as it happened first
                        await asyncio.to_thread(store.record_unchanged, [checked])
                    await asyncio.to_thread(_record_crash, store, feed, f"{step}: {describe(exc)}", stored, summary)
                done += 1
                del pending[at]
                if progress is not None:
                    progress(done, len(feeds), feeds[next(iter(pending))].name if pending else "")

            await asyncio.gather(*(one(at, f) for at, f in enumerate(feeds)))
        if unchanged:  # an interrupted run loses only these "checked at" times: the next run asks again
            await asyncio.to_thread(store.record_unchanged, list(unchanged.values()))
    finally:
        pool.shutdown()


async def _refresh_feed(
    store: Store, writes: StoreQueue, config: Config, client: Connections, pool: LazyPool, feed: FeedRow,
    summary: RefreshSummary, unchanged: dict[int, UnchangedFetch], guard: FeedAddresses,
) -> bool:
    url = feed.fetch_url
    if url.startswith(("http://", "https://")):
        result = await fetch_http(client, url, config.fetch, feed.etag, feed.last_modified, guard)
    else:
        result = await asyncio.to_thread(read_local, url, config.fetch, feed.last_modified)
    parsed: ParsedFeed | None = None
    error = result.problem(REFRESH)
    body = result.body if error is None else None
    body_hash = hashlib.sha1(body).hexdigest() if body is not None else None
    pool.fetched_one(body_hash is not None and body_hash != feed.body_hash)
    if body is not None:
        if body_hash == feed.body_hash:  # many servers ignore validators: same body, nothing to parse
            return _unchanged(feed, result, summary, unchanged)
        from reader.fetch import parse  # lazy: a run of 304s and unchanged bodies never needs the parser

        stored, recent = (await asyncio.to_thread(store.known_entries, feed.id) if feed.last_fetched
                          else ({}, frozenset()))
        loop = asyncio.get_running_loop()
        try:
            parsed = await loop.run_in_executor(pool.get(), parse.parse_feed_changes, body,
                                                result.content_type, url, feed.item_hashes, stored,
                                                config.fetch.max_items, recent)
        except parse.FeedParseError as exc:
            error = str(exc)
        except Exception as exc:  # a parser crash on hostile input is this feed's error, not the run's
            error = f"the feed parser failed on this document ({exc.__class__.__name__}: {exc})"
    if parsed is None and error is None:  # 304 Not Modified
        return _unchanged(feed, result, summary, unchanged)
    next_due = None
    if result.retry_after_s is not None:
        next_due = (datetime.now(UTC) + timedelta(seconds=result.retry_after_s)).isoformat(timespec="seconds")
    if error is not None:
        # sqlite releases the GIL, so storing in a thread keeps the loop fetching while this feed is written.
        await asyncio.to_thread(_record_failure, store, feed, result, error, next_due, summary)
        return False
    assert parsed is not None  # a fetch with nothing to store went to _unchanged
    new, updated = await writes.store_fetched(FetchedFeed(
        feed.id, parsed.entries, status=result.status, etag=result.etag, last_modified=result.last_modified,
        effective_url=result.moved_to, next_due=next_due, title=parsed.title, body_hash=body_hash,
        item_hashes=parsed.item_hashes, warning=single_line(parsed.warning) if parsed.warning else None))
    summary.ok += 1
    summary.new += new
    summary.updated += updated
    if parsed.warning:
        summary.warnings.append((single_line(feed.name), single_line(parsed.warning)))
    return True


def _unchanged(feed: FeedRow, result: FetchResult, summary: RefreshSummary,
               unchanged: dict[int, UnchangedFetch]) -> bool:
    """Count a 304 or an unchanged body as ok, and keep it (with any new validators) for the run's one save."""
    unchanged[feed.id] = UnchangedFetch(feed.id, result.status, result.etag, result.last_modified, result.moved_to)
    summary.ok += 1
    if result.not_modified:
        summary.not_modified += 1
    else:
        summary.unchanged += 1
    return True


def _record_failure(store: Store, feed: FeedRow, result: FetchResult, error: str, next_due: str | None,
                    summary: RefreshSummary) -> None:
    """Save and count a fetch or parse that failed."""
    error = single_line(error)  # outside text (reason phrases, parser messages) for stderr, TUI and digest
    store.record_fetch(feed.id, status=result.status, error=error, next_due=next_due,
                       effective_url=result.moved_to, disable=result.gone)
    summary.failed += 1
    summary.failures.append((single_line(feed.name), error))


def _record_crash(store: Store, feed: FeedRow, reason: str, stored: bool, summary: RefreshSummary) -> None:
    """Count the feed as failed with `reason` and save the reason, as for any other failed fetch."""
    try:
        store.record_fetch(feed.id, status="error", error=reason)
    except Exception as exc:
        if is_store_wide(exc):
            raise
        reason += f" (and saving this reason failed: {describe(exc)})"
    if stored:  # counted ok when its entries were stored; its full-text step then failed
        summary.ok -= 1
    summary.failed += 1
    summary.failures.append((single_line(feed.name), reason))
