"""Dates anchored in the knowledge pack ("the 1965 treaty") only date events the pack's row could be about."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest


@pytest.fixture(scope="module")
def jk_coder(nlp: Any) -> Any:
    from dyad.code.api import Coder

    return Coder("jpn_kor", nlp=nlp)


def _events(coder: Any, text: str, published: dt.date | None) -> list[Any]:
    from dyad.code.api import text_article

    return list(coder.code(text_article(text, published=published)).events)


def test_a_summit_of_other_states_does_not_take_a_pack_summit_date(jk_coder: Any) -> None:
    text = ("The envoys held a call to exchange views on the recent summit meeting between Russian President "
            "Putin and North Korean leader Kim.")
    summit = [e for e in _events(jk_coder, text, None) if {e.source.country, e.target.country} == {"RUS", "PRK"}]
    assert summit, "the Russia-North Korea summit should be coded"
    assert all(e.date is None and e.date_basis == "none" for e in summit)


def test_the_pack_event_named_by_its_year_keeps_its_date(jk_coder: Any) -> None:
    events = _events(jk_coder, "Tokyo says the 1965 treaty settled every claim.", dt.date(2022, 3, 14))
    treaty = [e for e in events if e.event_type == "AGREE" and {e.source.country, e.target.country} == {"JPN", "KOR"}]
    assert treaty
    assert all(e.date is not None and e.date.startswith("1965") for e in treaty)
