"""The worker processes that parse feeds and extract pages: plain children fed over pipes.

Each worker is a fresh `python -m reader.fetch.worker` (posix_spawn, no fork of this process),
so it holds only the parser, not the HTTP stack, the store or whatever a long-running TUI has
built up; and no forkserver or resource tracker runs beside them. multiprocessing's pool cost
about 37 MB of those two helpers and their pipes on top of the workers.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import queue

PRELOAD = ("reader.fetch.parse",)
# The folder holding the reader package (this file is reader/fetch/pool.py), first on the worker's path.
_PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class WorkerCrashed(Exception):
    """The worker process ended while starting or running a task (a parser crash, the OOM killer)."""


class _Child:
    """One worker process and the two pipes to it; returns once the worker has loaded the parser."""

    def __init__(self, preload: Sequence[str]) -> None:
        from reader.fetch.worker import read_frame  # lazy, as all that only workers need: a 304 run starts none

        task_read, task_write = os.pipe()  # both ends close on exec except where dup'ed onto 0 and 1
        answer_read, answer_write = os.pipe()
        # The worker finds modules where this process does, so it skips site's start-up work (-S: ~20 ms)
        # and does not put its current folder first on its path (-P).
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (_PACKAGE_ROOT, *sys.path) if p)}
        try:
            self.pid = os.posix_spawn(
                sys.executable, [sys.executable, "-S", "-P", "-m", "reader.fetch.worker", *preload], env,
                file_actions=[(os.POSIX_SPAWN_DUP2, task_read, 0), (os.POSIX_SPAWN_DUP2, answer_write, 1)],
                setsigmask={signal.SIGINT},  # the worker ignores it before unblocking it: Ctrl-C is the parent's
            )
        except BaseException:
            os.close(task_write)
            os.close(answer_read)
            raise
        finally:
            os.close(task_read)
            os.close(answer_write)
        self.tasks = os.fdopen(task_write, "wb")
        self.answers = os.fdopen(answer_read, "rb")
        if read_frame(self.answers) is None:
            raise WorkerCrashed(f"the worker process could not start ({self.close()})")

    def run(self, function: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        """The function's value, computed in the worker; what it raised is raised here."""
        import pickle

        from reader.fetch.worker import read_frame, write_frame

        task = pickle.dumps((function, args), pickle.HIGHEST_PROTOCOL)
        try:
            write_frame(self.tasks, task)
        except BrokenPipeError:
            answer = None
        else:
            answer = read_frame(self.answers)
        if answer is None:
            raise WorkerCrashed(f"the worker process ended while working ({self.close()})")
        ok, value = pickle.loads(answer)
        if not ok:
            raise value
        return value

    def close(self) -> str:
        """End the worker (end of file on its stdin is its signal to exit) and say how it ended."""
        with contextlib.suppress(BrokenPipeError):  # the rest of a task it died reading: nobody left to read it
            self.tasks.close()
        self.answers.close()
        _, status = os.waitpid(self.pid, 0)
        if os.WIFSIGNALED(status):
            return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
        return f"exit status {os.waitstatus_to_exitcode(status)}"


class ChildPool(Executor):
    """An Executor over up to `workers` worker processes, started as the work needs them.

    The first task starts one worker. Another starts only when the tasks waiting would take the
    running workers longer than a worker takes to start (both measured), so a run that parses a
    few small changes uses one worker, and a run with much to parse all of them. A worker that
    dies fails only the task it had (WorkerCrashed); its next task starts a new one.
    """

    def __init__(self, workers: int, preload: Sequence[str] = PRELOAD) -> None:
        import queue

        self.workers, self.preload = workers, tuple(preload)
        self._tasks: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None] = (
            queue.SimpleQueue())
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._idle = 0  # workers not running a task (those starting included)
        self._waiting = 0  # tasks no worker has taken yet
        self._starting = 0
        self.start_s: float | None = None  # how long the first worker took to start
        self.task_s: float | None = None  # a moving average of how long a task takes
        self.expected = 0  # tasks the caller expects to submit later (see expect)
        self._closed = False

    def start(self, count: int) -> None:
        """Start up to `count` workers now, before any task, so they load the parser meanwhile."""
        with self._lock:
            while len(self._threads) < min(self.workers, count):
                self._add_worker()

    def expect(self, tasks: int) -> None:
        """Say how many more tasks are likely to come, so that workers start before those queue up.

        A refresh sends its tasks a few at a time (as many as it fetches at once), so the queue
        alone never shows a long run of small parses (two new items in each of 200 feeds) as
        worth another worker; with this, the tasks still to come count too.
        """
        with self._lock:
            self.expected = max(0, tasks)
            self._grow_if_behind()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if kwargs:
            raise TypeError("ChildPool tasks take positional arguments only")
        future: Future[Any] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot submit a task to a pool that was shut down")
            self._waiting += 1
            self._grow_if_behind()
            self._tasks.put((future, fn, args))
        return future

    def _grow_if_behind(self) -> None:
        """Start another worker if the waiting and expected tasks need one (called with the lock held)."""
        ahead = self._waiting + self.expected
        if len(self._threads) >= self.workers or ahead <= self._idle:
            return
        if not self._threads:
            if self._waiting:  # the first worker starts for a task, never for an expectation
                self._add_worker()
        elif self._starting or self.start_s is None or self.task_s is None:
            return  # another is on its way, or nothing is measured yet
        elif ahead * self.task_s > self.start_s:
            self._add_worker()

    def _add_worker(self) -> None:
        thread = threading.Thread(target=self._serve, name=f"parse-worker-{len(self._threads)}", daemon=True)
        self._threads.append(thread)
        self._idle += 1
        self._starting += 1
        thread.start()

    def _serve(self) -> None:
        """One worker's thread: start its process, hand it tasks one at a time, replace it if it dies."""
        child: _Child | None = None
        try:
            child = self._start_child()
        except (OSError, WorkerCrashed):
            child = None  # its first task tries again, and fails with the reason if it cannot
        with self._lock:
            self._starting -= 1
        warming_up = True  # a worker's first task also pays for first-use set-up inside the parser: not timed
        while (task := self._tasks.get()) is not None:
            future, function, args = task
            with self._lock:
                self._waiting -= 1
                self._idle -= 1
            if future.set_running_or_notify_cancel():
                began = time.perf_counter()
                try:
                    if child is None:
                        child = self._start_child()
                        began = time.perf_counter()  # a task is timed without the start it needed
                    future.set_result(child.run(function, args))
                except WorkerCrashed as exc:
                    child = None
                    future.set_exception(exc)
                except BaseException as exc:  # the task's own exception, or one pickling it: the caller's to handle
                    future.set_exception(exc)
                took = time.perf_counter() - began
                with self._lock:
                    if not warming_up:
                        self.task_s = took if self.task_s is None else 0.8 * self.task_s + 0.2 * took
                warming_up = False
            with self._lock:
                self._idle += 1
                self._grow_if_behind()
        if child is not None:
            child.close()

    def _start_child(self) -> _Child:
        """A new worker process; the first to start measures how long starting one takes.

        Whichever start comes first, the one before any task or one a task asked for after a
        failed start: without that measure the pool never grows past one worker.
        """
        began = time.perf_counter()
        child = _Child(self.preload)
        with self._lock:
            if self.start_s is None:
                self.start_s = time.perf_counter() - began
        return child

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        import queue

        with self._lock:
            self._closed = True
            threads = list(self._threads)
        if cancel_futures:
            while True:
                try:
                    task = self._tasks.get_nowait()
                except queue.Empty:
                    break
                if task is not None:
                    task[0].cancel()
        for _ in threads:
            self._tasks.put(None)
        if wait:
            for thread in threads:
                thread.join()


class LazyPool:
    """The worker pool, created on first use, so an all-304 refresh never starts a process."""

    def __init__(self, given: Executor | None, feeds: int = 0) -> None:
        self.given = given
        self.pool: Executor | None = given
        self.feeds, self.fetched, self.parsed = feeds, 0, 0  # of a refresh: its feeds, and how many came so far

    def fetched_one(self, to_parse: bool) -> None:
        """Count a feed's fetch; the pool then expects the feeds still to come to need parsing as often."""
        self.fetched += 1
        self.parsed += to_parse
        if isinstance(self.pool, ChildPool):
            self.pool.expect((self.feeds - self.fetched) * self.parsed // self.fetched)

    def get(self) -> Executor:
        if self.pool is None:
            self.pool = ChildPool(os.cpu_count() or 1)
        return self.pool

    def start(self, count: int) -> None:
        """Start up to `count` workers now, ahead of the parsing that feeds never stored before bring."""
        pool = self.get()
        if isinstance(pool, ChildPool):
            pool.start(count)

    def shutdown(self) -> None:
        if self.pool is not None and self.pool is not self.given:
            self.pool.shutdown(wait=True, cancel_futures=True)
