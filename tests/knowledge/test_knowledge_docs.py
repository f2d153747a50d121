"""docs/knowledge.md stays honest: every `dyad knowledge` command and option, every office, kind, domain and driver
kind, and every error code the checks use is documented."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from dyad.knowledge import ACTOR_KINDS, DRIVER_KINDS, ISSUE_DOMAINS, OFFICES
from dyad.present.cli_knowledge import knowledge

DOC = (Path(__file__).resolve().parents[2] / "docs" / "knowledge.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(knowledge.commands))
def test_command_and_its_options_are_documented(name: str) -> None:
    command = knowledge.commands[name]
    assert f"dyad knowledge {name}" in DOC
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in DOC for opt in param.opts), f"{name} {param.opts} not in docs/knowledge.md"


@pytest.mark.parametrize("word", [*OFFICES, *ACTOR_KINDS, *ISSUE_DOMAINS, *DRIVER_KINDS,
                                  "E201", "E202", "E203", "E204", "E205"])
def test_vocabulary_is_documented(word: str) -> None:
    assert word in DOC
