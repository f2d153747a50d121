"""Small helpers the measure modules share: date ordinals, periods, country keys, knowledge-pack duck types."""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, Protocol

Freq = Literal["month", "quarter", "year"]
FREQS: tuple[Freq, ...] = ("month", "quarter", "year")
_ISO3 = re.compile(r"^[A-Z]{3}$")


class PackLike(Protocol):
    """What the measure stage reads from a knowledge pack (dyad.knowledge.KnowledgePack satisfies it)."""

    @property
    def dyad(self) -> tuple[str, str]: ...
    @property
    def chronology(self) -> Any: ...
    @property
    def polls(self) -> Any: ...


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk computation.

    Merging and indexing allocate many long-lived small objects with no reference cycles; with the collector on,
    CPython rescans the whole heap again and again as they accumulate (a full pass over 100k events and their
    entries costs seconds under load). Re-enabled on exit, even on error, only if it was enabled before."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def pack_id(pack: object) -> str:
    """The pack's id ("jpn_kor"), whatever the loader calls it."""
    for attr in ("id", "pack_id", "name"):
        value = getattr(pack, attr, None)
        if isinstance(value, str) and value:
            return value
    meta = getattr(pack, "meta", None)
    value = getattr(meta, "id", None)
    return value if isinstance(value, str) and value else "pack"


def country_of(actor: str | None) -> str | None:
    """ISO3 country of an actor id ("KOR.JUD.SUPREME_COURT" -> "KOR", "JPN" -> "JPN"), else None."""
    if not actor:
        return None
    head = actor.split(".", 1)[0]
    return head if _ISO3.match(head) else None


def as_text_list(value: object) -> tuple[str, ...]:
    """A list cell as a tuple: accepts "a|b", ["a", "b"], None."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(x.strip() for x in value.split("|") if x.strip())
    if isinstance(value, Iterable):
        return tuple(str(x).strip() for x in value if str(x).strip())
    return (str(value),)


def issue_matches(issues: Iterable[str], wanted: str) -> bool:
    """Prefix match on dotted issue ids: "history" matches "history.comfort_women"."""
    return any(i == wanted or i.startswith(wanted + ".") for i in issues)


def period_index(day: dt.date, freq: Freq) -> int:
    """A running period number: months since year 0, quarters since year 0, or the year."""
    if freq == "month":
        return day.year * 12 + day.month - 1
    if freq == "quarter":
        return day.year * 4 + (day.month - 1) // 3
    return day.year


def period_start(idx: int, freq: Freq) -> dt.date:
    if freq == "month":
        return dt.date(idx // 12, idx % 12 + 1, 1)
    if freq == "quarter":
        return dt.date(idx // 4, (idx % 4) * 3 + 1, 1)
    return dt.date(idx, 1, 1)


def period_end(idx: int, freq: Freq) -> dt.date:
    return period_start(idx + 1, freq) - dt.timedelta(days=1)


def period_label(idx: int, freq: Freq) -> str:
    if freq == "month":
        return f"{idx // 12:04d}-{idx % 12 + 1:02d}"
    if freq == "quarter":
        return f"{idx // 4:04d}Q{idx % 4 + 1}"
    return f"{idx:04d}"


def period_days(freq: Freq) -> float:
    return {"month": 365.2425 / 12, "quarter": 365.2425 / 4, "year": 365.2425}[freq]
