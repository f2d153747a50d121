"""Change points and episode labels on synthetic series with known breaks."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from dyad.measure.episodes import change_points, episodes_frame, find_episodes, label_segments, penalty_rule
from dyad.measure.timeline import TimelineEntry
from dyad.ontology import event_types

DYAD = ("JPN", "KOR")


def _series(values: list[float]) -> pl.DataFrame:
    starts = [dt.date(2000 + i // 4, (i % 4) * 3 + 1, 1) for i in range(len(values))]
    return pl.DataFrame({"period": [f"{d.year}Q{(d.month - 1) // 3 + 1}" for d in starts], "period_start": starts,
                         "period_end": [d + dt.timedelta(days=89) for d in starts], "level": values})


def test_known_break_is_found() -> None:
    rng = np.random.default_rng(1)
    y = np.concatenate([rng.normal(3, 0.5, 20), rng.normal(-5, 0.5, 12), rng.normal(4, 0.5, 16)])
    assert change_points(y, min_size=4) == [20, 32]
    labels = [seg[2] for seg in label_segments(y, [20, 32])]
    assert labels == ["normal", "tension", "reset"]


def test_flat_noise_has_no_break() -> None:
    y = np.random.default_rng(2).normal(0, 1, 40)
    assert change_points(y, min_size=4) == []
    assert penalty_rule(y) > 0


def _entry(i: int, day: dt.date, etype: str) -> TimelineEntry:
    t = event_types()[etype]
    return TimelineEntry(id=f"e{i}", date=day.isoformat(), date_precision="day", date_start=day, date_end=day,
                         source="JPN", target="KOR", event_type=etype, quad_class=t.quad_class,
                         intensity=t.intensity, issues=(), modality="occurred", counted=True)


def test_episodes_from_entries_with_triggers() -> None:
    entries = [_entry(i, dt.date(2000 + i // 4, (i % 4) * 3 + 1, 10), "AGREE") for i in range(24)]
    entries += [_entry(100 + i, dt.date(2006 + i // 4, (i % 4) * 3 + 1, 10), "COERCE") for i in range(12)]
    entries += [_entry(200, dt.date(2005, 12, 20), "ASSAULT")]
    entries += [_entry(300 + i, dt.date(2009 + i // 4, (i % 4) * 3 + 1, 10), "AID") for i in range(16)]
    episodes, turning = find_episodes(entries, dyad=DYAD, freq="quarter", half_life_days=120)
    kinds = [e.kind for e in episodes]
    assert "tension" in kinds and kinds[-1] == "reset"
    tension = next(e for e in episodes if e.kind == "tension")
    assert dt.date(2005, 7, 1) <= tension.start <= dt.date(2006, 7, 1)
    assert tension.triggers and all(t.intensity < 0 for t in tension.triggers)
    assert len(turning) == len(episodes) - 1
    frame = episodes_frame(episodes)
    assert frame.height == len(episodes) and frame["start"].is_sorted()


def test_episode_on_given_series() -> None:
    values = [2.0] * 8 + [-6.0] * 8 + [2.0] * 8
    episodes, turning = find_episodes([], dyad=DYAD, freq="quarter", series=_series(values))
    assert [e.kind for e in episodes] == ["normal", "tension", "reset"]
    assert [t.period for t in turning] == ["2002Q1", "2004Q1"]
