"""Unicode letters that case-insensitive matching folds onto ASCII (long s, Kelvin sign) must not crash lookups."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyad.records import date_bounds
from dyad.resolve.dates import DateResolver

PUB = dt.date(2020, 1, 15)


@pytest.mark.parametrize(("text", "date"), [
    ("It happened in ſpring 2019.", "2019-03/2019-05"),
    ("It happened in spring 2019.", "2019-03/2019-05"),
])
def test_folded_letters_resolve_like_ascii(text: str, date: str) -> None:
    found = DateResolver().mentions(text, published=PUB)
    assert [m.date for m in found] == [date]


@given(st.text(alphabet=st.sampled_from(list("ſKkSsprigum Jnuaytebcho0123456789")), max_size=40))
def test_no_crash_on_folding_letters(text: str) -> None:
    for m in DateResolver().mentions(text, published=PUB):
        assert text[m.start:m.end] == m.text
        if m.date is not None:
            date_bounds(m.date)
