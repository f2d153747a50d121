"""`dyad knowledge ...`: list and check what a knowledge pack holds (roles, events, issues, actors, polls, drivers).

Each command calls one function of `dyad.knowledge.query` and prints its records as a rich table, JSON Lines
(one object per line on stdout, nothing else) or CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from dyad.config import Options, parse_date
from dyad.knowledge import ACTOR_KINDS, DRIVER_KINDS, ISSUE_DOMAINS, OFFICES, load_pack
from dyad.knowledge.query import (
    Record,
    as_row,
    check_pack,
    list_actors,
    list_drivers,
    list_events,
    list_issues,
    list_polls,
    list_roles,
)

FORMATS = ["table", "jsonl", "csv"]


def _default_pack() -> str:
    return Options.from_env().pack


pack_option = click.option("--pack", default=None, metavar="NAME|PATH",
                           help="Knowledge pack (name or folder); default $DYAD_PACK or jpn_kor.")
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {'|'.join(map(str, v))}" for k, v in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def emit(rows: Sequence[dict[str, Any]], fmt: str, *, title: str, columns: Sequence[str]) -> None:
    """Print rows as JSON Lines (every field), CSV (every field) or a table (the given columns)."""
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if fmt == "csv":
        if not rows:
            return
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
        return
    table = Table(title=f"{title} ({len(rows)})")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(col)) for col in columns))
    Console(width=max(120, Console().width)).print(table)


def _rows(records: Sequence[Record], pack: str) -> list[dict[str, Any]]:
    kp = load_pack(pack)
    return [as_row(r, kp) for r in records]


@click.group("knowledge")
def knowledge() -> None:
    """Knowledge packs: persons and dated roles, institutions, issues, reference chronology, drivers, polls."""


@knowledge.command("roles")
@pack_option
@click.option("--country", metavar="ISO3", help="Only this country's offices.")
@click.option("--office", type=click.Choice(OFFICES), help="Only this office.")
@click.option("--person", metavar="PERSON_ID", help="Only this person.")
@click.option("--at", "at", metavar="YYYY-MM-DD", help="Only roles held on this day.")
@format_option
def roles(pack: str | None, country: str | None, office: str | None, person: str | None, at: str | None,
          fmt: str) -> None:
    """Who held which office when (jsonl: person, name, office, country, posted_to, start, end, acting, source)."""
    pack = pack or _default_pack()
    day: dt.date | None = parse_date(at)
    records = list_roles(pack, country=country, office=office, at=day, person=person)
    emit(_rows(records, pack), fmt, title="Roles",
         columns=["person", "name", "office", "country", "posted_to", "start", "end", "acting"])


@knowledge.command("events")
@pack_option
@click.option("--from", "date_from", metavar="DATE", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", help="Up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--issue", metavar="ID|DOMAIN", help="Only events on this issue (an id or a domain like history).")
@click.option("--country", metavar="ISO3", help="Only events with this country as source or target.")
@click.option("--type", "event_type", metavar="PLOVER", help="Only this PLOVER event type.")
@format_option
def events(pack: str | None, date_from: str | None, date_to: str | None, issue: str | None, country: str | None,
           event_type: str | None, fmt: str) -> None:
    """The pack's reference chronology, oldest first."""
    pack = pack or _default_pack()
    records = list_events(pack, date_from=date_from, date_to=date_to, issue=issue, country=country,
                          event_type=event_type)
    emit(_rows(records, pack), fmt, title="Reference chronology",
         columns=["date", "source", "target", "event_type", "issues", "description"])


@knowledge.command("issues")
@pack_option
@click.option("--domain", type=click.Choice(ISSUE_DOMAINS), help="Only this domain.")
@format_option
def issues(pack: str | None, domain: str | None, fmt: str) -> None:
    """The issue taxonomy with aliases in every language and tagger keywords."""
    pack = pack or _default_pack()
    emit(_rows(list_issues(pack, domain=domain), pack), fmt, title="Issues",
         columns=["id", "label", "aliases", "keywords"])


@knowledge.command("actors")
@pack_option
@click.option("--country", metavar="ISO3", help="Only this country's actors.")
@click.option("--kind", type=click.Choice(ACTOR_KINDS), help="Only this kind.")
@click.option("--name", help="Only actors whose name or an alias contains this text.")
@format_option
def actors(pack: str | None, country: str | None, kind: str | None, name: str | None, fmt: str) -> None:
    """Institutions, parties, companies, civic groups, media and IGOs."""
    pack = pack or _default_pack()
    emit(_rows(list_actors(pack, country=country, kind=kind, name=name), pack), fmt, title="Actors",
         columns=["id", "name", "country", "kind", "parent", "aliases"])


@knowledge.command("drivers")
@pack_option
@click.option("--from", "date_from", metavar="DATE", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", help="Up to this date.")
@click.option("--kind", type=click.Choice(DRIVER_KINDS), help="Only this kind of driver.")
@click.option("--country", metavar="ISO3", help="Only drivers in this country.")
@format_option
def drivers(pack: str | None, date_from: str | None, date_to: str | None, kind: str | None, country: str | None,
            fmt: str) -> None:
    """Dated drivers of the relationship: leadership changes, elections, North Korean tests, summits, rulings."""
    pack = pack or _default_pack()
    records = list_drivers(pack, date_from=date_from, date_to=date_to, kind=kind, country=country)
    emit(_rows(records, pack), fmt, title="Drivers", columns=["date", "kind", "country", "description"])


@knowledge.command("polls")
@pack_option
@click.option("--series", help="Only series whose name contains this text.")
@click.option("--respondents", help="Only respondents matching this text (e.g. Japanese).")
@click.option("--from", "year_from", type=int, metavar="YEAR", help="From this survey year.")
@click.option("--to", "year_to", type=int, metavar="YEAR", help="Up to this survey year.")
@format_option
def polls(pack: str | None, series: str | None, respondents: str | None, year_from: int | None,
          year_to: int | None, fmt: str) -> None:
    """Published opinion-poll figures."""
    pack = pack or _default_pack()
    records = list_polls(pack, series=series, respondents=respondents, year_from=year_from, year_to=year_to)
    emit(_rows(records, pack), fmt, title="Polls",
         columns=["series", "survey_year", "respondents", "measure", "value_pct"])


@knowledge.command("check")
@pack_option
@click.pass_context
def check(ctx: click.Context, pack: str | None) -> None:
    """Validate a pack and every pack it extends; print each problem as `file:row: CODE message`.

    Exit status 1 when there is any problem.
    """
    pack = pack or _default_pack()
    problems = check_pack(pack)
    for problem in problems:
        click.echo(problem.line())
    kp = load_pack(pack)
    summary = (f"{kp.id}: {len(problems)} problem(s) in {', '.join(kp.layers)} "
               f"({len(kp.countries)} countries, {len(kp.persons)} persons, {len(kp.roles)} roles, "
               f"{len(kp.actors)} actors, {len(kp.issues)} issues, {len(kp.chronology)} events, "
               f"{len(kp.drivers)} drivers, {len(kp.polls)} poll figures)")
    click.echo(summary, err=True)
    if problems:
        ctx.exit(1)
