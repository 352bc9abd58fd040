"""Thread workers on daemon threads, so that q ends the reader at once even while one is in a long call.

Textual runs thread workers in asyncio's default executor, which asyncio.run joins without a
limit when the app's loop closes (Python 3.11): a worker in a long query or a long clean kept the
process alive after q. WorkerThreads is that executor instead: on shutdown it gives the running
calls a moment to finish (a mark just made is kept), then interrupts the store's statement (SQLite
rolls its transaction back, so nothing half-written is kept), and returns; a thread still busy
in Python code is a daemon and ends with the process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

FINISH_S = 0.25  # what a running call gets to finish by itself when the app quits
INTERRUPTED_S = 0.25  # then what it gets to unwind (a rolled-back transaction) after the interrupt


class WorkerThreads(ThreadPoolExecutor):
    """One daemon thread per call, never joined past FINISH_S + INTERRUPTED_S (see the module's docstring).

    A ThreadPoolExecutor only because asyncio accepts nothing else as its default executor; none of its
    pool is used (its threads are joined at exit, which is what this avoids).
    """

    def __init__(self, interrupt: Callable[[], None]) -> None:
        super().__init__(max_workers=1)
        self.interrupt = interrupt
        self.running: set[threading.Thread] = set()
        self.guard = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()

        def run() -> None:
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        result = fn(*args, **kwargs)
                    except BaseException as exc:  # handed to the awaiting worker, which reports it
                        future.set_exception(exc)
                    else:
                        future.set_result(result)
            finally:
                with self.guard:
                    self.running.discard(threading.current_thread())

        thread = threading.Thread(target=run, name="reader worker", daemon=True)
        with self.guard:
            self.running.add(thread)
        thread.start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Wait FINISH_S for the running calls, interrupt the store's, wait INTERRUPTED_S; then leave the rest."""
        super().shutdown(wait=False, cancel_futures=cancel_futures)
        if not wait:
            return
        if not self._join(FINISH_S):
            self.interrupt()
            self._join(INTERRUPTED_S)

    def _join(self, seconds: float) -> bool:
        """Wait up to `seconds` for every running call to end; whether they all did."""
        until = time.monotonic() + seconds
        while True:
            with self.guard:
                busy = list(self.running)
            if not busy:
                return True
            left = until - time.monotonic()
            if left <= 0:
                return False
            busy[0].join(left)
