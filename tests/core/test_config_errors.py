"""Options layering and the error catalogue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyad.config import DEFAULT_MAX_BYTES, Options, parse_date
from dyad.errors import MESSAGES, DyadError, ErrorCode, IngestError, UsageError


def test_every_code_has_a_message_and_codes_are_unique() -> None:
    assert set(MESSAGES) == set(ErrorCode)
    assert len({c.value for c in ErrorCode}) == len(ErrorCode)
    for code in ErrorCode:
        assert code.value[0] == "E" and code.value[1:].isdigit()


def test_error_line_names_the_input_and_code() -> None:
    err = IngestError(ErrorCode.E105, where="big.html", size=30, limit=20)
    assert err.line() == "big.html: E105 input is 30 bytes, over the limit of 20 bytes"
    assert isinstance(err, DyadError)


def test_options_layers_defaults_env_then_arguments() -> None:
    assert Options.from_env({}).max_bytes == DEFAULT_MAX_BYTES
    env = {"DYAD_DB": "/tmp/x.duckdb", "DYAD_MAX_BYTES": "1000", "DYAD_PACK": "jpn_chn"}
    opts = Options.from_env(env)
    assert (opts.db, opts.max_bytes, opts.pack) == (Path("/tmp/x.duckdb"), 1000, "jpn_chn")
    assert Options.from_env(env, db="other.duckdb", max_bytes=None).db == Path("other.duckdb")
    assert Options.from_env(env, db="other.duckdb", max_bytes=None).max_bytes == 1000


@pytest.mark.parametrize("env", [{"DYAD_MAX_BYTES": "lots"}, {"DYAD_MAX_BYTES": "0"}])
def test_bad_settings_are_usage_errors(env: dict[str, str]) -> None:
    with pytest.raises(UsageError):
        Options.from_env(env)


def test_parse_date() -> None:
    assert parse_date("2019-08-02") == dt.date(2019, 8, 2)
    assert parse_date(None) is None
    with pytest.raises(UsageError, match="E002"):
        parse_date("02/08/2019")
