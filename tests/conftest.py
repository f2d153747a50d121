"""Shared fixtures: a fresh in-memory store and a CLI runner. Keep this small; stage-specific fixtures live in the
stage's own conftest."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from dyad.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    """A fresh in-memory dyad store with every migration applied."""
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def runner() -> CliRunner:
    """A click CliRunner; `result.stdout` and `result.stderr` are kept apart."""
    return CliRunner()
