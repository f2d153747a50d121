"""The resolvers against dyad's own jpn_kor pack: checks by what the pack says, not by hard-coded ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dyad.knowledge import KnowledgePack, load_pack
from dyad.records import date_bounds
from dyad.resolve.actors import ActorResolver
from dyad.resolve.dates import DateResolver

PUB = dt.date(2019, 8, 2)
TEXT = (
    "South Korea vowed Friday to take countermeasures after Japan's Cabinet approved removing the country from "
    "its list of trusted trading partners.\n"
    "President Moon Jae-in called the decision reckless and said Seoul would not lose to Japan again. He convened "
    "an emergency meeting at the Blue House.\n"
    "The Japanese prime minister said the move was about security. The South Korean Supreme Court last October "
    "ordered Nippon Steel to compensate four Koreans. Tokyo says the matter was settled under the 1965 treaty, "
    "and the two countries have argued since."
)


@pytest.fixture(scope="module")
def real_pack() -> KnowledgePack:
    try:
        pack = load_pack("jpn_kor")
    except Exception as exc:  # the shipped pack is someone else's work in progress
        pytest.skip(f"jpn_kor pack not loadable: {exc}")
    if not pack.persons or not pack.countries:
        pytest.skip("jpn_kor pack has no persons or countries yet")
    return pack


def test_real_pack_actors(real_pack: KnowledgePack, nlp: Any) -> None:
    a, b = real_pack.dyad
    resolver = ActorResolver(real_pack)
    doc = nlp(TEXT)
    found = {m.text: m for m in resolver.mentions(doc, published=PUB)}
    for mention in found.values():
        assert TEXT[mention.start:mention.end] == mention.text
    assert found["South Korea"].ref.kind == "state"
    assert found["Seoul"].ref.kind == "government"
    assert found["Tokyo"].ref.country == found["Japan"].ref.country
    assert found["the two countries"].ref.country == "DYAD"
    moon = found["President Moon Jae-in"]
    assert moon.ref.actor is not None and moon.ref.country == found["South Korea"].ref.country
    assert "head_of_state" in moon.held and moon.flags == ()
    assert found["He"].ref.actor == moon.ref.actor
    pm = found["The Japanese prime minister"]
    holders = {r.person_id for r in real_pack.holders(found["Japan"].ref.country or "", "head_of_government", PUB)}
    assert pm.ref.actor in holders
    court = found["The South Korean Supreme Court"]
    assert court.ref.kind == "judiciary" and court.ref.country == found["South Korea"].ref.country
    assert {found["Japan"].ref.country, found["South Korea"].ref.country} == {a, b}


def test_real_pack_dates(real_pack: KnowledgePack) -> None:
    found = {m.text: m for m in DateResolver(real_pack).mentions(TEXT, published=PUB)}
    assert found["Friday"].date == "2019-08-02"
    assert found["last October"].date == "2018-10"
    treaty = found["the 1965 treaty"]
    assert treaty.basis == "context" and treaty.date is not None and treaty.date.startswith("1965")
    for mention in found.values():
        assert date_bounds(mention.date) is not None
