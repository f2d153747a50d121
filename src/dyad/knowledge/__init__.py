"""dyad.knowledge."""
