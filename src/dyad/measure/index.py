"""The directed cooperation-conflict index and the bounded relationship series (formulas: docs/measure.md).

Each counted timeline entry is counted once, with its Goldstein intensity g (−10..+10). Allocation to periods:
`spread` (default) gives an entry the share of its date bounds that falls in each period (a "2019" entry puts 1/12
in each month of 2019, and 1/1 in the year 2019); `midpoint` puts all of it in the period holding the middle day.
`coarse_share` says how much of a period's weight came from entries coarser than the period, so a reader sees when
a monthly score rests on year-level dates.

Per period, with weights w_i: `none` = Σ w·g; `mean` = Σ w·g / Σ w (−10..+10); `share` = (Σ w[g>0] − Σ w[g<0]) / Σ w
(−1..+1). Empty periods score 0 with n = 0. Bootstrap: the period's entries are resampled with replacement
(`bootstrap` times, seeded) and the 5th/95th percentiles of the score are `lo`/`hi`.

Relationship series: x_t = the `none` score of the period (combined directions unless asked); a stock
s_t = δ·s_{t−1} + (1−δ)·x_t with δ = 0.5^(period length / half-life); level_t = 9·tanh(s_t / k) where k is the
`scale` argument or, by default, the 90th percentile of |s_t| over the series (so the level is relative to the
corpus's own volume and stays within −9..+9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import polars as pl

from dyad.errors import ErrorCode, MeasureError
from dyad.measure._common import (
    Freq,
    gc_paused,
    issue_matches,
    period_days,
    period_end,
    period_index,
    period_label,
    period_start,
)
from dyad.measure.timeline import TimelineEntry

Direction = Literal["a2b", "b2a", "combined", "both"]
Normalise = Literal["none", "mean", "share"]
Allocation = Literal["spread", "midpoint"]
ByIssue = Literal["none", "domain"]
LEVEL_BOUND = 9.0

INDEX_SCHEMA: dict[str, Any] = {
    "period": pl.Utf8, "period_start": pl.Date, "period_end": pl.Date, "direction": pl.Utf8, "issue": pl.Utf8,
    "score": pl.Float64, "lo": pl.Float64, "hi": pl.Float64, "n": pl.Float64, "n_entries": pl.Int64,
    "coarse_share": pl.Float64,
}


@dataclass(slots=True)
class _Contrib:
    """Entry-period contributions as parallel arrays."""

    period: np.ndarray[Any, Any]
    weight: np.ndarray[Any, Any]
    g: np.ndarray[Any, Any]
    direction: np.ndarray[Any, Any]  # 0: a->b, 1: b->a
    coarse: np.ndarray[Any, Any]
    entry: np.ndarray[Any, Any]
    group: list[str]  # issue group label per contribution ("all" or a domain)


def _direction_of(e: TimelineEntry, dyad: tuple[str, str]) -> int | None:
    if (e.source, e.target) == dyad:
        return 0
    if (e.source, e.target) == (dyad[1], dyad[0]):
        return 1
    return None


_EPOCH = dt.date(1970, 1, 1).toordinal()


def _period_of(ordinals: np.ndarray[Any, Any], freq: Freq) -> np.ndarray[Any, Any]:
    """`period_index` of day ordinals, vectorised (months since year 0, quarters since year 0, or the year)."""
    months = (ordinals - _EPOCH).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) + 1970 * 12
    if freq == "month":
        return np.asarray(months)
    return np.asarray(months // 3 if freq == "quarter" else months // 12)


def _period_first_day(periods: np.ndarray[Any, Any], freq: Freq) -> np.ndarray[Any, Any]:
    """Day ordinal of `period_start`, vectorised."""
    months = periods if freq == "month" else periods * 3 if freq == "quarter" else periods * 12
    days = (months - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return np.asarray(days + _EPOCH)


def _contributions(entries: Sequence[TimelineEntry], dyad: tuple[str, str], freq: Freq, allocation: Allocation,
                   issue: str | None, by_issue: ByIssue) -> _Contrib:
    keep: list[int] = []
    dirs: list[int] = []
    gs: list[float] = []
    los: list[int] = []
    his: list[int] = []
    labels: list[list[str]] = []
    for k, e in enumerate(entries):
        if not e.counted or e.date_start is None or e.date_end is None:
            continue
        d = _direction_of(e, dyad)
        if d is None or (issue and not issue_matches(e.issues, issue)):
            continue
        keep.append(k)
        dirs.append(d)
        gs.append(e.intensity)
        los.append(e.date_start.toordinal())
        his.append(e.date_end.toordinal())
        if by_issue != "none":
            labels.append(sorted({i.split(".", 1)[0] for i in e.issues}) or ["other"])
    lo, hi = np.asarray(los, dtype=np.int64), np.asarray(his, dtype=np.int64)
    p_lo, p_hi = _period_of(lo, freq), _period_of(hi, freq)
    coarse_e = p_lo != p_hi
    single = ~coarse_e if allocation == "spread" else np.ones(lo.size, dtype=bool)
    # one part per period an entry touches (one, at its middle day, when single), in entry then period order
    counts = np.where(single, 1, p_hi - p_lo + 1)
    owner = np.repeat(np.arange(lo.size), counts)
    offsets = np.cumsum(counts) - counts
    step = np.arange(owner.size) - np.repeat(offsets, counts)
    part_p = np.where(single[owner], _period_of((lo + hi) // 2, freq)[owner], p_lo[owner] + step)
    first = np.maximum(lo[owner], _period_first_day(part_p, freq))
    last = np.minimum(hi[owner], _period_first_day(part_p + 1, freq) - 1)
    part_w = np.where(single[owner], 1.0, (last - first + 1) / (hi - lo + 1)[owner])
    if by_issue == "none":
        take = np.arange(owner.size)
        groups = ["all"] * owner.size
    else:  # each entry's parts once per label, label by label
        pieces: list[np.ndarray[Any, Any]] = []
        groups = []
        for i, names in enumerate(labels):
            span = np.arange(offsets[i], offsets[i] + counts[i])
            for name in names:
                pieces.append(span)
                groups.extend([name] * int(counts[i]))
        take = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
    who = owner[take]
    return _Contrib(part_p[take].astype(np.int64), part_w[take].astype(np.float64),
                    np.asarray(gs, dtype=np.float64)[who], np.asarray(dirs, dtype=np.int8)[who],
                    coarse_e[who].astype(bool), np.asarray(keep, dtype=np.int64)[who], groups)


def _stat(w: np.ndarray[Any, Any], g: np.ndarray[Any, Any], normalise: Normalise) -> np.ndarray[Any, Any]:
    """Score along the last axis (works for one sample or a (B, m) bootstrap matrix)."""
    if normalise == "none":
        return np.asarray((w * g).sum(axis=-1))
    total = w.sum(axis=-1)
    safe = np.where(total > 0, total, 1.0)
    if normalise == "mean":
        return np.asarray(np.where(total > 0, (w * g).sum(axis=-1) / safe, 0.0))
    signed = (w * np.sign(g)).sum(axis=-1)
    return np.asarray(np.where(total > 0, signed / safe, 0.0))


def index_frame(entries: Sequence[TimelineEntry], *, dyad: tuple[str, str], freq: Freq = "month",
                direction: Direction = "both", issue: str | None = None, by_issue: ByIssue = "none",
                normalise: Normalise = "none", allocation: Allocation = "spread", bootstrap: int = 200,
                seed: int = 0, start: dt.date | None = None, end: dt.date | None = None) -> pl.DataFrame:
    """Scores per period and direction ("JPN->KOR", "KOR->JPN", "combined"), optionally per issue domain.

    Every period from the first to the last with data (or `start`..`end`) is present; empty periods score 0.
    """
    with gc_paused():
        return _index_frame(entries, dyad, freq, direction, issue, by_issue, normalise, allocation, bootstrap, seed,
                            start, end)


def _index_frame(entries: Sequence[TimelineEntry], dyad: tuple[str, str], freq: Freq, direction: Direction,
                 issue: str | None, by_issue: ByIssue, normalise: Normalise, allocation: Allocation, bootstrap: int,
                 seed: int, start: dt.date | None, end: dt.date | None) -> pl.DataFrame:
    c = _contributions(entries, dyad, freq, allocation, issue, by_issue)
    names = {0: f"{dyad[0]}->{dyad[1]}", 1: f"{dyad[1]}->{dyad[0]}", 2: "combined"}
    wanted = {"a2b": [0], "b2a": [1], "combined": [2], "both": [0, 1, 2]}[direction]
    if c.period.size == 0 and (start is None or end is None):
        return pl.DataFrame(schema=INDEX_SCHEMA)
    p_first = period_index(start, freq) if start else int(c.period.min())
    p_last = period_index(end, freq) if end else int(c.period.max())
    rng = np.random.default_rng(seed)
    group_arr = np.asarray(c.group, dtype=object)
    labels = sorted(set(c.group)) if by_issue != "none" else ["all"]
    rows: list[dict[str, Any]] = []
    boots: list[np.ndarray[Any, Any]] = []  # bootstrap scores of the periods with data, drawn in period order
    boot_rows: list[int] = []
    for label in labels:
        in_label = group_arr == label if c.group else np.zeros(0, dtype=bool)
        for d in wanted:
            mask = in_label & ((c.direction == d) if d < 2 else np.ones_like(in_label))
            sel_p, sel_w, sel_g = c.period[mask], c.weight[mask], c.g[mask]
            sel_c, sel_e = c.coarse[mask], c.entry[mask]
            order = np.argsort(sel_p, kind="stable")
            sel_p, sel_w, sel_g, sel_c, sel_e = (x[order] for x in (sel_p, sel_w, sel_g, sel_c, sel_e))
            uniq, starts = np.unique(sel_p, return_index=True)
            ends = [*starts[1:].tolist(), len(sel_p)] if len(starts) else []
            bounds = dict(zip(uniq.tolist(), zip(starts.tolist(), ends, strict=True), strict=True))
            for p in range(p_first, p_last + 1):
                a, b = bounds.get(p, (0, 0))
                w, g = sel_w[a:b], sel_g[a:b]
                score = float(_stat(w, g, normalise)) if b > a else 0.0
                if b > a and bootstrap > 0:
                    idx = rng.integers(0, b - a, size=(bootstrap, b - a))
                    boots.append(_stat(w[idx], g[idx], normalise))
                    boot_rows.append(len(rows))
                total = float(w.sum()) if b > a else 0.0
                rows.append({
                    "period": period_label(p, freq), "period_start": period_start(p, freq),
                    "period_end": period_end(p, freq), "direction": names[d], "issue": label if issue is None
                    else (issue if label == "all" else label),
                    "score": score, "lo": score, "hi": score, "n": total,
                    "n_entries": len(set(sel_e[a:b].tolist())),
                    "coarse_share": float(w[sel_c[a:b]].sum()) / total if total > 0 else 0.0,
                })
    if boots:  # the 5th/95th percentiles of every period's draws in one call (row by row, as for one period)
        pct = np.percentile(np.stack(boots), [5.0, 95.0], axis=1)
        for j, r in enumerate(boot_rows):
            score = rows[r]["score"]
            rows[r]["lo"], rows[r]["hi"] = min(float(pct[0, j]), score), max(float(pct[1, j]), score)
    return pl.DataFrame(rows, schema=INDEX_SCHEMA)


def decay_for(freq: Freq, half_life_days: float) -> float:
    """δ = 0.5^(period length / half-life)."""
    return float(0.5 ** (period_days(freq) / half_life_days))


def relationship_series(entries: Sequence[TimelineEntry], *, dyad: tuple[str, str], freq: Freq = "quarter",
                        direction: Literal["a2b", "b2a", "combined"] = "combined", issue: str | None = None,
                        half_life_days: float = 365.0, scale: float | None = None,
                        allocation: Allocation = "spread", start: dt.date | None = None,
                        end: dt.date | None = None) -> pl.DataFrame:
    """The relationship level on a bounded −9..+9 scale: a decaying stock of period intensities, squashed.

    Columns: period, period_start, period_end, x (period sum of intensities), n, stock, level, scale.
    """
    frame = index_frame(entries, dyad=dyad, freq=freq, direction=direction, issue=issue, normalise="none",
                        allocation=allocation, bootstrap=0, start=start, end=end)
    if frame.height == 0:
        raise MeasureError(ErrorCode.E501, detail="no counted events between the two countries of the dyad")
    x = frame["score"].to_numpy()
    delta = decay_for(freq, half_life_days)
    stock = np.empty_like(x)
    s = 0.0
    for t, xt in enumerate(x):
        s = delta * s + (1.0 - delta) * float(xt)
        stock[t] = s
    k = scale if scale is not None else float(np.percentile(np.abs(stock), 90)) if stock.size else 1.0
    k = k if k > 0 else 1.0
    level = LEVEL_BOUND * np.tanh(stock / k)
    return pl.DataFrame({
        "period": frame["period"], "period_start": frame["period_start"], "period_end": frame["period_end"],
        "x": x, "n": frame["n"], "stock": stock, "level": level, "scale": np.full(x.size, k),
    })
