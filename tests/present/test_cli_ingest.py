"""`dyad ingest`, `dyad articles`, `dyad show` through click: output streams, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from dyad.present.cli import cli, main

FIXTURES = Path(__file__).parent.parent / "ingest" / "fixtures"


def ingest(runner: CliRunner, db: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["ingest", *args, "--db", str(db), "--no-code"])
    return result.exit_code, result.stdout, result.stderr


def test_ingest_all_good_exits_zero_and_reports_on_stderr(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "a.duckdb"
    code, out, err = ingest(runner, db, str(FIXTURES / "diplomat.html"), str(FIXTURES / "feed.rss"))
    assert code == 0 and out == ""
    assert "3 stored, 0 duplicate, 0 near-duplicate, 0 failed" in err
    code, out, err = ingest(runner, db, str(FIXTURES / "diplomat.html"))
    assert code == 0 and "0 stored, 1 duplicate" in err


def test_ingest_some_failed_exits_one_with_a_line_per_failure(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, err = ingest(runner, tmp_path / "b.duckdb", str(empty), str(FIXTURES / "export.jsonl"))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert f"{empty}: E102 empty input" in lines
    assert sum(": E108 " in line for line in lines) == 2
    assert "2 stored, 0 duplicate, 0 near-duplicate, 3 failed" in err


def test_usage_errors_exit_two(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(cli, ["ingest"]).exit_code == 2
    r = runner.invoke(cli, ["ingest", str(FIXTURES / "plain.txt"), "--published", "2023-13-45",
                            "--db", str(tmp_path / "c.duckdb")])
    assert r.exit_code == 2 and "E002" in r.stderr
    assert runner.invoke(cli, ["ingest", str(FIXTURES), "--workers", "0"]).exit_code == 2
    assert main(["ingest", "--bogus"]) == 2


def test_column_options_and_published(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "d.duckdb"
    code, _, err = ingest(runner, db, str(FIXTURES / "export.csv"), "--text-column", "story_body",
                          "--title-column", "hed", "--date-column", "pubdate", "--url-column", "permalink",
                          "--outlet-column", "publication")
    assert code == 0, err
    code, _, _ = ingest(runner, db, str(FIXTURES / "plain.txt"), "--published", "2022-02-02", "--outlet", "X")
    assert code == 0
    rows = [json.loads(line) for line in
            runner.invoke(cli, ["articles", "--db", str(db), "--format", "jsonl"]).stdout.splitlines()]
    assert [r["title"] for r in rows[:2]] == ["Kishida visits Seoul", "Leaders discuss Fukushima water"]
    assert rows[0]["published"] == "2023-05-07" and rows[0]["url"] == "https://example.com/c10"
    assert rows[2]["published"] == "2022-02-02" and rows[2]["outlet"] == "X"


def test_articles_formats(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    ingest(runner, db, str(FIXTURES / "diplomat.html"), str(FIXTURES / "article.txt"))
    jsonl = runner.invoke(cli, ["articles", "--db", str(db), "--format", "jsonl", "--with-text"])
    assert jsonl.exit_code == 0 and jsonl.stderr == ""
    recs = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(recs) == 2
    assert {"id", "title", "published", "language", "n_chars", "text", "url", "outlet", "source"} == set(recs[0])
    assert all(r["n_chars"] == len(r["text"]) for r in recs)
    table = runner.invoke(cli, ["articles", "--db", str(db)])
    assert table.exit_code == 0 and recs[0]["id"] in table.stdout
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["articles", "--db", str(db), "--format",
                                                                "csv"]).stdout)))
    assert [r["id"] for r in rows] == [r["id"] for r in recs] and "text" not in rows[0]


def test_show_by_prefix_and_raw(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    ingest(runner, db, str(FIXTURES / "diplomat.html"))
    rec = json.loads(runner.invoke(cli, ["articles", "--db", str(db), "--format", "jsonl"]).stdout)
    shown = runner.invoke(cli, ["show", rec["id"][:5], "--db", str(db)])
    assert shown.exit_code == 0
    assert "author_bio: Jane Park is a non-resident fellow" in shown.stdout
    assert "  - 5 min read" in shown.stdout and "Yoon Suk Yeol travelled" in shown.stdout
    raw = runner.invoke(cli, ["show", rec["id"], "--db", str(db), "--raw"])
    assert "<!DOCTYPE html>" in raw.stdout
    assert main(["show", "ffffffff", "--db", str(db)]) == 1


def test_db_from_environment(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "env.duckdb"
    r = runner.invoke(cli, ["ingest", str(FIXTURES / "plain.txt"), "--no-code"], env={"DYAD_DB": str(db)})
    assert r.exit_code == 0 and db.exists()
    r = runner.invoke(cli, ["articles", "--format", "jsonl"], env={"DYAD_DB": str(db)})
    assert len(r.stdout.splitlines()) == 1


def test_stdin_input(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    text = "---\ntitle: Piped\ndate: 2024-02-03\n---\nSeoul and Tokyo agreed to hold talks next month.\n"
    r = runner.invoke(cli, ["ingest", "-", "--db", str(db), "--no-code"], input=text)
    assert r.exit_code == 0 and "1 stored" in r.stderr
    rec = json.loads(runner.invoke(cli, ["articles", "--db", str(db), "--format", "jsonl"]).stdout)
    assert rec["source"] == "<stdin>" and rec["title"] == "Piped" and rec["published"] == "2024-02-03"
    r = runner.invoke(cli, ["ingest", "-", "--db", str(db), "--no-code", "--max-bytes", "10"], input=text)
    assert r.exit_code == 1 and "<stdin>: E105 input is more than 10 bytes" in r.stderr
