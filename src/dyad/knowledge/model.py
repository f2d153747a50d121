"""The records a knowledge pack holds: frozen dataclasses, one per pack file, plus the vocabularies they use.

Field names follow the column names of docs/contracts.md. Every record keeps `where` ("roles.csv:12"), the file and
row it came from, so validation problems and CLI output can point back at the data; `where` takes no part in
equality or hashing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from dyad.errors import ErrorCode
from dyad.records import date_bounds

OFFICES: tuple[str, ...] = (
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister", "chief_cabinet_secretary",
    "chief_of_staff", "ambassador", "unification_minister", "national_security_adviser", "supreme_leader",
)
ACTOR_KINDS: tuple[str, ...] = (
    "state", "government", "legislature", "judiciary", "military", "party", "business", "civic", "media", "igo",
    "person",
)
ISSUE_DOMAINS: tuple[str, ...] = ("history", "territory", "security", "economy", "diplomacy", "society")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
DRIVER_KINDS: tuple[str, ...] = (
    "leadership_change", "election", "nk_nuclear_test", "nk_missile_over_japan", "nk_missile_test",
    "us_trilateral_summit", "court_ruling", "other",
)
ALIAS_LANGUAGES: tuple[str, ...] = ("en", "ja", "ko", "zh")  # zh: added for the jpn_chn pack
DYAD_CODE = "DYAD"  # the pseudo-country meaning "both sides of the dyad" (joint acts, "the two countries")


@dataclass(frozen=True, slots=True)
class Country:
    """A state: ISO codes, names the press uses, demonyms, capital and metonyms for its government."""

    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str = ""
    metonyms: tuple[str, ...] = ()
    note: str = ""
    source: str = ""
    checked: str = ""
    where: str = field(default="", compare=False, hash=False)

    @property
    def id(self) -> str:
        return self.iso3

    def names(self) -> tuple[str, ...]:
        """Every surface form that refers to the state itself: name, aliases, demonyms, metonyms."""
        return unique((self.name, *self.aliases, *self.demonyms, *self.metonyms))


@dataclass(frozen=True, slots=True)
class Person:
    person_id: str
    name: str
    country: str
    aliases: tuple[str, ...] = ()
    qid: str = ""
    source: str = ""
    checked: str = ""
    where: str = field(default="", compare=False, hash=False)

    @property
    def id(self) -> str:
        return self.person_id


@dataclass(frozen=True, slots=True)
class Role:
    """One term of one person in one office. `end` is None for an incumbent."""

    person_id: str
    office: str
    country: str
    start: dt.date
    end: dt.date | None = None
    posted_to: str = ""
    acting: bool = False
    note: str = ""
    source: str = ""
    checked: str = ""
    where: str = field(default="", compare=False, hash=False)

    def active_on(self, day: dt.date) -> bool:
        """True when the term covers `day` (start and end days included)."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """An institution, party, company, group, outlet or IGO. `aliases` maps a language code to its names."""

    id: str
    name: str
    country: str
    kind: str
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    qid: str = ""
    parent: str = ""
    note: str = ""
    source: str = ""
    checked: str = ""
    where: str = field(default="", compare=False, hash=False)

    def all_aliases(self) -> tuple[str, ...]:
        """Name and aliases in every language, first occurrence kept."""
        return unique((self.name, *(a for names in self.aliases.values() for a in names)))


@dataclass(frozen=True, slots=True)
class Issue:
    id: str
    label: str
    domain: str
    description: str = ""
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    keywords: tuple[str, ...] = ()
    source: str = ""
    checked: str = ""
    where: str = field(default="", compare=False, hash=False)

    def terms(self) -> tuple[str, ...]:
        """Aliases in every language, then keywords, first occurrence kept (the label is not included)."""
        return unique((*(a for names in self.aliases.values() for a in names), *self.keywords))


class _Dated:
    """First and last day a record's `date` (ISO at its precision, or an interval) can mean."""

    __slots__ = ()
    date: str

    @property
    def first_day(self) -> dt.date:
        bounds = date_bounds(self.date)
        assert bounds is not None
        return bounds[0]

    @property
    def last_day(self) -> dt.date:
        bounds = date_bounds(self.date)
        assert bounds is not None
        return bounds[1]


@dataclass(frozen=True, slots=True)
class ChronologyEvent(_Dated):
    """One reference event of the dyad, dated at its real precision."""

    id: str
    date: str
    date_precision: str
    source: str
    target: str
    event_type: str
    quad_class: str
    issues: tuple[str, ...] = ()
    description: str = ""
    source_url: str = ""
    checked: str = ""
    where: str = field(default="", compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Driver(_Dated):
    """A dated condition that moves the relationship (leadership change, election, North Korean test …)."""

    id: str
    date: str
    date_precision: str
    kind: str
    country: str
    description: str = ""
    source_url: str = ""
    checked: str = ""
    where: str = field(default="", compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class PollPoint:
    """One published opinion-poll figure."""

    series: str
    survey_year: int
    fieldwork: str
    respondents: str
    measure: str
    value_pct: float
    derivation: str = ""
    source_url: str = ""
    source_note: str = ""
    checked: str = ""
    where: str = field(default="", compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation finding: the file (relative to the packs folder), the 1-based row or line, code, message."""

    file: str
    row: int | None
    code: ErrorCode
    message: str

    def line(self) -> str:
        """`jpn_kor/roles.csv:12: E203 message` (row left out when the problem concerns the whole file)."""
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        return f"{where}: {self.code.value} {self.message}"


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """The non-empty items, first occurrence kept, in order."""
    return tuple(dict.fromkeys(item for item in items if item))
