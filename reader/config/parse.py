"""Reads feeds.toml into a frozen Config, rejecting anything it does not understand.

Validation is strict because a typo in a hand-edited file (``enabeld = false``) that is
silently ignored is worse than an error: every problem names the file, the line, the key
and what was expected.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reader.article_links import normalised_link
from reader.config.model import Config, ConfigError, ConfigNotFound, FeedConfig, FetchConfig, TopicConfig
from reader.config.toml_lines import KeyLocator, last_line, too_deep_line, unclosed_line
from reader.config.values import (
    Check,
    a_bool,
    a_name,
    a_setting,
    a_string,
    displayed,
    header_text,
    identity,
    names_list,
    number_in,
    phrase,
    visible_repr,
    why_alike,
)
from reader.files import FileTooLarge, NotARegularFile, file_in_the_way, read_regular_file

DEFAULT_DIGEST_DIR = "digests"
BYTE_ORDER_MARK = "\ufeff"
MAX_NESTING = 100  # the line named for a file tomllib cannot read for its depth
# Why two URLs written differently are one feed, as feed_url_identity compares them.
SAME_FEED_URL = ("http or https, a default port, the host's case, a dot after the host, a slash at the end, "
                 "a #fragment or an IP address written another way make no difference")

TABLES: dict[str, dict[str, Check]] = {
    "feeds": {"name": a_name("feed"), "url": a_string, "tags": names_list("tag"), "enabled": a_bool,
              "full_text": a_bool},
    "topics": {"name": a_name("topic"), "match": names_list("phrase"), "exclude": names_list("phrase")},
    "fetch": {
        "concurrency": number_in(1, 256, "feeds fetched at once"),
        "timeout": number_in(1, 600, "seconds", whole=False),
        "max_bytes": number_in(1_000, 1_000_000_000, "bytes"),
        "max_items": number_in(1, 1_000_000, "items a feed"),
        "user_agent": header_text(f'"{FetchConfig.user_agent}"'),
    },
    "storage": {"path": a_setting("reader.db in the user data directory")},
    "digest": {"directory": a_setting(f'"{DEFAULT_DIGEST_DIR}" next to feeds.toml'),
               "max_stories": number_in(1, 1_000, "stories per topic"),
               "history_days": number_in(1, 365, "days")},
    "ui": {"refresh_on_start": a_bool},
}
ARRAYS = {"feeds", "topics"}
_REQUIRED = {"feeds": ("name", "url"), "topics": ("name", "match")}


def load_config(path: Path) -> Config:
    """Read and validate feeds.toml; raises ConfigError naming the file, line and key."""
    try:
        source = read_regular_file(path)[0].decode("utf-8")
    except FileNotFoundError:
        raise ConfigNotFound(path, None, None, "not found; create it, or pass --config with the path of a feeds.toml") \
            from None
    except (OSError, UnicodeDecodeError) as exc:
        raise unreadable_config(path, exc) from None
    return parse_config_text(source, path)


def unreadable_config(path: Path, exc: OSError | UnicodeDecodeError) -> ConfigError:
    """The error for a feeds.toml that exists but cannot be read: a folder, no permission, or not UTF-8."""
    if isinstance(exc, IsADirectoryError):
        return ConfigError(path, None, None, f"is a folder, not a feeds.toml; pass --config "
                                                 f"{path / 'feeds.toml'} or another file")
    if isinstance(exc, NotADirectoryError):  # "x/feeds.toml" where x is a file
        blocker = file_in_the_way(path.parent)
        return ConfigError(path, None, None, f"{blocker or path.parent} is a file, not a folder, so it holds no "
                                                 "feeds.toml; pass --config with the path of a feeds.toml")
    if isinstance(exc, NotARegularFile | FileTooLarge):
        return ConfigError(path, None, None, f"{exc.strerror}; pass --config with the path of a feeds.toml")
    if isinstance(exc, OSError):
        return ConfigError(path, None, None, f"cannot be read: {exc.strerror or exc}; make it readable "
                                                 "(chmod u+r) or pass another --config")
    return ConfigError(path, None, None, f"cannot be read as UTF-8 text ({exc}); save it as UTF-8")


def parse_config_text(source: str, path: Path) -> Config:
    """Parse and validate feeds.toml's text; raises ConfigError naming `path`, the line and the key."""
    source = source.removeprefix(BYTE_ORDER_MARK)  # Notepad writes one; it is no part of the TOML (line 1 stays line 1)
    try:
        data = tomllib.loads(source)
    except RecursionError:  # "x = [[[[...": tomllib recurses once a level; the file's shape, not our failure
        line = too_deep_line(source, MAX_NESTING) or 1
        raise ConfigError(path, line, "(syntax)", f"arrays or inline tables nested more than {MAX_NESTING} deep, "
                                                  "which no setting of feeds.toml takes; fix this line") from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, reason = (int(m.group(1)) if m else last_line(source)), str(exc)
        if m is None or reason.startswith(("Unclosed", "Unterminated")):
            # Where tomllib noticed is not where the mistake is: name the line that opened the construct.
            before = source
            if m is not None:
                lines = source.splitlines(keepends=True)[:line]
                before = "".join(lines[:-1]) + lines[-1][:int(m.group(2)) - 1]
            opened = unclosed_line(before)
            if opened is not None:
                line, reason = opened, f"{exc}: opened on this line and never closed"
        raise ConfigError(path, line, None, f"invalid TOML: {reason}") from None
    return parse_config(data, path, source)


def _check_sections(data: Mapping[str, Any], path: Path, loc: KeyLocator) -> None:
    """Every section known and shaped as it should be, every key known, every value acceptable."""
    sections = ", ".join(f"[[{t}]]" if t in ARRAYS else f"[{t}]" for t in TABLES)
    for top, value in data.items():
        if top not in TABLES:
            if isinstance(value, dict) or (isinstance(value, list) and value
                                           and all(isinstance(t, dict) for t in value)):
                raise ConfigError(path, loc.line_of(top) or loc.line_of(top, 0), top,
                                  f"unknown section; feeds.toml has the sections {sections}")
            raise ConfigError(path, loc.line_of_top_key(top), top,
                              f"unknown key outside any section; keys go under one of {sections}")
        if top in ARRAYS and not (isinstance(value, list) and all(isinstance(t, dict) for t in value)):
            raise ConfigError(path, loc.line_of_top_key(top), top,
                              f"expected one [[{top}]] section per {top[:-1]}, not a key")
        if top not in ARRAYS and not isinstance(value, dict):
            raise ConfigError(path, loc.line_of_top_key(top), top,
                              f"expected a section written [{top}] with its keys below, not a key")
        for i, table in enumerate(value if top in ARRAYS else [value]):
            idx = i if top in ARRAYS else None
            label = f"{top}[{i}]" if idx is not None else top
            for key, val in table.items():
                if key not in TABLES[top]:
                    raise ConfigError(path, loc.line_of(top, idx, key), f"{label}.{key}",
                                      f"unknown key; expected one of {', '.join(TABLES[top])}")
                problem = TABLES[top][key](val)
                if problem is not None:
                    raise ConfigError(path, loc.line_of(top, idx, key), f"{label}.{key}", problem)
            for key in _REQUIRED.get(top, ()):
                if key not in table:
                    raise ConfigError(path, loc.line_of(top, idx), f"{label}.{key}", "is required")


def parse_config(data: Mapping[str, Any], path: Path, source: str = "") -> Config:
    """Validate an already-parsed TOML document; `source` lets errors carry line numbers."""
    loc = KeyLocator(source)
    _check_sections(data, path, loc)
    feeds = tuple(_build_feeds(data.get("feeds", []), path, loc))
    topics = tuple(_build_topics(data.get("topics", []), path, loc))
    fetch = FetchConfig(**data.get("fetch", {}))
    storage = data.get("storage", {}).get("path")
    digest_dir = data.get("digest", {}).get("directory", DEFAULT_DIGEST_DIR)
    return Config(
        path=path,
        feeds=feeds,
        topics=topics,
        fetch=fetch,
        storage_path=(path.parent / storage) if storage is not None else None,
        digest_dir=path.parent / digest_dir,
        digest_max_stories=data.get("digest", {}).get("max_stories", 25),
        history_days=data.get("digest", {}).get("history_days", 7),
        refresh_on_start=bool(data.get("ui", {}).get("refresh_on_start", False)),
    )


class _Names:
    """The names seen so far in one array of sections, to refuse a second that would display the same."""

    def __init__(self, table: str, what: str, path: Path, loc: KeyLocator) -> None:
        self.table, self.what, self.path, self.loc = table, what, path, loc
        self.seen: dict[str, tuple[int, str]] = {}  # identity -> (index, the name as written)

    def add(self, index: int, written: str) -> str:
        """The name as displayed; ConfigError naming both sections if an earlier one displays the same."""
        key = identity(written)
        if key in self.seen:
            first, first_written = self.seen[key]
            line = self.loc.line_of(self.table, first, "name")
            where = f"{self.table}[{first}].name" + (f" on line {line}" if line else "")
            why = why_alike(first_written, written)
            raise ConfigError(self.path, self.loc.line_of(self.table, index, "name"), f"{self.table}[{index}].name",
                              f"duplicate {self.what} name {visible_repr(displayed(written))}: {where} reads the "
                              f"same{why}; each {self.what} needs a name of its own")
        self.seen[key] = (index, written)
        return displayed(written)


class _Tags:
    """The tags seen so far across [[feeds]], to refuse one that reads the same as another but is not it."""

    def __init__(self, path: Path, loc: KeyLocator) -> None:
        self.path, self.loc = path, loc
        self.seen: dict[str, tuple[int, str]] = {}  # identity -> (feed index, the tag as written)

    def add(self, index: int, written: list[str]) -> tuple[str, ...]:
        """The feed's tags as displayed, each once; ConfigError naming both lines if one passes for another tag."""
        for tag in written:
            key = identity(tag)
            first, first_written = self.seen.setdefault(key, (index, tag))
            if displayed(first_written) != displayed(tag):
                line = self.loc.line_of("feeds", first, "tags")
                where = f"feeds[{first}].tags" + (f" on line {line}" if line else "")
                raise ConfigError(self.path, self.loc.line_of("feeds", index, "tags"), f"feeds[{index}].tags",
                                  f"tag {visible_repr(displayed(tag))} reads the same as the tag "
                                  f"{visible_repr(displayed(first_written))} of {where}"
                                  f"{why_alike(first_written, tag)}; write the tag the same way in both")
        return tuple(dict.fromkeys(displayed(s) for s in written))


def _build_feeds(tables: list[dict[str, Any]], path: Path, loc: KeyLocator) -> list[FeedConfig]:
    feeds: list[FeedConfig] = []
    names = _Names("feeds", "feed", path, loc)
    tags_seen = _Tags(path, loc)
    urls: dict[str, int] = {}
    for i, t in enumerate(tables):
        name, url = names.add(i, t["name"]), t["url"].strip()
        key = feed_url_identity(url, path)
        if key is None:
            raise ConfigError(path, loc.line_of("feeds", i, "url"), f"feeds[{i}].url",
                              f"expected an http(s) URL or a file path relative to feeds.toml, got {visible_repr(url)}"
                              + (" (it starts like a web address but is not a whole one: write it as "
                                 "https://host/path; a file path that starts with a word and a colon needs ./ in front)"
                                 if looks_like_a_url(url) else ""))
        url = web_feed_url(url) or url
        if key in urls:
            first = urls[key]
            line = loc.line_of("feeds", first, "url")
            earlier = tables[first]["url"].strip()
            same = "" if earlier == url else (f" as {visible_repr(earlier)}, the same feed ({SAME_FEED_URL})")
            raise ConfigError(path, loc.line_of("feeds", i, "url"), f"feeds[{i}].url",
                              f"duplicate URL {visible_repr(url)}, already used by feeds[{first}]"
                              + (f" on line {line}" if line else "") + same + "; remove one of the two")
        urls[key] = i
        tags = tags_seen.add(i, t.get("tags", []))
        feeds.append(FeedConfig(name=name, url=url, tags=tags, enabled=t.get("enabled", True),
                                full_text=t.get("full_text", False)))
    return feeds


# A scheme of two letters or more and a colon: what a URL starts with ("C:" is a Windows drive).
_URL_LIKE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+:")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")


def web_feed_url(url: str) -> str | None:
    """The URL with its scheme in lower case when it is a whole http(s) address (a host after "://"), else None.

    One test for every place that decides between the web and a file: a scheme is matched
    without regard to case ("HTTPS://" is the web, not a file named "HTTPS:"), and a malformed
    one ("http:/x") is no web address.
    """
    scheme = _SCHEME.match(url)
    if scheme is None or scheme.group(1).lower() not in ("http", "https") or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it checks the port)
    except ValueError:  # a port out of range, an unclosed "[" of an IPv6 address
        return None
    return scheme.group(1).lower() + url[len(scheme.group(1)):] if parts.hostname else None


def looks_like_a_url(url: str) -> bool:
    """True when the text starts like a URL ("http:", "ftp:", "HTTPS:"): it is judged as one, never read as a path.

    So "http:/../../etc/passwd", a typo or a hostile list's trick, is refused instead of being
    taken for a file path relative to feeds.toml.
    """
    return _URL_LIKE.match(url) is not None


def feed_url_identity(url: str, config_path: Path) -> str | None:
    """The form two feeds' URLs are compared in (one form: one feed), or None when the URL is unusable.

    A web address is normalised as the store compares article links (reader/article_links.py):
    "http://Host.:80/x/" is "https://host/x"; a file path is made absolute against feeds.toml's folder.
    Text that starts like a URL but is no whole http(s) one is unusable, not a path.
    """
    if looks_like_a_url(url):
        web = web_feed_url(url)
        # A #fragment is never sent, and "127.1" or "0x7f000001" is the server 127.0.0.1 is.
        return None if web is None else f"web:{normalised_link(_numeric_host_written_plainly(web.partition('#')[0]))}"
    if "\x00" in url or not url:
        return None
    return "file:" + str((config_path.parent / url).resolve())


def _numeric_host_written_plainly(url: str) -> str:
    """`url` with an IP address host in its usual form: "127.1", "0x7f000001" and "2130706433" are 127.0.0.1 to
    the resolver (inet_aton's forms), as "[0:0::1]" is "[::1]"; a host name stays as it is."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        plain = str(ipaddress.ip_address(host)) if ":" in host else socket.inet_ntoa(socket.inet_aton(host))
    except (OSError, ValueError):
        return url
    if not re.fullmatch(r"[0-9a-fA-FxX.:]+", host) or plain == host:
        return url
    login, at, _ = parts.netloc.rpartition("@")
    shown = f"[{plain}]" if ":" in plain else plain
    port = f":{parts.port}" if parts.port is not None else ""
    return parts._replace(netloc=f"{login}{at}{shown}{port}").geturl()


def _build_topics(tables: list[dict[str, Any]], path: Path, loc: KeyLocator) -> list[TopicConfig]:
    topics: list[TopicConfig] = []
    names = _Names("topics", "topic", path, loc)
    for i, t in enumerate(tables):
        name = names.add(i, t["name"])
        if not t["match"]:
            raise ConfigError(path, loc.line_of("topics", i, "match"), f"topics[{i}].match",
                              "expected at least one phrase")
        topics.append(TopicConfig(name=name, match=tuple(dict.fromkeys(phrase(p) for p in t["match"])),
                                  exclude=tuple(dict.fromkeys(phrase(p) for p in t.get("exclude", [])))))
    return topics
