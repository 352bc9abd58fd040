"""Where feeds.toml and the database are, and the folders feeds.toml names that must be folders.

A path from feeds.toml that cannot be used is a configuration error naming the file, the line
and the key: SQLite or mkdir would only say "unable to open database file" or "File exists".
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.config.model import Config, ConfigError
from reader.config.toml_lines import KeyLocator
from reader.files import file_in_the_way, read_regular_file
from reader.text.sanitize import single_line

CONFIG_ENV = "READER_CONFIG"
DB_ENV = "READER_DB"


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


def resolve_db_path(explicit: str | os.PathLike[str] | None, config: Config | None) -> Path:
    """Pick the database: --db, then $READER_DB, then [storage].path, then the user data directory.

    A folder there, or a file where one of its folders must be, is refused at once, naming where
    the path came from: SQLite would only say "unable to open database file", and a command that
    reads would say there is no database.
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
    from_config = given == "storage.path" and config is not None
    if path.is_dir():
        suggestion = f"a file path such as {path / 'reader.db'}"
        if from_config and config is not None:
            raise key_error(config, "storage", "path", f"{path} is a folder, not a database file; give {suggestion}")
        raise ConfigError(path, None, given, f"is a folder, not a database file; give {given} {suggestion}")
    blocker = file_in_the_way(path.parent)
    if blocker is not None:
        if from_config and config is not None:
            raise key_error(config, "storage", "path", in_the_way(path, blocker, "the database",
                                                                  "set [storage] path to a file in a folder"))
        change = f"give {given} a path in a folder" if given != "the default database" else "pass --db"
        raise ConfigError(path, None, given, in_the_way(path, blocker, "the database", change))
    return path
