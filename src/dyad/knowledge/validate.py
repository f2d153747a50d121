"""Validation of a merged knowledge pack: vocabularies, dates, cross-references, overlapping terms and sources.

Codes: E202 schema (a value outside its vocabulary or format), E203 inconsistent facts (dates out of order,
overlapping terms, unknown or duplicate ids), E205 a fact without a source URL or checked date. Problems met while
reading files (missing columns, unparseable rows) come first, as the loader recorded them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dyad.errors import ErrorCode
from dyad.knowledge.dates import parse_day, precision_of
from dyad.knowledge.model import (
    ACTOR_KINDS,
    DATE_PRECISIONS,
    DRIVER_KINDS,
    DYAD_CODE,
    ISSUE_DOMAINS,
    OFFICES,
    PollPoint,
    Problem,
    Role,
)
from dyad.ontology import event_types

if TYPE_CHECKING:
    from dyad.knowledge.pack import KnowledgePack

ISO3 = re.compile(r"^[A-Z]{3}$")
ISO2 = re.compile(r"^[A-Z]{2}$")
ISSUE_ID = re.compile(r"^([a-z]+)\.[a-z0-9_]+$")
ACTOR_ID = re.compile(r"^[A-Z]{3}\.[A-Z]{3}\.[A-Z0-9_]+$")
URL = re.compile(r"^https?://\S+$")


def _at(where: str) -> tuple[str, int | None]:
    file, _, row = where.rpartition(":")
    if not file:
        return where, None
    return file, int(row) if row.isdigit() else None


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, code: ErrorCode, message: str) -> None:
        file, row = _at(where)
        self.problems.append(Problem(file, row, code, message))

    def sourced(self, where: str, url: str, checked: str, *, url_field: str = "source") -> None:
        if not url:
            self.add(where, ErrorCode.E205, f"no {url_field} (the URL where the fact was verified)")
        elif not URL.match(url):
            self.add(where, ErrorCode.E205, f"{url_field} is not an http(s) URL: {url!r}")
        if not checked:
            self.add(where, ErrorCode.E205, "no checked date")
        else:
            try:
                parse_day(checked)
            except ValueError:
                self.add(where, ErrorCode.E202, f"checked is not a YYYY-MM-DD date: {checked!r}")

    def duplicates(self, items: Iterable[tuple[str, str]], what: str) -> None:
        first: dict[str, str] = {}
        for ident, where in items:
            if ident in first:
                self.add(where, ErrorCode.E203, f"duplicate {what} {ident!r} (first at {first[ident]})")
            else:
                first[ident] = where

    def not_after_checked(self, where: str, day: dt.date, checked: str, *, what: str = "date") -> None:
        """A fact cannot begin after the day it was checked (that would be a prediction, not a fact)."""
        try:
            checked_day = parse_day(checked)
        except ValueError:
            return  # reported by sourced()
        if day > checked_day:
            self.add(where, ErrorCode.E203, f"{what} {day} is after the checked date {checked}")

    def dated(self, where: str, date: str, precision: str) -> None:
        if precision not in DATE_PRECISIONS:
            self.add(where, ErrorCode.E202,
                     f"date_precision must be one of {', '.join(DATE_PRECISIONS)}, not {precision!r}")
            return
        actual = precision_of(date)
        if actual is not None and actual != precision:
            self.add(where, ErrorCode.E202, f"date {date!r} is at {actual} precision, not {precision}")


def validate_pack(pack: KnowledgePack) -> list[Problem]:
    """Every problem of `pack` and the packs it extends, sorted by file and row."""
    out = _Collector()
    out.problems.extend(pack.load_problems)
    isos = {c.iso3 for c in pack.countries}
    actor_ids = {a.id for a in pack.actors}
    _check_meta(pack, isos, out)
    _check_countries(pack, out)
    _check_persons(pack, isos, out)
    _check_roles(pack, isos, out)
    _check_actors(pack, isos, actor_ids, out)
    _check_issues(pack, out)
    _check_chronology(pack, isos, actor_ids, out)
    _check_drivers(pack, isos, out)
    _check_polls(pack, out)
    return sorted(out.problems, key=lambda p: (p.file, p.row or 0))


def _check_meta(pack: KnowledgePack, isos: set[str], out: _Collector) -> None:
    where = f"{pack.path.name}/pack.yaml"
    for key in ("id", "name", "version"):
        if not pack.meta.get(key):
            out.add(where, ErrorCode.E202, f"pack.yaml has no {key}")
    dyad = pack.meta.get("dyad")
    if dyad is not None:
        if not isinstance(dyad, list) or len(dyad) != 2:
            out.add(where, ErrorCode.E202, "dyad must be a list of two ISO3 codes")
        else:
            for code in dyad:
                if isos and code not in isos:
                    out.add(where, ErrorCode.E203, f"dyad names unknown country {code!r}")


def _check_countries(pack: KnowledgePack, out: _Collector) -> None:
    for c in pack.countries:
        if not ISO3.match(c.iso3):
            out.add(c.where, ErrorCode.E202, f"iso3 must be three capital letters, not {c.iso3!r}")
        if c.iso2 and not ISO2.match(c.iso2):
            out.add(c.where, ErrorCode.E202, f"iso2 must be two capital letters, not {c.iso2!r}")
        out.sourced(c.where, c.source, c.checked)
    out.duplicates(((c.iso3, c.where) for c in pack.countries), "country")
    out.duplicates(((c.iso2, c.where) for c in pack.countries if c.iso2), "iso2 code")


def _check_persons(pack: KnowledgePack, isos: set[str], out: _Collector) -> None:
    for p in pack.persons:
        if not ACTOR_ID.match(p.person_id) or ".PER." not in p.person_id:
            out.add(p.where, ErrorCode.E202, f"person_id must look like JPN.PER.SURNAME_GIVEN, not {p.person_id!r}")
        if p.country not in isos:
            out.add(p.where, ErrorCode.E203, f"unknown country {p.country!r}")
        if p.qid and not re.match(r"^Q\d+$", p.qid):
            out.add(p.where, ErrorCode.E202, f"qid must look like Q123, not {p.qid!r}")
        out.sourced(p.where, p.source, p.checked)
    out.duplicates(((p.person_id, p.where) for p in pack.persons), "person_id")


def _check_roles(pack: KnowledgePack, isos: set[str], out: _Collector) -> None:
    for r in pack.roles:
        if r.office not in OFFICES:
            out.add(r.where, ErrorCode.E202, f"office must be one of {', '.join(OFFICES)}, not {r.office!r}")
        if r.country not in isos:
            out.add(r.where, ErrorCode.E203, f"unknown country {r.country!r}")
        if r.office == "ambassador":
            if r.posted_to not in isos:
                out.add(r.where, ErrorCode.E203, f"ambassador posted_to must be a known ISO3, not {r.posted_to!r}")
        elif r.posted_to:
            out.add(r.where, ErrorCode.E202, f"posted_to is only for ambassadors (office {r.office})")
        person = pack.person(r.person_id)
        if person is None:
            out.add(r.where, ErrorCode.E203, f"unknown person_id {r.person_id!r}")
        elif person.country != r.country:
            out.add(r.where, ErrorCode.E203,
                    f"{r.person_id} is a person of {person.country} but the {r.office} office is in {r.country}")
        out.not_after_checked(r.where, r.start, r.checked, what="start")
        if r.end is not None and r.end < r.start:
            out.add(r.where, ErrorCode.E203, f"end {r.end} is before start {r.start}")
        out.sourced(r.where, r.source, r.checked)
    groups: dict[tuple[str, str, str], list[Role]] = defaultdict(list)
    for r in pack.roles:
        groups[(r.country, r.office, r.posted_to)].append(r)
    for group in groups.values():
        group.sort(key=lambda r: r.start)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.end is not None and b.start >= a.end:
                    continue  # b starts on or after a's last day: a handover, not an overlap
                if b.start == a.start and a.end == b.end and a.person_id == b.person_id:
                    out.add(b.where, ErrorCode.E203, f"duplicate term of {b.person_id} ({a.where})")
                elif not (a.acting or b.acting):
                    out.add(b.where, ErrorCode.E203,
                            f"{b.office} term of {b.person_id} from {b.start} overlaps {a.person_id} "
                            f"({a.start}..{a.end or 'incumbent'}, {a.where}); mark one acting=true if both held it")


def _check_actors(pack: KnowledgePack, isos: set[str], actor_ids: set[str], out: _Collector) -> None:
    for a in pack.actors:
        if not ACTOR_ID.match(a.id):
            out.add(a.where, ErrorCode.E202, f"id must look like KOR.JUD.SUPREME_COURT, not {a.id!r}")
        if a.kind not in ACTOR_KINDS:
            out.add(a.where, ErrorCode.E202, f"kind must be one of {', '.join(ACTOR_KINDS)}, not {a.kind!r}")
        if a.country:
            if a.country not in isos:
                out.add(a.where, ErrorCode.E203, f"unknown country {a.country!r}")
            elif ACTOR_ID.match(a.id) and a.kind != "igo" and not a.id.startswith(a.country + "."):
                out.add(a.where, ErrorCode.E203, f"id {a.id!r} does not start with its country {a.country}")
        elif a.kind != "igo":
            out.add(a.where, ErrorCode.E202, "country is required (only an igo may have none)")
        if a.parent and a.parent not in actor_ids:
            out.add(a.where, ErrorCode.E203, f"unknown parent {a.parent!r}")
        if a.parent == a.id:
            out.add(a.where, ErrorCode.E203, "actor is its own parent")
        if a.qid and not re.match(r"^Q\d+$", a.qid):
            out.add(a.where, ErrorCode.E202, f"qid must look like Q123, not {a.qid!r}")
        out.sourced(a.where, a.source, a.checked)
    out.duplicates(((a.id, a.where) for a in pack.actors), "actor id")


def _check_issues(pack: KnowledgePack, out: _Collector) -> None:
    for i in pack.issues:
        match = ISSUE_ID.match(i.id)
        if not match:
            out.add(i.where, ErrorCode.E202, f"id must look like history.comfort_women, not {i.id!r}")
        elif match.group(1) != i.domain:
            out.add(i.where, ErrorCode.E202, f"domain {i.domain!r} does not match the id prefix {match.group(1)!r}")
        if i.domain not in ISSUE_DOMAINS:
            out.add(i.where, ErrorCode.E202, f"domain must be one of {', '.join(ISSUE_DOMAINS)}, not {i.domain!r}")
        if not i.description:
            out.add(i.where, ErrorCode.E202, "no description")
        out.sourced(i.where, i.source, i.checked)
    out.duplicates(((i.id, i.where) for i in pack.issues), "issue id")


def _check_chronology(pack: KnowledgePack, isos: set[str], actor_ids: set[str], out: _Collector) -> None:
    types = event_types()
    issue_ids = {i.id for i in pack.issues}
    for e in pack.chronology:
        out.dated(e.where, e.date, e.date_precision)
        for side, value in (("source", e.source), ("target", e.target)):
            if value not in isos and value not in actor_ids and value != DYAD_CODE:
                out.add(e.where, ErrorCode.E203, f"{side} {value!r} is neither a known ISO3 nor an actor id")
        spec = types.get(e.event_type)
        if spec is None:
            out.add(e.where, ErrorCode.E202, f"event_type {e.event_type!r} is not a PLOVER type")
        elif e.quad_class != spec.quad_class:
            out.add(e.where, ErrorCode.E203,
                    f"quad_class {e.quad_class!r} does not match {e.event_type} ({spec.quad_class})")
        for issue in e.issues:
            if issue not in issue_ids:
                out.add(e.where, ErrorCode.E203, f"unknown issue id {issue!r}")
        out.sourced(e.where, e.source_url, e.checked, url_field="source_url")
        out.not_after_checked(e.where, e.first_day, e.checked)
    out.duplicates(((e.id, e.where) for e in pack.chronology), "chronology id")


def _check_drivers(pack: KnowledgePack, isos: set[str], out: _Collector) -> None:
    for d in pack.drivers:
        out.dated(d.where, d.date, d.date_precision)
        if d.kind not in DRIVER_KINDS:
            out.add(d.where, ErrorCode.E202, f"kind must be one of {', '.join(DRIVER_KINDS)}, not {d.kind!r}")
        if d.country not in isos:
            out.add(d.where, ErrorCode.E203, f"unknown country {d.country!r}")
        out.sourced(d.where, d.source_url, d.checked, url_field="source_url")
        out.not_after_checked(d.where, d.first_day, d.checked)
    out.duplicates(((d.id, d.where) for d in pack.drivers), "driver id")


def _check_polls(pack: KnowledgePack, out: _Collector) -> None:
    seen: dict[PollPoint, str] = {}
    for p in pack.polls:
        if not 0.0 <= p.value_pct <= 100.0:
            out.add(p.where, ErrorCode.E202, f"value_pct {p.value_pct} is not a percentage")
        if not 1900 <= p.survey_year <= 2100:
            out.add(p.where, ErrorCode.E202, f"survey_year {p.survey_year} is not plausible")
        out.sourced(p.where, p.source_url, p.checked, url_field="source_url")
        if p in seen:
            out.add(p.where, ErrorCode.E203, f"duplicate poll row (first at {seen[p]})")
        else:
            seen[p] = p.where
