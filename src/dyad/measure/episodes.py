"""Turning points and episodes of the relationship series (rules: docs/measure.md).

Change points: ruptures `Pelt` (l2 cost, i.e. shifts in the mean level) on the relationship level series, penalty
`pen = σ²·ln(n)` with σ the standard deviation of the level series (a BIC-style penalty, one mean per segment,
with the series' overall spread as a deliberately conservative noise scale), minimum segment about one year.
Labels, with m and sd the median and standard deviation of the whole level series, z = (segment mean − m)/sd,
rise = fitted slope × segment length / sd, and jump = (segment mean − previous segment mean)/sd:
  tension  if z ≤ −0.5, or z ≤ 0 and rise ≤ −1 (a sustained fall to below-typical levels);
  reset    if z ≥ 0 and (jump ≥ 0.5 or rise ≥ 1) (a recovery from a lower segment, or a sustained rise);
  normal   otherwise.
Triggers: the counted timeline entries dated from two periods before a segment's start to one period after,
ranked by intensity in the episode's direction (most negative for tension, most positive for reset, largest |g|
for normal); the first `n_triggers`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import polars as pl

from dyad.errors import ErrorCode, MeasureError
from dyad.measure._common import Freq, period_days
from dyad.measure.index import relationship_series
from dyad.measure.timeline import TimelineEntry

EpisodeKind = Literal["tension", "reset", "normal"]


@dataclass(frozen=True, slots=True)
class Episode:
    kind: EpisodeKind
    start: dt.date
    end: dt.date
    start_period: str
    end_period: str
    n_periods: int
    mean_level: float
    slope: float  # level change per period (least squares)
    z: float
    triggers: tuple[TimelineEntry, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat(),
            "start_period": self.start_period, "end_period": self.end_period, "n_periods": self.n_periods,
            "mean_level": round(self.mean_level, 3), "slope": round(self.slope, 4), "z": round(self.z, 3),
            "triggers": [{"id": t.id, "date": t.date, "source": t.source, "target": t.target,
                          "event_type": t.event_type, "intensity": round(t.intensity, 2),
                          "evidence": t.evidence[0] if t.evidence else ""} for t in self.triggers],
        }


@dataclass(frozen=True, slots=True)
class TurningPoint:
    date: dt.date
    period: str
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


def default_min_size(freq: Freq) -> int:
    """About one year of periods, at least 2."""
    return max(2, round(365.2425 / period_days(freq)))


def penalty_rule(values: np.ndarray[Any, Any]) -> float:
    """pen = σ²·ln(n), σ = standard deviation of the series."""
    n = max(len(values), 2)
    sigma = float(np.std(values))
    return max(sigma * sigma * float(np.log(n)), 1e-9)


def change_points(values: np.ndarray[Any, Any], *, penalty: float | None = None, min_size: int = 2,
                  method: Literal["pelt", "binseg"] = "pelt") -> list[int]:
    """Indices where a new segment starts (0 excluded), from ruptures on an l2 cost."""
    import ruptures as rpt

    y = np.asarray(values, dtype=float)
    if len(y) < 2 * min_size:
        return []
    pen = penalty_rule(y) if penalty is None else penalty
    if method == "pelt":
        algo = rpt.Pelt(model="l2", min_size=min_size, jump=1)
    else:
        algo = rpt.Binseg(model="l2", min_size=min_size, jump=1)
    ends = algo.fit(y).predict(pen=pen)
    return [int(b) for b in ends[:-1]]


def label_segments(values: np.ndarray[Any, Any], starts: Sequence[int]) -> list[tuple[int, int, EpisodeKind,
                                                                                       float, float, float]]:
    """(first, last_exclusive, kind, mean, slope, z) per segment, by the documented rule."""
    y = np.asarray(values, dtype=float)
    med, sd = float(np.median(y)), float(np.std(y)) or 1.0
    bounds = [0, *starts, len(y)]
    out: list[tuple[int, int, EpisodeKind, float, float, float]] = []
    prev_mean: float | None = None
    for a, b in itertools.pairwise(bounds):
        seg = y[a:b]
        mean = float(seg.mean())
        slope = float(np.polyfit(np.arange(len(seg)), seg, 1)[0]) if len(seg) >= 2 else 0.0
        z = (mean - med) / sd
        rise = slope * len(seg) / sd
        jump = (mean - prev_mean) / sd if prev_mean is not None else 0.0
        kind: EpisodeKind
        if z <= -0.5 or (z <= 0 and rise <= -1):
            kind = "tension"
        elif z >= 0 and (jump >= 0.5 or rise >= 1):
            kind = "reset"
        else:
            kind = "normal"
        out.append((a, b, kind, mean, slope, z))
        prev_mean = mean
    return out


def _triggers(entries: Sequence[TimelineEntry], kind: EpisodeKind, lo: dt.date, hi: dt.date,
              n: int) -> tuple[TimelineEntry, ...]:
    near = [e for e in entries if e.counted and e.date_start is not None and lo <= e.date_start <= hi]
    if kind == "tension":
        near = [e for e in near if e.intensity < 0]
        near.sort(key=lambda e: (e.intensity, e.date_start or lo, e.id))
    elif kind == "reset":
        near = [e for e in near if e.intensity > 0]
        near.sort(key=lambda e: (-e.intensity, e.date_start or lo, e.id))
    else:
        near.sort(key=lambda e: (-abs(e.intensity), e.date_start or lo, e.id))
    out: list[TimelineEntry] = []
    seen: set[tuple[str | None, str]] = set()
    for e in near:  # a joint act is on the timeline once per direction: show it once
        key = (e.date, e.evidence[0] if e.evidence else e.id)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return tuple(out[:n])


def find_episodes(entries: Sequence[TimelineEntry], *, dyad: tuple[str, str], freq: Freq = "quarter",
                  half_life_days: float = 365.0, penalty: float | None = None, min_size: int | None = None,
                  method: Literal["pelt", "binseg"] = "pelt", n_triggers: int = 3,
                  series: pl.DataFrame | None = None) -> tuple[list[Episode], list[TurningPoint]]:
    """Episodes and turning points of the relationship series built from `entries` (or the given `series`)."""
    rel = series if series is not None else relationship_series(entries, dyad=dyad, freq=freq,
                                                                  half_life_days=half_life_days)
    if rel.height < 2:
        raise MeasureError(ErrorCode.E501, detail=f"{rel.height} period(s) of data: too few for episodes")
    y = rel["level"].to_numpy()
    starts = change_points(y, penalty=penalty, min_size=min_size or default_min_size(freq), method=method)
    p_start, p_end, labels = rel["period_start"].to_list(), rel["period_end"].to_list(), rel["period"].to_list()
    step = dt.timedelta(days=period_days(freq))
    episodes = []
    for a, b, kind, mean, slope, z in label_segments(y, starts):
        begin = p_start[a]
        trig = _triggers(entries, kind, begin - 2 * step, begin + step, n_triggers)
        episodes.append(Episode(kind, begin, p_end[b - 1], labels[a], labels[b - 1], b - a, mean, slope, z, trig))
    turning = [TurningPoint(p_start[s], labels[s], episodes[i].mean_level, episodes[i + 1].mean_level)
               for i, s in enumerate(starts)]
    return episodes, turning


def episodes_frame(episodes: Sequence[Episode]) -> pl.DataFrame:
    """One row per episode; triggers as a list of short descriptions."""
    return pl.DataFrame({
        "kind": [e.kind for e in episodes], "start": [e.start for e in episodes], "end": [e.end for e in episodes],
        "start_period": [e.start_period for e in episodes], "end_period": [e.end_period for e in episodes],
        "n_periods": [e.n_periods for e in episodes], "mean_level": [e.mean_level for e in episodes],
        "slope": [e.slope for e in episodes], "z": [e.z for e in episodes],
        "triggers": [[f"{t.date} {t.source}->{t.target} {t.event_type}" for t in e.triggers] for e in episodes],
    }, schema={"kind": pl.Utf8, "start": pl.Date, "end": pl.Date, "start_period": pl.Utf8, "end_period": pl.Utf8,
               "n_periods": pl.Int64, "mean_level": pl.Float64, "slope": pl.Float64, "z": pl.Float64,
               "triggers": pl.List(pl.Utf8)})
