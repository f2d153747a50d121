"""Typed listing functions over a pack: what `dyad knowledge ...` prints, usable from Python the same way.

Each function takes the pack (a name, a path or a loaded KnowledgePack) and keyword-only filters, and returns
records; `as_row()` turns any record into the flat dict the CLI writes as JSON lines, CSV or a table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from pathlib import Path
from typing import Any

from dyad.errors import ErrorCode, UsageError
from dyad.knowledge.model import (
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
from dyad.knowledge.pack import KnowledgePack, load_pack
from dyad.records import date_bounds

PackLike = str | Path | KnowledgePack


def _pack(pack: PackLike) -> KnowledgePack:
    return pack if isinstance(pack, KnowledgePack) else load_pack(pack)


def date_range(value: str | None, *, end: bool) -> dt.date | None:
    """A filter bound from an ISO date at any precision: `2019` -> 2019-01-01 (or 2019-12-31 when `end`)."""
    if value is None or value == "":
        return None
    try:
        bounds = date_bounds(value)
    except (ValueError, IndexError):
        raise UsageError(ErrorCode.E002, value=value) from None
    assert bounds is not None
    return bounds[1] if end else bounds[0]


def list_roles(pack: PackLike, *, country: str | None = None, office: str | None = None,
               at: dt.date | None = None, person: str | None = None) -> list[Role]:
    """Roles, optionally only of one country/office/person, or only those active on `at`; by start date."""
    kp = _pack(pack)
    rows = [
        r for r in kp.roles
        if (country is None or r.country == country.upper())
        and (office is None or r.office == office)
        and (person is None or r.person_id == person)
        and (at is None or r.active_on(at))
    ]
    return sorted(rows, key=lambda r: (r.start, r.country, r.office))


def list_events(pack: PackLike, *, date_from: str | None = None, date_to: str | None = None,
                issue: str | None = None, country: str | None = None,
                event_type: str | None = None) -> list[ChronologyEvent]:
    """Reference chronology events overlapping [date_from, date_to] (ISO at any precision), optionally only one
    issue (an id, or a domain such as `history`), one country (as source or target) or one PLOVER type."""
    kp = _pack(pack)
    lo, hi = date_range(date_from, end=False), date_range(date_to, end=True)
    out: list[ChronologyEvent] = []
    for e in kp.chronology:
        if lo is not None and e.last_day < lo:
            continue
        if hi is not None and e.first_day > hi:
            continue
        if issue is not None and not any(i == issue or i.startswith(issue + ".") for i in e.issues):
            continue
        if country is not None and country.upper() not in (_country_of(kp, e.source), _country_of(kp, e.target)):
            continue
        if event_type is not None and e.event_type != event_type.upper():
            continue
        out.append(e)
    return out


def _country_of(pack: KnowledgePack, ident: str) -> str:
    actor = pack.actor(ident)
    return actor.country if actor is not None else ident


def list_issues(pack: PackLike, *, domain: str | None = None) -> list[Issue]:
    return [i for i in _pack(pack).issues if domain is None or i.domain == domain]


def list_actors(pack: PackLike, *, country: str | None = None, kind: str | None = None,
                name: str | None = None) -> list[Actor]:
    """Actors, optionally of one country or kind, or whose name/aliases contain `name` (case-insensitive)."""
    needle = name.casefold() if name else None
    return [
        a for a in _pack(pack).actors
        if (country is None or a.country == country.upper())
        and (kind is None or a.kind == kind)
        and (needle is None or any(needle in alias.casefold() for alias in a.all_aliases()))
    ]


def list_drivers(pack: PackLike, *, date_from: str | None = None, date_to: str | None = None,
                 kind: str | None = None, country: str | None = None) -> list[Driver]:
    kp = _pack(pack)
    lo, hi = date_range(date_from, end=False), date_range(date_to, end=True)
    return [
        d for d in kp.drivers
        if (lo is None or d.last_day >= lo) and (hi is None or d.first_day <= hi)
        and (kind is None or d.kind == kind) and (country is None or d.country == country.upper())
    ]


def list_polls(pack: PackLike, *, series: str | None = None, respondents: str | None = None,
               year_from: int | None = None, year_to: int | None = None) -> list[PollPoint]:
    return sorted(
        (p for p in _pack(pack).polls
         if (series is None or series.casefold() in p.series.casefold())
         and (respondents is None or respondents.casefold() in p.respondents.casefold())
         and (year_from is None or p.survey_year >= year_from)
         and (year_to is None or p.survey_year <= year_to)),
        key=lambda p: (p.series, p.survey_year, p.respondents, p.measure),
    )


def check_pack(pack: str | Path) -> list[Problem]:
    """Load the pack afresh (not from the cache) and return every problem of it and what it extends."""
    from dyad.knowledge.pack import clear_cache

    clear_cache()
    return load_pack(pack).validate()


Record = Country | Person | Role | Actor | Issue | ChronologyEvent | Driver | PollPoint


def as_row(record: Record, pack: KnowledgePack | None = None) -> dict[str, Any]:
    """A flat JSON-ready dict of a record. Roles use the contract's CLI names (person, office, country, start,
    end, source, acting, posted_to) and gain the person's name when `pack` is given; lists stay lists; dates
    become ISO text; `where` ("pack/file:row") is kept last."""
    if isinstance(record, Role):
        person = pack.person(record.person_id) if pack is not None else None
        return {
            "person": record.person_id, "name": person.name if person else None, "office": record.office,
            "country": record.country, "posted_to": record.posted_to or None, "start": record.start.isoformat(),
            "end": record.end.isoformat() if record.end else None, "acting": record.acting,
            "note": record.note, "source": record.source, "checked": record.checked, "where": record.where,
        }
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, dict):
            value = {k: list(v) for k, v in value.items()}
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[f.name] = value
    return out
