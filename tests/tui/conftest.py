"""Fixtures for the reader app: a store filled from the bundled samples and a fixed clock."""

from __future__ import annotations

import contextlib
import io
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.content import Content
from textual.worker import WorkerCancelled

from reader.core import make_reader
from reader.fetch.refresh import refresh
from reader.models import Article
from reader.tui.app import ReaderApp, build_app
from tests.conftest import REPO

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    shutil.copy(REPO / "feeds.toml", tmp_path / "feeds.toml")
    shutil.copytree(REPO / "reader" / "samples", tmp_path / "reader" / "samples")
    return tmp_path


@pytest.fixture
def filled_app(sample_dir: Path) -> ReaderApp:
    """The app over a store already holding the 12 sample articles (so it does not auto-refresh)."""
    reader = make_reader(sample_dir / "feeds.toml", sample_dir / "r.db")
    # One feed at a time, so article ids (shown in the reading view, so in snapshots) are the same every run.
    refresh(reader.store, replace(reader.config, fetch=replace(reader.config.fetch, concurrency=1)))
    reader.close()
    return build_app(sample_dir / "feeds.toml", sample_dir / "r.db", now=lambda: NOW)


async def settle(app: ReaderApp, pilot: object) -> None:
    """Wait until every worker is done and every message they posted is handled (no fixed sleeps).

    A cancelled worker only has to have stopped: the app cancels the search of a list a newer one
    replaced, and Worker.wait reports that as WorkerCancelled whenever the cancelled worker is still
    in the app's list (a race). A worker that failed still fails the test (WorkerFailed).
    """
    for _ in range(4):
        for worker in list(app.workers):
            if not worker.is_cancelled:
                with contextlib.suppress(WorkerCancelled):  # cancelled while waited for: as above
                    await worker.wait()
        await wait_until(pilot, lambda: all(w.is_finished for w in app.workers if w.is_cancelled))
        await pilot.pause()  # type: ignore[attr-defined]


async def choose_topic(app: ReaderApp, pilot: object, name: str) -> None:
    """Open the topic picker with `t`, choose `name` and wait for the list to show it."""
    await pilot.press("t")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    picker = app.screen.query_one("#topic-options")
    picker.highlighted = [o.id for o in picker.options].index(name)  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)


def add_paged_entries(app: ReaderApp, count: int = 450) -> None:
    """Give the first feed `count` more articles, more than one page of the list holds."""
    from reader.models import ParsedEntry

    store = app.reader.store
    store.upsert_entries(store.feeds()[0].id, [
        ParsedEntry(f"g:p{i}", f"p{i}", None, f"Paged {i}", None, f"2026-11-{1 + i % 28:02d}T00:00:00+00:00",
                    "<p>x</p>", "x", f"h{i}")
        for i in range(count)])


def text_of(shown: object) -> str:
    """What a Static's content or an option's prompt reads as, one line per row: Text and strings as they are,
    Rich renderables (the hanging-indent grids, groups, links) rendered wide enough that nothing wraps."""
    if isinstance(shown, str | Text | Content):
        return str(shown)
    console = Console(width=10_000, record=True, file=io.StringIO(), color_system=None)
    console.print(shown)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def answer(app: ReaderApp) -> str:
    """What the status line's right side shows now: the latest answer to a key, or the activity."""
    return str(app.query_one("#activity").render())


def record_answers(app: ReaderApp) -> list[str]:
    """Every answer the app gives on the status line, in order (on screen each replaces the one before)."""
    answers: list[str] = []
    say = app.say

    def recording(text: str, warning: bool = False, seconds: float | None = None, until_moved: bool = False,
                  about: Article | None = None) -> None:
        answers.append(text)
        say(text, warning, seconds, until_moved, about)

    app.say = recording  # type: ignore[method-assign]
    return answers


def count_news_finders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time a NewsFinder is built (the app keeps one while the store is unchanged)."""
    from reader.what_changed import NewsFinder

    built: list[int] = []
    init = NewsFinder.__init__

    def counted(self: NewsFinder, *args: object) -> None:
        built.append(1)
        init(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(NewsFinder, "__init__", counted)
    return built


def toasts(app: ReaderApp) -> list[str]:
    """The toasts drawn now, as "title: message", read through Textual's public query API.

    Textual 8.2 has no public accessor for its notifications (App._notifications is private, and
    the Toast class lives in the private textual.widgets._toast), so the drawn Toast widgets are
    found by type name. They are drawn only in an app run with run_test(notifications=True): without
    it the screen has no ToastRack, and this fails rather than find no toast.
    """
    assert app.screen.query("ToastRack"), "toasts() needs run_test(notifications=True)"
    return [str(toast.render()).replace("\n", ": ", 1) for toast in app.screen.query("Toast")]


async def show_sidebar_entry(app: ReaderApp, pilot: object, option_id: str) -> None:
    """Highlight a sidebar entry ("starred", "tag:local", ...), press enter and wait for the list to show it."""
    from reader.tui.widgets.sidebar import Sidebar

    sidebar = app.query_one(Sidebar)
    sidebar.focus()
    sidebar.highlighted = sidebar.get_option_index(option_id)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)


async def wait_until(pilot: object, condition: Callable[[], bool], limit_s: float = 60.0) -> None:
    """Wait for a condition that a timer brings about, polling, never for a fixed time.

    The limit is generous (a loaded 2-core CI machine runs a background reload slowly), and reaching
    it fails here, saying so, rather than at some later assertion.
    """
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, f"still not true after {limit_s:.0f} s: {condition}"
        await pilot.pause(0.05)  # type: ignore[attr-defined]
