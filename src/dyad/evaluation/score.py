"""Score the coder against gold items: event precision/recall/F1, per-field accuracy, perception P/R.

The alignment and scoring rules are written down in tests/data/gold/README.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from dyad.evaluation.gold import GoldEvent, GoldItem
from dyad.records import Article, EventRecord, PerceptionRecord, article_id, date_bounds

FIELDS = ("source_country", "target_country", "country", "event_type", "quad_class", "date", "modality")


@dataclass
class Tally:
    """Counts for one slice of the gold set (all items, or one origin)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    field_n: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    p_tp: int = 0
    p_fp: int = 0
    p_fn: int = 0
    stance_hits: int = 0
    items: int = 0

    @staticmethod
    def _ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    @property
    def precision(self) -> float | None:
        return self._ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return self._ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def accuracy(self, name: str) -> float | None:
        return self._ratio(self.field_hits[name], self.field_n[name])

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "items": self.items, "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "accuracy": {f: self.accuracy(f) for f in FIELDS},
            "accuracy_n": {f: self.field_n[f] for f in FIELDS},
            "perception": {
                "tp": self.p_tp, "fp": self.p_fp, "fn": self.p_fn,
                "precision": self._ratio(self.p_tp, self.p_tp + self.p_fp),
                "recall": self._ratio(self.p_tp, self.p_tp + self.p_fn),
                "stance_accuracy": self._ratio(self.stance_hits, self.p_tp),
            },
        }
        return out


@dataclass
class EvalReport:
    overall: Tally
    by_origin: dict[str, Tally]
    errors: list[dict[str, Any]]  # unmatched gold and spurious predictions, for inspection

    def as_dict(self) -> dict[str, Any]:
        return {"overall": self.overall.as_dict(),
                "by_origin": {k: v.as_dict() for k, v in sorted(self.by_origin.items())}}


def date_matches(predicted: str | None, gold: str) -> bool:
    """Overlapping intervals, the prediction no wider than max(2 x gold width, gold width + 6 days)."""
    if predicted is None:
        return False
    try:
        p, g = date_bounds(predicted), date_bounds(gold)
    except ValueError:
        return False
    assert p is not None and g is not None
    if p[1] < g[0] or g[1] < p[0]:
        return False
    p_width = (p[1] - p[0]).days + 1
    g_width = (g[1] - g[0]).days + 1
    return p_width <= max(2 * g_width, g_width + 6)


def _score(p: EventRecord, g: GoldEvent) -> float | None:
    type_eq = p.event_type == g.event_type
    quad_eq = p.quad_class == g.quad_class
    src_eq = g.source_country is not None and p.source.country == g.source_country
    tgt_eq = g.target_country is not None and p.target.country == g.target_country
    no_countries = g.source_country is None and g.target_country is None
    if not (type_eq or quad_eq) or not (src_eq or tgt_eq or no_countries):
        return None
    score = 4.0 * type_eq + 2.0 * quad_eq + 2.0 * src_eq + 2.0 * tgt_eq
    score += 1.0 * (g.modality is not None and p.modality == g.modality)
    score += 1.0 * (g.date is not None and date_matches(p.date, g.date))
    return score


def align(preds: Sequence[EventRecord], golds: Sequence[GoldEvent]) -> list[tuple[int, int]]:
    """One-to-one alignment maximising agreement; only compatible pairs are returned."""
    if not preds or not golds:
        return []
    scores = np.full((len(preds), len(golds)), -1.0)
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            s = _score(p, g)
            if s is not None:
                scores[i, j] = s
    rows, cols = linear_sum_assignment(-scores)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if scores[i, j] >= 0]


def _tally_fields(t: Tally, p: EventRecord, g: GoldEvent) -> None:
    for name, gold_value, pred_value in (("source_country", g.source_country, p.source.country),
                                         ("target_country", g.target_country, p.target.country)):
        if gold_value is not None:
            for key in (name, "country"):
                t.field_n[key] += 1
                t.field_hits[key] += int(pred_value == gold_value)
    t.field_n["event_type"] += 1
    t.field_hits["event_type"] += int(p.event_type == g.event_type)
    t.field_n["quad_class"] += 1
    t.field_hits["quad_class"] += int(p.quad_class == g.quad_class)
    if g.date is not None:
        t.field_n["date"] += 1
        t.field_hits["date"] += int(date_matches(p.date, g.date))
    if g.modality is not None:
        t.field_n["modality"] += 1
        t.field_hits["modality"] += int(p.modality == g.modality)


def score_item(item: GoldItem, events: Sequence[EventRecord], perceptions: Sequence[PerceptionRecord],
               tallies: Sequence[Tally], errors: list[dict[str, Any]]) -> None:
    """Add one item's counts to every tally given (overall and its origin)."""
    if item.annotation == "complete":
        preds = [e for e in events if e.source.country and e.target.country]
    else:
        preds = [e for e in events if e.source.country or e.target.country]
    pairs = align(preds, item.events)
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for t in tallies:
        t.items += 1
        for i, j in pairs:
            if not item.events[j].optional:
                t.tp += 1
                _tally_fields(t, preds[i], item.events[j])
        t.fn += sum(1 for j, g in enumerate(item.events) if j not in matched_g and not g.optional)
        if item.annotation == "complete":
            t.fp += len(preds) - len(matched_p)
        elif preds and not pairs:
            t.fp += 1
    for j, g in enumerate(item.events):
        if j not in matched_g and not g.optional:
            errors.append({"item": item.id, "kind": "missed", "gold": asdict(g)})
    if item.annotation == "complete":
        for i, p in enumerate(preds):
            if i not in matched_p:
                errors.append({"item": item.id, "kind": "spurious", "predicted": {
                    "source": p.source.country, "target": p.target.country, "type": p.event_type,
                    "trigger": p.trigger, "modality": p.modality, "date": p.date}})
    if item.perceptions is None:
        return
    gold_p = list(item.perceptions)
    used: set[int] = set()
    hits = 0
    stance_hits = 0
    for perc in perceptions:
        for j, gp in enumerate(gold_p):
            if j in used:
                continue
            if perc.holder.country == gp.holder_country and perc.about.country == gp.about_country:
                used.add(j)
                hits += 1
                stance_hits += int(perc.stance == gp.stance)
                break
    for t in tallies:
        t.p_tp += hits
        t.p_fp += len(perceptions) - hits
        t.p_fn += len(gold_p) - hits
        t.stance_hits += stance_hits


def gold_article(item: GoldItem) -> Article:
    """The Article an item is coded as: its text, publication date, outlet and title."""
    published = dt.date.fromisoformat(item.published) if item.published else None
    return Article(id=article_id(item.text), text=item.text, raw=item.text, source=f"gold:{item.id}",
                   source_format="txt", title=item.title, outlet=item.outlet, published=published,
                   published_basis="source" if published else "unknown", language="en")


CodeFn = Callable[[list[Article]], Iterable[tuple[Sequence[EventRecord], Sequence[PerceptionRecord]]]]


def _default_code_fn(pack: str) -> CodeFn:
    from dyad.code.api import Coder  # imported lazily: loading spaCy is slow

    coder = Coder(pack)

    def run(articles: list[Article]) -> Iterable[tuple[Sequence[EventRecord], Sequence[PerceptionRecord]]]:
        for coded in coder.pipe(articles):
            yield coded.events, coded.perceptions

    return run


def evaluate(items: Sequence[GoldItem], *, pack: str = "jpn_kor", code_fn: CodeFn | None = None) -> EvalReport:
    """Code every gold item and score the output (see tests/data/gold/README.md for the rules)."""
    run = code_fn or _default_code_fn(pack)
    overall = Tally()
    by_origin: dict[str, Tally] = defaultdict(Tally)
    errors: list[dict[str, Any]] = []
    articles = [gold_article(item) for item in items]
    for item, (events, perceptions) in zip(items, run(articles), strict=True):
        score_item(item, events, perceptions, (overall, by_origin[item.origin]), errors)
    return EvalReport(overall, dict(by_origin), errors)
