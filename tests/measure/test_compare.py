"""Checks against the world: the real jpn_kor chronology must show the 2019 crisis and the 2023 thaw."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from dyad.measure.compare import POOLED, correlate_with_polls, overlaps, pearson, poll_frame, spearman
from dyad.measure.episodes import find_episodes
from dyad.measure.index import relationship_series
from dyad.measure.timeline import chronology_events, merge_events

MIN_ROWS = 150


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    knowledge = pytest.importorskip("dyad.knowledge")
    pack = knowledge.load_pack("jpn_kor")
    if len(pack.chronology) < MIN_ROWS:
        pytest.skip(f"jpn_kor chronology has {len(pack.chronology)} rows, fewer than {MIN_ROWS}: not landed yet")
    return pack


def test_crisis_2019_and_thaw_2023_are_found(pack) -> None:  # type: ignore[no-untyped-def]
    entries = merge_events(chronology_events(pack))
    episodes, turning = find_episodes(entries, dyad=pack.dyad, freq="quarter")
    assert overlaps(episodes, "tension", 2019), [e.to_json() for e in episodes]
    assert overlaps(episodes, "reset", 2023), [e.to_json() for e in episodes]
    assert not overlaps(episodes, "reset", 2019) and not overlaps(episodes, "tension", 2023)
    assert turning


def test_index_tracks_opinion_polls(pack) -> None:  # type: ignore[no-untyped-def]
    series = relationship_series(merge_events(chronology_events(pack)), dyad=pack.dyad, freq="year")
    result = correlate_with_polls(series, pack.polls)
    pooled = next(c for c in result if c.series == POOLED)
    assert pooled.n >= 8
    assert pooled.pearson > 0.3  # measured 0.71 (n=11) when written; a sign flip means something broke


def test_correlation_helpers() -> None:
    assert pearson([1, 2, 3, 4], [2, 4, 6, 8]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [1, 10, 100, 1000]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    polls = [SimpleNamespace(series="S", survey_year=2000 + i, respondents="R", measure=m, value_pct=v)
             for i, (m, v) in enumerate([("favorable impression", 10), ("unfavorable impression", "~80"),
                                         ("feel affinity", 30.5), ("favorable impression", None)])]
    frame = poll_frame(polls)
    assert frame["positive"].to_list() == [True, False, True]
    assert frame["value"].to_list() == [10.0, 80.0, 30.5]
