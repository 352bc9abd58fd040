"""The progress bar long commands show on a terminal (fetch, a large feeds import); rich is imported only then."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

ProgressCallback = Callable[[int, int, str], None]


@contextmanager
def progress_bar(enabled: bool, doing: str = "fetching") -> Iterator[ProgressCallback | None]:
    """A rich progress bar on stderr when `enabled` (stderr is a terminal); nothing at all otherwise."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress

    from reader.text.sanitize import single_line

    # On stderr, which is what was checked for a terminal: stdout may be a pipe or a file.
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(doing, total=None)

        def update(done: int, total: int, name: str) -> None:
            """`name`: what the run still waits for (reader.fetch.refresh.ProgressCallback), "" for nothing."""
            # Rich parses a description as markup: a feed named "[/]" would raise, "[link=...]" would link.
            shown = f"{doing}, waiting for {escape(single_line(name, 30))}" if name else doing
            bar.update(task, completed=done, total=total, description=shown)

        yield update
