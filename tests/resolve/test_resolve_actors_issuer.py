"""Statements: the issuer of a text from its metadata, first-person pronouns and titled officials as the issuer's.

Sentences and outlets written for these tests; the fixture packs name France, Germany, the United States, Japan and
Korea, so nothing here is specific to one pair of countries."""

from __future__ import annotations

from typing import Any

import pytest

from dyad.knowledge import KnowledgePack
from dyad.records import ActorRef
from dyad.resolve.actors import ActorResolver


@pytest.fixture(scope="module")
def fd(fd_pack: KnowledgePack) -> ActorResolver:
    return ActorResolver(fd_pack)


@pytest.fixture(scope="module")
def jk(jk_pack: KnowledgePack) -> ActorResolver:
    return ActorResolver(jk_pack)


@pytest.mark.parametrize(("outlet", "title", "country"), [
    ("French Embassy in Berlin", None, "FRA"),                # a country's public body: the first country named
    ("Ministry of Foreign Affairs of Germany", None, "DEU"),  # body word before the country
    ("Bundestag", None, "DEU"),                                # a state institution of the pack
    (None, "Statement by the German Chancellor on the Paris talks", "DEU"),  # the title's speaker part
    (None, "Readout of the American envoy's call with France", "USA"),
    ("Le Monde", "Paris and Berlin agree on a rail link", None),   # a newspaper: "we" is the writer
    ("Berlin Daily", "Opinion: what France owes Germany", None),   # a capital in a paper's name is no body
    ("French Press Agency", None, None),                           # a news agency is a newsroom, not a body
    ("Rhine Courier", "France's statement angers Berlin", None),   # a report about a statement
    ("Le Petit Journal", "Statement by the German Chancellor", None),  # a newspaper printing it
    ("German Broadcasting Office", None, None),
    (None, None, None),
])
def test_issuer_from_metadata(fd: ActorResolver, outlet: str | None, title: str | None,
                              country: str | None) -> None:
    found = fd.issuer(outlet, title)
    assert (found.country if found is not None else None) == country


def test_first_person_is_the_issuer(fd: ActorResolver, nlp: Any) -> None:
    issuer = fd.issuer("French Embassy in Berlin", None)
    assert issuer is not None
    text = 'We welcome the new German rail plan, and our ministers will meet in May. "We are not ready," one union said.'
    found = fd.mentions(nlp(text), published=None, issuer=issuer)
    firsts = [m for m in found if "first_person" in m.flags]
    assert [m.text for m in firsts] == ["We", "our"]  # not the quoted "We"
    assert {m.ref.country for m in firsts} == {"FRA"}


def test_no_issuer_no_first_person(fd: ActorResolver, nlp: Any) -> None:
    found = fd.mentions(nlp("We welcome the new German rail plan."), published=None)
    assert all("first_person" not in m.flags for m in found)


def test_apposition_names_the_speakers(fd: ActorResolver, nlp: Any) -> None:
    issuer = ActorRef("x", "FRA", "FRA", "government")
    found = fd.mentions(nlp("We, the leaders of France and Germany, commit our governments to consult."),
                        published=None, issuer=issuer)
    assert "We" not in [m.text for m in found]


def test_titled_officials_take_the_issuers_country(fd: ActorResolver, nlp: Any) -> None:
    issuer = ActorRef("x", "DEU", "DEU", "government")
    text = ("Deputy Secretary Anna Vogelsang travelled to Paris. The Deputy Secretary thanked French officials. "
            "Director Marc Lenoir of France joined them.")
    found = {m.text: m for m in fd.mentions(nlp(text), published=None, issuer=issuer)}
    assert found["Deputy Secretary Anna Vogelsang"].ref.country == "DEU"
    assert found["The Deputy Secretary"].ref.country == "DEU"
    assert "Director Marc Lenoir" not in found  # "of France" places him


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S.-France alliance held firm.", ["U.S.", "France"]),
    ("The U.S.-Federal Republic of Germany treaty was signed.", ["U.S.", "Federal Republic of Germany"]),
    ("A U.S.-made jet landed in Paris.", ["U.S."]),
])
def test_abbreviation_glued_to_a_name_by_a_hyphen(fd: ActorResolver, nlp: Any, text: str,
                                                  expected: list[str]) -> None:
    found = [m for m in fd.mentions(nlp(text), published=None) if "modifier" in m.flags]
    assert [m.text for m in found] == expected


def test_quoted_first_person_is_the_speaker(fd: ActorResolver, nlp: Any) -> None:
    text = '"We will not accept this, and I will tell Paris so," the German foreign minister said on Monday.'
    found = {m.text: m for m in fd.mentions(nlp(text), published=None) if "quoted" in m.flags}
    assert found["We"].ref.country == "DEU" and found["We"].ref.kind == "government"
    assert found["I"].ref.country == "DEU"


def test_unattributed_quote_gives_no_speaker(fd: ActorResolver, nlp: Any) -> None:
    found = fd.mentions(nlp('The banner read "We want peace" outside the French embassy.'), published=None)
    assert all("quoted" not in m.flags for m in found)


def test_a_leaders_possessive_government(jk: ActorResolver, nlp: Any) -> None:
    text = "Kishida's government lodged a protest, and Moon’s administration rejected it."
    found = {m.text: m.ref for m in jk.mentions(nlp(text), published=None)}
    assert (found["Kishida's government"].country, found["Kishida's government"].kind) == ("JPN", "government")
    assert found["Moon’s administration"].country == "KOR"


def test_cue_country_without_its_own_institution(fd: ActorResolver, nlp: Any) -> None:
    # the fixture pack knows only Japan's and Korea's foreign ministries: the French one is France's, unnamed
    found = {m.text: m.ref for m in fd.mentions(nlp("The French Foreign Ministry protested on Monday."),
                                                published=None)}
    ref = found["The French Foreign Ministry"]
    assert (ref.actor, ref.country, ref.kind) == (None, "FRA", "government")
