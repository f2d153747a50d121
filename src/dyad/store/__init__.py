"""dyad.store."""
