"""KnowledgePack: the merged, read-only contents of a pack and everything it extends, with dated look-ups.

`load_pack("jpn_kor")` reads `packs/jpn_kor/`, then (first) every pack named in its `extends`, recursively, and
merges them: parents' records come first. Loaded packs are cached per folder; `clear_cache()` forgets them.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import ErrorCode, KnowledgeError
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
from dyad.knowledge.readers import Layer, read_layer, read_yaml_file, strip_lines

PACKS_DIR = Path(__file__).resolve().parent / "packs"

_CACHE: dict[Path, KnowledgePack] = {}
_LOCK = threading.RLock()


class KnowledgePack:
    """A pack merged with the packs it extends. Record collections are tuples of frozen dataclasses."""

    def __init__(self, layers: list[Layer]) -> None:
        if not layers:
            raise ValueError("a pack needs at least one layer")
        own = layers[-1]
        self.layers: tuple[str, ...] = tuple(layer.pack_id for layer in layers)
        self.path: Path = own.path
        meta = own.meta
        self.id: str = str(meta.get("id") or own.pack_id)
        self.name: str = str(meta.get("name") or self.id)
        self.version: str = str(meta.get("version") or "")
        self.description: str = str(meta.get("description") or "")
        self.extends: tuple[str, ...] = tuple(str(e) for e in meta.get("extends") or ())
        self.meta: dict[str, Any] = dict(meta)
        dyad = meta.get("dyad") or ()
        self._dyad: tuple[str, str] | None = (
            (str(dyad[0]), str(dyad[1])) if isinstance(dyad, list | tuple) and len(dyad) == 2 else None
        )
        self.countries: tuple[Country, ...] = tuple(c for layer in layers for c in layer.countries)
        self.persons: tuple[Person, ...] = tuple(p for layer in layers for p in layer.persons)
        self.roles: tuple[Role, ...] = tuple(r for layer in layers for r in layer.roles)
        self.actors: tuple[Actor, ...] = tuple(a for layer in layers for a in layer.actors)
        self.issues: tuple[Issue, ...] = tuple(i for layer in layers for i in layer.issues)
        self.chronology: tuple[ChronologyEvent, ...] = tuple(
            sorted((e for layer in layers for e in layer.chronology), key=lambda e: (e.first_day, e.id)))
        self.drivers: tuple[Driver, ...] = tuple(
            sorted((d for layer in layers for d in layer.drivers), key=lambda d: (d.first_day, d.id)))
        self.polls: tuple[PollPoint, ...] = tuple(p for layer in layers for p in layer.polls)
        self.load_problems: tuple[Problem, ...] = tuple(p for layer in layers for p in layer.problems)
        self._country_keys: dict[str, Country] = {}
        for country in self.countries:  # codes first, then names; the first writer of a key wins
            for key in (country.iso3, country.iso2):
                self._country_keys.setdefault(key.upper(), country)
        for country in self.countries:
            for key in (country.name, *country.aliases, *country.demonyms):
                self._country_keys.setdefault(_country_key(key), country)
        for country in self.countries:
            for key in country.metonyms:
                self._country_keys.setdefault(_country_key(key), country)
        self._persons = {p.person_id: p for p in reversed(self.persons)}
        self._actors = {a.id: a for a in reversed(self.actors)}
        self._issues = {i.id: i for i in reversed(self.issues)}
        roles_by_person: dict[str, list[Role]] = defaultdict(list)
        for role in self.roles:
            roles_by_person[role.person_id].append(role)
        self._roles_by_person = {k: sorted(v, key=lambda r: r.start) for k, v in roles_by_person.items()}
        self._alias_index: dict[str, list[str]] | None = None

    def __repr__(self) -> str:
        return (f"KnowledgePack({self.id!r}, layers={list(self.layers)}, countries={len(self.countries)}, "
                f"persons={len(self.persons)}, roles={len(self.roles)}, actors={len(self.actors)}, "
                f"issues={len(self.issues)}, chronology={len(self.chronology)}, drivers={len(self.drivers)}, "
                f"polls={len(self.polls)})")

    # --- the dyad ---------------------------------------------------------------------------------------------

    @property
    def is_dyad(self) -> bool:
        """True for a dyad pack (its pack.yaml names two countries)."""
        return self._dyad is not None

    @property
    def dyad(self) -> tuple[str, str]:
        """The two ISO3 codes of a dyad pack, e.g. ("JPN", "KOR"). KnowledgeError E204 for a shared pack."""
        if self._dyad is None:
            raise KnowledgeError(ErrorCode.E204, detail=f"pack {self.id!r} names no dyad")
        return self._dyad

    @property
    def dyad_countries(self) -> tuple[str, str]:
        """Same as `dyad`."""
        return self.dyad

    # --- look-ups ---------------------------------------------------------------------------------------------

    def country(self, code_or_name: str) -> Country | None:
        """A state by ISO3/ISO2 code (upper case only, so "it" or "no" are not codes), or by name, alias, demonym
        or metonym (case-insensitive); None if unknown."""
        key = code_or_name.strip()
        return (self._country_keys.get(key) if key.isupper() else None) or self._country_keys.get(key.casefold())

    def person(self, person_id: str) -> Person | None:
        return self._persons.get(person_id)

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def issue(self, issue_id: str) -> Issue | None:
        return self._issues.get(issue_id)

    def roles_of(self, person_id: str) -> list[Role]:
        """Every role of a person, earliest first."""
        return list(self._roles_by_person.get(person_id, ()))

    def role_at(self, person_id: str, at: dt.date) -> list[Role]:
        """The person's roles active on `at` (start and end days included)."""
        return [r for r in self._roles_by_person.get(person_id, ()) if r.active_on(at)]

    def holders(self, country: str, office: str, at: dt.date, *, posted_to: str | None = None) -> list[Role]:
        """Roles of `office` in `country` active on `at`: normally one; two on a handover day or with an acting
        holder. For ambassadors, `posted_to` (ISO3) narrows to one posting."""
        code = country.upper()
        return sorted(
            (r for r in self.roles
             if r.country == code and r.office == office and r.active_on(at)
             and (posted_to is None or r.posted_to == posted_to.upper())),
            key=lambda r: (r.start, r.acting),
        )

    def alias_index(self) -> dict[str, list[str]]:
        """Lower-cased (casefolded) alias -> ids it may mean: ISO3 for states (name, aliases, demonyms, metonyms),
        actor ids (name and aliases in every language) and person ids (name and aliases). An ambiguous alias
        lists every id, countries first, then actors, then persons."""
        if self._alias_index is None:
            index: dict[str, list[str]] = defaultdict(list)

            def add(alias: str, ident: str) -> None:
                key = " ".join(alias.split()).casefold()
                if key and ident not in index[key]:
                    index[key].append(ident)

            for country in self.countries:
                for alias in country.names():
                    add(alias, country.iso3)
            for actor in self.actors:
                for alias in actor.all_aliases():
                    add(alias, actor.id)
            for person in self.persons:
                for alias in (person.name, *person.aliases):
                    add(alias, person.person_id)
            self._alias_index = dict(index)
        return {k: list(v) for k, v in self._alias_index.items()}

    def issue_keywords(self) -> dict[str, list[str]]:
        """Issue id -> its aliases (en, ja, ko) then keywords, first occurrence kept."""
        return {issue.id: list(issue.terms()) for issue in self.issues}

    def validate(self) -> list[Problem]:
        """Every problem in the pack and what it extends: schema (E202), facts (E203), sources (E205)."""
        from dyad.knowledge.validate import validate_pack

        return validate_pack(self)


# --- loading --------------------------------------------------------------------------------------------------

def resolve_pack_dir(name_or_path: str | Path, *, near: Path | None = None) -> Path:
    """The folder of a pack: an existing directory path, else a pack name looked up next to `near` (the folder of
    the pack that extends it), then among dyad's own packs. KnowledgeError E201 when none exists."""
    text = str(name_or_path)
    candidate = Path(text).expanduser()
    if isinstance(name_or_path, Path) or "/" in text or text.startswith("."):
        if candidate.is_dir():
            return candidate.resolve()
        raise KnowledgeError(ErrorCode.E201, detail=f"{text} is not a directory")
    for base in ([near] if near is not None else []) + [PACKS_DIR]:
        folder = base / text
        if folder.is_dir():
            return folder.resolve()
    if candidate.is_dir():
        return candidate.resolve()
    known = ", ".join(sorted(p.name for p in PACKS_DIR.iterdir() if p.is_dir())) if PACKS_DIR.is_dir() else ""
    raise KnowledgeError(ErrorCode.E201, detail=f"{text!r} (known packs: {known})")


def load_pack(name_or_path: str | Path = "jpn_kor") -> KnowledgePack:
    """The pack `name_or_path` merged with everything it extends; cached per folder.

    A name (`"jpn_kor"`) is looked up among dyad's packs; a path names a pack folder anywhere. Schema problems
    do not raise: they are kept for `validate()`. Raises KnowledgeError E201 when a pack (or one it extends)
    does not exist, and E203 for a cycle of `extends`.
    """
    folder = resolve_pack_dir(name_or_path)
    with _LOCK:
        cached = _CACHE.get(folder)
        if cached is None:
            layers = _collect_layers(folder, chain=())
            cached = KnowledgePack(layers)
            _CACHE[folder] = cached
        return cached


def clear_cache() -> None:
    """Forget every loaded pack (for tests and for tools that edit pack files)."""
    with _LOCK:
        _CACHE.clear()


def _read_meta(folder: Path) -> tuple[dict[str, Any], list[Problem]]:
    meta_file = folder / "pack.yaml"
    if not meta_file.is_file():
        return {"id": folder.name}, []
    rel = f"{folder.name}/pack.yaml"
    try:
        meta = strip_lines(read_yaml_file(meta_file))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return {"id": folder.name}, [Problem(rel, None, ErrorCode.E202, f"cannot parse YAML: {exc}")]
    if not isinstance(meta, dict):
        return {"id": folder.name}, [Problem(rel, None, ErrorCode.E202, "pack.yaml must be a mapping")]
    return meta, []


def _collect_layers(folder: Path, chain: tuple[Path, ...]) -> list[Layer]:
    """Layers of every extended pack (depth first, each folder once), then this folder's own layer."""
    if folder in chain:
        names = " -> ".join(p.name for p in (*chain, folder))
        raise KnowledgeError(ErrorCode.E203, detail=f"packs extend each other in a cycle: {names}")
    meta, problems = _read_meta(folder)
    pack_id = folder.name
    layers: list[Layer] = []
    extends = meta.get("extends") or []
    if not isinstance(extends, list):
        problems.append(Problem(f"{pack_id}/pack.yaml", None, ErrorCode.E202, "extends must be a list"))
        extends = []
    for parent in extends:
        parent_dir = resolve_pack_dir(str(parent), near=folder.parent)
        for layer in _collect_layers(parent_dir, (*chain, folder)):
            if all(layer.path != seen.path for seen in layers):
                layers.append(layer)
    own = read_layer(folder, pack_id)
    own.meta = meta
    own.problems[:0] = problems
    layers.append(own)
    return layers


def _country_key(name: str) -> str:
    """Look-up key of a country name: acronyms ("US", "UK", "ROK", "U.S.") keep their case, so the words "us" or
    "it" do not find a country; everything else is casefolded."""
    letters = name.replace(".", "")
    return name if letters.isalpha() and letters.isupper() and len(letters) <= 5 else name.casefold()
