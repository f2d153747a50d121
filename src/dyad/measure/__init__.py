"""dyad.measure."""
