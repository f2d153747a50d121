"""dyad.store: the DuckDB store (one writer, many readers) and its migrations."""

from dyad.store.db import DEFAULT_DB, ArticleWrite, Store, default_db_path

__all__ = ["DEFAULT_DB", "ArticleWrite", "Store", "default_db_path"]
