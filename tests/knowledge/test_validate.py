"""Every validation rule fires on the fixture `fx_bad` (one row per kind of problem) and not on clean packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.errors import ErrorCode
from dyad.knowledge import Problem, load_pack

E202, E203, E205 = ErrorCode.E202, ErrorCode.E203, ErrorCode.E205

# (file, row, code, words in the message) for each rule; the fixture has one bad row per rule.
EXPECTED = [
    ("pack.yaml", None, E202, "no name"),
    ("pack.yaml", None, E202, "no version"),
    ("pack.yaml", None, E203, "unknown country 'XXX'"),
    ("persons.csv", 3, E203, "duplicate person_id"),
    ("persons.csv", 4, E202, "person_id must look like"),
    ("persons.csv", 4, E203, "unknown country 'ZZZ'"),
    ("persons.csv", 5, E205, "no source"),
    ("persons.csv", 5, E202, "checked is not a YYYY-MM-DD date"),
    ("persons.csv", 6, E202, "empty required field: name"),
    ("roles.csv", 3, E203, "overlaps JPN.PER.ONE_A"),
    ("roles.csv", 4, E203, "unknown person_id 'JPN.PER.NOBODY'"),
    ("roles.csv", 5, E202, "not 'emperor'"),
    ("roles.csv", 6, E203, "is before start"),
    ("roles.csv", 7, E202, "start is not a YYYY-MM-DD date"),
    ("roles.csv", 8, E202, "acting must be true or false"),
    ("roles.csv", 9, E203, "ambassador posted_to"),
    ("roles.csv", 10, E202, "posted_to is only for ambassadors"),
    ("roles.csv", 13, E203, "duplicate term"),
    ("roles.csv", 14, E203, "is a person of JPN but the defence_minister office is in KOR"),
    ("roles.csv", 15, E203, "start 2027-01-01 is after the checked date"),
    ("actors.yaml", 4, E203, "duplicate actor id"),
    ("actors.yaml", 5, E202, "not 'club'"),
    ("actors.yaml", 6, E202, "country is required"),
    ("actors.yaml", 7, E203, "unknown parent"),
    ("actors.yaml", 8, E202, "id must look like"),
    ("actors.yaml", 9, E203, "does not start with its country"),
    ("actors.yaml", 10, E202, "aliases language"),
    ("actors.yaml", 11, E205, "no source"),
    ("issues.yaml", 4, E203, "duplicate issue id"),
    ("issues.yaml", 5, E202, "id must look like"),
    ("issues.yaml", 6, E202, "does not match the id prefix"),
    ("issues.yaml", 7, E202, "not 'sport'"),
    ("issues.yaml", 8, E202, "no description"),
    ("chronology.csv", 3, E202, "'HUG' is not a PLOVER type"),
    ("chronology.csv", 4, E203, "does not match AGREE (verbal_coop)"),
    ("chronology.csv", 5, E203, "unknown issue id 'history.unknown'"),
    ("chronology.csv", 6, E203, "neither a known ISO3 nor an actor id"),
    ("chronology.csv", 7, E202, "not an ISO date"),
    ("chronology.csv", 8, E202, "at month precision, not day"),
    ("chronology.csv", 9, E202, "date_precision must be one of"),
    ("chronology.csv", 10, E205, "no source_url"),
    ("chronology.csv", 11, E203, "duplicate chronology id 'C-1'"),
    ("chronology.csv", 12, E205, "not an http(s) URL"),
    ("chronology.csv", 13, E202, "row has 5 cells"),
    ("chronology.csv", 14, E203, "after the checked date"),
    ("drivers.csv", 3, E202, "not 'coup'"),
    ("drivers.csv", 4, E203, "unknown country 'ZZZ'"),
    ("drivers.csv", 5, E205, "no checked date"),
    ("drivers.csv", 6, E203, "after the checked date"),
    ("drivers_missing.csv", 1, E202, "missing columns: kind"),
    ("polls.csv", 3, E202, "is not a percentage"),
    ("polls.csv", 4, E202, "value_pct is not a number"),
    ("polls.csv", 5, E203, "duplicate poll row"),
]


@pytest.fixture()
def problems(packs_dir: Path) -> list[Problem]:
    return load_pack(packs_dir / "fx_bad").validate()


@pytest.mark.parametrize(("file", "row", "code", "words"), EXPECTED)
def test_each_rule_reports_file_row_and_code(problems: list[Problem], file: str, row: int | None,
                                             code: ErrorCode, words: str) -> None:
    hits = [p for p in problems if p.file == f"fx_bad/{file}" and p.row == row and p.code is code
            and words in p.message]
    assert hits, f"no {code} at {file}:{row} with {words!r}; got " + "\n".join(p.line() for p in problems)


def test_no_unexpected_problems(problems: list[Problem]) -> None:
    expected = {(f"fx_bad/{f}", r, c) for f, r, c, _ in EXPECTED}
    unexpected = [p.line() for p in problems if (p.file, p.row, p.code) not in expected]
    assert unexpected == []


def test_acting_overlap_is_allowed(problems: list[Problem]) -> None:
    # roles.csv rows 11 and 12: a head of state and an acting one overlapping
    assert not [p for p in problems if p.file == "fx_bad/roles.csv" and p.row in (11, 12)]


def test_problem_line_format(problems: list[Problem]) -> None:
    lines = [p.line() for p in problems]
    assert "fx_bad/roles.csv:4: E203 unknown person_id 'JPN.PER.NOBODY'" in lines
    assert "fx_bad/pack.yaml: E202 pack.yaml has no name" in lines


def test_problems_are_sorted_by_file_and_row(problems: list[Problem]) -> None:
    keys = [(p.file, p.row or 0) for p in problems]
    assert keys == sorted(keys)


def test_clean_fixture_pack_has_no_problems(packs_dir: Path) -> None:
    assert load_pack(packs_dir / "fx_dyad").validate() == []
