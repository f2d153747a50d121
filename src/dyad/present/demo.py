"""`make demo`: ingest the bundled corpus into a fresh store and show what dyad makes of it.

Runs the same CLI commands a user would type, so the demo doubles as a tour:
ingest → articles → events → timeline → index and episodes (with the reference chronology) → report.
Usage: python -m dyad.present.demo [--corpus DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

from dyad.present.cli import main as dyad

REPO = Path(__file__).resolve().parents[3]


def run_demo(corpus: Path, out: Path, *, console: Console | None = None) -> Path:
    """Run the tour into `out/` (the store is made anew) and return the report's path."""
    console = console or Console(stderr=True)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    report = out / "report.html"
    steps: list[tuple[str, list[str], set[int]]] = [
        (f"dyad ingest {corpus}", ["ingest", str(corpus), "--db", str(db)], {0}),
        ("dyad articles", ["articles", "--db", str(db)], {0}),
        ("dyad events (from the corpus)", ["events", "--db", str(db)], {0}),
        ("dyad timeline (merged across articles)", ["timeline", "--db", str(db)], {0}),
        ("dyad index --with-chronology --freq year",
         ["index", "--db", str(db), "--with-chronology", "--freq", "year"], {0}),
        ("dyad episodes --with-chronology", ["episodes", "--db", str(db), "--with-chronology"], {0}),
        ("dyad report --with-chronology", ["report", "--db", str(db), "--with-chronology", "--out", str(report)], {0}),
    ]
    for title, argv, ok in steps:
        console.print(Rule(f"[bold]{title}"))
        sys.stdout.flush()
        code = dyad(argv)
        sys.stdout.flush()
        if code not in ok:
            raise SystemExit(f"demo step failed ({code}): dyad {' '.join(argv)}")
    console.print(Rule())
    console.print(f"Report written to [bold]{report}[/bold] (self-contained HTML; open it in a browser).")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dyad.present.demo", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus", help="Folder of articles to ingest.")
    parser.add_argument("--out", type=Path, default=REPO / "out", help="Folder for the store and the report.")
    args = parser.parse_args(argv)
    if not sys.stdout.isatty():
        os.environ.setdefault("COLUMNS", "160")  # rich tables default to 80 columns when piped (make demo | less)
    if not args.corpus.is_dir():
        parser.error(f"corpus folder not found: {args.corpus}")
    run_demo(args.corpus, args.out)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
