"""Official statements coded with the real resolvers: the first person is the issuing state, titled officials the
pack lacks are the issuer's, and conjoined owners all act. Texts written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dyad.records import Article


@pytest.fixture(scope="module")
def coder(nlp: Any) -> Any:
    from dyad.code.api import Coder

    return Coder("jpn_kor", nlp=nlp)


def coded(coder: Any, text: str, outlet: str | None = None, title: str | None = None) -> set[tuple[Any, ...]]:
    article = Article(id="t", text=text, raw=text, source="t", source_format="txt", outlet=outlet, title=title,
                      published=dt.date(2024, 5, 2))
    return {(e.source.country, e.event_type, e.target.country) for e in coder.code(article).events}


def test_first_person_in_a_government_statement(coder: Any) -> None:
    text = "We praise the decision by China and Japan to reopen their fisheries hotline."
    got = coded(coder, text, outlet="U.S. Embassy Beijing")
    assert ("USA", "SUPPORT", "CHN") in got
    assert ("USA", "SUPPORT", "JPN") in got


def test_first_person_from_a_statement_title(coder: Any) -> None:
    got = coded(coder, "I commend Japan for its swift relief effort.",
                title="Statement by the South Korean Foreign Minister on the earthquake")
    assert ("KOR", "SUPPORT", "JPN") in got


def test_we_in_a_newspaper_is_the_writer(coder: Any) -> None:
    got = coded(coder, "We praise Japan for its swift relief effort.", outlet="The Daily Courier",
                title="Editorial: a good neighbour")
    assert not any(src is not None and e == "SUPPORT" for src, e, _ in got)


def test_titled_official_of_the_issuer(coder: Any) -> None:
    got = coded(coder, "Deputy Secretary Jane Holloway met her Chinese counterpart in Beijing on Monday.",
                outlet="U.S. Department of State", title="Readout of the Deputy Secretary's travel")
    assert ("USA", "CONSULT", "CHN") in got


def test_conjoined_demonym_owners_act_jointly(coder: Any) -> None:
    got = coded(coder, "Chilean and Peruvian negotiators agreed to share fishing data.")
    assert ("CHL", "AGREE", "PER") in got
    assert ("PER", "AGREE", "CHL") in got


def test_agent_of_the_object_noun_is_the_target(coder: Any) -> None:
    got = coded(coder, "Seoul welcomed the pledge by Japan and China to cut emissions.")
    assert {("KOR", "SUPPORT", "JPN"), ("KOR", "SUPPORT", "CHN")} <= got


def test_purpose_noun_takes_the_travellers_side(coder: Any) -> None:
    got = coded(coder, "German officials flew to Lisbon on Monday for a round of talks with Portugal and Spain.")
    assert {("DEU", "CONSULT", "PRT"), ("DEU", "CONSULT", "ESP")} <= got


def test_praised_object_owns_the_praised_act(coder: Any) -> None:
    got = coded(coder, "Beijing commended Hanoi and Manila for their patience in reaching a fisheries accord.")
    assert {("VNM", "AGREE", "PHL"), ("PHL", "AGREE", "VNM")} <= got
    got = coded(coder, "Canada praised Chile and Peru in coming to an agreement on the border.")
    assert ("CHL", "AGREE", "PER") in got


def test_deputy_title_keeps_the_pack_person(coder: Any) -> None:
    got = coded(coder, "Deputy Secretary Blinken met South Korean officials in Seoul.")
    assert ("USA", "CONSULT", "KOR") in got


def test_we_with_an_apposition_listing_states(coder: Any) -> None:
    got = coded(coder, "We, the leaders of Chile, Peru, and Mexico, commit our governments to consult each other.",
                outlet="Government of Mexico")
    assert {("CHL", "AGREE", "PER"), ("PER", "AGREE", "MEX"), ("MEX", "AGREE", "CHL")} <= got


def test_own_side_pronoun_in_the_object_is_no_recipient(coder: Any) -> None:
    got = coded(coder, "The State Department expressed our deep concern that the Thai government had expelled "
                       "two journalists.", outlet="U.S. Department of State")
    assert ("USA", "ACCUSE", "THA") in got
    assert not any(s == t for s, _, t in got)


def test_object_controller_that_names_no_state(coder: Any) -> None:
    got = coded(coder, "Brazil called on the public to support Argentina's relief appeal.")
    assert ("BRA", "SUPPORT", "ARG") not in got


def test_ethnic_demonym_is_no_state(coder: Any) -> None:
    got = coded(coder, "Ethnic Hungarian and Slovak parties signed a pact in Bratislava.")
    assert not any("HUN" in (s, t) for s, _, t in got)


def test_person_administration_is_their_government(coder: Any) -> None:
    got = coded(coder, "Seoul protested after the Abe Administration tightened export controls.")
    assert ("JPN", "SANCTION", "KOR") in got


def test_named_organisation_the_pack_lacks_is_an_unresolved_source(coder: Any, nlp: Any) -> None:
    from dyad.code.api import text_article

    text = "The Baltic Press Council accused Belarus of jailing opposition journalists."
    events = coder.code(text_article(text)).events
    accuse = [e for e in events if e.event_type == "ACCUSE" and e.target.country == "BLR"]
    assert accuse and accuse[0].source.country is None and "Council" in accuse[0].source.text


def test_two_states_in_one_hyphenated_token(coder: Any) -> None:
    got = coded(coder, "Beijing criticised the U.S.-Philippines alliance on Monday.")
    assert {("CHN", "ACCUSE", "USA"), ("CHN", "ACCUSE", "PHL")} <= got


def test_reciprocal_object_is_a_joint_act(coder: Any) -> None:
    got = coded(coder, "Chile, Peru and Bolivia pledged to support one another in the talks.")
    assert {("CHL", "AGREE", "PER"), ("PER", "AGREE", "CHL"), ("BOL", "AGREE", "CHL")} <= got
    got = coded(coder, "France and Germany will support each other.")
    assert {("FRA", "SUPPORT", "DEU"), ("DEU", "SUPPORT", "FRA")} <= got


def test_all_participants_of_a_meeting_meet(coder: Any) -> None:
    got = coded(coder, "Chile and Peru held talks with Bolivia on Friday.")
    assert {("CHL", "CONSULT", "BOL"), ("PER", "CONSULT", "BOL"), ("CHL", "CONSULT", "PER")} <= got


def test_parties_named_deeper_in_the_object(coder: Any) -> None:
    got = coded(coder, "Brazil welcomed the thaw in relations between Chile and Peru.")
    assert {("BRA", "SUPPORT", "CHL"), ("BRA", "SUPPORT", "PER")} <= got
    got = coded(coder, "Brazil will pursue trade cooperation where feasible with Chile and Peru.")
    assert {("BRA", "COOPERATE", "CHL"), ("BRA", "COOPERATE", "PER")} <= got


def test_list_items_the_parser_hangs_elsewhere(coder: Any) -> None:
    got = coded(coder, "At Lake Placid on Friday, Biden, Yoon and Kishida pledged to consult one another.")
    assert {("USA", "AGREE", "JPN"), ("JPN", "AGREE", "KOR"), ("KOR", "AGREE", "USA")} <= got


def test_perfect_clause_on_a_noun_is_not_passive(coder: Any) -> None:
    got = coded(coder, "Brazil hailed the news that Chile and Peru have signed a border treaty.")
    assert {("CHL", "AGREE", "PER"), ("PER", "AGREE", "CHL")} <= got


def test_a_named_past_event_of_the_chronology_is_coded(coder: Any) -> None:
    from dyad.code.api import text_article

    text = "Critics in Seoul argue that the 1965 treaty never addressed individual claims."
    events = coder.code(text_article(text, published=dt.date(2020, 1, 1))).events
    agree = {(e.source.country, e.target.country, e.modality, e.date) for e in events if e.event_type == "AGREE"}
    assert {("JPN", "KOR", "occurred", "1965-06-22"), ("KOR", "JPN", "occurred", "1965-06-22")} <= agree
    # without a year the phrase is not read as a named past event ("its restrictions" is the verb's theme)
    text = "Seoul welcomed the decision to lift its restrictions on Tokyo."
    assert not any("chronology" in e.flags for e in coder.code(text_article(text)).events)


def test_abstract_object_does_not_control_the_infinitive(coder: Any) -> None:
    got = coded(coder, "Brazil praised Chile and Peru for having the wisdom to sign a border treaty.")
    assert {("CHL", "AGREE", "PER"), ("PER", "AGREE", "CHL")} <= got


def test_it_does_not_stand_for_a_modifier(coder: Any) -> None:
    got = coded(coder, "Manila has not barred Chinese fruit, but it kept the restrictions it imposed on Vietnamese "
                       "rice in 2012.")
    assert ("PHL", "SANCTION", "VNM") in got
    assert not any(s == "CHN" for s, _, _ in got)


def test_renew_is_a_light_verb_like_resume(coder: Any) -> None:
    got = coded(coder, "Canada renewed its sanctions on Belarus, and Chile and Peru renewed talks on fishing rights.")
    assert {("CAN", "SANCTION", "BLR"), ("CHL", "CONSULT", "PER")} <= got


def test_purpose_noun_of_several_states_is_joint(coder: Any) -> None:
    got = coded(coder, "Chilean and Peruvian diplomats flew to Quito this week for talks on the maritime border.")
    assert {("CHL", "CONSULT", "PER"), ("PER", "CONSULT", "CHL")} <= got
    got = coded(coder, "Chilean diplomats flew to Quito this week for a rest.")
    assert not any(e == "CONSULT" for _, e, _ in got)
