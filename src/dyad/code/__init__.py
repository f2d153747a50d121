"""dyad.code."""
