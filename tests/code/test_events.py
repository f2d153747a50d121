"""Event coding on sentences written for these tests (not from any evaluation set)."""

from __future__ import annotations

from typing import Any

import pytest


def triples(coded: Any) -> set[tuple[str | None, str, str | None]]:
    return {(e.source.country, e.event_type, e.target.country) for e in coded.events}


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan agreed with South Korea on a new fisheries framework.", ("JPN", "AGREE", "KOR")),
    ("The Japanese foreign minister met Seoul's envoy on Friday.", ("JPN", "CONSULT", "KOR")),
    ("Tokyo praised Seoul for its handling of the refugee crisis.", ("JPN", "SUPPORT", "KOR")),
    ("Japan apologised to South Korea for the remarks of a junior minister.", ("JPN", "CONCEDE", "KOR")),
    ("Japan shared intelligence with South Korea about the launch.", ("JPN", "COOPERATE", "KOR")),
    ("South Korea sent relief supplies to Japan after the earthquake.", ("KOR", "AID", "JPN")),
    ("Japan pulled out its patrol boats from the waters near South Korea.", ("JPN", "RETREAT", "KOR")),
    ("Seoul urged Tokyo to reconsider the plan.", ("KOR", "REQUEST", "JPN")),
    ("South Korea accused Japan of whitewashing its wartime record.", ("KOR", "ACCUSE", "JPN")),
    ("Tokyo rejected Seoul's proposal for a joint fund.", ("JPN", "REJECT", "KOR")),
    ("Japan warned South Korea against any seizure of company assets.", ("JPN", "THREATEN", "KOR")),
    ("Protesters rallied against Japan outside the consulate.", (None, "PROTEST", "JPN")),
    ("Japan imposed tariffs on South Korea.", ("JPN", "SANCTION", "KOR")),
    ("South Korea deployed warships toward Japan.", ("KOR", "MOBILIZE", "JPN")),
    ("South Korea seized Japanese assets held by a steel company.", ("KOR", "COERCE", "JPN")),
    ("North Korea attacked South Korea with artillery.", ("PRK", "ASSAULT", "KOR")),
])
def test_each_type_has_a_trigger(code: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(code(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("China called for Japan to pull out its troops.", ("CHN", "REQUEST", "JPN")),
    ("China called for Japan to pull out its troops.", ("JPN", "RETREAT", "CHN")),
    ("Seoul called on Tokyo to apologise.", ("KOR", "REQUEST", "JPN")),
    ("Japan and China signed a fisheries agreement.", ("JPN", "AGREE", "CHN")),
    ("Japan expressed regret to South Korea over the incident.", ("JPN", "CONCEDE", "KOR")),
    ("South Korea summoned the Japanese ambassador.", ("KOR", "ACCUSE", "JPN")),
    ("Japan imposed export controls on South Korea.", ("JPN", "SANCTION", "KOR")),
    ("South Korea boycotted Japan's trade fair.", ("KOR", "SANCTION", "JPN")),
    ("Civic groups boycotted Japanese beer.", (None, "PROTEST", "JPN")),
    ("The Supreme Court ordered Nippon Steel to compensate the plaintiffs.", ("KOR", "COERCE", "JPN")),
    ("A South Korean destroyer locked its fire-control radar on a Japanese patrol plane.", ("KOR", "THREATEN", "JPN")),
    ("Japan lifted the sanctions on South Korea.", ("JPN", "RETREAT", "KOR")),
    ("Seoul lodged a protest with Tokyo.", ("KOR", "ACCUSE", "JPN")),
])
def test_particles_complements_and_light_verbs(code: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(code(text))


def test_passive_with_agent(code: Any) -> None:
    got = triples(code("South Korea was criticised by Japan for the decision."))
    assert ("JPN", "ACCUSE", "KOR") in got
    assert ("KOR", "ACCUSE", "JPN") not in got


def test_participle_with_agent_and_implied_recipient(code: Any) -> None:
    got = triples(code("Korea was hit by export controls imposed by Japan."))
    assert ("JPN", "SANCTION", "KOR") in got


def test_conjoined_subjects_code_a_joint_act_both_ways(code: Any) -> None:
    coded = code("Japan and South Korea agreed to resume talks.")
    agree = [e for e in coded.events if e.event_type == "AGREE"]
    assert {(e.source.country, e.target.country) for e in agree} == {("JPN", "KOR"), ("KOR", "JPN")}
    assert all(e.start == agree[0].start and e.end == agree[0].end for e in agree)
    assert all("joint" in e.flags for e in agree)


def test_dyad_phrase_codes_both_ways(code: Any) -> None:
    got = triples(code("The two countries signed a currency swap agreement."))
    assert {("JPN", "AGREE", "KOR"), ("KOR", "AGREE", "JPN")} <= got


def test_conjoined_targets(code: Any) -> None:
    got = triples(code("China criticised Japan and South Korea for the joint drill."))
    assert {("CHN", "ACCUSE", "JPN"), ("CHN", "ACCUSE", "KOR")} <= got


def test_event_in_reported_clause(code: Any) -> None:
    got = triples(code("Seoul said Tokyo had imposed new curbs on chip materials."))
    assert ("JPN", "SANCTION", "KOR") in got


def test_speech_act_and_embedded_event(code: Any) -> None:
    got = triples(code("South Korea accused Japan of imposing export controls on Seoul."))
    assert ("KOR", "ACCUSE", "JPN") in got
    assert ("JPN", "SANCTION", "KOR") in got


def test_nominal_event_with_possessor_and_target(code: Any) -> None:
    coded = code("Japan's export curbs on South Korea took effect.")
    assert ("JPN", "SANCTION", "KOR") in triples(coded)
    assert any("curbs" in (e.trigger or "") for e in coded.events)


def test_bare_event_noun_codes_nothing(code: Any) -> None:
    assert code("The ban hurt many small firms.").events == []


def test_same_actor_on_both_sides_is_dropped(code: Any) -> None:
    assert code("Japan criticised Tokyo's own ministries.").events == []


def test_no_country_on_either_side_is_dropped(code: Any) -> None:
    assert code("Protesters criticised the police.").events == []


def test_quad_class_intensity_and_cameo_come_from_the_ontology(code: Any) -> None:
    from dyad.ontology import event_type

    coded = code("Japan imposed tariffs on South Korea.")
    e = next(e for e in coded.events if e.event_type == "SANCTION")
    et = event_type("SANCTION")
    assert (e.quad_class, e.intensity, e.cameo) == (et.quad_class, et.intensity, et.cameo)


def test_inferred_recipient_lowers_confidence(code: Any) -> None:
    direct = next(e for e in code("Japan imposed tariffs on South Korea.").events)
    inferred = next(e for e in code("Seoul said Tokyo had imposed tariffs.").events)
    assert "target_inferred" in inferred.flags
    assert inferred.confidence < direct.confidence


def test_evidence_is_the_whole_sentence(code: Any) -> None:
    text = "An opening line.\n\nJapan imposed tariffs on South Korea in July 2019. Another line."
    coded = code(text)
    e = coded.events[0]
    assert e.sentence == "Japan imposed tariffs on South Korea in July 2019."
    assert text[e.start:e.end] == e.sentence
    assert e.trigger == "imposed tariffs"


def test_announced_intent_keeps_its_type_and_is_planned(code: Any) -> None:
    coded = code("Japan will provide aid to South Korea.")
    assert [(e.event_type, e.modality) for e in coded.events] == [("AID", "planned")]


def test_sentences_cover_the_text_in_order(code: Any) -> None:
    text = "Japan protested. South Korea replied.\nA third line without a stop"
    coded = code(text)
    assert [text[s.start:s.end] for s in coded.sentences] == [
        "Japan protested.", "South Korea replied.", "A third line without a stop"]


def test_reaction_noun_from_a_third_side(code: Any) -> None:
    got = triples(code("Japan's prime minister visited the shrine, drawing condemnation from South Korea."))
    assert ("KOR", "ACCUSE", "JPN") in got


def test_visit_to_a_place_is_not_a_meeting(code: Any) -> None:
    assert code("A South Korean president visited the disputed islets.").events == []


def test_willingness_to_cooperate_is_agree(code: Any) -> None:
    got = {(e.source.country, e.event_type, e.target.country, e.modality) for e in
           code("Seoul said it was ready to talk with Japan.").events}
    assert got == {("KOR", "AGREE", "JPN", "occurred")}


def test_plural_pronoun_takes_the_conjoined_antecedent(code: Any) -> None:
    got = triples(code("Japan and South Korea said they had signed an agreement."))
    assert {("JPN", "AGREE", "KOR"), ("KOR", "AGREE", "JPN")} <= got


def test_event_noun_object_is_the_theme_not_a_second_event(code: Any) -> None:
    got = triples(code("Japan said it would lift its export curbs on South Korea."))
    assert got == {("JPN", "RETREAT", "KOR")}


def test_agreed_cooperative_act_is_folded_into_the_agreement(code: Any) -> None:
    coded = code("Japan agreed to provide aid to South Korea.")
    assert triples(coded) == {("JPN", "AGREE", "KOR")}
    coded = code("Japan agreed to impose sanctions on North Korea.")
    assert ("JPN", "SANCTION", "PRK") in triples(coded)


def test_relative_clause_with_own_subject(code: Any) -> None:
    got = triples(code("Tokyo has not lifted the restrictions it imposed on South Korea in July."))
    assert ("JPN", "SANCTION", "KOR") in got


def test_same_act_named_twice_is_one_event(code: Any) -> None:
    coded = code("Japan met South Korea on Friday, the first meeting between Japan and South Korea in a year.")
    consult = [e for e in coded.events if (e.source.country, e.target.country) == ("JPN", "KOR")]
    assert len(consult) == 1


def test_pulling_out_of_an_accord_is_sanction(code: Any) -> None:
    got = triples(code("South Korea pulled out of the intelligence pact with Japan."))
    assert ("KOR", "SANCTION", "JPN") in got
    assert ("KOR", "RETREAT", "JPN") not in got


def test_reported_obligation_is_a_request(code: Any) -> None:
    got = triples(code("Seoul said Tokyo must return the cultural artifacts."))
    assert ("KOR", "REQUEST", "JPN") in got
    assert ("KOR", "REQUEST", "JPN") not in triples(code("Seoul said it must protect its firms from Japan."))


def test_visit_host_is_the_place_visited(code: Any) -> None:
    assert ("JPN", "CONSULT", "KOR") in triples(code("The Japanese foreign minister arrived in Seoul on Monday."))


def test_recipient_in_the_clause_of_the_object_noun(code: Any) -> None:
    got = triples(code("China expressed concern that Japan had expanded its defence budget."))
    assert ("CHN", "ACCUSE", "JPN") in got


def test_verbal_attack_is_criticism(code: Any) -> None:
    assert ("KOR", "ACCUSE", "JPN") in triples(code("Seoul attacked Tokyo's decision to revise the textbooks."))
    assert ("KOR", "ACCUSE", "JPN") in triples(code("South Korea lashed out at Japan over the remarks."))
    assert ("PRK", "ASSAULT", "KOR") in triples(code("North Korea attacked South Korea with artillery."))


def test_raising_verb_subject_acts(code: Any) -> None:
    coded = code("Japan is expected to meet South Korea next month.")
    assert [(e.source.country, e.event_type, e.target.country, e.modality) for e in coded.events] == [
        ("JPN", "CONSULT", "KOR", "predicted")]


def test_occasion_phrase_is_not_a_second_recipient(code: Any) -> None:
    coded = code("Japan met South Korea on the sidelines of a summit with China.")
    assert {e.target.country for e in coded.events} == {"KOR"}


def test_naming_construction_is_not_a_phone_call(code: Any) -> None:
    coded = code("Japanese conservatives criticise what they call South Korea's endless demands.")
    assert all(e.event_type != "CONSULT" for e in coded.events)


def test_relative_pronoun_subject(code: Any) -> None:
    got = triples(code("The decision angered China, which urged Japan to reconsider."))
    assert ("CHN", "REQUEST", "JPN") in got


def test_time_phrase_is_no_particle(code: Any) -> None:
    assert code("North Korea fired two missiles into the sea on Sunday.").events == []


def test_partner_inside_the_complement(code: Any) -> None:
    got = triples(code("Japan pledged to strengthen security cooperation with South Korea."))
    assert ("JPN", "AGREE", "KOR") in got


def test_missile_launch_over_a_state_is_a_show_of_force(code: Any) -> None:
    assert ("PRK", "MOBILIZE", "JPN") in triples(code("North Korea launched a ballistic missile over Japan."))
