"""Actor mentions against the fixture packs: metonymy, demonym phrases, institutions, persons by date, titles,
pronouns, dyad phrases, and a France-Germany pack to show nothing is pair-specific."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.knowledge import KnowledgePack
from dyad.resolve.actors import ActorResolver, Mention

PUB = dt.date(2019, 8, 15)

Row = tuple[str, str | None, str | None, str | None]


@pytest.fixture(scope="module")
def jk(jk_pack: KnowledgePack) -> ActorResolver:
    return ActorResolver(jk_pack)


@pytest.fixture(scope="module")
def fd(fd_pack: KnowledgePack) -> ActorResolver:
    return ActorResolver(fd_pack)


def rows(resolver: ActorResolver, nlp: Any, text: str, published: dt.date | None = PUB) -> list[Row]:
    doc = nlp(text)
    found = resolver.mentions(doc, published=published)
    for mention in found:
        assert text[mention.start:mention.end] == mention.text == mention.ref.text
    return [(m.text, m.ref.actor, m.ref.country, m.ref.kind) for m in found]


def one(resolver: ActorResolver, nlp: Any, text: str, span: str, published: dt.date | None = PUB) -> Mention:
    doc = nlp(text)
    hits = [m for m in resolver.mentions(doc, published=published) if m.text == span]
    assert len(hits) == 1, resolver.mentions(doc, published=published)
    return hits[0]


# ---- states, metonyms, demonym phrases ------------------------------------------------------------------------
def test_metonyms_acting_are_governments(jk: ActorResolver, nlp: Any) -> None:
    assert rows(jk, nlp, "Tokyo imposed export curbs on Seoul in July.") == [
        ("Tokyo", "JPN", "JPN", "government"), ("Seoul", "KOR", "KOR", "government")]
    assert rows(jk, nlp, "The Blue House said it would respond.") == [
        ("The Blue House", "KOR", "KOR", "government")]


def test_capitals_as_places_are_flagged_states_not_governments(jk: ActorResolver, nlp: Any) -> None:
    tokyo = one(jk, nlp, "Officials held talks in Tokyo on trade.", "Tokyo")
    assert (tokyo.ref.country, tokyo.ref.kind, tokyo.flags) == ("JPN", "state", ("place",))
    seoul = one(jk, nlp, "The minister will travel to Seoul next week.", "Seoul")
    assert (seoul.ref.kind, seoul.flags) == ("state", ("place",))


def test_coordinated_demonyms_are_one_mention_each(jk: ActorResolver, nlp: Any) -> None:
    assert rows(jk, nlp, "Japanese and South Korean officials met on Monday.") == [
        ("Japanese", "JPN", "JPN", "government"), ("South Korean officials", "KOR", "KOR", "government")]


def test_between_names_actors_not_places(jk: ActorResolver, nlp: Any) -> None:
    found = jk.mentions(nlp("The United States mediated between Japan and South Korea."), published=PUB)
    assert [(m.text, m.flags) for m in found] == [("The United States", ()), ("Japan", ()), ("South Korea", ())]


def test_conjoined_capitals_are_two_mentions(jk: ActorResolver, nlp: Any) -> None:
    assert rows(jk, nlp, "Seoul and Tokyo agreed to resume talks.") == [
        ("Seoul", "KOR", "KOR", "government"), ("Tokyo", "JPN", "JPN", "government")]


def test_elided_country_names(jk: ActorResolver, nlp: Any) -> None:
    assert rows(jk, nlp, "North and South Korea held talks.") == [
        ("North", "PRK", "PRK", "state"), ("South Korea", "KOR", "KOR", "state")]


def test_country_names_are_states(jk: ActorResolver, nlp: Any) -> None:
    assert rows(jk, nlp, "Japan removed South Korea from its white list.") == [
        ("Japan", "JPN", "JPN", "state"), ("South Korea", "KOR", "KOR", "state")]


@pytest.mark.parametrize(("text", "span", "country", "kind"), [
    ("The South Korean government protested.", "The South Korean government", "KOR", "government"),
    ("Japanese officials declined to comment.", "Japanese officials", "JPN", "government"),
    ("A Korean court ordered the seizure.", "A Korean court", "KOR", "judiciary"),
    ("The Japanese military scrambled jets.", "The Japanese military", "JPN", "military"),
    ("A South Korean destroyer approached.", "A South Korean destroyer", "KOR", "military"),
    ("Japanese companies cut exports.", "Japanese companies", "JPN", "business"),
    ("South Korean activists rallied.", "South Korean activists", "KOR", "civic"),
    ("Korean consumers boycotted beer.", "Korean consumers", "KOR", "civic"),
    ("Japanese lawmakers visited the shrine.", "Japanese lawmakers", "JPN", "legislature"),
    ("Japan's government denied it.", "Japan's government", "JPN", "government"),
    ("Koreans were angry.", "Koreans", "KOR", "civic"),
])
def test_demonym_phrases_take_their_kind_from_the_head_noun(jk: ActorResolver, nlp: Any, text: str, span: str,
                                                           country: str, kind: str) -> None:
    mention = one(jk, nlp, text, span)
    assert (mention.ref.country, mention.ref.kind) == (country, kind)


def test_names_before_a_non_actor_noun_are_flagged_modifiers(jk: ActorResolver, nlp: Any) -> None:
    beer = one(jk, nlp, "Sales of Japanese beer fell sharply.", "Japanese")
    assert (beer.ref.country, beer.ref.kind, beer.flags) == ("JPN", "state", ("modifier",))
    stocks = one(jk, nlp, "Tokyo stock prices fell.", "Tokyo")
    assert (stocks.ref.kind, stocks.flags) == ("state", ("modifier",))
    assert rows(jk, nlp, "The Tokyo Olympics were postponed.") == []  # inside an event's name
    assert rows(jk, nlp, "The firm is Japanese.") == []


def test_the_governments_of_a_country(jk: ActorResolver, nlp: Any) -> None:
    found = rows(jk, nlp, "We welcome the announcement by the Governments of Japan and the Republic of Korea.")
    assert ("the Governments of Japan", "JPN", "JPN", "government") in found
    assert ("the Republic of Korea", "KOR", "KOR", "state") in found


def test_names_inside_other_names_are_not_the_state(jk: ActorResolver, nlp: Any) -> None:
    assert rows(jk, nlp, "Anti-Japan protests grew.") == []
    assert rows(jk, nlp, "The Bank of Japan cut rates.") == [("The Bank of Japan", "JPN", "JPN", "business")]


# ---- institutions ---------------------------------------------------------------------------------------------
def test_institution_with_demonym_cue(jk: ActorResolver, nlp: Any) -> None:
    assert rows(jk, nlp, "The South Korean Supreme Court ordered Nippon Steel to pay.") == [
        ("The South Korean Supreme Court", "KOR.JUD.SUPREME_COURT", "KOR", "judiciary"),
        ("Nippon Steel", "JPN.BUS.NIPPON_STEEL", "JPN", "business")]


def test_institution_with_possessive_metonym(jk: ActorResolver, nlp: Any) -> None:
    assert rows(jk, nlp, "Seoul's top court ruled last year.") == [
        ("Seoul's top court", "KOR.JUD.SUPREME_COURT", "KOR", "judiciary")]
    assert rows(jk, nlp, "Japan's foreign ministry protested.") == [
        ("Japan's foreign ministry", "JPN.GOV.MOFA", "JPN", "government")]


def test_ambiguous_institution_follows_the_last_country(jk: ActorResolver, nlp: Any) -> None:
    text = "Japan protested. In South Korea, the Supreme Court upheld the order."
    assert rows(jk, nlp, text)[-1] == ("the Supreme Court", "KOR.JUD.SUPREME_COURT", "KOR", "judiciary")
    text = "In Japan, the Supreme Court upheld the order."
    assert rows(jk, nlp, text)[-1] == ("the Supreme Court", "JPN.JUD.SUPREME_COURT", "JPN", "judiciary")


# ---- persons --------------------------------------------------------------------------------------------------
def test_full_name_short_name_and_title(jk: ActorResolver, nlp: Any) -> None:
    text = "Prime Minister Shinzo Abe met President Moon Jae-in. Abe said Moon had agreed."
    assert rows(jk, nlp, text) == [
        ("Prime Minister Shinzo Abe", "JPN.PER.ABE_SHINZO", "JPN", "person"),
        ("President Moon Jae-in", "KOR.PER.MOON_JAEIN", "KOR", "person"),
        ("Abe", "JPN.PER.ABE_SHINZO", "JPN", "person"),
        ("Moon", "KOR.PER.MOON_JAEIN", "KOR", "person")]


def test_title_with_demonym_and_name(jk: ActorResolver, nlp: Any) -> None:
    mention = one(jk, nlp, "Japanese Foreign Minister Taro Kono summoned the envoy.",
                  "Japanese Foreign Minister Taro Kono")
    assert (mention.ref.actor, mention.office, mention.flags) == ("JPN.PER.KONO_TARO", "foreign_minister", ())


@pytest.mark.parametrize(("published", "person"), [
    (dt.date(2019, 8, 15), "JPN.PER.ABE_SHINZO"),
    (dt.date(2021, 3, 1), "JPN.PER.SUGA_YOSHIHIDE"),
    (dt.date(2022, 6, 1), "JPN.PER.KISHIDA_FUMIO"),
])
def test_title_alone_resolves_to_the_holder_on_that_date(jk: ActorResolver, nlp: Any, published: dt.date,
                                                        person: str) -> None:
    mention = one(jk, nlp, "The Japanese prime minister visited Seoul.", "The Japanese prime minister",
                  published=published)
    assert (mention.ref.actor, mention.ref.country, mention.ref.kind) == (person, "JPN", "person")


def test_title_of_country(jk: ActorResolver, nlp: Any) -> None:
    found = rows(jk, nlp, "The prime minister of Japan met the President of South Korea.")
    assert found == [("The prime minister of Japan", "JPN.PER.ABE_SHINZO", "JPN", "person"),
                     ("the President of South Korea", "KOR.PER.MOON_JAEIN", "KOR", "person")]


def test_title_alone_without_a_date_keeps_country_only(jk: ActorResolver, nlp: Any) -> None:
    mention = one(jk, nlp, "South Korea's president spoke.", "South Korea's president", published=None)
    assert (mention.ref.actor, mention.ref.country, mention.office) == (None, "KOR", "head_of_state")


def test_title_with_a_name_the_pack_lacks_is_a_person_of_that_country(jk: ActorResolver, nlp: Any) -> None:
    mention = one(jk, nlp, "Chinese Foreign Minister Wang Yi met reporters.", "Chinese Foreign Minister Wang Yi")
    assert (mention.ref.actor, mention.ref.country, mention.ref.kind) == (None, "CHN", "person")


def test_subordinate_titles_are_not_the_office_holder(jk: ActorResolver, nlp: Any) -> None:
    mention = one(jk, nlp, "Japan's vice foreign minister met the envoy.", "Japan's vice foreign minister")
    assert mention.ref.actor != "JPN.PER.KONO_TARO"
    assert mention.ref.country == "JPN"


def test_person_as_modifier_of_government_is_that_government(jk: ActorResolver, nlp: Any) -> None:
    assert rows(jk, nlp, "The Abe administration imposed curbs.") == [
        ("The Abe administration", "JPN", "JPN", "government")]


def test_country_cue_before_a_long_title_joins_the_person(jk: ActorResolver, nlp: Any) -> None:
    found = rows(jk, nlp, "Japanese Chief Cabinet Secretary Yoshihide Suga spoke.")
    assert found == [("Japanese Chief Cabinet Secretary Yoshihide Suga", "JPN.PER.SUGA_YOSHIHIDE", "JPN", "person")]


def test_definite_title_refers_back_to_the_person_named(jk: ActorResolver, nlp: Any) -> None:
    text = "Japanese Prime Minister Shinzo Abe met President Moon Jae-in. The prime minister said the president agreed."
    found = rows(jk, nlp, text)
    assert ("The prime minister", "JPN.PER.ABE_SHINZO", "JPN", "person") in found
    assert ("the president", "KOR.PER.MOON_JAEIN", "KOR", "person") in found
    assert rows(jk, nlp, "The prime minister said so.") == []  # nobody named before: no guess


def test_role_date_mismatch_is_flagged_and_text_kept(jk: ActorResolver, nlp: Any) -> None:
    doc = nlp("Prime Minister Abe in 2021 said talks would go on.")
    start = doc.text.index("Prime")
    end = start + len("Prime Minister Abe")
    in_term = jk.span_ref(doc, start, end, at=dt.date(2019, 1, 1))
    out_of_term = jk.span_ref(doc, start, end, at=dt.date(2021, 6, 1))
    assert in_term is not None and out_of_term is not None
    assert in_term.flags == ()
    assert out_of_term.flags == ("role_date_mismatch",)
    assert out_of_term.ref.actor == "JPN.PER.ABE_SHINZO" and out_of_term.text == "Prime Minister Abe"


def test_mentions_check_roles_at_the_date_their_sentence_states(jk: ActorResolver, nlp: Any) -> None:
    later = dt.date(2023, 6, 1)
    history = one(jk, nlp, "In 2015, Prime Minister Abe apologised.", "Prime Minister Abe", published=later)
    assert history.flags == ()
    wrong = one(jk, nlp, "Prime Minister Abe in 2021 said talks would go on.", "Prime Minister Abe",
                published=dt.date(2021, 6, 1))
    assert wrong.flags == ("role_date_mismatch",)
    undated = one(jk, nlp, "Prime Minister Abe said talks would go on.", "Prime Minister Abe", published=later)
    assert undated.flags == ("role_date_mismatch",)  # no date in the sentence: the publication date


def test_title_alone_resolves_at_the_sentence_date(jk: ActorResolver, nlp: Any) -> None:
    text = "In March 2019, the Japanese prime minister visited Seoul."
    mention = one(jk, nlp, text, "the Japanese prime minister", published=dt.date(2023, 6, 1))
    assert mention.ref.actor == "JPN.PER.ABE_SHINZO"


def test_former_title_is_not_a_mismatch(jk: ActorResolver, nlp: Any) -> None:
    mention = one(jk, nlp, "Former Prime Minister Abe spoke.", "Former Prime Minister Abe",
                  published=dt.date(2021, 6, 1))
    assert mention.flags == ()


def test_resolve_person_at(jk: ActorResolver) -> None:
    ref, flags = jk.resolve_person_at("JPN.PER.KONO_TARO", dt.date(2020, 1, 1), "foreign_minister")
    assert (ref.actor, ref.country, ref.kind, flags) == ("JPN.PER.KONO_TARO", "JPN", "person",
                                                         ("role_date_mismatch",))
    _, flags = jk.resolve_person_at("JPN.PER.KONO_TARO", dt.date(2020, 1, 1), "defence_minister")
    assert flags == ()
    _, flags = jk.resolve_person_at("JPN.PER.KONO_TARO", None, "defence_minister")
    assert flags == ()


def test_ambiguous_surname_uses_the_full_name_seen_before(jk: ActorResolver, nlp: Any) -> None:
    found = rows(jk, nlp, "Kim Dae-jung visited Tokyo in 1998. Kim said the past was past.",
                 published=dt.date(1998, 10, 9))
    assert found[-1] == ("Kim", "KOR.PER.KIM_DAEJUNG", "KOR", "person")


def test_ambiguous_surname_uses_who_held_office_at_the_date(jk: ActorResolver, nlp: Any) -> None:
    assert rows(jk, nlp, "Kim fired a missile.", published=dt.date(2019, 8, 15)) == [
        ("Kim", "PRK.PER.KIM_JONGUN", "PRK", "person")]


def test_pronouns_resolve_within_the_paragraph(jk: ActorResolver, nlp: Any) -> None:
    text = "Prime Minister Shinzo Abe spoke on Monday. He said Seoul broke the deal.\nHe left."
    found = rows(jk, nlp, text)
    assert ("He", "JPN.PER.ABE_SHINZO", "JPN", "person") in found
    assert sum(1 for r in found if r[0] == "He") == 1  # not across the paragraph break
    he = one(jk, nlp, text.split("\n")[0], "He")
    assert he.flags == ("pronoun",)


def test_pronoun_gender_from_honorifics(fd: ActorResolver, nlp: Any) -> None:
    text = "Ms. Merkel met Mr. Macron. She said the talks went well."
    assert rows(fd, nlp, text)[-1] == ("She", "DEU.PER.MERKEL_ANGELA", "DEU", "person")
    text = "Ms. Merkel met Mr. Macron. He said the talks went well."
    assert rows(fd, nlp, text)[-1] == ("He", "FRA.PER.MACRON_EMMANUEL", "FRA", "person")


# ---- dyad phrases ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "span", "kind"), [
    ("The two countries signed a pact.", "The two countries", "state"),
    ("Both countries agreed.", "Both countries", "state"),
    ("Both governments agreed.", "Both governments", "government"),
    ("The two neighbours clashed.", "The two neighbours", "state"),
    ("The two Asian neighbors clashed.", "The two Asian neighbors", "state"),
    ("Washington urged its two allies to talk.", "its two allies", "state"),
])
def test_dyad_phrases(jk: ActorResolver, nlp: Any, text: str, span: str, kind: str) -> None:
    mention = one(jk, nlp, text, span)
    assert (mention.ref.actor, mention.ref.country, mention.ref.kind) == ("DYAD", "DYAD", kind)


def test_dyad_phrase_after_another_pair_is_not_the_dyad(jk: ActorResolver, nlp: Any) -> None:
    text = "China and the United States traded barbs, and the two countries later agreed to talk."
    mention = one(jk, nlp, text, "the two countries")
    assert (mention.ref.country, mention.flags) == (None, ("other_pair",))
    text = "Japan and South Korea met as China watched; the two countries agreed."
    assert one(jk, nlp, text, "the two countries").ref.country == "DYAD"


# ---- span_ref -------------------------------------------------------------------------------------------------
def test_span_ref_picks_the_head_of_the_phrase(jk: ActorResolver, nlp: Any) -> None:
    text = "The foreign minister of Japan's government met officials."
    doc = nlp("Japanese officials from Tokyo's foreign ministry met in Seoul.")
    mention = jk.span_ref(doc, 0, len("Japanese officials from Tokyo's foreign ministry"), at=PUB)
    assert mention is not None and mention.text == "Japanese officials"
    assert jk.span_ref(nlp(text), 0, 3, at=PUB) is None


# ---- another pair ---------------------------------------------------------------------------------------------
def test_france_germany(fd: ActorResolver, nlp: Any) -> None:
    text = ("Berlin and Paris agreed on Tuesday. The French government criticised German officials, and "
            "Chancellor Scholz met French President Emmanuel Macron. The Elysee said the two countries would talk.")
    assert rows(fd, nlp, text, published=dt.date(2022, 3, 1)) == [
        ("Berlin", "DEU", "DEU", "government"), ("Paris", "FRA", "FRA", "government"),
        ("The French government", "FRA", "FRA", "government"), ("German officials", "DEU", "DEU", "government"),
        ("Chancellor Scholz", "DEU.PER.SCHOLZ_OLAF", "DEU", "person"),
        ("French President Emmanuel Macron", "FRA.PER.MACRON_EMMANUEL", "FRA", "person"),
        ("The Elysee", "FRA", "FRA", "government"), ("the two countries", "DYAD", "DYAD", "state")]


def test_france_germany_dated_roles(fd: ActorResolver, nlp: Any) -> None:
    chancellor = "The German chancellor visited Paris."
    assert one(fd, nlp, chancellor, "The German chancellor", published=dt.date(2019, 1, 1)).ref.actor == \
        "DEU.PER.MERKEL_ANGELA"
    assert one(fd, nlp, chancellor, "The German chancellor", published=dt.date(2023, 1, 1)).ref.actor == \
        "DEU.PER.SCHOLZ_OLAF"
    flagged = one(fd, nlp, "Chancellor Merkel spoke.", "Chancellor Merkel", published=dt.date(2023, 1, 1))
    assert flagged.flags == ("role_date_mismatch",)


def test_unparsed_doc_still_resolves(jk: ActorResolver) -> None:
    import spacy

    doc = spacy.blank("en")("The Japanese government and Seoul's top court met. Tokyo said both countries agreed.")
    found = [(m.text, m.ref.actor, m.ref.kind) for m in jk.mentions(doc, published=PUB)]
    assert found == [("The Japanese government", "JPN", "government"),
                     ("Seoul's top court", "KOR.JUD.SUPREME_COURT", "judiciary"),
                     ("Tokyo", "JPN", "government"), ("both countries", "DYAD", "state")]


# ---- properties -----------------------------------------------------------------------------------------------
_WORDS = ["Tokyo", "Seoul", "Japan", "South", "Korea", "Korean", "Japanese", "the", "government", "officials",
          "said", "Abe", "Moon", "Prime", "Minister", "President", "he", "she", "and", "both", "two", "countries",
          "Supreme", "Court", "'s", "in", ",", ".", "\n", "top", "court", "Kim", "former", "Blue", "House"]


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), max_size=16),
       at=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2026, 1, 1))))
def test_mentions_lie_inside_the_text(jk: ActorResolver, nlp: Any, words: list[str], at: dt.date | None) -> None:
    text = " ".join(words)
    doc = nlp(text)
    found = jk.mentions(doc, published=at)
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
    assert [m.start for m in found] == sorted(m.start for m in found)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=16), data=st.data())
def test_span_ref_returns_an_overlapping_mention_or_none(jk: ActorResolver, nlp: Any, words: list[str],
                                                         data: st.DataObject) -> None:
    text = " ".join(words)
    doc = nlp(text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    found = jk.span_ref(doc, start, end, at=PUB)
    if found is not None:
        assert found.start < end and found.end > start
        assert text[found.start:found.end] == found.text
