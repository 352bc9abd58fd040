"""The one SQLite store: feeds, articles, read/starred state, pinned quotes and full-text search."""

from reader.store.schema import SCHEMA_VERSION, StoreError
from reader.store.store import ArticleFilter, Store

__all__ = ["SCHEMA_VERSION", "ArticleFilter", "Store", "StoreError"]
