"""The process pool that parses feeds and extracts pages, and the helpers it needs started early.

Kept apart from refresh (and httpx) so the reader can start these helpers before Textual takes
over the terminal without paying for the HTTP stack at start-up.
"""

from __future__ import annotations

import contextlib
import os
import threading
from concurrent.futures import Executor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import multiprocessing.context
    from multiprocessing.connection import Connection


def _parse_context() -> multiprocessing.context.BaseContext:
    import multiprocessing  # lazy, as is everything here: a refresh of only 304s never starts a process

    # Forking a process that already runs threads (the TUI's workers, asyncio's to_thread) can
    # deadlock on locks held at fork time; workers forked from a clean forkserver cannot.
    context = multiprocessing.get_context("forkserver")
    # Imported once in the forkserver, so each worker starts with the parser loaded and Ctrl-C ignored.
    context.set_forkserver_preload(["reader.fetch.worker_signals", "reader.fetch.parse", "feedparser"])
    return context


def start_parse_helpers() -> None:
    """Start multiprocessing's forkserver and resource tracker now, while stderr is a real file.

    Both are started lazily by default, and each passes sys.stderr's descriptor to its child;
    inside a Textual app stderr is captured (fileno -1), so starting them there fails.
    """
    from multiprocessing import forkserver, resource_tracker

    _parse_context()
    resource_tracker.ensure_running()
    forkserver.ensure_running()


def _exit_with_parent(lifeline: Connection) -> None:
    """Worker initializer: end this worker as soon as the process that started the pool is gone.

    The lifeline's only writing end stays in the pool's owner, so reading it returns (EOF) exactly
    when that process ends, however it ends (kill -9, SIGHUP, the OOM killer). Without this a
    worker waits on its task queue forever, and because each worker also holds the forkserver's
    and the resource tracker's pipes, those two stay alive with it.
    """

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):  # EOF is the signal itself; nothing is ever sent
            lifeline.recv_bytes()
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


class LazyPool:
    """A process pool created on first use, so an all-304 refresh never pays for starting workers."""

    def __init__(self, given: Executor | None) -> None:
        self.given = given
        self.pool: Executor | None = given
        self._lifeline: Connection | None = None

    def get(self) -> Executor:
        """The pool; a new one when a worker died (a parser crash, the OOM killer) and broke the last one.

        A broken ProcessPoolExecutor fails every later task, so without this one feed that kills
        its worker would fail every feed parsed after it. (`_broken` is how the executor marks it.)
        """
        if self.pool is not None and self.pool is not self.given and getattr(self.pool, "_broken", False):
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor

            if self._lifeline is not None:
                self._lifeline.close()  # any worker left from a broken pool exits now
            context = _parse_context()
            receiving, self._lifeline = context.Pipe(duplex=False)
            self.pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context,
                                            initializer=_exit_with_parent, initargs=(receiving,))
        return self.pool

    def shutdown(self) -> None:
        if self.pool is not None and self.pool is not self.given:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self._lifeline is not None:
            self._lifeline.close()
