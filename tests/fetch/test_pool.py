"""The parse pool: a worker that dies takes only the tasks it had with it, not every later feed."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from reader.fetch.pool import LazyPool


def test_a_broken_pool_is_replaced() -> None:
    pool = LazyPool(None)
    try:
        with pytest.raises(BrokenProcessPool):
            pool.get().submit(os._exit, 1).result(timeout=60)  # a worker killed mid-task, as by the OOM killer
        assert pool.get().submit(sum, [1, 2]).result(timeout=60) == 3
    finally:
        pool.shutdown()
