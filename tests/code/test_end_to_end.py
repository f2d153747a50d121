"""The Coder with the real resolvers and the jpn_kor pack, on a short news story written for this test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

STORY = """Japan tightens grip on chip materials

TOKYO — Japan imposed export controls on three chemicals bound for South Korea on Thursday, a move Seoul called
retaliation for court rulings on wartime labour.

South Korea summoned the Japanese ambassador and said it would file a complaint with the World Trade Organization.

Officials in Seoul said Tokyo must withdraw the measures. Japan's trade minister rejected the demand on Friday.

Many South Koreans see Japan as an unreliable partner, and civic groups called for a boycott of Japanese beer.
"""


@pytest.fixture(scope="module")
def coded(nlp: Any) -> Any:
    from dyad.code.api import Coder, text_article

    coder = Coder("jpn_kor", nlp=nlp)
    return coder.code(text_article(STORY, published=dt.date(2019, 7, 6)))


def test_key_events(coded: Any) -> None:
    got = {(e.source.country, e.event_type, e.target.country) for e in coded.events}
    assert ("JPN", "SANCTION", "KOR") in got
    assert ("KOR", "ACCUSE", "JPN") in got
    assert ("KOR", "REQUEST", "JPN") in got
    assert ("JPN", "REJECT", "KOR") in got


def test_dates_are_resolved_against_publication(coded: Any) -> None:
    sanction = next(e for e in coded.events if e.event_type == "SANCTION" and e.source.country == "JPN")
    assert sanction.date == "2019-07-04"
    assert sanction.date_basis == "relative"


def test_issue_tags_come_from_the_pack(coded: Any) -> None:
    tags = {i for e in coded.events for i in e.issues}
    assert tags, "the pack's issue phrases (export controls, wartime labour) should tag some event"


def test_perception_from_the_story(coded: Any) -> None:
    assert any((p.holder.country, p.about.country, p.stance) == ("KOR", "JPN", "negative")
               for p in coded.perceptions)


def test_every_record_points_at_its_sentence(coded: Any) -> None:
    for r in [*coded.events, *coded.perceptions]:
        assert STORY[r.start:r.end] == r.sentence
