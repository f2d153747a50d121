"""Everything a report shows, gathered once from the measure API, the store and the knowledge pack."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from dyad.errors import ErrorCode, MeasureError
from dyad.measure.api import dyad_of, entries_for, load_pack_or_none
from dyad.measure.compare import PollCorrelation, correlate_with_polls
from dyad.measure.episodes import Episode, TurningPoint, find_episodes
from dyad.measure.index import index_frame, relationship_series
from dyad.measure.timeline import TimelineEntry

MAX_ENTRIES = 400
MAX_QUOTES = 25


@dataclass(frozen=True, slots=True)
class Side:
    """One country of the dyad as the report names it."""

    code: str
    name: str
    capital: str


@dataclass(frozen=True, slots=True)
class Quote:
    stance: str
    frame: str
    sentence: str
    url: str | None
    source_label: str


@dataclass(slots=True)
class ReportData:
    sides: tuple[Side, Side]
    generated: str
    series: pl.DataFrame
    direction_series: pl.DataFrame
    episodes: list[Episode]
    turning: list[TurningPoint]
    heat: pl.DataFrame
    entries: list[TimelineEntry]
    n_entries_total: int
    articles: dict[str, dict[str, Any]]
    chronology_urls: dict[str, str]  # description -> source URL (chronology rows)
    perceptions: dict[str, list[Quote]]  # holder country -> quotes about the other side
    stance_counts: dict[str, dict[str, int]]
    polls: list[PollCorrelation] = field(default_factory=list)
    with_chronology: bool = False
    freq: str = "quarter"

    def side_label(self, code: str) -> str:
        return next((s.capital or s.name for s in self.sides if s.code == code), code)


def _side(pack: Any, code: str) -> Side:
    country = pack.country(code) if pack is not None and hasattr(pack, "country") else None
    name = str(getattr(country, "name", "") or code)
    capital = str(getattr(country, "capital", "") or name)
    return Side(code, name, capital)


def _articles(store: Any) -> dict[str, dict[str, Any]]:
    if store is None:
        return {}
    return {r["id"]: r for r in store.query(
        "SELECT id, title, outlet, url, published FROM articles ORDER BY published NULLS LAST, id")}


def _perceptions(store: Any, dyad: tuple[str, str], articles: dict[str, dict[str, Any]]
                 ) -> tuple[dict[str, list[Quote]], dict[str, dict[str, int]]]:
    quotes: dict[str, list[Quote]] = {dyad[0]: [], dyad[1]: []}
    counts: dict[str, dict[str, int]] = {dyad[0]: {}, dyad[1]: {}}
    if store is None:
        return quotes, counts
    rows = store.query(
        """SELECT article_id, sentence, holder_country, about_country, stance, frame FROM perceptions
           WHERE modality IN ('occurred', 'ongoing') ORDER BY article_id, start_char""")
    for r in rows:
        holder, about = r["holder_country"], r["about_country"]
        if holder not in quotes or about == holder or about not in dyad:
            continue
        counts[holder][r["stance"]] = counts[holder].get(r["stance"], 0) + 1
        if len(quotes[holder]) < MAX_QUOTES:
            art = articles.get(r["article_id"], {})
            label = art.get("outlet") or art.get("title") or r["article_id"]
            quotes[holder].append(Quote(r["stance"], r["frame"] or "", r["sentence"], art.get("url"), str(label)))
    return quotes, counts


def _pick_entries(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    if len(entries) <= MAX_ENTRIES:
        return entries
    keep = sorted(entries, key=lambda e: (-e.n_articles, -abs(e.intensity), e.id))[:MAX_ENTRIES]
    ids = {e.id for e in keep}
    return [e for e in entries if e.id in ids]


def gather(store: Any, *, pack: Any = "jpn_kor", with_chronology: bool = False, freq: str = "quarter",
           half_life_days: float = 365.0) -> ReportData:
    """Build the report's data: series, episodes, heatmap, timeline, perceptions, sources."""
    kp = load_pack_or_none(pack)
    entries = entries_for(store, pack=kp, with_chronology=with_chronology)
    if not entries:
        raise MeasureError(ErrorCode.E501, detail="no counted events to report (ingest articles or use "
                                                  "--with-chronology)")
    dyad = dyad_of(kp, entries)
    f: Any = freq
    series = relationship_series(entries, dyad=dyad, freq=f, half_life_days=half_life_days)
    episodes, turning = find_episodes(entries, dyad=dyad, freq=f, series=series)
    start, end = series["period_start"].min(), series["period_end"].max()
    assert isinstance(start, dt.date) and isinstance(end, dt.date)
    directions = []
    for code in ("a2b", "b2a"):
        s = relationship_series(entries, dyad=dyad, freq=f, direction=code,  # type: ignore[arg-type]
                                half_life_days=half_life_days, start=start, end=end,
                                scale=float(series["scale"][0]))
        name = f"{dyad[0]}->{dyad[1]}" if code == "a2b" else f"{dyad[1]}->{dyad[0]}"
        directions.append(s.select("period_start", "level").with_columns(pl.lit(name).alias("direction")))
    heat = index_frame(entries, dyad=dyad, freq="year", direction="combined", by_issue="domain",
                       normalise="mean", bootstrap=0)
    articles = _articles(store)
    quotes, counts = _perceptions(store, dyad, articles)
    chron_urls = {str(r.description): str(r.source_url) for r in (getattr(kp, "chronology", ()) or ())
                  } if with_chronology else {}
    polls: list[PollCorrelation] = []
    if kp is not None and getattr(kp, "polls", None):
        yearly = relationship_series(entries, dyad=dyad, freq="year", half_life_days=half_life_days)
        polls = correlate_with_polls(yearly, kp.polls)
    return ReportData(
        sides=(_side(kp, dyad[0]), _side(kp, dyad[1])), generated=dt.date.today().isoformat(), series=series,
        direction_series=pl.concat(directions), episodes=episodes, turning=turning, heat=heat,
        entries=_pick_entries(entries), n_entries_total=len(entries), articles=articles,
        chronology_urls=chron_urls, perceptions=quotes, stance_counts=counts, polls=polls,
        with_chronology=with_chronology, freq=freq)
