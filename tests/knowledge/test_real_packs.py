"""The packs dyad ships: they validate clean, carry the agreed issue ids, and the world file is up to date."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.knowledge import PACKS_DIR, load_pack
from dyad.knowledge.build_world import main as build_world_main

JPN_KOR_ISSUES = {
    "history.comfort_women", "history.forced_labour", "history.textbooks", "history.yasukuni", "history.sado_mines",
    "history.rising_sun_flag", "history.apologies", "history.colonial_rule", "territory.dokdo_takeshima",
    "territory.sea_naming", "security.gsomia", "security.radar_incident", "security.north_korea",
    "security.us_alliance", "security.trilateral", "security.china", "economy.export_controls", "economy.boycott",
    "economy.wto", "economy.currency_swap", "economy.fukushima_water", "economy.trade", "diplomacy.summit",
    "diplomacy.visit", "diplomacy.ambassador", "diplomacy.normalisation", "society.opinion", "society.tourism",
    "society.culture",
}


SHIPPED = sorted(p.name for p in PACKS_DIR.iterdir() if (p / "pack.yaml").is_file())


def test_the_expected_packs_ship() -> None:
    assert {"world", "east_asia", "jpn_kor", "jpn_chn"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_pack_validates_clean(name: str) -> None:
    problems = load_pack(name).validate()
    assert [p.line() for p in problems] == []


def test_world_covers_every_iso_country() -> None:
    import pycountry

    world = load_pack("world")
    assert {c.iso3 for c in world.countries} == {c.alpha_3 for c in pycountry.countries}


def test_world_file_is_what_the_builder_makes() -> None:
    assert build_world_main(["--check"]) == 0


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("South Korea", "KOR"), ("Republic of Korea", "KOR"), ("Korean", "KOR"), ("North Korea", "PRK"),
     ("DPRK", "PRK"), ("Britain", "GBR"), ("UK", "GBR"), ("America", "USA"), ("Yongsan", "KOR"),
     ("Zhongnanhai", "CHN"), ("the Kremlin", "RUS"), ("Downing Street", "GBR"), ("the Elysee", "FRA"),
     ("Nagatacho", "JPN"), ("South Korean", "KOR"), ("Filipino", "PHL"), ("Russia", "RUS"), ("Turkey", "TUR")],
)
def test_world_names_and_metonyms(text: str, iso3: str) -> None:
    country = load_pack("world").country(text)
    assert country is not None and country.iso3 == iso3


def test_jpn_kor_has_the_agreed_issue_ids_with_aliases_in_three_languages() -> None:
    pack = load_pack("jpn_kor")
    assert pack.dyad == ("JPN", "KOR")
    issues = {i.id: i for i in pack.issues}
    assert set(issues) >= JPN_KOR_ISSUES
    for issue in issues.values():
        assert set(issue.aliases) == {"en", "ja", "ko"}, issue.id
        assert issue.keywords, issue.id
    keywords = pack.issue_keywords()
    assert {"Takeshima", "竹島", "독도"} <= set(keywords["territory.dokdo_takeshima"])
    assert {"慰安婦", "위안부", "comfort station"} <= set(keywords["history.comfort_women"])
    assert {"ALPS", "treated water"} <= set(keywords["economy.fukushima_water"])
    assert {"ホワイト国", "화이트리스트", "hydrogen fluoride"} <= set(keywords["economy.export_controls"])


def test_jpn_chn_is_a_second_dyad() -> None:
    pack = load_pack("jpn_chn")
    assert pack.dyad == ("JPN", "CHN")
    ids = {i.id for i in pack.issues}
    assert {"territory.senkaku_diaoyu", "history.nanjing", "economy.rare_earths", "security.east_china_sea"} <= ids
    assert "钓鱼岛" in pack.issue_keywords()["territory.senkaku_diaoyu"]


def test_actors_the_chronology_names_exist() -> None:
    pack = load_pack("jpn_kor")
    actor_ids = {a.id for a in pack.actors}
    used = {side for e in pack.chronology for side in (e.source, e.target) if "." in side}
    assert used <= actor_ids
    steel = pack.actor("JPN.BUS.NIPPON_STEEL")
    assert steel is not None and "Nippon Steel & Sumitomo Metal" in steel.all_aliases()
    assert "JPN.BUS.NIPPON_STEEL" in pack.alias_index()["신일철주금"]


def test_every_actor_and_issue_is_sourced_and_checked() -> None:
    pack = load_pack("jpn_kor")
    for record in (*pack.actors, *pack.issues):
        assert record.source.startswith(("http://", "https://")), record.id
        dt.date.fromisoformat(record.checked)
