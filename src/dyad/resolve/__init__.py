"""dyad.resolve."""
