"""A fast rule-based sentence splitter for articles stored without the coder (which brings spaCy's sentences).

Sentences never cross a paragraph break; a full stop after a common abbreviation, an initial or a single capital
letter ("U.S.", "Mr.", "J.") does not end a sentence. Spans are character offsets into the clean text.
"""

from __future__ import annotations

import re

from dyad.records import Sentence

ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "pres",
    "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "ft", "approx",
})
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARA = re.compile(r"\n\s*\n|\n")


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of `text` (offsets into it), in order, each stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in [*_PARA.finditer(text), None]:
        end = para.start() if para else len(text)
        _split_para(text, pos, end, spans)
        if para:
            pos = para.end()
    return [Sentence(i, s, e) for i, (s, e) in enumerate(spans)]


def _split_para(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    seg_start = start
    for m in _END.finditer(text, start, end):
        stop = m.end()
        before = text[seg_start:m.start()].rsplit(None, 1)
        last = before[-1].lower().rstrip(".") if before else ""
        if text[m.start()] == "." and (last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        _add(text, seg_start, stop, spans)
        seg_start = stop
    _add(text, seg_start, end, spans)


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
