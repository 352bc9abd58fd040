"""The worker pool: plain child processes that import only the parser, and a worker that dies takes only its task."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from reader.fetch import pool as pool_module
from reader.fetch.parse import FeedParseError, parse_feed_bytes
from reader.fetch.pool import ChildPool, LazyPool, WorkerCrashed
from tests.feed_server import rss


def loaded_modules() -> list[str]:
    return sorted(name for name, module in sys.modules.items() if module is not None)


def kill_this_process() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_crashed_worker_fails_only_its_task_and_is_replaced() -> None:
    pool = LazyPool(None)
    try:
        with pytest.raises(WorkerCrashed, match="exit status 1"):
            pool.get().submit(os._exit, 1).result(timeout=60)  # a worker killed mid-task, as by the OOM killer
        with pytest.raises(WorkerCrashed, match="SIGKILL"):
            pool.get().submit(kill_this_process).result(timeout=60)
        assert pool.get().submit(sum, [1, 2]).result(timeout=60) == 3
    finally:
        pool.shutdown()


def test_tasks_run_in_workers_that_hold_only_the_parser() -> None:
    pool = ChildPool(2)
    try:
        parsed = pool.submit(parse_feed_bytes, rss(("g1", "First")), "application/rss+xml", "http://x/").result(60)
        assert [e.title for e in parsed.entries] == ["First"]
        with pytest.raises(FeedParseError, match="HTML page"):  # what a task raises is raised in the parent
            pool.submit(parse_feed_bytes, b"<html><body>hi</body></html>", "text/html", "http://x/").result(60)
        assert pool.submit(os.getpid).result(60) != os.getpid()
        modules = pool.submit(loaded_modules).result(60)
        assert "feedparser" in modules
        for heavy in ("httpx", "ssl", "_hashlib", "sqlite3", "ftfy", "multiprocessing", "reader.store", "textual"):
            assert heavy not in modules, heavy
    finally:
        pool.shutdown()


def test_quick_tasks_keep_to_one_worker() -> None:
    pool = ChildPool(4)
    try:
        pool.submit(sum, [1]).result(60)
        assert pool.task_s is None  # a worker's first task is its warm-up: not timed
        pool.submit(sum, [1]).result(60)
        assert pool.start_s is not None and pool.task_s is not None and pool.task_s < pool.start_s
        pool.start_s = 60.0  # as measured on a machine so loaded that tasks wait long on it
        futures = [pool.submit(sum, [i]) for i in range(200)]  # queued far faster than the worker answers
        assert [f.result(60) for f in futures] == list(range(200))
        assert len(pool._threads) == 1  # all of them take less than starting another worker would
    finally:
        pool.shutdown()
    with pytest.raises(RuntimeError, match="shut down"):
        pool.submit(sum, [1])


def grows_to_three_workers_for_slow_tasks(pool: ChildPool) -> None:
    """A pool of three, given slow tasks to wait in line, starts all three workers (then shuts down)."""
    try:
        pool.submit(time.sleep, 0.5).result(60)  # the warm-up, not timed
        pool.submit(time.sleep, 0.5).result(60)  # measures a task
        assert pool.start_s is not None and pool.task_s is not None
        pool.start_s = 0.1  # as measured on a quiet machine
        futures = [pool.submit(time.sleep, 0.5) for _ in range(8)]
        for future in futures:
            future.result(60)
        assert len(pool._threads) == 3
    finally:
        pool.shutdown()


def test_slow_tasks_waiting_start_more_workers() -> None:
    grows_to_three_workers_for_slow_tasks(ChildPool(3))


def test_tasks_expected_to_come_start_workers_before_they_queue() -> None:
    pool = ChildPool(3)
    try:
        pool.submit(sum, [1]).result(60)  # the warm-up, not timed
        pool.submit(sum, [1]).result(60)
        pool.start_s, pool.task_s = 0.1, 0.01  # as measured
        pool.expect(5)  # 0.05 s of work to come: less than starting a worker takes
        assert len(pool._threads) == 1
        pool.expect(50)  # 0.5 s
        assert len(pool._threads) == 2  # one more now (and another only once it has started)
    finally:
        pool.shutdown()


def test_a_refresh_expects_the_feeds_to_come_to_need_parsing_as_those_so_far() -> None:
    lazy = LazyPool(None, feeds=10)
    try:
        lazy.fetched_one(True)  # no pool yet: nothing to tell, and nothing started
        assert lazy.pool is None
        pool = lazy.get()
        assert isinstance(pool, ChildPool)
        lazy.fetched_one(False)
        assert pool.expected == (10 - 2) * 1 // 2
        lazy.fetched_one(True)
        assert pool.expected == (10 - 3) * 2 // 3
    finally:
        lazy.shutdown()


def test_start_starts_workers_before_any_task() -> None:
    pool = ChildPool(4)
    try:
        pool.start(2)
        assert len(pool._threads) == 2
        assert len({pool.submit(os.getpid).result(60) for _ in range(10)}) <= 2
    finally:
        pool.shutdown()


def test_a_worker_that_cannot_start_fails_its_task_with_the_reason() -> None:
    pool = ChildPool(1, preload=("reader.no_such_module",))
    try:
        with pytest.raises(WorkerCrashed, match=r"could not start \(exit status 1\)"):
            pool.submit(sum, [1]).result(60)
    finally:
        pool.shutdown()


def test_a_pool_whose_first_worker_failed_to_start_still_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    real_child = pool_module._Child
    starts = 0

    def first_start_fails(preload: tuple[str, ...]) -> object:
        nonlocal starts
        starts += 1
        if starts == 1:
            raise WorkerCrashed("the worker process could not start (as under a passing fork limit)")
        return real_child(preload)

    monkeypatch.setattr(pool_module, "_Child", first_start_fails)
    pool = ChildPool(3)
    pool.start(1)  # fails: the warm-up task starts the first worker
    grows_to_three_workers_for_slow_tasks(pool)
    assert starts == 4
