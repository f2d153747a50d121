"""`dyad extract` (code files without touching the store) and `dyad events` (query stored events)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from dyad.config import parse_date
from dyad.records import EventRecord, Failure, PerceptionRecord

DB_HELP = "Database file (default: $DYAD_DB or ./dyad.duckdb)."
CSV_FIELDS = ("date", "date_precision", "date_basis", "source_country", "source_actor", "source_text", "event_type",
              "target_country", "target_actor", "target_text", "quad_class", "intensity", "modality", "issues",
              "confidence", "trigger", "article", "start", "end", "sentence")


def _short(text: str | None, n: int) -> str:
    text = text or ""
    return text if len(text) <= n else text[: n - 1] + "…"


def _event_row(e: EventRecord) -> dict[str, Any]:
    return {
        "date": e.date, "date_precision": e.date_precision, "date_basis": e.date_basis,
        "source_country": e.source.country, "source_actor": e.source.actor, "source_text": e.source.text,
        "event_type": e.event_type, "target_country": e.target.country, "target_actor": e.target.actor,
        "target_text": e.target.text, "quad_class": e.quad_class, "intensity": e.intensity, "modality": e.modality,
        "issues": "|".join(e.issues), "confidence": round(e.confidence, 3), "trigger": e.trigger,
        "article": e.article, "start": e.start, "end": e.end, "sentence": e.sentence,
    }


def _print_table(records: Iterable[EventRecord | PerceptionRecord], title: str) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for col in ("date", "source", "type", "target", "modality", "issues", "trigger / frame"):
        table.add_column(col)
    n = 0
    for r in records:
        n += 1
        if isinstance(r, EventRecord):
            table.add_row(r.date or "-", r.source.country or r.source.text, r.event_type,
                          r.target.country or r.target.text, r.modality, ", ".join(r.issues),
                          _short(r.trigger, 40))
        else:
            table.add_row("-", r.holder.country or r.holder.text, f"perceives ({r.stance})",
                          r.about.country or r.about.text, r.modality, ", ".join(r.issues), _short(r.frame, 40))
    Console().print(table)
    return n


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="Publication date for inputs that do not state one.")
@click.option("--pack", default="jpn_kor", show_default=True, help="Knowledge pack (name or directory).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], published: str | None, pack: str, fmt: str) -> None:
    """Code events and perceptions in PATHS (files, directories, globs, - for stdin) and print them.

    Nothing is stored. jsonl: one record per line on stdout and nothing else; warnings go to stderr.
    Exit code 1 when some inputs could not be read (the rest are coded).
    """
    from dyad.code.api import extract as extract_records

    failures: list[Failure] = []

    def on_failure(f: Failure) -> None:
        failures.append(f)
        click.echo(f"warning: {f.line()}", err=True)

    records = extract_records(list(paths), published=parse_date(published), pack=pack, on_failure=on_failure)
    if fmt == "jsonl":
        out = sys.stdout
        for r in records:
            out.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
        out.flush()
    else:
        _print_table(records, "dyad extract")
    n_events = sum(isinstance(r, EventRecord) for r in records)
    click.echo(f"{n_events} events, {len(records) - n_events} perceptions", err=True)
    if failures:
        ctx.exit(1)


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=DB_HELP)
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="Events ending on or after this day.")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="Events starting on or before this day.")
@click.option("--source", default=None, help="Source country (ISO3) or actor id.")
@click.option("--target", default=None, help="Target country (ISO3) or actor id.")
@click.option("--type", "event_type", default=None, help="PLOVER event type, e.g. SANCTION.")
@click.option("--issue", default=None, help="Issue id or domain prefix, e.g. history or history.comfort_women.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def events(db: Path | None, date_from: str | None, date_to: str | None, source: str | None, target: str | None,
           event_type: str | None, issue: str | None, fmt: str) -> None:
    """List stored events, oldest first, filtered by date, actors, type and issue (read-only)."""
    from dyad.errors import ErrorCode, UsageError
    from dyad.ontology import event_types
    from dyad.store import Store, default_db_path

    if event_type and event_type.upper() not in event_types():
        raise UsageError(ErrorCode.E001, detail=f"unknown event type {event_type!r}; one of {', '.join(event_types())}")
    path = db or default_db_path()
    with Store(path, read_only=True) as store:
        rows = store.iter_events(date_from=parse_date(date_from), date_to=parse_date(date_to), source=source,
                                 target=target, event_type=event_type, issue=issue)
        if fmt == "jsonl":
            for e in rows:
                sys.stdout.write(json.dumps(e.to_json(), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            writer = csv.DictWriter(sys.stdout, fieldnames=list(CSV_FIELDS))
            writer.writeheader()
            for e in rows:
                writer.writerow(_event_row(e))
        else:
            n = _print_table(rows, f"events in {path}")
            click.echo(f"{n} events", err=True)
