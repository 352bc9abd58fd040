"""What stops a refresh run and what stays one feed's (or one page's) failure.

A full disk or a corrupt database would fail every feed the same way, so those stop the run;
anything else one feed or page raises (an address that is no web address, a parser crash, a value the store
cannot bind) is recorded as that feed's or article's reason and the run goes on.
"""

from __future__ import annotations

from reader.crash_log import write_crash_log
from reader.store.errors import is_store_wide
from reader.text.sanitize import single_line

__all__ = ["describe", "is_store_wide"]


def describe(exc: BaseException, source: str = "feed") -> str:
    """An unexpected exception as one sanitised line that says it is the reader's fault, with where its traceback went.

    Only a bug of ours gets here (every failure a feed, page or server can cause has its own
    message), so the line says the `source` is not to blame; the traceback goes to the crash log,
    since a type and message alone ("KeyError: 0") cannot be reported usefully.
    """
    log = write_crash_log(exc)
    what = single_line(f"{exc.__class__.__name__}: {exc or 'no details'}", 200)  # cut before the log's path is added
    where = f"; details in {log}" if log is not None else ""
    return single_line(f"internal error in the reader, not a fault of the {source} ({what}){where}", None)
