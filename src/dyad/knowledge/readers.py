"""Read one pack folder's files into records, collecting schema problems instead of stopping at the first.

A row that cannot become a record (a missing required field, a date that is not a date) is reported as an E202
problem and left out; everything else is kept, so `dyad knowledge check` can list every problem in one run.
Vocabulary and cross-reference checks live in `validate.py`; this module only checks what it needs to build
the records.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from dyad.errors import ErrorCode
from dyad.knowledge.dates import parse_day, precision_of
from dyad.knowledge.model import (
    ALIAS_LANGUAGES,
    Actor,
    ChronologyEvent,
    Country,
    Driver,
    Issue,
    Person,
    PollPoint,
    Problem,
    Role,
)

T = TypeVar("T")

PERSON_COLUMNS = ("person_id", "name", "country", "aliases", "qid", "source", "checked")
ROLE_COLUMNS = ("person_id", "office", "country", "posted_to", "start", "end", "acting", "note", "source", "checked")
CHRONOLOGY_COLUMNS = ("id", "date", "date_precision", "source", "target", "event_type", "quad_class", "issues",
                      "description", "source_url", "checked")
DRIVER_COLUMNS = ("id", "date", "date_precision", "kind", "country", "description", "source_url", "checked")
POLL_COLUMNS = ("series", "survey_year", "fieldwork", "respondents", "measure", "value_pct", "derivation",
                "source_url", "source_note", "checked")
LINE_KEY = "__line__"


@dataclass
class Layer:
    """The records of ONE pack folder (without what it extends) and the problems met reading it."""

    pack_id: str
    path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    countries: list[Country] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    chronology: list[ChronologyEvent] = field(default_factory=list)
    drivers: list[Driver] = field(default_factory=list)
    polls: list[PollPoint] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _RowError(ValueError):
    """A row that cannot become a record; the message says why."""


_BaseSafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built


class _LineLoader(_BaseSafeLoader):  # type: ignore[valid-type,misc]
    """A safe YAML loader that records the 1-based line of every mapping under `__line__`."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_layer(path: Path, pack_id: str) -> Layer:
    """Every file of the pack folder `path`. Absent files are fine; `pack.yaml` is read by the caller."""
    layer = Layer(pack_id=pack_id, path=path)
    for file in sorted(path.glob("countries*.yaml")):
        layer.countries += _read_yaml_list(layer, file, _country)
    for file in sorted(path.glob("actors*.yaml")):
        layer.actors += _read_yaml_list(layer, file, _actor)
    for file in sorted(path.glob("issues*.yaml")):
        layer.issues += _read_yaml_list(layer, file, _issue)
    for file in sorted(path.glob("persons*.csv")):
        layer.persons += _read_csv(layer, file, PERSON_COLUMNS, _person)
    for file in sorted(path.glob("roles*.csv")):
        layer.roles += _read_csv(layer, file, ROLE_COLUMNS, _role)
    for file in sorted(path.glob("chronology*.csv")):
        layer.chronology += _read_csv(layer, file, CHRONOLOGY_COLUMNS, _chronology)
    for file in sorted(path.glob("drivers*.csv")):
        layer.drivers += _read_csv(layer, file, DRIVER_COLUMNS, _driver)
    for file in sorted(path.glob("polls*.csv")):
        layer.polls += _read_csv(layer, file, POLL_COLUMNS, _poll)
    return layer


def read_yaml_file(path: Path) -> Any:
    """Parse a YAML file with line numbers on mappings (raises yaml.YAMLError / OSError)."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LineLoader)  # a SafeLoader subclass: safe


def strip_lines(value: Any) -> Any:
    """A YAML value without the `__line__` keys this module adds."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def _rel(layer: Layer, file: Path) -> str:
    return f"{layer.pack_id}/{file.name}"


# --- CSV --------------------------------------------------------------------------------------------------------

def _csv_rows(file: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with file.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        line = 1
        for row in reader:
            yield line + 1, row
            line = reader.line_num


def _read_csv(layer: Layer, file: Path, columns: tuple[str, ...],
              build: Callable[[dict[str, str], str], T]) -> list[T]:
    rel = _rel(layer, file)
    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError) as exc:
        layer.problems.append(Problem(rel, None, ErrorCode.E202, f"cannot read file: {exc}"))
        return []
    missing = [c for c in columns if c not in header]
    if missing:
        layer.problems.append(Problem(rel, 1, ErrorCode.E202, f"missing columns: {', '.join(missing)}"))
        return []
    out: list[T] = []
    try:
        for line, row in _csv_rows(file):
            if None in row or any(v is None for v in row.values()):
                layer.problems.append(Problem(rel, line, ErrorCode.E202,
                                              f"row has {_width(row)} cells, header has {len(header)}"))
                continue
            cells = {k: (v or "").strip() for k, v in row.items()}
            if not any(cells.values()):
                continue
            try:
                out.append(build(cells, f"{rel}:{line}"))
            except _RowError as exc:
                layer.problems.append(Problem(rel, line, ErrorCode.E202, str(exc)))
    except (csv.Error, UnicodeDecodeError) as exc:
        layer.problems.append(Problem(rel, None, ErrorCode.E202, f"malformed CSV: {exc}"))
    return out


def _width(row: dict[Any, Any]) -> int:
    extra = row.get(None) or []
    return sum(1 for k, v in row.items() if k is not None and v is not None) + len(extra)


def _required(cells: dict[str, str], *names: str) -> None:
    empty = [n for n in names if not cells.get(n)]
    if empty:
        raise _RowError(f"empty required field: {', '.join(empty)}")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _day(cells: dict[str, str], name: str) -> dt.date:
    try:
        return parse_day(cells[name])
    except ValueError:
        raise _RowError(f"{name} is not a YYYY-MM-DD date: {cells[name]!r}") from None


def _iso_point(cells: dict[str, str], name: str) -> str:
    value = cells[name]
    if precision_of(value) is None:
        raise _RowError(f"{name} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    return value


def _person(c: dict[str, str], where: str) -> Person:
    _required(c, "person_id", "name", "country")
    return Person(c["person_id"], c["name"], c["country"], _split(c["aliases"]), c["qid"], c["source"],
                  c["checked"], where)


def _role(c: dict[str, str], where: str) -> Role:
    _required(c, "person_id", "office", "country", "start")
    acting = c["acting"].lower()
    if acting not in ("true", "false", ""):
        raise _RowError(f"acting must be true or false, not {c['acting']!r}")
    end = _day(c, "end") if c["end"] else None
    return Role(c["person_id"], c["office"], c["country"], _day(c, "start"), end, c["posted_to"], acting == "true",
                c["note"], c["source"], c["checked"], where)


def _chronology(c: dict[str, str], where: str) -> ChronologyEvent:
    _required(c, "id", "date", "source", "target", "event_type")
    return ChronologyEvent(c["id"], _iso_point(c, "date"), c["date_precision"], c["source"], c["target"],
                           c["event_type"], c["quad_class"], _split(c["issues"]), c["description"],
                           c["source_url"], c["checked"], where)


def _driver(c: dict[str, str], where: str) -> Driver:
    _required(c, "id", "date", "kind")
    return Driver(c["id"], _iso_point(c, "date"), c["date_precision"], c["kind"], c["country"], c["description"],
                  c["source_url"], c["checked"], where)


def _poll(c: dict[str, str], where: str) -> PollPoint:
    _required(c, "series", "survey_year", "respondents", "measure", "value_pct")
    try:
        year = int(c["survey_year"])
    except ValueError:
        raise _RowError(f"survey_year is not a year: {c['survey_year']!r}") from None
    try:
        value = float(c["value_pct"])
    except ValueError:
        raise _RowError(f"value_pct is not a number: {c['value_pct']!r}") from None
    return PollPoint(c["series"], year, c["fieldwork"], c["respondents"], c["measure"], value, c["derivation"],
                     c["source_url"], c["source_note"], c["checked"], where)


# --- YAML -------------------------------------------------------------------------------------------------------

def _read_yaml_list(layer: Layer, file: Path, build: Callable[[dict[str, Any], str], T]) -> list[T]:
    """A YAML file holding a list of mappings, or a mapping whose single list value holds them."""
    rel = _rel(layer, file)
    try:
        data = read_yaml_file(file)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        layer.problems.append(Problem(rel, None, ErrorCode.E202, f"cannot parse YAML: {exc}"))
        return []
    defaults: dict[str, Any] = {}
    if isinstance(data, dict):  # a mapping: file-level `source`/`checked` defaults and one list of entries
        defaults = {k: data[k] for k in ("source", "checked") if k in data}
        lists = [v for k, v in data.items() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else None
    if data is None:
        return []
    if not isinstance(data, list):
        layer.problems.append(Problem(rel, None, ErrorCode.E202, "expected a list of entries"))
        return []
    out: list[T] = []
    for index, item in enumerate(data, 1):
        line = item.get(LINE_KEY, index) if isinstance(item, dict) else index
        if not isinstance(item, dict):
            layer.problems.append(Problem(rel, line, ErrorCode.E202, "entry is not a mapping"))
            continue
        try:
            out.append(build({**defaults, **item}, f"{rel}:{line}"))
        except _RowError as exc:
            layer.problems.append(Problem(rel, line, ErrorCode.E202, str(exc)))
    return out


def _text(item: dict[str, Any], name: str, *, required: bool = False) -> str:
    value = item.get(name)
    if value is None or value == "":
        if required:
            raise _RowError(f"missing required field: {name}")
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()  # YAML reads an unquoted 2026-11-23 as a date
    if not isinstance(value, str | int | float):
        raise _RowError(f"{name} must be text, not {type(value).__name__}")
    return str(value)


def _text_list(item: dict[str, Any], name: str) -> tuple[str, ...]:
    value = item.get(name)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise _RowError(f"{name} must be a list of text")
    return tuple(str(v) for v in value)


def _aliases(item: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    value = item.get("aliases")
    if value is None:
        return {}
    if isinstance(value, list):  # a flat list is taken as English
        return {"en": _text_list(item, "aliases")}
    if not isinstance(value, dict):
        raise _RowError("aliases must be a mapping of language -> list")
    out: dict[str, tuple[str, ...]] = {}
    for lang, names in value.items():
        if lang == LINE_KEY:
            continue
        if lang not in ALIAS_LANGUAGES:
            raise _RowError(f"aliases language must be one of {', '.join(ALIAS_LANGUAGES)}, not {lang!r}")
        out[lang] = _text_list({"x": names}, "x")
    return out


def _country(item: dict[str, Any], where: str) -> Country:
    return Country(
        iso3=_text(item, "iso3", required=True), iso2=_text(item, "iso2"), name=_text(item, "name", required=True),
        aliases=_text_list(item, "aliases"), demonyms=_text_list(item, "demonyms"), capital=_text(item, "capital"),
        metonyms=_text_list(item, "metonyms"), note=_text(item, "note"), source=_text(item, "source"),
        checked=_text(item, "checked"), where=where,
    )


def _actor(item: dict[str, Any], where: str) -> Actor:
    return Actor(
        id=_text(item, "id", required=True), name=_text(item, "name", required=True), country=_text(item, "country"),
        kind=_text(item, "kind", required=True), aliases=_aliases(item), qid=_text(item, "qid"),
        parent=_text(item, "parent"), note=_text(item, "note"), source=_text(item, "source"),
        checked=_text(item, "checked"), where=where,
    )


def _issue(item: dict[str, Any], where: str) -> Issue:
    return Issue(
        id=_text(item, "id", required=True), label=_text(item, "label", required=True),
        domain=_text(item, "domain"), description=_text(item, "description"), aliases=_aliases(item),
        keywords=_text_list(item, "keywords"), source=_text(item, "source"), checked=_text(item, "checked"),
        where=where,
    )
