"""Sentence spans of a parsed document that never cross a line break (like dyad.ingest.sentences)."""

from __future__ import annotations

from typing import Any


def sentence_spans(doc: Any) -> list[Any]:
    """spaCy's sentences, split again at any line break and stripped of whitespace tokens at either end."""
    out: list[Any] = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                _add(doc, start, tok.i, out)
                start = tok.i + 1
            elif tok.i > start and "\n" in doc[tok.i - 1].whitespace_:
                _add(doc, start, tok.i, out)
                start = tok.i
        _add(doc, start, sent.end, out)
    return out


def _add(doc: Any, start: int, end: int, out: list[Any]) -> None:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end > start:
        out.append(doc[start:end])


__all__ = ["sentence_spans"]
