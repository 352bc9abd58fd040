"""The reader's response to keys on a large store: open, j x 100, G, a feed switch, an article opened, a refresh of
the list after another program wrote (headless, in process, the repository's topics).

Each figure is the time until the app has handled the key and what it started shows (rows listed, the article
open); a keypress should stay under 100 ms. Run: python -m benchmarks.tui_keys [N ...] (default 4000 20000).
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.startup import fill_store
from reader.core import make_reader
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import ReadingView
from reader.tui.widgets.sidebar import Sidebar

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


async def until(pilot: object, condition: Callable[[], bool], limit_s: float = 60.0) -> None:
    stop = time.perf_counter() + limit_s
    while not condition():
        if time.perf_counter() > stop:
            raise TimeoutError("the app never got there")
        await pilot.pause(0.001)  # type: ignore[attr-defined]


async def measure(db: Path) -> dict[str, float | list[float]]:
    started = time.perf_counter()
    app = ReaderApp(make_reader(REPO / "feeds.toml", db), now=lambda: NOW)
    figures: dict[str, float | list[float]] = {}
    async with app.run_test(size=(160, 45)) as pilot:
        table = app.query_one(ArticleList)
        await until(pilot, lambda: table.row_count > 0)
        figures["open: rows listed"] = time.perf_counter() - started
        await until(pilot, lambda: app.topic_unread is not None and not any(w.is_running for w in app.workers))
        figures["open: topic counts too"] = time.perf_counter() - started
        presses = []
        for _ in range(100):
            t = time.perf_counter()
            await pilot.press("j")
            presses.append(time.perf_counter() - t)
        figures["j (each of 100)"] = presses
        pages = []
        for _ in range(5):  # G goes to the last loaded row, which loads the next page
            t = time.perf_counter()
            await pilot.press("G")
            await until(pilot, lambda: not any(w.is_running for w in app.workers))
            pages.append(time.perf_counter() - t)
        figures["G, and the next page loaded (x5)"] = pages
        t = time.perf_counter()
        await pilot.press("g")
        figures["g"] = time.perf_counter() - t
        view = app.query_one(ReadingView)
        t = time.perf_counter()
        await pilot.press("enter")
        await until(pilot, lambda: view.article is not None)
        figures["enter: article shown"] = time.perf_counter() - t
        sidebar = app.query_one(Sidebar)
        switches = []
        for option in [o.id for o in sidebar.options if o.id and o.id.startswith("feed:")][:5]:
            sidebar.focus()
            sidebar.highlighted = sidebar.get_option_index(option)
            generation = app.generation
            t = time.perf_counter()
            await pilot.press("enter")
            await until(pilot, lambda g=generation: app.generation > g and table.row_count > 0
                        and table.current is not None and table.current.feed_id == int(option.rsplit(":", 1)[1]))
            switches.append(time.perf_counter() - t)
        figures["feed switch: rows listed"] = switches
        await pilot.press("escape")
        await until(pilot, lambda: not any(w.is_running for w in app.workers))
        t = time.perf_counter()
        app.post_message(__import__("reader.tui.messages", fromlist=["x"]).StoreChangedElsewhere(None))
        await until(pilot, lambda: not any(w.is_running for w in app.workers))
        await pilot.pause()
        figures["another program wrote: everything reloaded"] = time.perf_counter() - t
        presses = []
        for _ in range(20):
            t = time.perf_counter()
            await pilot.press("j")
            presses.append(time.perf_counter() - t)
        figures["j after that reload (each of 20)"] = presses
        t = time.perf_counter()
        table.refresh_dates()
        figures["dates aged (timer)"] = time.perf_counter() - t
    return figures


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [4_000, 20_000]
    work = Path(tempfile.mkdtemp(prefix="bench-tui-"))
    try:
        for n in sizes:
            db = work / f"{n}.db"
            t = time.perf_counter()
            fill_store(db, n)
            print(f"{n:,} articles (built in {time.perf_counter() - t:.0f} s):")
            for name, value in asyncio.run(measure(db)).items():
                if isinstance(value, list):
                    print(f"  {name:<45} median {statistics.median(value) * 1000:6.1f} ms, "
                          f"max {max(value) * 1000:6.1f} ms")
                else:
                    print(f"  {name:<45} {value * 1000:8.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
