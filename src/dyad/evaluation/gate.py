"""The evaluation gate: pinned floors that a change may raise but never silently lower.

`floors.json` records the SHA-256 of the gold files it was measured on. When the gold changes, or a score falls
below its floor, the gate fails; re-pinning lower needs `allow_lower=True` (`dyad eval --pin … --allow-lower`),
an explicit, reviewable act.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.errors import CoderError, ErrorCode
from dyad.evaluation.score import EvalReport

# metric name -> how to read it from a report's overall tally
METRICS: dict[str, str] = {
    "event_f1": "f1",
    "event_precision": "precision",
    "event_recall": "recall",
    "date_accuracy": "accuracy.date",
    "country_accuracy": "accuracy.country",
    "modality_accuracy": "accuracy.modality",
    "type_accuracy": "accuracy.event_type",
    "perception_precision": "perception.precision",
    "perception_recall": "perception.recall",
}


def metric(report: EvalReport, name: str) -> float:
    value: Any = report.overall.as_dict()
    for part in METRICS[name].split("."):
        value = value[part]
    return float(value or 0.0)


@dataclass(frozen=True, slots=True)
class Floors:
    gold_sha256: str
    floors: dict[str, float]

    @classmethod
    def read(cls, path: str | Path) -> Floors:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(str(data["gold_sha256"]), {k: float(v) for k, v in data["floors"].items()})
        except (OSError, KeyError, ValueError, TypeError) as exc:
            raise CoderError(ErrorCode.E302, where=str(path), detail=f"bad floors file: {exc}") from exc

    def write(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps({"gold_sha256": self.gold_sha256, "floors": dict(sorted(
            self.floors.items()))}, indent=2) + "\n", encoding="utf-8")


def check(report: EvalReport, floors: Floors, *, gold_sha256: str) -> list[str]:
    """Every way the report falls short of the floors, as readable lines; empty when the gate passes."""
    problems = []
    if gold_sha256 != floors.gold_sha256:
        problems.append(f"gold files changed (sha256 {gold_sha256[:12]}… != pinned {floors.gold_sha256[:12]}…): "
                        "re-pin the floors explicitly")
    for name, floor in sorted(floors.floors.items()):
        value = metric(report, name)
        if value + 1e-9 < floor:
            problems.append(f"{name} {value:.3f} is below its floor {floor:.3f}")
    return problems


def pin(report: EvalReport, path: str | Path, *, gold_sha256: str, allow_lower: bool = False,
        names: tuple[str, ...] = tuple(METRICS)) -> Floors:
    """Write floors at the measured values (rounded down to 0.01). Lowering an existing floor needs allow_lower."""
    path = Path(path)
    old = Floors.read(path) if path.exists() else None
    new = {name: int(metric(report, name) * 100) / 100 for name in names}
    if old and not allow_lower:
        lowered = [f"{k}: {old.floors[k]:.2f} -> {v:.2f}" for k, v in new.items()
                   if k in old.floors and v < old.floors[k]]
        if lowered:
            raise CoderError(ErrorCode.E303, where=str(path),
                             detail="refusing to lower floors without --allow-lower: " + "; ".join(lowered))
        new = {k: max(v, old.floors.get(k, 0.0)) for k, v in new.items()}
    floors = Floors(gold_sha256, new)
    floors.write(path)
    return floors
