"""dyad.model."""
