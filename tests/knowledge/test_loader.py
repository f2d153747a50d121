"""The loader on fixture packs: composition by extends, look-ups, alias index, caching, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dyad.errors import ErrorCode, KnowledgeError
from dyad.knowledge import Actor, KnowledgePack, Role, load_pack


def test_extends_merges_layers_parents_first(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    assert pack.layers == ("fx_world", "fx_east", "fx_dyad")
    assert pack.id == "fx_dyad"
    assert pack.dyad == ("JPN", "KOR")
    assert pack.dyad_countries == ("JPN", "KOR")
    assert [c.iso3 for c in pack.countries] == ["JPN", "KOR", "USA"]
    assert len(pack.persons) == 4 and len(pack.roles) == 6 and len(pack.actors) == 3
    assert [i.id for i in pack.issues] == ["territory.islets", "economy.trade"]
    assert len(pack.drivers) == 1 and len(pack.polls) == 2


def test_every_chronology_file_is_read_and_sorted_by_date(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    assert [e.id for e in pack.chronology] == ["EV-1", "EV-2", "EV-3", "EV-4"]
    ev2 = pack.chronology[1]
    assert ev2.description == "second, with a comma"
    assert ev2.first_day == dt.date(2019, 7, 1) and ev2.last_day == dt.date(2019, 7, 31)
    assert pack.chronology[3].issues == ("territory.islets", "economy.trade")
    assert pack.chronology[0].issues == ()
    assert ev2.where == "fx_dyad/chronology_a.csv:3"


def test_file_level_defaults_fill_source_and_checked(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    japan = pack.country("JPN")
    assert japan is not None
    assert japan.source == "https://example.org/countries" and japan.checked == "2026-11-23"
    mofa = pack.actor("JPN.GOV.MOFA")
    assert isinstance(mofa, Actor)
    assert mofa.checked == "2026-11-23"  # YAML reads the unquoted date as a date; we keep ISO text
    assert mofa.aliases == {"en": ("Japanese Foreign Ministry",), "ja": ("外務省",), "ko": ("외무성",)}


def test_absent_files_are_fine(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_empty")
    assert pack.persons == () and pack.chronology == () and pack.polls == ()
    assert pack.validate() == []
    assert not pack.is_dyad
    with pytest.raises(KnowledgeError) as info:
        _ = pack.dyad
    assert info.value.code is ErrorCode.E204


@pytest.mark.parametrize(
    ("query", "iso3"),
    [("JPN", "JPN"), ("JP", "JPN"), ("Japan", "JPN"), ("japanese", "JPN"), ("Kasumigaseki", "JPN"),
     ("ROK", "KOR"), ("Korean", "KOR"), ("the Blue House", "KOR"), ("U.S.", "USA"), ("American", "USA"),
     ("  Seoul ", "KOR")],
)
def test_country_by_code_name_alias_demonym_metonym(packs_dir: Path, query: str, iso3: str) -> None:
    country = load_pack(packs_dir / "fx_dyad").country(query)
    assert country is not None and country.iso3 == iso3


def test_unknown_country_is_none(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    assert pack.country("Atlantis") is None
    assert pack.country("jp") is None  # codes only in upper case: "it", "no", "us" are words
    assert pack.country("us") is None


def test_alias_index_lists_every_id_an_alias_may_mean(packs_dir: Path) -> None:
    index = load_pack(packs_dir / "fx_dyad").alias_index()
    assert index["tokyo"] == ["JPN", "KOR.JUD.SUPREME_COURT"]  # countries first, then actors
    assert index["japanese foreign ministry"] == ["JPN.GOV.MOFA"]
    assert index["外務省"] == ["JPN.GOV.MOFA"]
    assert index["alpha"] == ["JPN.PER.ALPHA_TARO"]
    assert index["taro alpha"] == ["JPN.PER.ALPHA_TARO"]
    assert index["korean"] == ["KOR"]
    assert index["un"] == ["IGO.ORG.UN"]
    assert all(key == key.casefold() for key in index)


def test_alias_index_is_a_copy(packs_dir: Path) -> None:
    pack = load_pack(packs_dir / "fx_dyad")
    pack.alias_index()["tokyo"].append("X")
    assert "X" not in pack.alias_index()["tokyo"]


def test_issue_keywords(packs_dir: Path) -> None:
    keywords = load_pack(packs_dir / "fx_dyad").issue_keywords()
    assert keywords["territory.islets"] == ["the islets", "島", "섬", "disputed islets"]  # no duplicates
    assert keywords["economy.trade"] == ["exports"]


def test_packs_are_cached_per_folder(packs_dir: Path) -> None:
    first = load_pack(packs_dir / "fx_dyad")
    assert load_pack(str(packs_dir / "fx_dyad")) is first
    from dyad.knowledge import clear_cache

    clear_cache()
    assert load_pack(packs_dir / "fx_dyad") is not first


def test_builtin_pack_by_name() -> None:
    pack = load_pack("jpn_kor")
    assert isinstance(pack, KnowledgePack)
    assert pack.layers == ("world", "east_asia", "jpn_kor")


def test_missing_pack_is_e201(packs_dir: Path) -> None:
    with pytest.raises(KnowledgeError) as info:
        load_pack("no_such_pack")
    assert info.value.code is ErrorCode.E201
    with pytest.raises(KnowledgeError) as info:
        load_pack(packs_dir / "no_such_dir")
    assert info.value.code is ErrorCode.E201


def test_extends_cycle_is_e203(packs_dir: Path) -> None:
    with pytest.raises(KnowledgeError) as info:
        load_pack(packs_dir / "fx_cycle_a")
    assert info.value.code is ErrorCode.E203
    assert "fx_cycle_a -> fx_cycle_b -> fx_cycle_a" in str(info.value)


def test_records_are_frozen(packs_dir: Path) -> None:
    role = load_pack(packs_dir / "fx_dyad").roles[0]
    assert isinstance(role, Role)
    with pytest.raises(AttributeError):
        role.office = "x"  # type: ignore[misc]
    assert hash(role) == hash(Role(**{f: getattr(role, f) for f in ("person_id", "office", "country", "start")},
                                   end=role.end, posted_to=role.posted_to, acting=role.acting, note=role.note,
                                   source=role.source, checked=role.checked))
