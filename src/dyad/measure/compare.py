"""Checks against the world: the index built from the pack's reference chronology, and correlation with polls.

`correlate_with_polls` pairs the yearly relationship level with each opinion-poll series of the pack (one series =
pollster × respondents × measure, at least `min_n` years in common) and with a pooled "favourable" series: per
year, the mean over every measure whose name says favourable/affinity/like/good (and not un-/dis-/not/bad).
Pearson's r on the values, Spearman's ρ on average ranks; n = the number of years both have.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from dyad.measure.episodes import Episode, EpisodeKind

_POSITIVE = re.compile(r"\b(favou?rable|affinity|like|good)\b", re.I)
_NEGATIVE = re.compile(r"\b(unfavou?rable|dislike|not|bad)\b|\bdo not\b", re.I)
POOLED = "favourable (pooled)"


@dataclass(frozen=True, slots=True)
class PollCorrelation:
    series: str
    respondents: str
    measure: str
    n: int
    pearson: float
    spearman: float
    years: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {"series": self.series, "respondents": self.respondents, "measure": self.measure, "n": self.n,
                "pearson": round(self.pearson, 3), "spearman": round(self.spearman, 3), "years": list(self.years)}


def _ranks(x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x), dtype=float)
    ranks[order] = np.arange(1, len(x) + 1, dtype=float)
    for value in np.unique(x):  # average ranks for ties
        tie = x == value
        if tie.sum() > 1:
            ranks[tie] = ranks[tie].mean()
    return ranks


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    return pearson(list(_ranks(np.asarray(x, dtype=float))), list(_ranks(np.asarray(y, dtype=float))))


def _value(v: object) -> float | None:
    if isinstance(v, int | float):
        return float(v)
    m = re.search(r"-?\d+(?:\.\d+)?", str(v or ""))
    return float(m.group()) if m else None


def poll_frame(polls: Iterable[Any]) -> pl.DataFrame:
    """Poll rows as a frame: year, series, respondents, measure, value (percent), positive (valence)."""
    rows = []
    for p in polls:
        value = _value(getattr(p, "value_pct", None))
        year = _value(getattr(p, "survey_year", None))
        if value is None or year is None:
            continue
        measure = str(getattr(p, "measure", ""))
        positive = bool(_POSITIVE.search(measure)) and not _NEGATIVE.search(measure)
        rows.append({"year": int(year), "series": str(getattr(p, "series", "")),
                     "respondents": str(getattr(p, "respondents", "")), "measure": measure, "value": value,
                     "positive": positive})
    return pl.DataFrame(rows, schema={"year": pl.Int64, "series": pl.Utf8, "respondents": pl.Utf8,
                                      "measure": pl.Utf8, "value": pl.Float64, "positive": pl.Boolean})


def correlate_with_polls(series: pl.DataFrame, polls: Iterable[Any], *, column: str = "level",
                         min_n: int = 4) -> list[PollCorrelation]:
    """Correlate a yearly series (columns `period` = "YYYY" and `column`) with every poll series; pooled first."""
    index = {int(p): float(v) for p, v in zip(series["period"].to_list(), series[column].to_list(), strict=True)}
    frame = poll_frame(polls)
    out: list[PollCorrelation] = []

    def add(name: str, respondents: str, measure: str, pairs: dict[int, float]) -> None:
        years = tuple(sorted(y for y in pairs if y in index))
        if len(years) < min_n:
            return
        x = [index[y] for y in years]
        v = [pairs[y] for y in years]
        out.append(PollCorrelation(name, respondents, measure, len(years), pearson(x, v), spearman(x, v), years))

    if frame.height:
        pooled = frame.filter(pl.col("positive")).group_by("year").agg(pl.col("value").mean()).sort("year")
        add(POOLED, "all", "mean of favourable-type measures", dict(zip(pooled["year"].to_list(),
                                                                          pooled["value"].to_list(), strict=True)))
        for key, group in frame.sort("year").group_by(["series", "respondents", "measure"], maintain_order=True):
            s, r, m = (str(k) for k in key)
            yearly = group.group_by("year").agg(pl.col("value").mean())
            add(s, r, m, dict(zip(yearly["year"].to_list(), yearly["value"].to_list(), strict=True)))
    return out


def overlaps(episodes: Sequence[Episode], kind: EpisodeKind, year: int) -> list[Episode]:
    """Episodes of `kind` that overlap the calendar year."""
    lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return [e for e in episodes if e.kind == kind and e.start <= hi and e.end >= lo]
