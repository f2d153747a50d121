"""dyad.ontology: PLOVER event types with quad class, Goldstein-scale intensity and CAMEO export codes (data + loader)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import cast

import yaml

from dyad.records import QUAD_CLASSES, QuadClass


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad_class: QuadClass
    intensity: float
    cameo: str


@cache
def event_types() -> dict[str, EventType]:
    """The 16 PLOVER event types, keyed by name (AGREE … ASSAULT)."""
    data = yaml.safe_load(files("dyad.ontology").joinpath("plover.yaml").read_text(encoding="utf-8"))
    out: dict[str, EventType] = {}
    for name, spec in data["types"].items():
        quad = spec["quad_class"]
        if quad not in QUAD_CLASSES:
            raise ValueError(f"plover.yaml: {name} has unknown quad class {quad!r}")
        out[name] = EventType(name, cast(QuadClass, quad), float(spec["intensity"]), str(spec["cameo"]))
    return out


def event_type(name: str) -> EventType:
    """Look up one type by name; KeyError names the unknown type."""
    try:
        return event_types()[name.upper()]
    except KeyError:
        raise KeyError(f"unknown PLOVER event type {name!r}") from None


from dyad.ontology.lexicon import Lexicon, Sense, lexicon, modality_classes  # noqa: E402

__all__ = ["EventType", "Lexicon", "Sense", "event_type", "event_types", "lexicon", "modality_classes"]
