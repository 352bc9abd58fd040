"""Managing subscriptions: editing feeds.toml in place, OPML import/export, and feed discovery."""
