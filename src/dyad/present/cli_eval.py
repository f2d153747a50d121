"""`dyad eval`: score the event coder on gold files and, optionally, check or pin the evaluation gate."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from dyad.evaluation import EvalReport, Floors, check, evaluate, gold_digest, load_gold, pin
from dyad.evaluation.score import FIELDS, Tally


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_table(report: EvalReport, console: Console) -> None:
    rows: list[tuple[str, Tally]] = [("all", report.overall), *sorted(report.by_origin.items())]
    table = Table(title="Event coder evaluation")
    for col in ("slice", "items", "tp", "fp", "fn", "P", "R", "F1", *FIELDS, "perc P", "perc R"):
        table.add_column(col, justify="right")
    for name, t in rows:
        d = t.as_dict()
        table.add_row(name, str(t.items), str(t.tp), str(t.fp), str(t.fn), _fmt(t.precision), _fmt(t.recall),
                      _fmt(t.f1), *(f"{_fmt(t.accuracy(f))} ({t.field_n[f]})" for f in FIELDS),
                      _fmt(d["perception"]["precision"]), _fmt(d["perception"]["recall"]))
    console.print(table)


@click.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--pack", default="jpn_kor", show_default=True, help="Knowledge pack the coder uses.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", "errors_out", type=click.Path(path_type=Path),
              help="Write missed and spurious events as JSON Lines to this file.")
@click.option("--check", "check_path", type=click.Path(exists=True, path_type=Path),
              help="Fail (exit 1) when a score is below the floors pinned in this file.")
@click.option("--pin", "pin_path", type=click.Path(path_type=Path),
              help="Pin floors at the measured scores in this file (never lower without --allow-lower).")
@click.option("--allow-lower", is_flag=True, help="With --pin: allow floors to go down (an explicit act).")
@click.pass_context
def eval_command(ctx: click.Context, gold: tuple[Path, ...], pack: str, fmt: str, errors_out: Path | None,
                 check_path: Path | None, pin_path: Path | None, allow_lower: bool) -> None:
    """Score the coder on GOLD files (JSON Lines, or directories of them): event P/R/F1, field accuracy,
    perception P/R. Scoring rules: tests/data/gold/README.md."""
    items = load_gold(gold)
    report = evaluate(items, pack=pack)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        render_table(report, Console(width=200))
    if errors_out:
        with errors_out.open("w", encoding="utf-8") as fh:
            for err in report.errors:
                fh.write(json.dumps(err, ensure_ascii=False) + "\n")
    digest = gold_digest(gold)
    if pin_path:
        floors = pin(report, pin_path, gold_sha256=digest, allow_lower=allow_lower)
        click.echo(f"pinned floors in {pin_path}: {json.dumps(floors.floors)}", err=True)
    if check_path:
        problems = check(report, Floors.read(check_path), gold_sha256=digest)
        for line in problems:
            click.echo(f"gate: {line}", err=True)
        if problems:
            ctx.exit(1)
        click.echo("gate: all floors met", err=True)
