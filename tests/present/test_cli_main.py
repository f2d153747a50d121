"""The real entry point (not click's test runner): exit codes 0 / 1 / 2 and one stderr line per failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GOOD = "Japan and South Korea agreed on Monday to resume talks over the dispute, officials in both capitals said.\n"


def dyad(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dyad", *args], capture_output=True, text=True, timeout=300)


def test_exit_codes_of_the_installed_command(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD)
    (inputs / "empty.txt").write_text("")
    db = str(tmp_path / "x.duckdb")
    partial = dyad("ingest", str(inputs), "--db", db, "--no-code")
    assert partial.returncode == 1, partial.stderr
    assert f"{inputs / 'empty.txt'}: E102" in partial.stderr
    again = dyad("ingest", str(inputs / "good.txt"), "--db", db, "--no-code")
    assert again.returncode == 0, again.stderr          # a duplicate is not a failure
    assert dyad("no-such-command").returncode == 2
    assert dyad("articles", "--db", db, "--format", "yaml").returncode == 2
    assert dyad("--version").stdout.startswith("dyad, version ")
