"""`dyad report`: the self-contained HTML (or Markdown) report."""

from __future__ import annotations

import os
from pathlib import Path

import click

from dyad.present.cli_measure import open_store
from dyad.present.report import write_report


@click.command("report")
@click.option("--db", type=click.Path(path_type=Path), default=None,
              help="Database (default $DYAD_DB or ./dyad.duckdb).")
@click.option("--pack", default=lambda: os.environ.get("DYAD_PACK", "jpn_kor"), show_default="jpn_kor")
@click.option("--with-chronology", is_flag=True, help="Add the knowledge pack's reference chronology.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="File to write.")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default=None,
              help="Default: from the --out suffix (.md -> md), else html.")
@click.option("--freq", type=click.Choice(["month", "quarter", "year"]), default="quarter", show_default=True)
def report(db: Path | None, pack: str, with_chronology: bool, out: Path, fmt: str | None, freq: str) -> None:
    """Write ONE self-contained report: index chart with episodes, issue heatmap, timeline with evidence,
    each side's perceptions, sources."""
    chosen = fmt or ("md" if out.suffix.lower() in (".md", ".markdown") else "html")
    with open_store(db, with_chronology=with_chronology) as store:
        path = write_report(store, out, pack=pack, with_chronology=with_chronology,
                            fmt="md" if chosen == "md" else "html",
                            freq="month" if freq == "month" else "year" if freq == "year" else "quarter")
    click.echo(f"wrote {path}", err=True)
