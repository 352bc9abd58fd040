"""What feeds.toml describes, as frozen dataclasses, and the one error every problem in it becomes.

Kept apart from the parsing so that the modules that only need the shapes (fetch, store, digest)
import no TOML or validation code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.text.sanitize import single_line, strip_control_characters


class ConfigError(Exception):
    """A feeds.toml problem, located as precisely as TOML allows."""

    def __init__(self, file: Path, line: int | None, key: str | None, expected: str) -> None:
        # A key is quoted from the file as written: a "\u001b]0;..." key must not act on the terminal.
        key = single_line(key, 200) if key is not None else None  # None: the whole file (missing, unreadable)
        self.file, self.line, self.key, self.expected = file, line, key, expected
        where = f"{file}:{line}" if line else str(file)
        super().__init__(strip_control_characters(f"{where}: {key}: {expected}" if key else f"{where}: {expected}"))


class ConfigNotFound(ConfigError):
    """feeds.toml is not where it was looked for; config.paths.load_found_config says where it looked, and why."""


@dataclass(frozen=True)
class FeedConfig:
    name: str
    url: str
    tags: tuple[str, ...] = ()
    enabled: bool = True
    full_text: bool = False  # fetch each new article's page and extract its main text

    @property
    def is_local(self) -> bool:
        """A file, not the web; feeds.toml's loader writes every web address's scheme in lower case."""
        return not self.url.startswith(("http://", "https://"))


@dataclass(frozen=True)
class TopicConfig:
    name: str
    match: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class FetchConfig:
    concurrency: int = 16
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_items: int = 1_000  # items read of one feed document (reader/fetch/parse.py says why)
    user_agent: str = "policy-reader/0.1 (terminal news reader)"


@dataclass(frozen=True)
class Config:
    path: Path
    feeds: tuple[FeedConfig, ...] = ()
    topics: tuple[TopicConfig, ...] = ()
    fetch: FetchConfig = field(default_factory=FetchConfig)
    storage_path: Path | None = None
    digest_dir: Path = Path("digests")
    digest_max_stories: int = 25  # stories listed per topic; the rest are counted
    history_days: int = 7  # "New today" compares the day with this many days before it
    refresh_on_start: bool = False

    def resolve_feed_location(self, feed: FeedConfig) -> str:
        """Return an http(s) URL as is, or a local feed path made absolute against feeds.toml's folder."""
        if not feed.is_local:
            return feed.url
        return str((self.path.parent / feed.url).resolve())
