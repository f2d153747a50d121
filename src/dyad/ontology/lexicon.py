"""The event lexicon (lexicon.yaml) and the modality word classes (modality.yaml), loaded once and validated."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from dyad.records import QUAD_CLASSES


@dataclass(frozen=True, slots=True)
class Sense:
    """One reading of a trigger word: its PLOVER type and the constraints under which it applies."""

    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    prt: tuple[str, ...] = ()
    obj: tuple[str, ...] = ()
    obj_type: tuple[str, ...] = ()
    obj_actor: bool = False
    xcomp: bool = False
    xcomp_type: tuple[str, ...] = ()
    mod: tuple[str, ...] = ()
    civic: str | None = None
    symmetric: bool = False

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.prt, self.obj, self.obj_type, self.obj_actor, self.xcomp,
                                     self.xcomp_type, self.mod))


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    light_verbs: frozenset[str]
    inverse_light_verbs: frozenset[str] = frozenset()
    willingness: frozenset[str] = frozenset()
    demand_reporting: frozenset[str] = frozenset()
    obligation: frozenset[str] = frozenset()


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _senses(where: str, lemma: str, raw: Any, known: set[str]) -> tuple[Sense, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"lexicon.yaml {where}.{lemma}: expected a non-empty list of senses")
    out = []
    for spec in raw:
        etype = str(spec.get("type", "")).upper()
        if etype not in known:
            raise ValueError(f"lexicon.yaml {where}.{lemma}: unknown event type {etype!r}")
        civic = spec.get("civic")
        if civic is not None and civic.upper() not in known:
            raise ValueError(f"lexicon.yaml {where}.{lemma}: unknown civic type {civic!r}")
        xtypes = _tuple(spec.get("xcomp_type"))
        if any(x not in QUAD_CLASSES for x in xtypes):
            raise ValueError(f"lexicon.yaml {where}.{lemma}: xcomp_type must list quad classes")
        otypes = tuple(t.upper() for t in _tuple(spec.get("obj_type")))
        if any(t not in known for t in otypes):
            raise ValueError(f"lexicon.yaml {where}.{lemma}: unknown obj_type in {otypes}")
        out.append(Sense(
            type=etype, mode=spec.get("mode"), context=_tuple(spec.get("context")), prt=_tuple(spec.get("prt")),
            obj=_tuple(spec.get("obj")), obj_type=otypes, obj_actor=bool(spec.get("obj_actor", False)),
            xcomp=bool(spec.get("xcomp", False)), xcomp_type=xtypes, mod=_tuple(spec.get("mod")),
            civic=civic.upper() if civic else None, symmetric=bool(spec.get("symmetric", False)),
        ))
    # most specific first, so a constrained sense ("call for") beats the bare one
    return tuple(sorted(out, key=lambda s: -s.specificity))


@cache
def lexicon() -> Lexicon:
    """The verb and noun trigger lexicon, validated against the 16 PLOVER types."""
    from dyad.ontology import event_types

    known = set(event_types())
    data = yaml.safe_load(files("dyad.ontology").joinpath("lexicon.yaml").read_text(encoding="utf-8"))
    verbs = {str(k): _senses("verbs", str(k), v, known) for k, v in (data.get("verbs") or {}).items()}
    nouns = {str(k): _senses("nouns", str(k), v, known) for k, v in (data.get("nouns") or {}).items()}
    return Lexicon(verbs=verbs, nouns=nouns, light_verbs=frozenset(_tuple(data.get("light_verbs"))),
                   inverse_light_verbs=frozenset(_tuple(data.get("inverse_light_verbs"))),
                   willingness=frozenset(_tuple(data.get("willingness"))),
                   demand_reporting=frozenset(_tuple(data.get("demand_reporting"))),
                   obligation=frozenset(_tuple(data.get("obligation"))))


@cache
def modality_classes() -> dict[str, frozenset[str]]:
    """Word classes for the modality rules: negative_implicative, planned, predicted, hypothetical, … ."""
    data = yaml.safe_load(files("dyad.ontology").joinpath("modality.yaml").read_text(encoding="utf-8"))
    return {str(k): frozenset(str(x) for x in v) for k, v in data.items() if isinstance(v, list)}


__all__ = ["Lexicon", "Sense", "lexicon", "modality_classes"]
