"""`dyad extract` prints only records on stdout (jsonl); `dyad events` reads the store read-only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.present.cli import cli


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("in") / "a.txt"
    path.write_text("Japan imposed export controls on South Korea in July 2019.\n\n"
                    "Seoul sees Tokyo as an unreliable partner.\n", encoding="utf-8")
    return path


def test_extract_jsonl_is_pure(article: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(article), "--published", "2019-08-01"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    records = [json.loads(line) for line in lines]  # every stdout line is one JSON object
    assert {r["record"] for r in records} == {"event", "perception"}
    sanction = next(r for r in records if r["record"] == "event")
    assert (sanction["source"]["country"], sanction["event_type"], sanction["target"]["country"]) == (
        "JPN", "SANCTION", "KOR")
    assert "events" in result.stderr


def test_extract_missing_file_exits_1_and_warns_on_stderr(article: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(article), str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert all(json.loads(line) for line in result.stdout.splitlines())
    assert "nope.txt" in result.stderr and "E101" in result.stderr


def test_extract_bad_date_is_a_usage_error(article: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(article), "--published", "yesterday"])
    assert result.exit_code != 0
    assert result.stdout == ""


def test_extract_table(article: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(article), "--format", "table"])
    assert result.exit_code == 0
    assert "SANCTION" in result.stdout


def test_events_reads_the_store(tmp_path: Path) -> None:
    from dyad.code.api import Coder, text_article
    from dyad.store import Store

    db = tmp_path / "t.duckdb"
    coded = Coder("jpn_kor").code(text_article("Japan imposed export controls on South Korea in July 2019."))
    with Store(db) as store:
        store.add_article(coded.article, coded.sentences, coded.events, coded.perceptions)
    runner = CliRunner()
    result = runner.invoke(cli, ["events", "--db", str(db), "--format", "jsonl", "--type", "sanction"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["event_type"] for r in rows] == ["SANCTION"]
    result = runner.invoke(cli, ["events", "--db", str(db), "--format", "csv", "--source", "KOR"])
    assert result.stdout.splitlines()[1:] == []
    result = runner.invoke(cli, ["events", "--db", str(db), "--format", "csv", "--from", "2019-07-01"])
    assert len(result.stdout.splitlines()) == 2
