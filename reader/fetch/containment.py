"""What stops a refresh run and what stays one feed's (or one page's) failure.

A full disk or a corrupt database would fail every feed the same way, so those stop the run;
anything else one feed or page raises (an address that is no web address, a parser crash, a value the store
cannot bind) is recorded as that feed's or article's reason and the run goes on.
"""

from __future__ import annotations

from reader.store.errors import is_store_wide
from reader.text.sanitize import single_line

__all__ = ["describe", "is_store_wide"]


def describe(exc: BaseException) -> str:
    """An unexpected exception as one sanitised line: its type and message (which may quote outside text)."""
    return single_line(f"unexpected {exc.__class__.__name__}: {exc or 'no details'}", 300)
