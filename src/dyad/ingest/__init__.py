"""dyad.ingest: read, clean, de-duplicate and store articles (see docs/ingest.md).

    from dyad.ingest import ingest_paths, list_articles, show_article
"""

from dyad.ingest.pipeline import IngestSummary, ingest, ingest_paths
from dyad.ingest.query import list_articles, show_article
from dyad.ingest.readers import ColumnMap, RawDoc

__all__ = ["ColumnMap", "IngestSummary", "RawDoc", "ingest", "ingest_paths", "list_articles", "show_article"]
