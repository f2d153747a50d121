"""Hand-made events for the measure and present tests (imported as `measure_helpers`)."""

from __future__ import annotations

from typing import Any

from dyad.ontology import event_type
from dyad.records import ActorRef, EventRecord


def ev(article: str, sentence: str, date: str | None, etype: str, *, source: str = "JPN", target: str = "KOR",
       issues: tuple[str, ...] = (), modality: str = "occurred", precision: str | None = None,
       intensity: float | None = None, start: int = 0) -> EventRecord:
    """One event as the coder would write it; precision follows the date's shape unless given."""
    t = event_type(etype)
    if precision is None:
        precision = {None: "unknown", 1: "year", 2: "month", 3: "day"}[None if date is None else len(date.split("-"))]
    kw: dict[str, Any] = {"modality": modality, "date_precision": precision}
    return EventRecord(
        article=article, sentence=sentence, start=start, end=start + len(sentence),
        source=ActorRef(text=source, country=source), target=ActorRef(text=target, country=target),
        event_type=t.name, quad_class=t.quad_class, intensity=t.intensity if intensity is None else intensity,
        date=date, date_basis="explicit" if date else "none", issues=issues, **kw)
