"""The refresh's StoreQueue writes the feeds that finish while a transaction runs together in the next one."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from reader.fetch import store_queue
from reader.fetch.store_queue import StoreQueue
from reader.models import FetchedFeed


class SlowStore:
    """Records each transaction's feeds; the first transaction waits until `release` is set."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.release = threading.Event()
        self.started = threading.Event()

    def store_fetched_together(self, fetched: list[FetchedFeed]) -> list[tuple[int, int] | Exception]:
        if not self.batches:
            self.started.set()
            self.release.wait(10)
        self.batches.append([f.feed_id for f in fetched])
        return [ValueError(f"feed {f.feed_id}") if f.feed_id == 3 else (len(f.entries), 0) for f in fetched]


def feed(feed_id: int, entries: int = 1) -> FetchedFeed:
    return FetchedFeed(feed_id, [Any] * entries, "200")  # type: ignore[list-item]  # only counted here


def test_feeds_that_finish_during_a_write_go_together_in_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_queue, "BATCH_ENTRIES", 10)

    async def run() -> list[Any]:
        store = SlowStore()
        queue = StoreQueue(store)  # type: ignore[arg-type]
        first = asyncio.create_task(queue.store_fetched(feed(1)))
        assert await asyncio.to_thread(store.started.wait, 10)  # the first transaction is under way
        rest = [asyncio.create_task(queue.store_fetched(feed(n, 4))) for n in (2, 3, 4, 5)]
        await asyncio.sleep(0)
        store.release.set()
        results = await asyncio.gather(first, *rest, return_exceptions=True)
        return [store.batches, results]

    batches, results = asyncio.run(run())
    assert batches == [[1], [2, 3], [4, 5]]  # 4 + 4 entries, then 4 + 4 more: at most BATCH_ENTRIES (10) each
    assert results[:2] == [(1, 0), (4, 0)] and isinstance(results[2], ValueError) and results[3:] == [(4, 0)] * 2


def test_an_interrupted_queue_leaves_nobody_waiting() -> None:
    async def run() -> list[Any]:
        store = SlowStore()
        queue = StoreQueue(store)  # type: ignore[arg-type]
        waiting = [asyncio.create_task(queue.store_fetched(feed(n))) for n in (1, 2)]
        assert await asyncio.to_thread(store.started.wait, 10)
        assert queue.writer is not None
        queue.writer.cancel()
        results = await asyncio.gather(*waiting, return_exceptions=True)
        store.release.set()
        return results

    assert all(isinstance(r, asyncio.CancelledError) for r in asyncio.run(run()))


def test_a_caller_that_stops_waiting_does_not_break_the_writer() -> None:
    """Ctrl+C cancels the feeds' tasks, not the writer's: a write that then completes finds a cancelled caller."""
    async def run() -> list[list[int]]:
        store = SlowStore()
        queue = StoreQueue(store)  # type: ignore[arg-type]
        gone = asyncio.create_task(queue.store_fetched(feed(1)))
        assert await asyncio.to_thread(store.started.wait, 10)
        gone.cancel()
        later = asyncio.create_task(queue.store_fetched(feed(2)))
        await asyncio.sleep(0)
        store.release.set()
        assert await later == (1, 0)  # the writer went on to the next transaction
        assert gone.cancelled() and queue.writer is None
        return store.batches

    assert asyncio.run(run()) == [[1], [2]]
