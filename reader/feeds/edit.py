"""Edits feeds.toml in place: add, remove and import feeds, keeping every comment and the layout.

New tables are rendered by tomlkit (so names and URLs are quoted correctly) and placed as text
right after the last [[feeds]] table, which keeps comments attached to the sections they
describe. Every edit is validated with the same strict loader before an atomic rename, so
feeds.toml is never left invalid or half-written. Edits are made under a lock from a fresh read,
so concurrent `reader feeds` commands all land, and a file changed meanwhile is never replaced.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from reader.config import (
    SAME_FEED_URL,
    Config,
    ConfigError,
    FeedConfig,
    feed_url_identity,
    parse_config_text,
    unreadable_config,
)
from reader.config.values import identity, visible_repr, why_alike
from reader.files import is_disk_trouble, write_text_atomically
from reader.text.links import shown_url
from reader.text.sanitize import single_line

Progress = Callable[[int, int], None]

_HEADER = re.compile(r"^\s*\[")
_FEEDS_HEADER = re.compile(r"^\s*\[\[\s*feeds\s*\]\]")


class FeedEditError(Exception):
    """An edit that cannot be made; feeds.toml is untouched.

    `status` is the exit status: 2 (the default) when what was given cannot be used (a name or URL
    already there, a path that cannot be written), 1 when the trouble is elsewhere (a full disk,
    feeds.toml changed by another program meanwhile).
    """

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def _cannot_use(path: Path, doing: str, exc: OSError) -> FeedEditError:
    """The error for an OSError on feeds.toml or its folder: the user's to fix (2) unless the disk is at fault (1)."""
    if is_disk_trouble(exc):
        return FeedEditError(f"cannot {doing} {path}: {exc.strerror or exc}; free some space or check the disk, "
                             "then run the command again; nothing was changed", status=1)
    folder = path.parent if path.parent.name else path.absolute().parent  # "feeds.toml"'s parent "." names none
    return FeedEditError(f"cannot {doing} {path}: {exc.strerror or exc}; make the folder {folder} writable for you "
                         f"(chmod u+w {folder}), or pass --config with a feeds.toml you can write; nothing was changed")


def _render(feed: FeedConfig) -> str:
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


NEW_FILE_HEADER = (
    "# policy-reader subscriptions and settings; see the README for every key.\n"
    "# Edit by hand or with `reader feeds`; local feed paths are relative to this file.\n"
)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for editing feeds.toml, so concurrent `reader feeds` edits queue up.

    The lock is on the folder rather than the file: every edit replaces the file by rename, and a
    lock on the old inode would not exclude a process that opened the new one.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError as exc:
        raise _cannot_use(path, "use the folder of", exc) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _read(path: Path) -> tuple[str, Config]:
    """feeds.toml's text and validated config as they are now; a missing file reads as a new one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return NEW_FILE_HEADER, Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        raise unreadable_config(path, exc) from None
    return text, parse_config_text(text, path)


def _edit(path: Path, change: Callable[[str, Config], str]) -> Config:
    """Read feeds.toml under the lock, apply `change`, then replace the file unless it changed meanwhile.

    The lock orders `reader feeds` commands; the final comparison catches anything that does not
    take it (an editor saving the file), whose edits would otherwise be silently overwritten.
    """
    with _locked(path):
        before, config = _read(path)
        after = change(before, config)
        try:
            now = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            now = NEW_FILE_HEADER
        except (OSError, UnicodeDecodeError) as exc:
            raise FeedEditError(f"cannot read {path} again after reading it once: {exc}; nothing was changed, run "
                                "the command again", status=1) from None
        if now != before:
            raise FeedEditError(f"{path} changed while it was being edited (saved from an editor?); "
                                "nothing was written, run the command again", status=1)
        return config if after == before and path.exists() else write_config_atomically(path, after)


def write_config_atomically(path: Path, text: str) -> Config:
    """Validate `text` as feeds.toml, then replace the file by rename; returns the new Config."""
    try:
        config = parse_config_text(text, path)
    except ConfigError as exc:
        raise FeedEditError(f"the edit would make feeds.toml invalid ({exc}); nothing was changed") from None
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        raise _cannot_use(path, "write", exc) from None
    return config


def _url_key(url: str, path: Path) -> str:
    """A feed URL as feeds.toml compares them (http and https, a default port... are one feed); `path`: feeds.toml."""
    return feed_url_identity(url.strip(), path) or url.strip()


def _insert(text: str, feeds: Sequence[FeedConfig], progress: Progress | None = None) -> str:
    """`text` with the feeds' tables after the last [[feeds]] table (or at the end)."""
    blocks = []
    for i, feed in enumerate(feeds, 1):
        blocks.append("\n" + _render(feed))
        if progress is not None and (i % 500 == 0 or i == len(feeds)):
            progress(i, len(feeds))
    block = "".join(blocks)
    lines = text.splitlines(keepends=True)
    spans = _table_spans(lines)
    if spans:
        at = spans[-1][1] + 1
        lines[at:at] = [block]
        return "".join(lines)
    return text + ("" if text.endswith("\n") or not text else "\n") + block


def refuse_taken(config: Config, path: Path, name: str | None, url: str | None) -> None:
    """FeedEditError if feeds.toml already has a feed with this URL or name (either may be None: not checked).

    Judged as feeds.toml judges them: a URL by its normalised form, a name by what can be told apart on screen.
    """
    if url is not None:
        key = _url_key(url, path)
        taken = next((f for f in config.feeds if _url_key(f.url, path) == key), None)
        if taken is not None:
            same = "" if taken.url == url else f" at {shown_url(taken.url)}, the same feed ({SAME_FEED_URL})"
            raise FeedEditError(f"{shown_url(url)} is already subscribed as {taken.name!r}{same} in {path}; "
                                "nothing was changed")
    if name is not None:
        same_name = next((f for f in config.feeds if identity(f.name) == identity(name)), None)
        if same_name is not None:
            why = why_alike(same_name.name, name)
            alike = f"; {visible_repr(name)} reads the same as it{why}" if same_name.name != name else ""
            raise FeedEditError(f"a feed named {same_name.name!r} is already in {path}{alike}; pick another --name")


def add_feeds(path: Path, feeds: Sequence[FeedConfig]) -> Config:
    """Append feeds to feeds.toml (creating it if missing); refuses a name or URL already there."""
    def change(text: str, config: Config) -> str:
        for i, feed in enumerate(feeds):
            refuse_taken(replace(config, feeds=config.feeds + tuple(feeds[:i])),
                         path, feed.name, feed.url)
        return _insert(text, feeds)

    return _edit(path, change)


@dataclass(frozen=True)
class ImportResult:
    config: Config
    added: int
    skipped: int


def import_feeds(path: Path, found: Sequence[FeedConfig], progress: Progress | None = None) -> ImportResult:
    """Add the feeds not yet subscribed (by URL); a name already taken gets " (2)", " (3)"... Linear in size."""
    counts = {"added": 0, "skipped": 0}

    def change(text: str, config: Config) -> str:
        urls = {_url_key(f.url, path) for f in config.feeds}
        names = {identity(f.name) for f in config.feeds}
        next_suffix: dict[str, int] = {}  # so a thousand feeds titled alike are not renamed in quadratic time
        new: list[FeedConfig] = []
        for f in found:
            if _url_key(f.url, path) in urls:
                counts["skipped"] += 1
                continue
            name, n = f.name, next_suffix.get(f.name, 2)
            while identity(name) in names:  # two sources may share a title; keep both, distinguishably
                name, n = f"{f.name} ({n})", n + 1
            next_suffix[f.name] = n
            names.add(identity(name))
            urls.add(_url_key(f.url, path))
            new.append(replace(f, name=name))
        counts["added"] = len(new)
        return _insert(text, new, progress) if new else text

    config = _edit(path, change)
    return ImportResult(config, counts["added"], counts["skipped"])


MAX_TITLE_NAME = 80  # characters of a feed's name made from its title; a --name or feeds.toml's own is the user's


def name_from_title(title: str) -> tuple[str, bool]:
    """A feed's name made from outside text (its title, an OPML outline's), and whether it was cut to fit.

    A title is one line of at most MAX_TITLE_NAME characters, cut at a word with "…": a 500-character
    channel title was written whole into feeds.toml, a name no one could type for `feeds remove`.
    """
    line = single_line(title, None)
    if len(line) <= MAX_TITLE_NAME:
        return line, False
    cut = line[:MAX_TITLE_NAME - 1]
    space = cut.rfind(" ")
    if space >= MAX_TITLE_NAME // 2:  # a word boundary not too far back; else the cut falls inside a long word
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—|·") + "…", True


LISTED_FEEDS = 10  # a feeds.toml with more is not listed whole in one error line


def _did_you_mean(given: str, config: Config) -> str:
    """What to say when no feed is named `given`: the feeds whose name (or URL) differs only in case or is close
    (difflib); else the feeds, or where to see them when there are many.

    A name in another case is not taken for it: names are told apart by case ("WNYC" and "wnyc" may be two
    feeds), and a removal should remove what was named, also in a script run again after feeds.toml changed.
    """
    import difflib

    key = identity(given).casefold()
    labels = {identity(label).casefold(): f.name for f in config.feeds for label in (f.name, f.url)}
    close = [labels[key]] if key in labels else \
        [labels[m] for m in difflib.get_close_matches(key, list(labels), n=3, cutoff=0.6)]
    close = list(dict.fromkeys(close))
    if close:
        return f"did you mean {' or '.join(repr(name) for name in close)}? (names are told apart by case)"
    if not config.feeds:
        return "it has no feeds"
    if len(config.feeds) > LISTED_FEEDS:
        return f"`reader feeds list` lists its {len(config.feeds):,} feeds"
    return "its feeds: " + ", ".join(repr(f.name) for f in config.feeds)


def remove_feed(path: Path, name_or_url: str) -> tuple[Config, FeedConfig]:
    """Remove the feed with this name (or URL) and its table's lines; comments around it stay."""
    removed: list[FeedConfig] = []

    def change(text: str, config: Config) -> str:
        # Judged as feeds.toml judges them: "Metro\u200b Ledger" is Metro Ledger, http://host:80/x is http://host/x
        index = next((i for i, f in enumerate(config.feeds) if name_or_url in (f.name, f.url)), None)
        if index is None:
            key, url = identity(name_or_url), _url_key(name_or_url, path)
            index = next((i for i, f in enumerate(config.feeds)
                          if identity(f.name) == key or _url_key(f.url, path) == url), None)
        if index is None:
            raise FeedEditError(f"no feed named or at {name_or_url!r} in {path}; {_did_you_mean(name_or_url, config)}")
        lines = text.splitlines(keepends=True)
        spans = _table_spans(lines)
        if len(spans) != len(config.feeds):
            raise FeedEditError(f"{path} lists feeds in a form other than [[feeds]] tables (an inline array?); "
                                "remove the feed by hand")
        first, last = spans[index]
        if last + 1 < len(lines) and not lines[last + 1].strip():
            last += 1  # the blank line that separated it from what follows
        del lines[first:last + 1]
        removed.append(config.feeds[index])
        return "".join(lines)

    return _edit(path, change), removed[0]
