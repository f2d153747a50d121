"""dyad.ingest."""
