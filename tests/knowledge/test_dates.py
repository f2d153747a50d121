"""Pack dates: strict ISO at day/month/year precision, round trips under hypothesis."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyad.knowledge.dates import format_at, parse_day, precision_of
from dyad.knowledge.query import date_range
from dyad.records import date_bounds

days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))
precisions = st.sampled_from(["day", "month", "year"])


@given(days)
def test_day_round_trip(day: dt.date) -> None:
    assert parse_day(format_at(day, "day")) == day


@given(days, precisions)
def test_precision_round_trip(day: dt.date, precision: str) -> None:
    text = format_at(day, precision)
    assert precision_of(text) == precision
    bounds = date_bounds(text)
    assert bounds is not None
    first, last = bounds
    assert first <= day <= last
    assert date_range(text, end=False) == first and date_range(text, end=True) == last


@given(st.text(max_size=12))
def test_precision_of_never_raises(text: str) -> None:
    result = precision_of(text)
    if result == "day":
        assert parse_day(text).isoformat() == text


@pytest.mark.parametrize("text", ["2019-02-30", "2019-13", "19-01-01", "20190101", "2019-1-1", "2019-01-01T00:00",
                                  " 2019", ""])
def test_not_dates(text: str) -> None:
    assert precision_of(text) is None
    with pytest.raises(ValueError):
        parse_day(text)


def test_leap_day() -> None:
    assert precision_of("2020-02-29") == "day"
    assert precision_of("2019-02-29") is None
