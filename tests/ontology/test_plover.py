"""The PLOVER ontology data: 16 types, their quad classes, intensities and CAMEO roots."""

from __future__ import annotations

import pytest

from dyad.ontology import event_type, event_types
from dyad.records import QUAD_CLASSES

PLOVER_16 = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
             "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_the_sixteen_types() -> None:
    assert set(event_types()) == PLOVER_16


def test_quad_classes_and_intensity_signs() -> None:
    for et in event_types().values():
        assert et.quad_class in QUAD_CLASSES
        assert (et.intensity > 0) == et.quad_class.endswith("coop")


def test_sanction_is_material_conflict() -> None:
    assert event_type("sanction").quad_class == "material_conflict"


def test_unknown_type_names_itself() -> None:
    with pytest.raises(KeyError, match="DISAPPROVE"):
        event_type("DISAPPROVE")
