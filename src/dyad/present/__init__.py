"""dyad.present."""
