"""What stops a refresh run and what stays one feed's (or one page's) failure.

A full disk or a corrupt database would fail every feed the same way, so those stop the run;
anything else one feed or page raises (an address that is no web address, a parser crash, a value the store
cannot bind) is recorded as that feed's or article's reason and the run goes on.
"""

from __future__ import annotations

import sqlite3

from reader.store import StoreError
from reader.text.sanitize import single_line


def is_store_wide(exc: BaseException) -> bool:
    """A full disk, a read-only, locked or corrupt database, or no memory: every feed would fail alike, so stop."""
    return isinstance(exc, StoreError | MemoryError) or type(exc) in (sqlite3.OperationalError, sqlite3.DatabaseError)


def describe(exc: BaseException) -> str:
    """An unexpected exception as one sanitised line: its type and message (which may quote outside text)."""
    return single_line(f"unexpected {exc.__class__.__name__}: {exc or 'no details'}", 300)
