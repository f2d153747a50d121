"""Dated role look-ups: role_at, holders, roles_of on the fixture pack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dyad.knowledge import load_pack

D = dt.date


def test_roles_of_is_ordered_by_start(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    offices = [(r.office, r.start) for r in pack.roles_of("JPN.PER.ALPHA_TARO")]
    assert offices == [("foreign_minister", D(2008, 1, 1)), ("head_of_government", D(2010, 1, 1))]
    assert pack.roles_of("JPN.PER.NOBODY") == []


def test_role_at_includes_first_and_last_day(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    assert pack.role_at("JPN.PER.ALPHA_TARO", D(2009, 12, 31))[0].office == "foreign_minister"
    assert pack.role_at("JPN.PER.ALPHA_TARO", D(2010, 1, 1))[0].office == "head_of_government"
    assert pack.role_at("JPN.PER.ALPHA_TARO", D(2012, 6, 30))[0].office == "head_of_government"
    assert pack.role_at("JPN.PER.ALPHA_TARO", D(2012, 7, 1)) == []
    assert pack.role_at("JPN.PER.ALPHA_TARO", D(2007, 12, 31)) == []


def test_incumbent_has_no_end(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    (role,) = pack.role_at("JPN.PER.BETA_JIRO", D(2030, 1, 1))
    assert role.end is None


def test_holders_by_date_handover_day_gives_both(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    assert [r.person_id for r in pack.holders("JPN", "head_of_government", D(2011, 5, 5))] == ["JPN.PER.ALPHA_TARO"]
    handover = pack.holders("jpn", "head_of_government", D(2012, 6, 30))
    assert [r.person_id for r in handover] == ["JPN.PER.ALPHA_TARO", "JPN.PER.BETA_JIRO"]
    assert [r.person_id for r in pack.holders("JPN", "head_of_government", D(2020, 1, 1))] == ["JPN.PER.BETA_JIRO"]
    assert pack.holders("JPN", "head_of_government", D(2000, 1, 1)) == []


def test_holders_with_an_acting_holder(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    both = pack.holders("KOR", "head_of_state", D(2017, 1, 1))
    assert [(r.person_id, r.acting) for r in both] == [("KOR.PER.GAMMA_MIN", False), ("KOR.PER.DELTA_SU", True)]
    after = pack.holders("KOR", "head_of_state", D(2017, 4, 1))
    assert [(r.person_id, r.acting) for r in after] == [("KOR.PER.DELTA_SU", True)]


def test_ambassador_posting(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    assert [r.person_id for r in pack.holders("KOR", "ambassador", D(2018, 6, 1), posted_to="JPN")] == [
        "KOR.PER.DELTA_SU"]
    assert pack.holders("KOR", "ambassador", D(2018, 6, 1), posted_to="USA") == []
