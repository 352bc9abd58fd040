"""Fixtures for the reader app: a store filled from the bundled samples and a fixed clock."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.core import make_reader
from reader.fetch.refresh import refresh
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
    """Wait until every worker is done and every message they posted is handled (no fixed sleeps)."""
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]
