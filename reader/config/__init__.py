"""feeds.toml: the Config it describes, how it is read and checked, and where it and the database are.

The modules: model (the dataclasses and ConfigError), parse (reading and validating), values
(what each key accepts, and how names are judged), toml_lines (where in the text a key is) and
paths (finding feeds.toml and the database). Import from here; the split is for reading.
"""

from reader.config.model import Config, ConfigError, FeedConfig, FetchConfig, TopicConfig
from reader.config.parse import (
    SAME_FEED_URL,
    feed_url_identity,
    load_config,
    parse_config,
    parse_config_text,
    unreadable_config,
    web_feed_url,
)
from reader.config.paths import (
    CONFIG_ENV,
    DB_ENV,
    check_digest_dir,
    find_config_path,
    key_error,
    load_found_config,
    no_feeds_hint,
    resolve_db_path,
)
from reader.config.toml_lines import unclosed_line

__all__ = ["CONFIG_ENV", "DB_ENV", "SAME_FEED_URL", "Config", "ConfigError", "FeedConfig", "FetchConfig",
           "TopicConfig", "check_digest_dir", "feed_url_identity", "find_config_path", "key_error", "load_config",
           "load_found_config",
           "no_feeds_hint", "parse_config", "parse_config_text", "resolve_db_path", "unclosed_line",
           "unreadable_config", "web_feed_url"]
