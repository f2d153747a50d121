"""Fixtures for the knowledge tests: paths to the hand-written fixture packs and a fresh pack cache per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dyad.knowledge import clear_cache

FIXTURES = Path(__file__).parent / "fixtures" / "packs"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


@pytest.fixture()
def packs_dir() -> Path:
    return FIXTURES
