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
            # Rich parses a description as markup: a feed named "[/]" would raise, "[link=...]" would link.
            shown = escape(single_line(name, 30))
            bar.update(task, completed=done, total=total, description=f"{doing} {shown}")

        yield update
