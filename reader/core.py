"""The one factory, make_reader(), that the CLI, the TUI and the tests use to get config plus store.

Keeping it single means a test that builds a Reader exercises exactly the wiring users get.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reader.config import Config, load_found_config, resolve_db_path
from reader.store import Store


@dataclass
class Reader:
    config: Config
    store: Store
    db_path: Path

    def close(self) -> None:
        self.store.close()


def make_reader(config: str | os.PathLike[str] | Config | None = None,
                db: str | os.PathLike[str] | None = None) -> Reader:
    """Load feeds.toml (raising ConfigError) unless given it loaded, and open the store (raising StoreError)."""
    cfg = config if isinstance(config, Config) else load_found_config(config)
    db_path = resolve_db_path(db, cfg)
    return Reader(config=cfg, store=Store(db_path), db_path=db_path)
