"""Writes a refresh's fetched feeds to the store in as few transactions as keep up with the parsing.

While one transaction is being written, the feeds that finish meanwhile wait and are written
together in the next (Store.store_fetched_together), so a run that parses quickly commits
rarely and one that parses slowly writes each feed as soon as it is ready.
"""

from __future__ import annotations

import asyncio

from reader.models import FetchedFeed
from reader.store import Store

BATCH_ENTRIES = 2000  # per transaction at most (a feed's own may be more): other writers wait for less


class StoreQueue:
    """Stores fetched feeds for one refresh's event loop; store_fetched returns once the feed's write committed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.waiting: list[tuple[FetchedFeed, asyncio.Future[tuple[int, int]]]] = []
        self.writer: asyncio.Task[None] | None = None

    async def store_fetched(self, fetched: FetchedFeed) -> tuple[int, int]:
        """The feed's (new, updated) once stored; raises what storing it raised."""
        done: asyncio.Future[tuple[int, int]] = asyncio.get_running_loop().create_future()
        self.waiting.append((fetched, done))
        if self.writer is None:
            self.writer = asyncio.create_task(self._write_waiting())
        return await done

    async def _write_waiting(self) -> None:
        batch: list[tuple[FetchedFeed, asyncio.Future[tuple[int, int]]]] = []
        try:
            while self.waiting:
                batch, self.waiting = self._next_batch()
                try:  # sqlite releases the GIL, so the loop goes on fetching while a thread writes
                    results = await asyncio.to_thread(self.store.store_fetched_together, [f for f, _ in batch])
                except Exception as exc:  # the transaction failed as a whole: so did each of its feeds
                    results = [exc] * len(batch)
                for (_, done), result in zip(batch, results, strict=True):
                    if done.cancelled():  # its caller stopped waiting (ctrl+c cancels the feeds, not this task)
                        continue
                    if isinstance(result, Exception):
                        done.set_exception(result)
                    else:
                        done.set_result(result)
        finally:  # cancelled, or interrupted: nobody may wait for a write that will not come
            for _, done in batch + self.waiting:
                done.cancel()
            self.waiting, self.writer = [], None

    def _next_batch(self) -> tuple[list[tuple[FetchedFeed, asyncio.Future[tuple[int, int]]]],
                                   list[tuple[FetchedFeed, asyncio.Future[tuple[int, int]]]]]:
        """The waiting feeds up to BATCH_ENTRIES entries (at least one feed), and the rest."""
        size, count = 0, 0
        for fetched, _ in self.waiting:
            size += len(fetched.entries)
            if count and size > BATCH_ENTRIES:
                break
            count += 1
        return self.waiting[:count], self.waiting[count:]
