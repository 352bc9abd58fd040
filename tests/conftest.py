"""Shared fixtures: an isolated environment, a local feed server and small config/store builders.

Every test runs with READER_CONFIG, READER_DB and the XDG directories pointed into its own
temporary folder, so a developer's own feeds.toml or database can never leak in or be touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.config import Config, load_config
from reader.store import Store
from tests.feed_server import FeedServer

REPO = Path(__file__).resolve().parent.parent
SEED = Path(__file__).parent / "data" / "secure-communities-wnyc.txt"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-such-feeds.toml"))
    monkeypatch.setenv("READER_DB", str(tmp_path / "reader.db"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("HTTPS_PROXY", raising=False)


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store(":memory:")
    try:
        yield s
    finally:
        s.close()


def write_config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(body, encoding="utf-8")
    return path


def config_for(tmp_path: Path, feeds: dict[str, str], extra: str = "") -> Config:
    """A Config with the given name -> url feeds and a short timeout, written to and read from disk."""
    body = "".join(f'[[feeds]]\nname = "{n}"\nurl = "{u}"\n\n' for n, u in feeds.items())
    body += "[fetch]\ntimeout = 3\nmax_bytes = 1_000_000\n" + extra
    return load_config(write_config(tmp_path, body))
