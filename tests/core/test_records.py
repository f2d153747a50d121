"""The record model: ids, date bounds and JSON round trips (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyad.ontology import event_types
from dyad.records import (
    MODALITIES,
    ActorRef,
    EventRecord,
    PerceptionRecord,
    article_id,
    date_bounds,
    normalise_for_id,
)

countries = st.sampled_from(["JPN", "KOR", "USA", "CHN", "PRK", None])
text = st.text(min_size=0, max_size=40)
actor = st.builds(ActorRef, text=text, actor=st.one_of(st.none(), text), country=countries,
                  kind=st.sampled_from(["state", "government", "person", None]))
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def iso_dates(draw: st.DrawFn) -> str:
    d = draw(days)
    form = draw(st.sampled_from(["day", "month", "year", "interval"]))
    if form == "day":
        return d.isoformat()
    if form == "month":
        return d.isoformat()[:7]
    if form == "year":
        return d.isoformat()[:4]
    later = draw(st.dates(min_value=d, max_value=dt.date(2100, 12, 31)))
    return f"{d.isoformat()[:7]}/{later.isoformat()[:7]}"


@st.composite
def events(draw: st.DrawFn) -> EventRecord:
    etype = draw(st.sampled_from(sorted(event_types())))
    t = event_types()[etype]
    sentence = draw(st.text(min_size=1, max_size=80))
    start = draw(st.integers(0, 10_000))
    return EventRecord(
        article=draw(st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)), sentence=sentence,
        start=start, end=start + len(sentence), source=draw(actor), target=draw(actor), event_type=etype,
        quad_class=t.quad_class, intensity=t.intensity, modality=draw(st.sampled_from(MODALITIES)),
        date=draw(st.one_of(st.none(), iso_dates())), date_text=draw(st.one_of(st.none(), text)),
        issues=tuple(draw(st.lists(st.sampled_from(["history.comfort_women", "security.gsomia"]), max_size=2))),
        flags=tuple(draw(st.lists(st.just("role_date_mismatch"), max_size=1))),
        confidence=draw(st.floats(0, 1)), trigger=draw(st.one_of(st.none(), text)),
    )


@given(events())
def test_event_json_round_trip(event: EventRecord) -> None:
    data = json.loads(json.dumps(event.to_json()))
    back = EventRecord.from_json(data)
    assert back.to_json() == event.to_json()
    assert back.id == EventRecord.from_json(data).id


@given(st.builds(PerceptionRecord, article=text, sentence=text, start=st.integers(0, 100), end=st.integers(100, 200),
                 holder=actor, about=actor, stance=st.sampled_from(["negative", "positive", "mixed", "neutral"]),
                 frame=text))
def test_perception_json_round_trip(perception: PerceptionRecord) -> None:
    assert PerceptionRecord.from_json(json.loads(json.dumps(perception.to_json()))).to_json() == perception.to_json()


@given(iso_dates())
def test_date_bounds_contain_the_date(date: str) -> None:
    bounds = date_bounds(date)
    assert bounds is not None
    lo, hi = bounds
    assert lo <= hi
    assert lo.isoformat().startswith(date.split("/")[0])


@pytest.mark.parametrize(("date", "lo", "hi"), [
    ("1998", "1998-01-01", "1998-12-31"),
    ("2018-10", "2018-10-01", "2018-10-31"),
    ("2020-02", "2020-02-01", "2020-02-29"),
    ("2019-12", "2019-12-01", "2019-12-31"),
    ("2019-08-02", "2019-08-02", "2019-08-02"),
    ("1990/1999", "1990-01-01", "1999-12-31"),
    ("2003-01/2003-04", "2003-01-01", "2003-04-30"),
])
def test_date_bounds_table(date: str, lo: str, hi: str) -> None:
    assert date_bounds(date) == (dt.date.fromisoformat(lo), dt.date.fromisoformat(hi))


@pytest.mark.parametrize("bad", ["last year", "2019-13", "2020/2019", ""])
def test_date_bounds_rejects_garbage(bad: str) -> None:
    with pytest.raises(ValueError):
        date_bounds(bad)


def test_article_id_ignores_case_and_spacing_but_not_words() -> None:
    assert article_id("Tokyo  imposed\ncontrols.") == article_id("tokyo imposed controls.")
    assert article_id("Tokyo imposed controls.") != article_id("Seoul imposed controls.")
    assert len(article_id("x")) == 16
    assert normalise_for_id("Ａ") == normalise_for_id("Ａ")


def test_event_id_is_stable_and_distinguishes_direction() -> None:
    t = event_types()["ACCUSE"]
    base = dict(article="a" * 16, sentence="s", start=0, end=1, event_type="ACCUSE", quad_class=t.quad_class,
                intensity=t.intensity, modality="occurred")
    a = EventRecord(source=ActorRef("Japan", "JPN", "JPN"), target=ActorRef("Korea", "KOR", "KOR"), **base)  # type: ignore[arg-type]
    b = EventRecord(source=ActorRef("Korea", "KOR", "KOR"), target=ActorRef("Japan", "JPN", "JPN"), **base)  # type: ignore[arg-type]
    assert a.id == EventRecord.from_json(a.to_json()).id
    assert a.id != b.id
