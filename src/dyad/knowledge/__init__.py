"""dyad.knowledge: versioned knowledge packs (states, persons and their dated roles, institutions, issues,
reference chronology, drivers, polls) and their loader.

    >>> from dyad.knowledge import load_pack
    >>> pack = load_pack("jpn_kor")
    >>> pack.dyad
    ('JPN', 'KOR')

Formats: docs/contracts.md ("Knowledge pack files") and docs/knowledge.md.
"""

from __future__ import annotations

from dyad.knowledge.model import (
    ACTOR_KINDS,
    DATE_PRECISIONS,
    DRIVER_KINDS,
    DYAD_CODE,
    ISSUE_DOMAINS,
    OFFICES,
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
from dyad.knowledge.pack import PACKS_DIR, KnowledgePack, clear_cache, load_pack, resolve_pack_dir

__all__ = [
    "ACTOR_KINDS",
    "DATE_PRECISIONS",
    "DRIVER_KINDS",
    "DYAD_CODE",
    "ISSUE_DOMAINS",
    "OFFICES",
    "PACKS_DIR",
    "Actor",
    "ChronologyEvent",
    "Country",
    "Driver",
    "Issue",
    "KnowledgePack",
    "Person",
    "PollPoint",
    "Problem",
    "Role",
    "clear_cache",
    "load_pack",
    "resolve_pack_dir",
]
