"""`dyad timeline`, `dyad index`, `dyad episodes`: the measure stage on the command line."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import click
import polars as pl
from rich.console import Console
from rich.table import Table

from dyad.errors import ErrorCode, MeasureError, UsageError
from dyad.measure._common import Freq
from dyad.measure.api import compare_polls, compute_episodes, compute_index, load_pack_or_none
from dyad.measure.episodes import episodes_frame
from dyad.measure.index import Direction, Normalise
from dyad.measure.timeline import get_timeline
from dyad.store.db import Store, default_db_path

FORMATS = click.Choice(["table", "jsonl", "csv"])


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(ErrorCode.E002, value=value) from exc


@contextmanager
def open_store(db: Path | None, *, with_chronology: bool) -> Iterator[Store | None]:
    """The database (read-write, so the timeline can be brought up to date), or None when there is none and
    the chronology alone is asked for."""
    path = db or default_db_path()
    if str(path) != ":memory:" and not Path(path).exists():
        if with_chronology:
            yield None
            return
        raise MeasureError(ErrorCode.E501, where=str(path),
                           detail="no database here (run `dyad ingest` first, or use --with-chronology)")
    store = Store(path)
    try:
        yield store
    finally:
        store.close()


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def emit(frame: pl.DataFrame, fmt: str, *, title: str = "") -> None:
    """A frame to stdout as a rich table, JSON Lines (one object a line, nothing else) or CSV."""
    if fmt == "jsonl":
        for row in frame.iter_rows(named=True):
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt == "csv":
        flat = frame.with_columns([pl.col(c).cast(pl.List(pl.Utf8)).list.join("|") for c, t in frame.schema.items()
                                   if isinstance(t, pl.List)])
        click.echo(flat.write_csv(), nl=False)
    else:
        table = Table(title=title or None)
        for col in frame.columns:
            table.add_column(col, overflow="fold")
        for values in frame.iter_rows():
            table.add_row(*(_cell(v) for v in values))
        Console(width=int(os.environ.get("COLUMNS", "200"))).print(table)


def _common(f: Any) -> Any:
    f = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)(f)
    f = click.option("--pack", default=lambda: os.environ.get("DYAD_PACK", "jpn_kor"), show_default="jpn_kor",
                     help="Knowledge pack (dyad countries, chronology, polls).")(f)
    f = click.option("--with-chronology", is_flag=True,
                     help="Add the knowledge pack's reference chronology to the stored events.")(f)
    f = click.option("--db", type=click.Path(path_type=Path), default=None,
                     help="Database (default $DYAD_DB or ./dyad.duckdb).")(f)
    return f


@click.command("timeline")
@_common
@click.option("--from", "date_from", help="Only entries on or after this day (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Only entries on or before this day (YYYY-MM-DD).")
@click.option("--issue", help="Issue id or prefix (\"history\" matches history.*).")
@click.option("--source", help="Source country (ISO3).")
@click.option("--target", help="Target country (ISO3).")
@click.option("--all-modalities", is_flag=True, help="Also planned, hypothetical, negated … events.")
def timeline(db: Path | None, with_chronology: bool, pack: str, fmt: str, date_from: str | None,
             date_to: str | None, issue: str | None, source: str | None, target: str | None,
             all_modalities: bool) -> None:
    """The merged timeline: one entry per real-world act, with every article and evidence sentence."""
    with open_store(db, with_chronology=with_chronology) as store:
        entries = get_timeline(store, date_from=_date(date_from), date_to=_date(date_to), issue=issue,
                               source=source, target=target, include_uncounted=all_modalities,
                               pack=load_pack_or_none(pack) if with_chronology else None,
                               with_chronology=with_chronology)
    rows = [e.to_json() for e in entries]
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    frame = pl.DataFrame(rows, schema={
        "id": pl.Utf8, "date": pl.Utf8, "date_precision": pl.Utf8, "dates": pl.List(pl.Utf8), "source": pl.Utf8,
        "target": pl.Utf8, "event_type": pl.Utf8, "quad_class": pl.Utf8, "intensity": pl.Float64,
        "issues": pl.List(pl.Utf8), "modality": pl.Utf8, "n_articles": pl.Int64, "articles": pl.List(pl.Utf8),
        "evidence": pl.List(pl.Utf8)})
    if fmt == "table":
        frame = frame.select("date", "source", "target", "event_type", "issues", "n_articles",
                             pl.col("evidence").list.first().str.slice(0, 90).alias("evidence"))
    emit(frame, fmt, title=f"Timeline: {len(rows)} entries")
    click.echo(f"{len(rows)} timeline entries", err=True)


@click.command("index")
@_common
@click.option("--freq", type=click.Choice(["month", "quarter", "year"]), default="month", show_default=True)
@click.option("--direction", type=click.Choice(["a2b", "b2a", "combined", "both"]), default="both",
              show_default=True, help="a2b = dyad[0]->dyad[1]; both = each direction and combined.")
@click.option("--issue", help="Issue id or prefix.")
@click.option("--by-issue", is_flag=True, help="One series per issue domain.")
@click.option("--normalise", type=click.Choice(["none", "mean", "share"]), default="none", show_default=True)
@click.option("--bootstrap", type=click.IntRange(0, 10000), default=200, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--compare-polls", "compare_polls_flag", is_flag=True,
              help="Instead: correlate the yearly relationship level with the pack's opinion polls.")
def index(db: Path | None, with_chronology: bool, pack: str, fmt: str, freq: str, direction: str,
          issue: str | None, by_issue: bool, normalise: str, bootstrap: int, seed: int,
          compare_polls_flag: bool) -> None:
    """The directed cooperation-conflict index per period (Goldstein-weighted, with bootstrap lo/hi)."""
    with open_store(db, with_chronology=with_chronology) as store:
        if compare_polls_flag:
            result = compare_polls(store, pack=pack, with_chronology=with_chronology)
            frame = pl.DataFrame([c.to_json() for c in result], schema={
                "series": pl.Utf8, "respondents": pl.Utf8, "measure": pl.Utf8, "n": pl.Int64,
                "pearson": pl.Float64, "spearman": pl.Float64, "years": pl.List(pl.Int64)})
            emit(frame, fmt, title="Yearly relationship level vs opinion polls")
            if result:
                head = result[0]
                click.echo(f"{head.series}: Pearson r = {head.pearson:.2f}, Spearman rho = {head.spearman:.2f}, "
                           f"n = {head.n} years", err=True)
            return
        frame = compute_index(store, pack=pack, with_chronology=with_chronology, freq=cast(Freq, freq),
                              direction=cast(Direction, direction), issue=issue,
                              by_issue="domain" if by_issue else "none",
                              normalise=cast(Normalise, normalise), bootstrap=bootstrap, seed=seed)
    emit(frame, fmt, title=f"Index ({freq}, normalise={normalise})")


@click.command("episodes")
@_common
@click.option("--freq", type=click.Choice(["month", "quarter", "year"]), default="quarter", show_default=True)
@click.option("--penalty", type=float, default=None, help="Pelt penalty (default: σ²·ln n of the series).")
def episodes(db: Path | None, with_chronology: bool, pack: str, fmt: str, freq: str,
             penalty: float | None) -> None:
    """Turning points and episodes (tension / reset / normal) of the relationship series."""
    with open_store(db, with_chronology=with_chronology) as store:
        result = compute_episodes(store, pack=pack, with_chronology=with_chronology, freq=cast(Freq, freq),
                                  penalty=penalty)
    if fmt == "jsonl":
        for ep in result.episodes:
            click.echo(json.dumps(ep.to_json(), ensure_ascii=False))
    else:
        emit(episodes_frame(result.episodes), fmt, title=f"Episodes ({freq})")
    for tp in result.turning_points:
        click.echo(f"turning point {tp.period}: {tp.before:+.2f} -> {tp.after:+.2f}", err=True)
