"""Gold data for evaluating the coder: loading, validating and fingerprinting (format: docs/contracts.md)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dyad.errors import CoderError, ErrorCode
from dyad.ontology import event_types
from dyad.records import MODALITIES, date_bounds


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source_country: str | None
    target_country: str | None
    event_type: str
    quad_class: str
    date: str | None = None
    modality: str | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldPerception:
    holder_country: str | None
    about_country: str | None
    stance: str | None


@dataclass(frozen=True, slots=True)
class GoldItem:
    id: str
    text: str
    published: str | None
    origin: str
    annotation: Literal["complete", "primary"]
    events: tuple[GoldEvent, ...]
    perceptions: tuple[GoldPerception, ...] | None  # None: perceptions not annotated
    outlet: str | None = None
    title: str | None = None


def _files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.glob("*.jsonl")))
        else:
            out.append(p)
    return out


def _event(raw: dict[str, Any], where: str) -> GoldEvent:
    types = event_types()
    etype = raw.get("event_type")
    if etype not in types:
        raise CoderError(ErrorCode.E302, where=where, detail=f"unknown event_type {etype!r}")
    if raw.get("modality") is not None and raw["modality"] not in MODALITIES:
        raise CoderError(ErrorCode.E302, where=where, detail=f"unknown modality {raw['modality']!r}")
    if raw.get("date") is not None:
        try:
            date_bounds(raw["date"])
        except ValueError as exc:
            raise CoderError(ErrorCode.E302, where=where, detail=f"bad date {raw['date']!r}") from exc
    quad = raw.get("quad_class") or types[etype].quad_class
    return GoldEvent(raw.get("source_country"), raw.get("target_country"), etype, quad, raw.get("date"),
                     raw.get("modality"), bool(raw.get("optional", False)))


def load_gold(paths: Iterable[str | Path]) -> list[GoldItem]:
    """Read gold items from JSONL files or directories of them; a bad line is an E302 error naming file and line."""
    items: list[GoldItem] = []
    seen: set[str] = set()
    for path in _files(paths):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CoderError(ErrorCode.E302, where=str(path), detail=str(exc)) from exc
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                raw = json.loads(line)
                annotation = raw.get("annotation", "complete")
                if annotation not in ("complete", "primary"):
                    raise CoderError(ErrorCode.E302, where=where, detail=f"bad annotation {annotation!r}")
                perceptions = raw.get("perceptions")
                item = GoldItem(
                    id=str(raw["id"]), text=str(raw["text"]), published=raw.get("published"),
                    origin=str(raw.get("origin", "unknown")), annotation=annotation,
                    events=tuple(_event(e, where) for e in raw.get("events") or []),
                    perceptions=None if perceptions is None else tuple(
                        GoldPerception(p.get("holder_country"), p.get("about_country"), p.get("stance"))
                        for p in perceptions),
                    outlet=raw.get("outlet"), title=raw.get("title"),
                )
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
                raise CoderError(ErrorCode.E302, where=where, detail=f"{type(exc).__name__}: {exc}") from exc
            if item.id in seen:
                raise CoderError(ErrorCode.E302, where=where, detail=f"duplicate id {item.id!r}")
            seen.add(item.id)
            items.append(item)
    if not items:
        raise CoderError(ErrorCode.E302, where=", ".join(map(str, paths)), detail="no gold items found")
    return items


def gold_digest(paths: Iterable[str | Path]) -> str:
    """SHA-256 over the gold files' names and bytes, so a gate knows when its inputs changed."""
    h = hashlib.sha256()
    for path in sorted(_files(paths), key=lambda p: p.name):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()
