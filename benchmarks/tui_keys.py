"""The reader's response to keys on a large store: open, j x 100, G and paging up, a feed switch, an article opened, a
refresh of the list after another program wrote (headless, in process, the repository's topics).

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
from reader.tui.messages import StoreChangedElsewhere
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.reading_view import ReadingView
from reader.tui.widgets.sidebar import Sidebar

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


async def until(condition: Callable[[], bool], limit_s: float = 120.0) -> float:
    """Wait (polling every millisecond, never for the app to be idle) until the condition holds; when it did."""
    stop = time.perf_counter() + limit_s
    while not condition():
        if time.perf_counter() > stop:
            raise TimeoutError("the app never got there")
        await asyncio.sleep(0.001)
    return time.perf_counter()


def idle(app: ReaderApp) -> bool:
    return not any(w.is_running for w in app.workers)


async def settled(app: ReaderApp) -> None:
    """Wait until no worker runs and the screen has been painted since (as a reader's next key finds it)."""
    await until(lambda: idle(app))
    painted: list[bool] = []
    app.call_after_refresh(painted.append, True)
    await until(lambda: bool(painted))


async def measure(db: Path) -> dict[str, float | list[float]]:
    started = time.perf_counter()
    app = ReaderApp(make_reader(REPO / "feeds.toml", db), now=lambda: NOW)
    figures: dict[str, float | list[float]] = {}
    async with app.run_test(size=(160, 45)):
        table = app.query_one(ArticleList)
        figures["open: rows listed"] = await until(lambda: table.row_count > 0) - started
        figures["open: topic counts too"] = await until(lambda: app.topic_unread is not None and idle(app)) - started
        moves = []
        for _ in range(100):  # the key's action, then its repaint
            t, painted = time.perf_counter(), []
            table.action_cursor_down()
            app.call_after_refresh(lambda p=painted: p.append(time.perf_counter()))
            moves.append(await until(lambda p=painted: bool(p)) - t)
        figures["j (each of 100): moved and repainted"] = moves
        t = time.perf_counter()
        table.action_scroll_bottom()  # the view's last page, loaded directly
        figures["G: the last page listed, the cursor on its end"] = await until(
            lambda: not table.more and table.cursor_row == table.row_count - 1) - t
        await settled(app)
        keys, waits = [], 0
        for _ in range(40):  # a reader paging up from the bottom, ten keys a second (a key held): 600 rows here
            at, t, painted = table.start + table.cursor_row, time.perf_counter(), []
            table.action_page_up()  # at the rows' top (the page above not there yet) it moves nothing: pressed again
            app.call_after_refresh(lambda p=painted: p.append(1))
            await until(lambda p=painted: bool(p))
            while table.start + table.cursor_row >= at:
                waits += 1
                await until(lambda s=table.start: table.start < s)
                table.action_page_up()
            keys.append(time.perf_counter() - t)
            await asyncio.sleep(max(0.1 - (time.perf_counter() - t), 0))
        figures["page up from G (x40, 10 keys/s): moved"] = keys
        figures["  keys that met the rows' top, the page above not there"] = [float(waits)]
        table.action_scroll_bottom()
        await until(lambda: not table.more and table.cursor_row == table.row_count - 1)
        await settled(app)
        pages = []
        for _ in range(5):  # up to the rows' top, which lists the page above them
            start = table.start
            table.move_cursor(row=0)
            t = time.perf_counter()
            pages.append(await until(lambda s=start: table.start < s) - t)
        figures["k past the top: the page above listed (x5)"] = pages
        table.action_scroll_top()
        await until(lambda: table.start == 0 and idle(app))
        view = app.query_one(ReadingView)
        opens = []
        for _ in range(5):
            table.action_cursor_down()
            t = time.perf_counter()
            table.action_select_cursor()
            aid = table.current.id if table.current is not None else None
            opens.append(await until(lambda a=aid: view.article is not None and view.article.id == a) - t)
            await settled(app)
        figures["enter: article shown (x5)"] = opens
        sidebar = app.query_one(Sidebar)
        switches = []
        for option in [o.id for o in sidebar.options if o.id and o.id.startswith("feed:")][:5]:
            sidebar.highlighted = sidebar.get_option_index(option)
            feed = int(option.rsplit(":", 1)[1])
            t = time.perf_counter()
            sidebar.action_select()
            switches.append(await until(lambda f=feed: table.current is not None and table.current.feed_id == f) - t)
            await settled(app)
        figures["feed switch: its rows listed (x5)"] = switches
        app.action_clear_search()
        await until(lambda: table.row_count > 10 and idle(app))
        table.move_cursor(row=table.row_count // 2)
        t = time.perf_counter()
        app.post_message(StoreChangedElsewhere(None))
        await until(lambda: not idle(app))
        figures["another program wrote: all reloaded, in workers"] = await until(lambda: idle(app)) - t
        t = time.perf_counter()
        table.refresh_dates()
        figures["dates aged (the timer's work)"] = time.perf_counter() - t
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
                if name.startswith("  keys"):  # a count
                    print(f"  {name:<45} {value[0]:8.0f}")
                elif isinstance(value, list) and value:
                    print(f"  {name:<45} median {statistics.median(value) * 1000:6.1f} ms, "
                          f"max {max(value) * 1000:6.1f} ms")
                else:
                    print(f"  {name:<45} {value * 1000:8.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
