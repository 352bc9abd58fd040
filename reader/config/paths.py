"""Where feeds.toml and the database are, and the folders feeds.toml names that must be folders.

A path from feeds.toml that cannot be used is a configuration error naming the file, the line
and the key: SQLite or mkdir would only say "unable to open database file" or "File exists".
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.config.model import Config, ConfigError, ConfigNotFound
from reader.config.toml_lines import KeyLocator
from reader.config.values import visible_repr
from reader.files import file_in_the_way, read_regular_file
from reader.text.sanitize import fold_whitespace, single_line, strip_control_characters

CONFIG_ENV = "READER_CONFIG"
DB_ENV = "READER_DB"
# What platformdirs builds the default folders from on Linux, besides $HOME (the only one elsewhere).
_DEFAULT_FOLDER_ENV = {"data": "XDG_DATA_HOME", "config": "XDG_CONFIG_HOME"}


class GivenPathError(Exception):
    """A path from an option or an environment variable that cannot be used: bad input (exit status 2), as a bad
    option is. The message names the path, where it came from and what to do, since mkdir's or SQLite's would not."""


def escaped_if_unprintable(text: str) -> str | None:
    """`text` quoted with its control characters written as escapes (`"a\\x1bb"`), or None when it has none.

    Every message quotes paths through the sanitiser, which drops them: a file named with an escape in
    it would be written, and no message could name it as it really is.
    """
    if unprintable(text) is not None:
        return visible_repr(text)
    return None


def unprintable(text: str) -> str | None:
    """What in `text` no message can show ("control characters", "invisible characters"), or None.

    Messages drop both (the sanitiser): "a\u200bb.txt" was named "ab.txt", which may be another file.
    A joiner or selector where it does visible work (an emoji's ZWJ) is shown, and so is allowed.
    """
    if strip_control_characters(text) != text or "\n" in text or "\t" in text:
        return "control characters"
    if single_line(text, None) != fold_whitespace(text):  # what a message drops, spaces aside
        return "invisible characters"
    return None


def path_from_environment(name: str) -> Path | None:
    """The path in $`name`, or None when it is unset or empty; GivenPathError if no file could be named by it.

    The same refusals as --db and --config on the command line: blank, or with control characters.
    """
    value = os.environ.get(name)
    if not value:
        return None
    if not value.strip():
        raise GivenPathError(f"${name} is blank ({visible_repr(value)}); set it to a file's path, or unset it "
                             "to use the default")
    escaped = escaped_if_unprintable(value)
    if escaped is not None:
        raise GivenPathError(f"${name} has {unprintable(value)} ({escaped}); set it without them, or unset it "
                             "to use the default")
    return Path(value)


def default_folder(kind: str, option: str) -> Path:
    """The user's data or config folder (platformdirs), refused like an environment variable if it has
    control characters: it is made from $XDG_DATA_HOME or $XDG_CONFIG_HOME, or from $HOME."""
    import platformdirs

    folder = platformdirs.user_data_dir("policy-reader") if kind == "data" else \
        platformdirs.user_config_dir("policy-reader")
    escaped = escaped_if_unprintable(folder)
    if escaped is not None:
        xdg = os.environ.get(_DEFAULT_FOLDER_ENV[kind], "")  # used only when absolute, else ~ is
        variable = _DEFAULT_FOLDER_ENV[kind] if xdg and folder.startswith(xdg) else "HOME"
        raise GivenPathError(f"the default {kind} folder {escaped} has {unprintable(folder)}, from ${variable}; set "
                             f"${variable} without them, or pass {option}")
    return Path(folder)


def config_source(explicit: str | os.PathLike[str] | None) -> str:
    """Where feeds.toml's path comes from, as messages name it: --config, $READER_CONFIG or the default."""
    return "--config" if explicit else f"${CONFIG_ENV}" if path_from_environment(CONFIG_ENV) else \
        "the default feeds.toml"


def find_config_path(explicit: str | os.PathLike[str] | None) -> Path:
    """Pick feeds.toml: --config, then $READER_CONFIG, then ./feeds.toml, then the user config directory."""
    if explicit:
        return Path(explicit)
    from_environment = path_from_environment(CONFIG_ENV)
    if from_environment is not None:
        return from_environment
    local = Path("feeds.toml")
    if local.exists():
        return local
    return default_folder("config", "--config PATH") / "feeds.toml"


def load_found_config(explicit: str | os.PathLike[str] | None) -> Config:
    """feeds.toml as every command finds it (find_config_path), loaded; when there is none, the error says where it
    looked, why there, and how to start: the path alone does not say that ./feeds.toml was looked for first."""
    from reader.config.parse import load_config

    path = find_config_path(explicit)
    try:
        return load_config(path)
    except ConfigNotFound:
        raise ConfigNotFound(path, None, None, _not_found(path, explicit)) from None


def _not_found(path: Path, explicit: str | os.PathLike[str] | None) -> str:
    import shlex

    create = "`reader feeds add URL` creates it with its first feed"
    if explicit:
        return (f"not found (given with --config); check the path, or `reader feeds add URL --config "
                f"{shlex.quote(str(path))}` creates it with its first feed")
    if path_from_environment(CONFIG_ENV) is not None:
        return f"not found (from ${CONFIG_ENV}); check the path or unset ${CONFIG_ENV}, or {create}"
    return (f"not found, nor is there a feeds.toml in this folder ({Path.cwd()}), where the reader looks first; "
            f"{create}, or create one by hand (the README lists its keys), or pass --config PATH")


def no_feeds_hint(config: Config) -> str:
    """What to do when feeds.toml subscribes to nothing, for commands whose output would otherwise be empty."""
    return (f"{single_line(str(config.path), None)} has no feeds yet; add one with `reader feeds add URL` "
            "(a feed or a page that links one), or a [[feeds]] section with name and url in that file")


def key_error(config: Config, table: str, key: str, expected: str) -> ConfigError:
    """A ConfigError about `[table] key` of a loaded config, with its line (read again: Config keeps no source)."""
    try:
        source = read_regular_file(config.path)[0].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        source = ""
    line = KeyLocator(source).line_of(table, None, key)
    return ConfigError(config.path, line, f"{table}.{key}", expected)


def in_the_way(path: Path, blocker: Path, what: str, change: str) -> str:
    """Why a file where a folder must be stops `what`, and what to do: the message every such refusal shares."""
    if blocker == path:
        return f"{path} is a file, not a folder; {change}, or move {blocker} away"
    return (f"{blocker} is a file, not a folder, so {what} {path} cannot be under it; "
            f"{change}, or move {blocker} away")


def check_digest_dir(config: Config) -> None:
    """ConfigError if [digest] directory is, or lies under, a file: the digest could never be written there."""
    blocker = file_in_the_way(config.digest_dir)
    if blocker is not None:
        raise key_error(config, "digest", "directory", in_the_way(config.digest_dir, blocker, "the digest folder",
                                                                  "set [digest] directory to a folder"))


STORAGE_PATH, DEFAULT_DB = "storage.path", "the default database"


def db_location(explicit: str | os.PathLike[str] | None, config: Config | None) -> tuple[Path, str]:
    """The database's path and where it comes from, as messages name it: --db, $READER_DB, storage.path
    (feeds.toml's [storage] path) or the default database (in the user data directory)."""
    if explicit:
        return Path(explicit), "--db"
    from_environment = path_from_environment(DB_ENV)
    if from_environment is not None:
        return from_environment, f"${DB_ENV}"
    if config is not None and config.storage_path is not None:
        return config.storage_path, STORAGE_PATH
    return default_folder("data", "--db PATH") / "reader.db", DEFAULT_DB


def _refused(config: Config | None, path: Path, given: str, in_config: str, otherwise: str) -> ConfigError:
    """The error for a database path that cannot be used: with its line in feeds.toml when [storage] path gave it."""
    if given == STORAGE_PATH and config is not None:
        return key_error(config, "storage", "path", in_config)
    return ConfigError(path, None, given, otherwise)


def _head(path: Path) -> bytes:
    """The first 16 bytes of a regular file (as long as SQLite's header), or b"" for anything else or unreadable."""
    if not path.is_file():
        return b""
    try:
        with path.open("rb") as file:
            return file.read(16)
    except OSError:
        return b""  # the store says what is wrong when it opens it


def resolve_db_path(explicit: str | os.PathLike[str] | None, config: Config | None) -> Path:
    """Pick the database: --db, then $READER_DB, then [storage].path, then the user data directory.

    A folder, a device or pipe, a file this user cannot read, or a file where one of its folders must be,
    is refused at once, naming where the path came from: SQLite would only say "unable to open database
    file", and a command that reads would say there is no database.
    """
    path, given = db_location(explicit, config)
    if path.is_dir():
        suggestion = f"a file path such as {path / 'reader.db'}"
        raise _refused(config, path, given, f"{path} is a folder, not a database file; give {suggestion}",
                       f"is a folder, not a database file; give {given} {suggestion}")
    if path.exists() and not path.is_file():  # SQLite would call a pipe or a device a disk error
        what = "is a device, pipe or socket, not a database file"
        change = f"give {given} the path of a file" if given != DEFAULT_DB else "pass --db with the path of a file"
        raise _refused(config, path, given, f"{path} {what}; set [storage] path to a file", f"{what}; {change}")
    if path.is_file() and not os.access(path, os.R_OK):  # SQLite and the store would say so only as their failure
        fix = f"make it readable (chmod u+r {path})"
        other = f"give {given} another path" if given != DEFAULT_DB else "pass --db with another file"
        raise _refused(config, path, given, f"{path} cannot be read by you; {fix}, or set [storage] path to another "
                       "file", f"cannot be read by you; {fix}, or {other}")
    head = _head(path)
    if head:  # empty is "no database yet"; anything else must be SQLite (a damaged one is the store's to report)
        from reader.store.read_only import SQLITE_HEADER

        if head != SQLITE_HEADER:
            what = f"is not an SQLite database (it begins {head.decode('latin-1')!r}), and is left as it is"
            change = f"give {given}" if given != DEFAULT_DB else "pass --db with"
            fills = "the database `reader fetch` fills, or a new file"
            raise _refused(config, path, given, f"{path} {what}; set [storage] path to {fills}",
                           f"{what}; {change} {fills}")
    blocker = file_in_the_way(path.parent)
    if blocker is not None:
        change = f"give {given} a path in a folder" if given != DEFAULT_DB else "pass --db"
        raise _refused(config, path, given, in_the_way(path, blocker, "the database",
                                                       "set [storage] path to a file in a folder"),
                       in_the_way(path, blocker, "the database", change))
    return path
