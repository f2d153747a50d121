"""dyad.nlp."""
