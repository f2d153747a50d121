"""Write docs/cli.md from the `--help` of every dyad command (run after changing the CLI; a test checks it).

Usage: python scripts/gen_cli_docs.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from dyad.present.cli import cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _walk(group: click.Group, prefix: list[str]) -> list[list[str]]:
    ctx = click.Context(group)
    out = []
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is None:
            continue
        out.append([*prefix, name])
        if isinstance(cmd, click.Group):
            out.extend(_walk(cmd, [*prefix, name]))
    return out


def render() -> str:
    runner = CliRunner()
    parts = ["# Command-line reference", "",
             "Generated from `dyad … --help` by `scripts/gen_cli_docs.py`; `tests/present/test_docs.py` checks "
             "that it matches the code.", ""]
    for path in [[], *_walk(cli, [])]:
        result = runner.invoke(cli, [*path, "--help"], prog_name="dyad", terminal_width=100)
        if result.exit_code != 0:
            raise RuntimeError(f"dyad {' '.join(path)} --help failed: {result.output}")
        parts += [f"## `dyad {' '.join(path)}`".replace("`dyad `", "`dyad`"), "", "```", result.output.rstrip(), "```", ""]
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if DOC.read_text(encoding="utf-8") != text:
            print("docs/cli.md is out of date: run python scripts/gen_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
