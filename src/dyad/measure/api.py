"""The measure stage's public entry points over a store (and/or the pack's chronology): what CLI and report call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from dyad.errors import ErrorCode, MeasureError
from dyad.measure._common import Freq
from dyad.measure.compare import PollCorrelation, correlate_with_polls
from dyad.measure.episodes import Episode, TurningPoint, find_episodes
from dyad.measure.index import Allocation, ByIssue, Direction, Normalise, index_frame, relationship_series
from dyad.measure.timeline import TimelineEntry, get_timeline


def load_pack_or_none(pack: str | Any | None) -> Any:
    """A KnowledgePack from a name/path, the object itself, or None (no pack)."""
    if pack is None or not isinstance(pack, str):
        return pack
    from dyad.knowledge import load_pack

    return load_pack(pack)


def entries_for(store: Any, *, pack: Any = None, with_chronology: bool = False) -> list[TimelineEntry]:
    """Counted timeline entries from the store (updated first) plus, if asked, the pack's chronology."""
    kp = load_pack_or_none(pack)
    if with_chronology and kp is None:
        raise MeasureError(ErrorCode.E501, detail="--with-chronology needs a knowledge pack")
    return get_timeline(store, pack=kp, with_chronology=with_chronology)


def dyad_of(pack: Any, entries: list[TimelineEntry] | None = None) -> tuple[str, str]:
    """The pack's dyad, else the most frequent ordered country pair among the entries."""
    if pack is not None and getattr(pack, "dyad", None):
        a, b = pack.dyad
        return str(a), str(b)
    counts: dict[tuple[str, str], int] = {}
    for e in entries or ():
        if e.source != e.target and len(e.source) == 3 and len(e.target) == 3:
            key = (min(e.source, e.target), max(e.source, e.target))
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        raise MeasureError(ErrorCode.E501, detail="no pack and no country pair in the data to measure")
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def compute_index(store: Any, *, pack: Any = None, with_chronology: bool = False, freq: Freq = "month",
                  direction: Direction = "both", issue: str | None = None, by_issue: ByIssue = "none",
                  normalise: Normalise = "none", allocation: Allocation = "spread", bootstrap: int = 200,
                  seed: int = 0, date_from: dt.date | None = None, date_to: dt.date | None = None) -> pl.DataFrame:
    """`dyad index`: the directed index as a frame (see dyad.measure.index.index_frame)."""
    kp = load_pack_or_none(pack)
    entries = entries_for(store, pack=kp, with_chronology=with_chronology)
    frame = index_frame(entries, dyad=dyad_of(kp, entries), freq=freq, direction=direction, issue=issue,
                        by_issue=by_issue, normalise=normalise, allocation=allocation, bootstrap=bootstrap,
                        seed=seed, start=date_from, end=date_to)
    if frame.height == 0:
        raise MeasureError(ErrorCode.E501, detail="no counted events between the two countries of the dyad")
    return frame


def compute_series(store: Any, *, pack: Any = None, with_chronology: bool = False, freq: Freq = "quarter",
                   half_life_days: float = 365.0) -> pl.DataFrame:
    """The bounded relationship series (−9..+9)."""
    kp = load_pack_or_none(pack)
    entries = entries_for(store, pack=kp, with_chronology=with_chronology)
    return relationship_series(entries, dyad=dyad_of(kp, entries), freq=freq, half_life_days=half_life_days)


@dataclass(frozen=True, slots=True)
class EpisodeResult:
    series: pl.DataFrame
    episodes: list[Episode]
    turning_points: list[TurningPoint]


def compute_episodes(store: Any, *, pack: Any = None, with_chronology: bool = False, freq: Freq = "quarter",
                     half_life_days: float = 365.0, penalty: float | None = None,
                     method: Literal["pelt", "binseg"] = "pelt") -> EpisodeResult:
    """`dyad episodes`: the relationship series, its episodes and turning points."""
    kp = load_pack_or_none(pack)
    entries = entries_for(store, pack=kp, with_chronology=with_chronology)
    dyad = dyad_of(kp, entries)
    series = relationship_series(entries, dyad=dyad, freq=freq, half_life_days=half_life_days)
    episodes, turning = find_episodes(entries, dyad=dyad, freq=freq, penalty=penalty, method=method, series=series)
    return EpisodeResult(series, episodes, turning)


def compare_polls(store: Any, *, pack: Any = "jpn_kor", with_chronology: bool = False,
                  half_life_days: float = 365.0, min_n: int = 4) -> list[PollCorrelation]:
    """`dyad index --compare-polls`: the yearly relationship level against the pack's opinion polls."""
    kp = load_pack_or_none(pack)
    if kp is None:
        raise MeasureError(ErrorCode.E501, detail="poll comparison needs a knowledge pack with polls")
    series = compute_series(store, pack=kp, with_chronology=with_chronology, freq="year",
                            half_life_days=half_life_days)
    return correlate_with_polls(series, getattr(kp, "polls", ()) or (), min_n=min_n)
