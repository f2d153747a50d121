"""Named past events as date anchors: "the 1965 treaty", "the radar incident" -> a dated row of the pack.

A phrase matches a chronology or driver row (dated no later than the publication) when its head noun (or a synonym)
and, where given, its year agree with the row, and - without a year - every other content word is found in the
row's description, id or the labels/aliases/keywords of the row's issues. Rows score by where the words are found (the
row's own description and id count double against its issues' keywords; the head noun in the id counts most); a
row whose description names another year refers back to an earlier event and scores lower. With a year, ties go to
the row that later rows of the same issue refer back to by that year and noun ("the 2015 deal"), then to the
earliest. Without a year, a tie between differently dated rows is resolved only
when the phrase names an issue ("the radar incident"): it then means the issue's first event, the one it is named
after; otherwise no anchor is returned ("the Supreme Court ruling" fits several rulings).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dyad.records import DatePrecision, date_bounds

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
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
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
    first_day: dt.date
    words: frozenset[str]  # description, id and the row's issues' names and keywords
    own_words: frozenset[str]  # description and id only
    id_words: frozenset[str]
    issues: tuple[str, ...]
    refers_back: bool  # the description names another year ("... revise the 2015 deal")
    years_named: frozenset[str]  # years the description names besides the row's own


class AnchorIndex:
    """The pack's chronology and drivers indexed for `lookup(phrase)`; built once per resolver."""

    def __init__(self, pack: KnowledgePack) -> None:
        self._issue_names: dict[str, list[frozenset[str]]] = {}
        issue_words: dict[str, set[str]] = {}
        for issue in getattr(pack, "issues", ()):
            issue_words[issue.id] = _words(" ".join((issue.label, *issue.terms())))
            self._issue_names[issue.id] = [
                frozenset(_stem(t) for t in _WORD.findall(name.lower()) if t not in _STOP and not t.isdigit())
                for name in (issue.label, *issue.aliases.get("en", ()))]
        rows: list[_Row] = []
        sources: list[Any] = [*getattr(pack, "chronology", ()), *getattr(pack, "drivers", ())]
        for row in sources:
            precision = _PRECISIONS.get(row.date_precision)
            bounds = date_bounds(row.date) if precision is not None else None
            if precision is None or bounds is None:
                continue
            own = _words(row.description)
            words = set(own)
            issues = tuple(getattr(row, "issues", ()))
            for issue_id in issues:
                words |= issue_words.get(issue_id, set())
                words |= _words(issue_id.split(".", 1)[-1])
            id_words = frozenset(_words(row.id))
            years = set(_YEAR.findall(row.description)) - {row.date[:4]}
            rows.append(_Row(row.date, precision, row.date[:4], bounds[0], frozenset(words | id_words),
                             frozenset(own | id_words), id_words, issues, bool(years), frozenset(years)))
        self._rows = rows
        self._by_word: dict[str, list[int]] = {}  # word -> positions of the rows whose words include it
        for k, r in enumerate(rows):
            for w in r.words:
                self._by_word.setdefault(w, []).append(k)
        self._memo: dict[tuple[str, dt.date | None], tuple[str, DatePrecision] | None] = {}

    def lookup(self, phrase: str, published: dt.date | None = None) -> tuple[str, DatePrecision] | None:
        """(date, precision) of the event the phrase names, or None when no row (or no single best row) fits."""
        key = (phrase, published)
        if key in self._memo:
            return self._memo[key]
        found = self._lookup(phrase, published)
        if len(self._memo) >= 4096:  # news repeats its phrases; keep the memo bounded
            self._memo.clear()
        self._memo[key] = found
        return found

    def _lookup(self, phrase: str, published: dt.date | None) -> tuple[str, DatePrecision] | None:
        tokens = [t for t in _WORD.findall(phrase.lower()) if t not in _STOP]
        years = [t for t in tokens if t.isdigit()]
        content = [_stem(t) for t in tokens if not t.isdigit()]
        if not content or len(years) > 1:
            return None
        head, others = content[-1], content[:-1]
        if not years and not others:
            return None
        heads = {_stem(w) for w in _synonyms(head)}
        if not years:  # the phrase is an issue's name ("the radar incident"): the event the issue is named after
            named = self._issue_named(set(content))
            if named is not None:
                for row in sorted(self._rows, key=lambda r: r.first_day):
                    if named in row.issues and (published is None or row.first_day <= published):
                        return row.date, row.precision
        scored: list[tuple[int, _Row]] = []
        # only rows with the head noun (or a synonym) among their words can fit: look them up, in row order
        with_head = sorted({k for h in heads for k in self._by_word.get(h, ())})
        for row in (self._rows[k] for k in with_head):
            if years and row.year != years[0]:
                continue
            if published is not None and row.first_day > published:
                continue  # an article cannot refer back to an event after it was written
            matched = sum(1 for w in others if _synonyms(w) & row.words or w in row.words)
            if not years and matched < len(others):
                continue  # without a year every word must fit ("the Supreme Court ruling")
            score = sum(2 if _synonyms(w) & row.own_words or w in row.own_words else 1 for w in others)
            score += sum(2 for w in others if w in row.id_words)  # the id is the event's short name
            score += 2 if heads & row.id_words else 1 if heads & row.own_words else 0
            score -= row.refers_back
            scored.append((score, row))
        if not scored:
            return None
        best = max(score for score, _ in scored)
        top = sorted((row for score, row in scored if score == best),
                     key=lambda r: (-self._referred(r, years[0], heads) if years else 0, r.first_day))
        if years or len({row.date for row in top}) == 1:
            return top[0].date, top[0].precision
        return None

    def _referred(self, row: _Row, year: str, heads: set[str]) -> int:
        """How many later rows on the same issue name this year and head noun ("revise the 2015 deal"): the event
        the record itself calls by this name."""
        issues = set(row.issues)
        return sum(1 for other in self._rows if other.first_day > row.first_day and year in other.years_named
                   and heads & other.own_words and issues & set(other.issues))

    def _issue_named(self, words: set[str]) -> str | None:
        """The issue one of whose English names has exactly these content words (synonyms allowed), if any."""
        for issue_id, names in self._issue_names.items():
            for name in names:
                if len(name) == len(words) and all(
                        any(_synonyms(w) & {n} or w == n for n in name) for w in words):
                    return issue_id
        return None
