"""The refresh lock: one refresh per database at a time, across processes (CLI, cron digest, TUI).

An exclusive flock on a small file next to the database, holding the owner's pid so a second
refresh can say whom it is waiting for. The kernel releases the lock when its process dies,
however it dies, so a crashed refresh never blocks the next one.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from reader.store.schema import StoreError


class RefreshBusyError(Exception):
    """Another process is refreshing this database."""

    def __init__(self, pid: str) -> None:
        self.pid = pid
        super().__init__(f"a refresh of this database is already running (pid {pid})")


def lock_path(db_path: str) -> str:
    return db_path + ".refresh-lock"


def _owner(fd: int) -> str:
    """The pid the holder wrote (digits only: the file is ours, but anyone could have written to it)."""
    return "".join(c for c in os.pread(fd, 32, 0).decode("ascii", "replace") if c.isdigit()) or "unknown"


@contextmanager
def refresh_lock(db_path: str, *, wait: bool = False,
                 on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the refresh lock of `db_path`; raises RefreshBusyError, or with `wait` blocks until it is free.

    `on_wait(pid)` is called once before blocking, so the caller can say what it is waiting for.
    An in-memory store has no file to share, so it needs no lock.
    """
    if db_path == ":memory:":
        yield
        return
    try:
        fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{lock_path(db_path)}: cannot create the refresh lock ({exc.strerror or exc}); "
                         "make the database's folder writable, or pass another --db") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise RefreshBusyError(_owner(fd)) from None
            if on_wait is not None:
                on_wait(_owner(fd))
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # releases the lock
