"""Edits feeds.toml in place: add, remove and import feeds, keeping every comment and the layout.

New tables are rendered by tomlkit (so names and URLs are quoted correctly) and placed as text
right after the last [[feeds]] table, which keeps comments attached to the sections they
describe. Every edit is validated with the same strict loader before an atomic rename, so
feeds.toml is never left invalid or half-written.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.config import Config, ConfigError, FeedConfig, parse_config
from reader.files import write_text_atomically
from reader.text.sanitize import single_line

_HEADER = re.compile(r"^\s*\[")
_FEEDS_HEADER = re.compile(r"^\s*\[\[\s*feeds\s*\]\]")


class FeedEditError(Exception):
    """An edit that cannot be made; feeds.toml is untouched."""


@dataclass(frozen=True)
class NewFeed:
    name: str
    url: str
    tags: tuple[str, ...] = ()
    enabled: bool = True
    full_text: bool = False


def _render(feed: NewFeed) -> str:
    import tomlkit

    table = tomlkit.table()  # names, URLs and tags come from OPML files, feeds and the command line
    table.add("name", single_line(feed.name, None))  # sanitised, never shortened: names must stay distinct
    table.add("url", single_line(feed.url, None))
    if feed.tags:
        table.add("tags", [single_line(t, None) for t in feed.tags])
    if not feed.enabled:
        table.add("enabled", False)
    if feed.full_text:
        table.add("full_text", True)
    return "[[feeds]]\n" + tomlkit.dumps(table)


def _table_spans(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line index of each [[feeds]] table: its header to its last non-comment line."""
    spans = []
    for i, line in enumerate(lines):
        if _FEEDS_HEADER.match(line):
            last = i
            for j in range(i + 1, len(lines)):
                if _HEADER.match(lines[j]):
                    break
                if lines[j].strip() and not lines[j].lstrip().startswith("#"):
                    last = j
            spans.append((i, last))
    return spans


def write_config_atomically(path: Path, text: str) -> Config:
    """Validate `text` as feeds.toml, then replace the file by rename; returns the new Config."""
    try:
        config = parse_config(tomllib.loads(text), path, text)
    except tomllib.TOMLDecodeError as exc:  # a bug here, not user input, but never write it
        raise FeedEditError(f"the edited feeds.toml would not parse ({exc}); nothing was changed") from None
    except ConfigError as exc:
        raise FeedEditError(f"the edit would make feeds.toml invalid ({exc}); nothing was changed") from None
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        raise FeedEditError(f"cannot write {path}: {exc.strerror or exc}; nothing was changed") from None
    return config


def _check_new(config: Config, feed: NewFeed) -> None:
    for existing in config.feeds:
        if existing.name == feed.name:
            raise FeedEditError(f"a feed named {feed.name!r} is already in {config.path}; pick another --name")
        if existing.url.rstrip("/") == feed.url.rstrip("/"):
            raise FeedEditError(f"{feed.url} is already subscribed as {existing.name!r}")


def add_feeds(config: Config, feeds: Sequence[NewFeed]) -> Config:
    """Append feeds after the last [[feeds]] table (or at the end); refuses duplicates."""
    for i, feed in enumerate(feeds):
        _check_new(config, feed)
        if any(f.name == feed.name or f.url == feed.url for f in feeds[:i]):
            raise FeedEditError(f"{feed.name!r} ({feed.url}) appears twice in what is being added")
    text = config.path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    spans = _table_spans(lines)
    block = "".join("\n" + _render(f) for f in feeds)
    if spans:
        at = spans[-1][1] + 1
        lines[at:at] = [block]
        new_text = "".join(lines)
    else:
        new_text = text + ("" if text.endswith("\n") or not text else "\n") + block
    return write_config_atomically(config.path, new_text)


def remove_feed(config: Config, name_or_url: str) -> tuple[Config, FeedConfig]:
    """Remove the feed with this name (or URL) and its table's lines; comments around it stay."""
    index = next((i for i, f in enumerate(config.feeds) if name_or_url in (f.name, f.url)), None)
    if index is None:
        known = ", ".join(repr(f.name) for f in config.feeds) or "none"
        raise FeedEditError(f"no feed named or at {name_or_url!r} in {config.path}; feeds: {known}")
    lines = config.path.read_text(encoding="utf-8").splitlines(keepends=True)
    spans = _table_spans(lines)
    if len(spans) != len(config.feeds):
        raise FeedEditError(f"{config.path} lists feeds in a form other than [[feeds]] tables (an inline array?); "
                            "remove the feed by hand")
    first, last = spans[index]
    if last + 1 < len(lines) and not lines[last + 1].strip():
        last += 1  # the blank line that separated it from what follows
    del lines[first:last + 1]
    return write_config_atomically(config.path, "".join(lines)), config.feeds[index]
