"""Loads feeds.toml into a frozen Config, rejecting anything it does not understand.

Validation is strict because a typo in a hand-edited file (``enabeld = false``) that is
silently ignored is worse than an error: every problem names the file, the line, the key
and what was expected.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reader.files import FileTooLarge, NotARegularFile, read_regular_file
from reader.text.sanitize import single_line, strip_control_characters

CONFIG_ENV = "READER_CONFIG"
DB_ENV = "READER_DB"


class ConfigError(Exception):
    """A feeds.toml problem, located as precisely as TOML allows."""

    def __init__(self, file: Path, line: int | None, key: str, expected: str) -> None:
        # A key is quoted from the file as written: a "\u001b]0;..." key must not act on the terminal.
        key = single_line(key, 200)
        self.file, self.line, self.key, self.expected = file, line, key, expected
        where = f"{file}:{line}" if line else str(file)
        super().__init__(strip_control_characters(f"{where}: {key}: {expected}"))


@dataclass(frozen=True)
class FeedConfig:
    name: str
    url: str
    tags: tuple[str, ...] = ()
    enabled: bool = True
    full_text: bool = False  # fetch each new article's page and extract its main text

    @property
    def is_local(self) -> bool:
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


def _is_str(v: object) -> bool:
    return isinstance(v, str)


def _is_bool(v: object) -> bool:
    return isinstance(v, bool)


def _is_pos_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v > 0


def _is_pos_num(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v > 0


def _is_str_list(v: object) -> bool:
    return isinstance(v, list) and all(isinstance(s, str) and s.strip() for s in v)


_Check = tuple[Callable[[object], bool], str]
_STR: _Check = (_is_str, "a string")
_BOOL: _Check = (_is_bool, "true or false")
_STR_LIST: _Check = (_is_str_list, "a list of non-empty strings")

_TABLES: dict[str, dict[str, _Check]] = {
    "feeds": {"name": _STR, "url": _STR, "tags": _STR_LIST, "enabled": _BOOL, "full_text": _BOOL},
    "topics": {"name": _STR, "match": _STR_LIST, "exclude": _STR_LIST},
    "fetch": {
        "concurrency": (_is_pos_int, "a positive integer"),
        "timeout": (_is_pos_num, "a positive number of seconds"),
        "max_bytes": (_is_pos_int, "a positive integer (bytes)"),
        "user_agent": _STR,
    },
    "storage": {"path": _STR},
    "digest": {"directory": _STR, "max_stories": (_is_pos_int, "a positive integer (stories per topic)"),
               "history_days": (_is_pos_int, "a positive whole number of days")},
    "ui": {"refresh_on_start": _BOOL},
}
_ARRAYS = {"feeds", "topics"}
_REQUIRED = {"feeds": ("name", "url"), "topics": ("name", "match")}


class _Locator:
    """Finds the line of a key in the TOML source, since tomllib reports lines only for syntax errors."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()

    def line_of_top_key(self, key: str) -> int | None:
        """The line of `key = ...` above the first section header, where keys belong to no section."""
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n, text in enumerate(self.lines):
            if re.match(r"^\s*\[", text):
                return None
            if key_re.match(text):
                return n + 1
        return None

    def line_of(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        name = re.escape(table)
        header = re.compile(rf"^\s*\[\[\s*{name}\s*\]\]" if index is not None else rf"^\s*\[\s*{name}\s*\]")
        seen = -1
        start = None
        for n, text in enumerate(self.lines):
            if header.match(text):
                seen += 1
                if index is None or seen == index:
                    start = n
                    break
        if start is None:
            return None
        if key is None:
            return start + 1
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range(start + 1, len(self.lines)):
            if re.match(r"^\s*\[", self.lines[n]):
                break
            if key_re.match(self.lines[n]):
                return n + 1
        return start + 1


def find_config_path(explicit: str | os.PathLike[str] | None) -> Path:
    """Pick feeds.toml: --config, then $READER_CONFIG, then ./feeds.toml, then the user config directory."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    local = Path("feeds.toml")
    if local.exists():
        return local
    import platformdirs

    return Path(platformdirs.user_config_dir("policy-reader")) / "feeds.toml"


def load_config(path: Path) -> Config:
    """Read and validate feeds.toml; raises ConfigError naming the file, line and key."""
    try:
        source = read_regular_file(path)[0].decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(path, None, "(file)", "not found; create feeds.toml or pass --config PATH") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise unreadable_config(path, exc) from None
    return parse_config_text(source, path)


def unreadable_config(path: Path, exc: OSError | UnicodeDecodeError) -> ConfigError:
    """The error for a feeds.toml that exists but cannot be read: a folder, no permission, or not UTF-8."""
    if isinstance(exc, IsADirectoryError):
        return ConfigError(path, None, "(file)", f"is a folder, not a feeds.toml; pass --config "
                                                 f"{path / 'feeds.toml'} or another file")
    if isinstance(exc, NotARegularFile | FileTooLarge):
        return ConfigError(path, None, "(file)", f"{exc.strerror}; pass --config with the path of a feeds.toml")
    if isinstance(exc, OSError):
        return ConfigError(path, None, "(file)", f"cannot be read: {exc.strerror or exc}; make it readable "
                                                 "(chmod u+r) or pass another --config")
    return ConfigError(path, None, "(file)", f"cannot be read as UTF-8 text ({exc}); save it as UTF-8")


def parse_config_text(source: str, path: Path) -> Config:
    """Parse and validate feeds.toml's text; raises ConfigError naming `path`, the line and the key."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, reason = (int(m.group(1)) if m else _last_line(source)), str(exc)
        if m is None or reason.startswith(("Unclosed", "Unterminated")):
            # Where tomllib noticed is not where the mistake is: name the line that opened the construct.
            before = source
            if m is not None:
                lines = source.splitlines(keepends=True)[:line]
                before = "".join(lines[:-1]) + lines[-1][:int(m.group(2)) - 1]
            opened = unclosed_line(before)
            if opened is not None:
                line, reason = opened, f"{exc}: opened on this line and never closed"
        raise ConfigError(path, line, "(syntax)", f"invalid TOML: {reason}") from None
    return parse_config(data, path, source)


def _last_line(source: str) -> int:
    lines = source.splitlines()
    return next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip()), 1)


def unclosed_line(source: str) -> int | None:
    """The line where the array, inline table or string still open at the end of `source` began, if any.

    tomllib reports such errors "at end of document", or where it noticed them; the line that
    opened the construct is where the mistake is.
    """
    openers: list[int] = []  # lines of the brackets and braces still open
    quote, quote_line, line, i = "", 0, 1, 0
    while i < len(source):
        c = source[i]
        if quote:
            if c == "\\" and quote in ('"', '"""'):
                i += 2 if source[i + 1:i + 2] != "\n" else 1
                continue
            if source.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
        elif c == "#":
            while i < len(source) and source[i] != "\n":
                i += 1
            continue
        elif c in "\"'":
            quote = c * 3 if source.startswith(c * 3, i) else c
            quote_line = line
            i += len(quote)
            continue
        elif c in "[{":
            openers.append(line)
        elif c in "]}" and openers:
            openers.pop()
        if c == "\n":
            line += 1
        i += 1
    if quote:
        return quote_line
    return openers[0] if openers else None


def parse_config(data: Mapping[str, Any], path: Path, source: str = "") -> Config:
    """Validate an already-parsed TOML document; `source` lets errors carry line numbers."""
    loc = _Locator(source)
    for top, value in data.items():
        sections = ", ".join(f"[[{t}]]" if t in _ARRAYS else f"[{t}]" for t in _TABLES)
        if top not in _TABLES:
            if isinstance(value, dict) or (isinstance(value, list) and value
                                           and all(isinstance(t, dict) for t in value)):
                raise ConfigError(path, loc.line_of(top) or loc.line_of(top, 0), top,
                                  f"unknown section; feeds.toml has the sections {sections}")
            raise ConfigError(path, loc.line_of_top_key(top), top,
                              f"unknown key outside any section; keys go under one of {sections}")
        if top in _ARRAYS and not (isinstance(value, list) and all(isinstance(t, dict) for t in value)):
            raise ConfigError(path, loc.line_of_top_key(top), top,
                              f"expected one [[{top}]] section per {top[:-1]}, not a key")
        if top not in _ARRAYS and not isinstance(value, dict):
            raise ConfigError(path, loc.line_of_top_key(top), top,
                              f"expected a section written [{top}] with its keys below, not a key")
        for i, table in enumerate(value if top in _ARRAYS else [value]):
            idx = i if top in _ARRAYS else None
            label = f"{top}[{i}]" if idx is not None else top
            for key, val in table.items():
                if key not in _TABLES[top]:
                    raise ConfigError(path, loc.line_of(top, idx, key), f"{label}.{key}",
                                      f"unknown key; expected one of {', '.join(_TABLES[top])}")
                check, expected = _TABLES[top][key]
                if not check(val):
                    raise ConfigError(path, loc.line_of(top, idx, key), f"{label}.{key}",
                                      f"expected {expected}, got {val!r}")
            for key in _REQUIRED.get(top, ()):
                if key not in table or (isinstance(table[key], str) and not table[key].strip()):
                    raise ConfigError(path, loc.line_of(top, idx), f"{label}.{key}", "is required")

    feeds = tuple(_build_feeds(data.get("feeds", []), path, loc))
    topics = tuple(_build_topics(data.get("topics", []), path, loc))
    fetch = FetchConfig(**data.get("fetch", {}))
    storage = data.get("storage", {}).get("path")
    digest_dir = data.get("digest", {}).get("directory", "digests")
    return Config(
        path=path,
        feeds=feeds,
        topics=topics,
        fetch=fetch,
        storage_path=(path.parent / storage) if storage else None,
        digest_dir=path.parent / digest_dir,
        digest_max_stories=data.get("digest", {}).get("max_stories", 25),
        history_days=data.get("digest", {}).get("history_days", 7),
        refresh_on_start=bool(data.get("ui", {}).get("refresh_on_start", False)),
    )


def _build_feeds(tables: list[dict[str, Any]], path: Path, loc: _Locator) -> list[FeedConfig]:
    feeds: list[FeedConfig] = []
    names: set[str] = set()
    urls: dict[str, int] = {}
    for i, t in enumerate(tables):
        name, url = t["name"].strip(), t["url"].strip()
        if name in names:
            raise ConfigError(path, loc.line_of("feeds", i, "name"), f"feeds[{i}].name",
                              f"duplicate feed name {name!r}; each feed needs its own name")
        names.add(name)
        key = _url_identity(url, path)
        if key is None:
            raise ConfigError(path, loc.line_of("feeds", i, "url"), f"feeds[{i}].url",
                              f"expected an http(s) URL or a file path relative to feeds.toml, got {url!r}")
        if key in urls:
            raise ConfigError(path, loc.line_of("feeds", i, "url"), f"feeds[{i}].url",
                              f"duplicate URL {url!r}, already used by feeds[{urls[key]}]")
        urls[key] = i
        tags = tuple(dict.fromkeys(s.strip() for s in t.get("tags", [])))
        feeds.append(FeedConfig(name=name, url=url, tags=tags, enabled=t.get("enabled", True),
                                full_text=t.get("full_text", False)))
    return feeds


def _url_identity(url: str, config_path: Path) -> str | None:
    """A canonical form used to spot duplicate feeds, or None when the URL is unusable."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", url):
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        if any(c.isspace() for c in url):
            return None
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme.lower()}://{parts.hostname.lower()}{port}{parts.path or '/'}?{parts.query}"
    if "\x00" in url or not url:
        return None
    return "file:" + str((config_path.parent / url).resolve())


def _build_topics(tables: list[dict[str, Any]], path: Path, loc: _Locator) -> list[TopicConfig]:
    topics: list[TopicConfig] = []
    names: set[str] = set()
    for i, t in enumerate(tables):
        name = t["name"].strip()
        if name in names:
            raise ConfigError(path, loc.line_of("topics", i, "name"), f"topics[{i}].name",
                              f"duplicate topic name {name!r}")
        names.add(name)
        if not t["match"]:
            raise ConfigError(path, loc.line_of("topics", i, "match"), f"topics[{i}].match",
                              "expected at least one phrase")
        topics.append(TopicConfig(name=name, match=tuple(t["match"]), exclude=tuple(t.get("exclude", []))))
    return topics


def no_feeds_hint(config: Config) -> str:
    """What to do when feeds.toml subscribes to nothing, for commands whose output would otherwise be empty."""
    return (f"{single_line(str(config.path), None)} has no feeds yet; add one with `reader feeds add URL` "
            "(a feed or a page that links one), or a [[feeds]] section with name and url in that file")


def resolve_db_path(explicit: str | os.PathLike[str] | None, config: Config | None) -> Path:
    """Pick the database: --db, then $READER_DB, then [storage].path, then the user data directory.

    A folder there is refused at once, naming where it came from: SQLite would only say
    "unable to open database file", and a command that reads would say there is no database.
    """
    if explicit:
        path, given = Path(explicit), "--db"
    elif os.environ.get(DB_ENV):
        path, given = Path(os.environ[DB_ENV]), f"${DB_ENV}"
    elif config is not None and config.storage_path is not None:
        path, given = config.storage_path, "storage.path"
    else:
        import platformdirs

        path, given = Path(platformdirs.user_data_dir("policy-reader")) / "reader.db", "the default database"
    if path.is_dir():
        suggestion = f"a file path such as {path / 'reader.db'}"
        if given == "storage.path" and config is not None:
            raise ConfigError(config.path, None, "storage.path", f"{path} is a folder, not a database file; "
                                                                 f"give {suggestion}")
        raise ConfigError(path, None, given, f"is a folder, not a database file; give {given} {suggestion}")
    return path
