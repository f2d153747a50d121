"""dyad.nlp: the spaCy pipeline (loaded once per process) and the coder's stage specs (requires/assigns)."""

from __future__ import annotations

from dyad.nlp.components import COMPONENTS, ComponentSpec, check_order, model_assigns
from dyad.nlp.pipeline import MODEL_NAME, load_nlp, parse
from dyad.nlp.sentences import sentence_spans

__all__ = ["COMPONENTS", "MODEL_NAME", "ComponentSpec", "check_order", "load_nlp", "model_assigns", "parse", "sentence_spans"]
