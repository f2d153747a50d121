"""Index invariants (hypothesis) and the relationship series."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from measure_helpers import ev

from dyad.measure.index import decay_for, index_frame, relationship_series
from dyad.measure.timeline import TimelineEntry, merge_events
from dyad.ontology import event_types

DYAD = ("JPN", "KOR")
TYPES = sorted(event_types())


def _entry(i: int, day: dt.date, etype: str, src: str, tgt: str, *, end: dt.date | None = None,
           issues: tuple[str, ...] = ("history.x",)) -> TimelineEntry:
    t = event_types()[etype]
    return TimelineEntry(id=f"e{i}", date=day.isoformat(), date_precision="day", date_start=day,
                         date_end=end or day, source=src, target=tgt, event_type=etype, quad_class=t.quad_class,
                         intensity=t.intensity, issues=issues, modality="occurred", counted=True)


entry_st = st.builds(
    lambda i, d, ty, fwd: _entry(i, dt.date(2018, 1, 1) + dt.timedelta(days=d), ty, *(DYAD if fwd else DYAD[::-1])),
    st.integers(0, 10**6), st.integers(0, 3 * 365), st.sampled_from(TYPES), st.booleans())
entries_st = st.lists(entry_st, min_size=1, max_size=40, unique_by=lambda e: e.id)


def _scores(frame: pl.DataFrame, direction: str) -> dict[str, float]:
    f = frame.filter(pl.col("direction") == direction)
    return dict(zip(f["period"].to_list(), f["score"].to_list(), strict=True))


@settings(max_examples=40, deadline=None)
@given(entries_st, st.sampled_from(["month", "quarter", "year"]))
def test_directions_sum_to_combined(entries: list[TimelineEntry], freq: str) -> None:
    frame = index_frame(entries, dyad=DYAD, freq=freq, bootstrap=0)  # type: ignore[arg-type]
    a, b, c = (_scores(frame, d) for d in ("JPN->KOR", "KOR->JPN", "combined"))
    assert set(a) == set(b) == set(c)
    for p in c:
        assert a[p] + b[p] == pytest.approx(c[p])
    assert sum(c.values()) == pytest.approx(sum(e.intensity for e in entries))  # each entry counted once


@settings(max_examples=40, deadline=None)
@given(entries_st, st.sampled_from(["mean", "share"]))
def test_scores_within_bounds(entries: list[TimelineEntry], normalise: str) -> None:
    frame = index_frame(entries, dyad=DYAD, freq="quarter", normalise=normalise, bootstrap=30)  # type: ignore[arg-type]
    bound = 10.0 if normalise == "mean" else 1.0
    for col in ("score", "lo", "hi"):
        assert frame[col].abs().max() <= bound + 1e-9  # type: ignore[operator]
    assert (frame["lo"] <= frame["score"]).all() and (frame["score"] <= frame["hi"]).all()
    level = relationship_series(entries, dyad=DYAD, freq="month")["level"]
    assert level.abs().max() <= 9.0  # type: ignore[operator]


@settings(max_examples=40, deadline=None)
@given(entries_st, st.integers(0, 3 * 365), st.sampled_from(["AGREE", "COOPERATE", "AID", "CONCEDE"]),
       st.sampled_from(["none", "share"]))
def test_adding_cooperation_never_lowers_the_period(entries: list[TimelineEntry], day: int, etype: str,
                                                    normalise: str) -> None:
    when = dt.date(2018, 1, 1) + dt.timedelta(days=day)
    start, end = dt.date(2018, 1, 1), dt.date(2021, 1, 31)
    before = index_frame(entries, dyad=DYAD, freq="month", normalise=normalise, bootstrap=0,  # type: ignore[arg-type]
                         start=start, end=end)
    after = index_frame([*entries, _entry(-1, when, etype, *DYAD)], dyad=DYAD, freq="month",
                        normalise=normalise, bootstrap=0, start=start, end=end)  # type: ignore[arg-type]
    period = f"{when.year:04d}-{when.month:02d}"
    for d in ("JPN->KOR", "combined"):
        assert _scores(after, d)[period] >= _scores(before, d)[period] - 1e-9
        assert _scores(after, d)[period] > _scores(before, d)[period] or normalise == "share"


@settings(max_examples=25, deadline=None)
@given(entries_st, st.randoms())
def test_permutation_invariance(entries: list[TimelineEntry], rnd: object) -> None:
    shuffled = entries[:]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = index_frame(entries, dyad=DYAD, freq="quarter", bootstrap=0)
    b = index_frame(shuffled, dyad=DYAD, freq="quarter", bootstrap=0)
    assert a["period"].to_list() == b["period"].to_list()
    assert np.allclose(a["score"].to_numpy(), b["score"].to_numpy())


def test_coarse_entries_are_spread_and_flagged() -> None:
    year = _entry(1, dt.date(2019, 1, 1), "SANCTION", *DYAD, end=dt.date(2019, 12, 31))
    frame = index_frame([year], dyad=DYAD, freq="month", direction="a2b", bootstrap=0)
    assert frame.height == 12
    assert frame["score"].to_list() == pytest.approx([-5.0 * d / 365 for d in
                                                      (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)])
    assert frame["coarse_share"].to_list() == [1.0] * 12
    mid = index_frame([year], dyad=DYAD, freq="month", direction="a2b", bootstrap=0, allocation="midpoint")
    assert mid.filter(pl.col("score") != 0)["period"].to_list() == ["2019-07"]
    yearly = index_frame([year], dyad=DYAD, freq="year", direction="a2b", bootstrap=0)
    assert yearly["score"].to_list() == [-5.0] and yearly["coarse_share"].to_list() == [0.0]


def test_issue_prefix_and_domains() -> None:
    es = [_entry(1, dt.date(2019, 7, 4), "SANCTION", *DYAD, issues=("economy.export_controls",)),
          _entry(2, dt.date(2019, 7, 5), "ACCUSE", *DYAD, issues=("history.forced_labour",))]
    only = index_frame(es, dyad=DYAD, freq="year", direction="a2b", issue="history", bootstrap=0)
    assert only["score"].to_list() == [-2.0]
    by = index_frame(es, dyad=DYAD, freq="year", direction="a2b", by_issue="domain", bootstrap=0)
    assert dict(zip(by["issue"].to_list(), by["score"].to_list(), strict=True)) == {"economy": -5.0,
                                                                                  "history": -2.0}


def test_bootstrap_is_seeded_and_brackets() -> None:
    es = merge_events([ev(f"a{i}", f"sentence number {i} about things", "2020-03-0" + str(i % 9 + 1),
                          "AGREE" if i % 3 else "ACCUSE", issues=(f"x.{i}",)) for i in range(30)])
    a = index_frame(es, dyad=DYAD, freq="month", bootstrap=100, seed=7)
    b = index_frame(es, dyad=DYAD, freq="month", bootstrap=100, seed=7)
    assert a.equals(b)
    row = a.filter(pl.col("direction") == "combined").row(0, named=True)
    assert row["lo"] < row["score"] < row["hi"]


def test_relationship_stock_formula() -> None:
    es = [_entry(1, dt.date(2019, 1, 15), "ASSAULT", *DYAD), _entry(2, dt.date(2019, 4, 15), "AGREE", *DYAD)]
    rel = relationship_series(es, dyad=DYAD, freq="quarter", half_life_days=365.0, scale=10.0)
    d = decay_for("quarter", 365.0)
    s1 = (1 - d) * -9.0
    s2 = d * s1 + (1 - d) * 4.0
    assert rel["stock"].to_list() == pytest.approx([s1, s2])
    assert rel["level"].to_list() == pytest.approx([9 * np.tanh(s1 / 10), 9 * np.tanh(s2 / 10)])
    assert 0 < d < 1
