"""`dyad knowledge ...` through click's CliRunner on the real command group."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dyad.present.cli import cli, main


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["knowledge", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _jsonl(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_roles_jsonl_fields_and_filters(packs_dir: Path) -> None:
    code, out, _ = _run("roles", "--pack", str(packs_dir / "fx_dyad"), "--country", "KOR", "--office",
                        "head_of_state", "--at", "2017-01-01", "--format", "jsonl")
    assert code == 0
    rows = _jsonl(out)
    assert [r["person"] for r in rows] == ["KOR.PER.GAMMA_MIN", "KOR.PER.DELTA_SU"]
    first = rows[0]
    assert {"person", "office", "country", "start", "end", "source", "acting", "posted_to"} <= set(first)
    assert first["start"] == "2015-03-01" and first["end"] == "2017-03-10" and first["acting"] is False
    assert first["name"] == "Gamma Min" and first["posted_to"] is None


def test_roles_real_pack_moon_in_2019() -> None:
    code, out, _ = _run("roles", "--pack", "jpn_kor", "--country", "KOR", "--office", "head_of_state",
                        "--at", "2019-08-02", "--format", "jsonl")
    assert code == 0
    assert [r["person"] for r in _jsonl(out)] == ["KOR.PER.MOON_JAE_IN"]


def test_events_date_and_issue_filters(packs_dir: Path) -> None:
    pack = str(packs_dir / "fx_dyad")
    code, out, _ = _run("events", "--pack", pack, "--from", "2019", "--to", "2019-12", "--format", "jsonl")
    assert code == 0
    assert [r["id"] for r in _jsonl(out)] == ["EV-2", "EV-3"]
    _, out, _ = _run("events", "--pack", pack, "--issue", "territory", "--format", "jsonl")
    assert [r["id"] for r in _jsonl(out)] == ["EV-2", "EV-4"]
    _, out, _ = _run("events", "--pack", pack, "--type", "sanction", "--format", "jsonl")
    assert [r["id"] for r in _jsonl(out)] == ["EV-3"]
    _, out, _ = _run("events", "--pack", pack, "--country", "KOR", "--from", "2020", "--format", "jsonl")
    assert [r["id"] for r in _jsonl(out)] == ["EV-4"]  # the court is a KOR actor


def test_issues_actors_drivers_polls_jsonl(packs_dir: Path) -> None:
    pack = str(packs_dir / "fx_dyad")
    _, out, _ = _run("issues", "--pack", pack, "--domain", "territory", "--format", "jsonl")
    (issue,) = _jsonl(out)
    assert issue["id"] == "territory.islets" and issue["aliases"] == {"en": ["the islets"], "ja": ["島"], "ko": ["섬"]}
    _, out, _ = _run("actors", "--pack", pack, "--name", "大法", "--format", "jsonl")
    assert out == ""
    _, out, _ = _run("actors", "--pack", pack, "--name", "대법원", "--format", "jsonl")
    assert [a["id"] for a in _jsonl(out)] == ["KOR.JUD.SUPREME_COURT"]
    _, out, _ = _run("drivers", "--pack", pack, "--kind", "leadership_change", "--format", "jsonl")
    assert [d["id"] for d in _jsonl(out)] == ["DRV-1"]
    _, out, _ = _run("polls", "--pack", pack, "--respondents", "japanese", "--format", "jsonl")
    (poll,) = _jsonl(out)
    assert poll["value_pct"] == 31.5 and poll["survey_year"] == 2019


def test_table_and_csv_output(packs_dir: Path) -> None:
    pack = str(packs_dir / "fx_dyad")
    code, out, _ = _run("roles", "--pack", pack)
    assert code == 0 and "Roles (6)" in out and "JPN.PER.ALPHA_TARO" in out
    code, out, _ = _run("events", "--pack", pack, "--format", "csv")
    lines = out.splitlines()
    assert lines[0].startswith("id,date,date_precision,source,target")
    assert len(lines) == 5 and '"second, with a comma"' in out


def test_check_clean_pack_exits_zero(packs_dir: Path) -> None:
    code, out, err = _run("check", "--pack", str(packs_dir / "fx_dyad"))
    assert code == 0 and out == ""
    assert "0 problem(s)" in err


def test_check_real_jpn_kor_pack_exits_zero() -> None:
    code, out, _ = _run("check", "--pack", "jpn_kor")
    assert (code, out) == (0, "")


def test_check_bad_pack_prints_one_line_per_problem_and_exits_one(packs_dir: Path) -> None:
    code, out, err = _run("check", "--pack", str(packs_dir / "fx_bad"))
    assert code == 1
    lines = out.splitlines()
    assert "fx_bad/roles.csv:4: E203 unknown person_id 'JPN.PER.NOBODY'" in lines
    assert all(line.startswith("fx_bad/") for line in lines)
    assert f"{len(lines)} problem(s)" in err


def test_bad_date_and_unknown_pack_exit_codes() -> None:
    assert main(["knowledge", "roles", "--at", "2019-13-01"]) == 2
    assert main(["knowledge", "events", "--from", "sometime"]) == 2
    assert main(["knowledge", "check", "--pack", "no_such_pack"]) == 1
    assert main(["knowledge", "roles", "--office", "emperor"]) == 2
