"""Docs kept honest by tests: the CLI reference matches `--help`, the README's commands exist."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from dyad.present.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[2]


def _gen_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_matches_help() -> None:
    expected = _gen_module().render()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is out of date: run python scripts/gen_cli_docs.py"


def test_every_command_is_documented_in_the_reference() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"## `dyad {name}`" in text


def test_readme_quickstart_has_exactly_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:\w+)?\n(.*?)```", section, flags=re.S)
    commands = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_commands_named_in_readme_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"```\w*\n(.*?)```", readme, flags=re.S))
    named = set(re.findall(r"^dyad ([a-z]+)", code, flags=re.M)) | set(re.findall(r"`dyad ([a-z]+)", readme))
    assert named, "README names no dyad command"
    assert named <= set(COMMANDS), f"README names unknown commands: {sorted(named - set(COMMANDS))}"


def test_makefile_targets_named_in_readme_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in set(re.findall(r"`make ([a-z]+)`", readme)):
        assert re.search(rf"^{target}:", makefile, flags=re.M), f"Makefile lacks target {target}"
