"""dyad.evaluation: gold data, scoring of the event coder, and the evaluation gate with pinned floors."""

from dyad.evaluation.gate import Floors, check, metric, pin
from dyad.evaluation.gold import GoldEvent, GoldItem, GoldPerception, gold_digest, load_gold
from dyad.evaluation.score import EvalReport, Tally, date_matches, evaluate

__all__ = [
    "EvalReport", "Floors", "GoldEvent", "GoldItem", "GoldPerception", "Tally", "check", "date_matches",
    "evaluate", "gold_digest", "load_gold", "metric", "pin",
]
