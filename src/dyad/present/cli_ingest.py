"""`dyad ingest`, `dyad articles`, `dyad show`: thin click wrappers over dyad.ingest's public functions."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from dyad.config import Options, parse_date
from dyad.errors import UsageError
from dyad.records import Failure
from dyad.store import default_db_path

DB_HELP = "Database file (default: $DYAD_DB or ./dyad.duckdb)."


db_option = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=DB_HELP)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="Publication date for inputs that do not state one.")
@click.option("--outlet", default=None, help="Outlet name for inputs that do not state one.")
@click.option("--max-bytes", type=int, default=None,
              help="Skip inputs larger than this (default: $DYAD_MAX_BYTES or 20 MB).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for reading, cleaning (and coding).")
@click.option("--no-code", is_flag=True, help="Store articles without running the event coder.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS|local",
              help="Run reading, cleaning (and coding) on a Dask cluster: a scheduler ADDRESS "
                   "(tcp://host:8786; workers need dyad and the same inputs and knowledge pack), or 'local' for "
                   "a local cluster of --workers processes. This process stays the only writer. "
                   "Needs pip install 'dyad[dask]'.")
@click.option("--text-column", default=None, help="JSONL/CSV column holding the article text.")
@click.option("--title-column", default=None, help="JSONL/CSV column holding the title.")
@click.option("--date-column", default=None, help="JSONL/CSV column holding the publication date.")
@click.option("--url-column", default=None, help="JSONL/CSV column holding the URL.")
@click.option("--outlet-column", default=None, help="JSONL/CSV column holding the outlet.")
@click.option("--author-column", default=None, help="JSONL/CSV column holding the author.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db: Path | None, published: str | None,
           outlet: str | None, max_bytes: int | None, workers: int, no_code: bool, dask_address: str | None,
           text_column: str | None,
           title_column: str | None, date_column: str | None, url_column: str | None,
           outlet_column: str | None, author_column: str | None) -> None:
    """Read, clean, de-duplicate and store articles from PATHS (files, directories, globs, or - for stdin).

    Formats: .txt/.md (optional YAML front matter), .html, .jsonl/.json, .csv/.tsv, .warc(.gz), RSS/Atom feeds.
    Exit code 0 when every input was stored or skipped as a duplicate, 1 when some failed (the rest stored).
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from dyad.ingest import ColumnMap, IngestSummary, ingest_paths

    try:
        options = Options.from_env(db=db or default_db_path(), published=parse_date(published), outlet=outlet,
                                   max_bytes=max_bytes, workers=workers,
                                   code_events=False if no_code else None, dask=dask_address)
        if options.dask is not None:  # before the store is opened: a missing dask is a usage error
            from dyad.ingest.distributed import require_distributed

            require_distributed()
    except UsageError as exc:
        raise click.UsageError(exc.line()) from exc
    columns = ColumnMap(text=text_column, title=title_column, date=date_column, url=url_column,
                        outlet=outlet_column, author=author_column)
    console = Console(stderr=True)

    with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/]"), BarColumn(),
                  TextColumn("{task.fields[counts]}"), TimeElapsedColumn(), console=console,
                  transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("ingest", total=None, counts="")

        def progress(s: IngestSummary) -> None:
            bar.update(task, counts=f"{s.stored} stored, {s.duplicate} dup, {s.near_duplicate} near-dup, "
                                    f"{s.failed} failed")

        def on_failure(f: Failure) -> None:
            bar.console.print(f.line(), markup=False, highlight=False, soft_wrap=True)

        try:
            summary = ingest_paths(paths, options=options, columns=columns, progress=progress,
                                   on_failure=on_failure)
        except UsageError as exc:  # e.g. no Dask scheduler at --dask ADDRESS
            raise click.UsageError(exc.line()) from exc
    for warning in dict.fromkeys(summary.warnings):
        console.print(f"warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    console.print(
        f"{summary.stored} stored, {summary.duplicate} duplicate, {summary.near_duplicate} near-duplicate, "
        f"{summary.failed} failed ({summary.non_english} not English, {summary.coded} coded) -> {options.db}",
        markup=False, highlight=False, soft_wrap=True)
    if summary.failed:
        ctx.exit(1)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--with-text", is_flag=True, help="Include each article's clean text.")
def articles(db: Path | None, fmt: str, with_text: bool) -> None:
    """List stored articles (id, title, published, language, size, url, outlet, source)."""
    from dyad.ingest import list_articles
    from dyad.ingest.query import LIST_FIELDS

    rows = list_articles(db or default_db_path(), with_text=with_text)
    fields = [*LIST_FIELDS, "text"] if with_text else list(LIST_FIELDS)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table()
        for name in ("id", "published", "lang", "chars"):
            table.add_column(name, no_wrap=True)
        table.add_column("title", ratio=2)
        table.add_column("source", ratio=1, overflow="fold")
        if with_text:
            table.add_column("text", ratio=3)
        for row in rows:
            table.add_row(row["id"], row["published"] or "unknown", row["language"] or "?", str(row["n_chars"]),
                          row["title"] or "", row["source"],
                          *([(row.get("text") or "")[:200]] if with_text else []))
        Console().print(table)


@click.command()
@click.argument("article_id")
@db_option
@click.option("--raw", is_flag=True, help="Print the raw input as it came instead of the clean text.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def show(article_id: str, db: Path | None, raw: bool, fmt: str) -> None:
    """Show one article by id (a unique prefix is enough): metadata, then its clean text (or --raw input)."""
    from dyad.ingest import show_article

    row = show_article(db or default_db_path(), article_id)
    if fmt == "jsonl":
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    for key in ("id", "title", "author", "outlet", "url", "published", "published_basis", "language",
                "source", "source_format", "n_chars", "n_sentences", "coded"):
        click.echo(f"{key}: {row.get(key) if row.get(key) is not None else 'unknown'}")
    if row.get("author_bio"):
        click.echo(f"author_bio: {row['author_bio']}")
    for near in row.get("near_duplicates") or []:
        click.echo(f"near_duplicate: {near['id']} {near['source']} (similarity {near['similarity']})")
    removed = row.get("removed") or []
    click.echo(f"removed: {len(removed)} lines")
    for line in removed:
        click.echo(f"  - {line}")
    click.echo("")
    click.echo(row["raw"] if raw else row["text"])
