"""dyad.ontology."""
