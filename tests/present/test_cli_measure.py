"""`dyad timeline`, `dyad index`, `dyad episodes` end to end on a small database."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from dyad.present.cli import main
from dyad.records import Article
from dyad.store.db import Store

sys.path.insert(0, str(Path(__file__).parents[1] / "measure"))
from measure_helpers import ev


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.duckdb"
    events = [
        ev("a1", "Japan tightened export controls on three chemicals.", "2019-07-04", "SANCTION",
           issues=("economy.export_controls",)),
        ev("a2", "Tokyo restricted exports of chemicals to Korea on July 4.", "2019-07-04", "SANCTION",
           issues=("economy.export_controls",)),
        ev("a2", "Seoul protested the measures.", "2019-07-05", "PROTEST", source="KOR", target="JPN",
           issues=("economy.export_controls",), start=100),
        ev("a3", "The two foreign ministers agreed to restore ties.", "2023-03-16", "AGREE",
           issues=("diplomacy.summit",)),
    ]
    with Store(path) as store:
        for art in ("a1", "a2", "a3"):
            mine = [e for e in events if e.article == art]
            store.add_article(Article(id=art, text=" ".join(e.sentence for e in mine), raw="", source=art,
                                      source_format="txt"), events=mine)
    return path


def test_timeline_jsonl(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--db", str(db), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["date"], r["source"], r["n_articles"]) for r in rows] == [
        ("2019-07-04", "JPN", 2), ("2019-07-05", "KOR", 1), ("2023-03-16", "JPN", 1)]
    assert rows[0]["articles"] == ["a1", "a2"] and len(rows[0]["evidence"]) == 2


def test_timeline_filters_and_csv(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--db", str(db), "--from", "2020-01-01", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["event_type"] for r in rows] == ["AGREE"]
    assert main(["timeline", "--db", str(db), "--source", "KOR", "--format", "jsonl"]) == 0
    assert [json.loads(x)["event_type"] for x in capsys.readouterr().out.splitlines()] == ["PROTEST"]
    assert main(["timeline", "--db", str(db), "--from", "2020-13-01"]) == 2


def test_index_csv(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "--db", str(db), "--freq", "year", "--format", "csv", "--bootstrap", "0"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    combined = {r["period"]: float(r["score"]) for r in rows if r["direction"] == "combined"}
    assert combined["2019"] == pytest.approx(-5.0 - 6.5)  # two articles, one act: counted once
    assert combined["2023"] == pytest.approx(4.0)
    assert {r["direction"] for r in rows} == {"JPN->KOR", "KOR->JPN", "combined"}


def test_episodes_and_polls_from_chronology(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.duckdb"
    assert main(["episodes", "--db", str(missing), "--with-chronology", "--format", "jsonl"]) == 0
    out = capsys.readouterr()
    kinds = {json.loads(line)["kind"] for line in out.out.splitlines()}
    assert kinds <= {"tension", "reset", "normal"} and "turning point" in out.err
    assert main(["index", "--db", str(missing), "--with-chronology", "--compare-polls", "--format", "jsonl"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out.splitlines()[0])["n"] >= 4 and "Pearson r" in out.err
    assert not missing.exists()


def test_no_database_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "E501" in capsys.readouterr().err
