"""Named past events as date anchors: "the 1965 treaty", "the radar incident" -> a dated row of the pack.

A phrase matches a chronology or driver row when its head noun (or a synonym) and, where given, its year agree with
the row, and at least one more of its content words (or the year) is found in the row's description, id or the
labels/aliases/keywords of the row's issues. Ties go to the row whose id names the head noun, then to the earliest
row: a definite description ("the radar incident") usually names the event that started a story, not its sequels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dyad.records import DatePrecision

if TYPE_CHECKING:
    from dyad.knowledge import KnowledgePack

# English nouns that name a single datable event; used to find candidate anchor phrases in text.
EVENT_NOUNS: tuple[str, ...] = (
    "treaty", "agreement", "accord", "deal", "pact", "ruling", "rulings", "verdict", "decision", "judgment",
    "judgement", "incident", "clash", "collision", "dispute", "row", "summit", "visit", "apology", "statement",
    "declaration", "test", "launch", "sanctions", "controls", "curbs", "restrictions", "ban", "election",
    "crisis", "war", "attack", "boycott", "standoff", "normalisation", "normalization", "talks", "meeting",
)
EVENT_NOUN_PATTERN = "(?:" + "|".join(EVENT_NOUNS) + ")"

_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"agreement", "deal", "accord", "pact"}),
    frozenset({"ruling", "verdict", "decision", "judgment", "judgement", "order"}),
    frozenset({"incident", "clash", "collision", "episode", "row", "dispute", "standoff"}),
    frozenset({"summit", "meeting", "talks"}),
    frozenset({"control", "curb", "restriction", "ban"}),
    frozenset({"normalisation", "normalization", "normalising", "normalizing"}),
)
_STOP = frozenset({
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "with", "by", "this", "that", "these", "those",
    "its", "their", "his", "her", "s", "over", "between", "two", "both", "countries", "country", "nations",
})
_WORD = re.compile(r"[a-z][a-z-]*|\d{4}")
_PRECISIONS: dict[str, DatePrecision] = {"day": "day", "month": "month", "year": "year"}


def _stem(word: str) -> str:
    word = word.replace("-", "")
    for suffix in ("ies", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _words(text: str) -> set[str]:
    out: set[str] = set()
    for word in _WORD.findall(text.lower().replace("_", " ").replace(".", " ")):
        out.update(_stem(part) for part in word.split("-") if part)
        out.add(_stem(word))
    return out


def _synonyms(word: str) -> frozenset[str]:
    for group in _SYNONYMS:
        if word in group:
            return group
    return frozenset({word})


@dataclass(frozen=True, slots=True)
class _Row:
    date: str
    precision: DatePrecision
    year: str
    words: frozenset[str]
    id_words: frozenset[str]


class AnchorIndex:
    """The pack's chronology and drivers indexed for `lookup(phrase)`; built once per resolver."""

    def __init__(self, pack: KnowledgePack) -> None:
        issue_words: dict[str, set[str]] = {}
        for issue in getattr(pack, "issues", ()):
            words = _words(" ".join((issue.label, *issue.terms())))
            issue_words[issue.id] = words
        rows: list[_Row] = []
        sources: list[Any] = [*getattr(pack, "chronology", ()), *getattr(pack, "drivers", ())]
        for row in sources:
            precision = _PRECISIONS.get(row.date_precision)
            if precision is None:
                continue
            words = _words(row.description)
            for issue_id in getattr(row, "issues", ()):
                words |= issue_words.get(issue_id, set())
                words |= _words(issue_id.split(".", 1)[-1])
            id_words = frozenset(_words(row.id))
            rows.append(_Row(row.date, precision, row.date[:4], frozenset(words | id_words), id_words))
        self._rows = rows

    def lookup(self, phrase: str) -> tuple[str, DatePrecision] | None:
        """(date, precision) of the event the phrase names, or None when no row (or no single best row) fits."""
        tokens = [t for t in _WORD.findall(phrase.lower()) if t not in _STOP]
        years = [t for t in tokens if t.isdigit()]
        content = [_stem(t) for t in tokens if not t.isdigit()]
        if not content or len(years) > 1:
            return None
        head, others = content[-1], content[:-1]
        if not years and not others:
            return None
        heads = {_stem(w) for w in _synonyms(head)}
        best: list[tuple[int, str, _Row]] = []
        for row in self._rows:
            if years and row.year != years[0]:
                continue
            if not heads & row.words:
                continue
            matched = sum(1 for w in others if _synonyms(w) & row.words or w in row.words)
            if not years and matched == 0:
                continue
            if not years and matched * 2 < len(others):
                continue
            score = 3 * bool(years) + 2 * matched + (2 if head in row.id_words else 1 if heads & row.id_words else 0)
            best.append((-score, row.date, row))
        if not best:
            return None
        best.sort(key=lambda item: (item[0], item[1]))
        top = best[0][2]
        return top.date, top.precision
